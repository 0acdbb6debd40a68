from django.urls import path

from . import views

app_name = "funds"
urlpatterns = [
    path("", views.index, name="index"),
    path("mo-quy/", views.create_fund, name="create"),
    path("<int:fund_id>/", views.fund_detail, name="fund"),
    path("<int:fund_id>/thu/", views.new_receipt, name="receipt_new"),
    path("<int:fund_id>/chi/", views.new_disbursement, name="disbursement_new"),
    path("<int:fund_id>/quyet-dinh/", views.new_decision, name="decision_new"),
    path("<int:fund_id>/dieu-tiet/", views.transfer, name="transfer"),
    path("<int:fund_id>/keu-goi/", views.new_appeal, name="appeal_new"),
    path("<int:fund_id>/tai-khoan/", views.new_account, name="account_new"),
    path("but-toan/<int:entry_id>/dao/", views.reverse_entry, name="reverse"),
    path("bien-lai/<int:receipt_id>/docx/", views.receipt_document, {"fmt": "docx"}, name="receipt_docx"),
    path("bien-lai/<int:receipt_id>/pdf/", views.receipt_document, {"fmt": "pdf"}, name="receipt_pdf"),
    path("tai-khoan/<int:account_id>/", views.account_detail, name="account"),
    path("tai-khoan/<int:account_id>/doi-chieu/", views.reconcile, name="reconcile"),
    path("sao-ke/<int:statement_id>/", views.statement_detail, name="statement"),
    path("sao-ke/<int:statement_id>/xep-lai/", views.statement_requeue, name="statement_requeue"),
    path("don-vi/<int:unit_id>/ho-duoc-ho-tro/", views.beneficiary_list, name="beneficiaries"),
    path("don-vi/<int:unit_id>/ho-duoc-ho-tro/them/", views.new_beneficiary, name="beneficiary_new"),
    path("ho/<int:beneficiary_id>/", views.beneficiary_detail, name="beneficiary"),
    path("<int:fund_id>/khoan-chi/", views.fund_disbursements, name="disbursements"),
    path("don-vi/<int:unit_id>/khoan-chi/", views.unit_disbursements, name="unit_disbursements"),
    path("khoan-chi/<int:disbursement_id>/", views.disbursement_detail, name="disbursement"),
    path("khoan-chi/<int:disbursement_id>/tien-do/", views.house_progress, name="house_progress"),
    path("don-vi/<int:unit_id>/nha-dai-doan-ket/", views.unit_houses, name="houses"),
    path("cong-khai/", views.public_index, name="public_index"),
    path("cong-khai/quy/<int:fund_id>/", views.public_fund, name="public_fund"),
    path("cong-khai/keu-goi/<int:appeal_id>/", views.public_appeal, name="public_appeal"),
    path("cong-khai/keu-goi/<int:appeal_id>/qr.svg", views.public_appeal_qr, name="public_qr"),
    path("cong-khai/sao-ke/", views.public_search, name="public_search"),
    path("cong-khai/kiem-tra/", views.public_check, name="public_check"),
]
