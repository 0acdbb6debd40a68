from django.urls import path

from .views import beneficiaries, disbursements, funds, ledger, public, receipts, statements, transfers

app_name = "funds"
urlpatterns = [
    path("", funds.index, name="index"),
    path("mo-quy/", funds.create_fund, name="create"),
    path("<int:fund_id>/", funds.fund_detail, name="fund"),
    path("<int:fund_id>/thu/", receipts.new_receipt, name="receipt_new"),
    path("<int:fund_id>/chi/", disbursements.new_disbursement, name="disbursement_new"),
    path("<int:fund_id>/quyet-dinh/", disbursements.new_decision, name="decision_new"),
    path("<int:fund_id>/dieu-tiet/", transfers.transfer, name="transfer"),
    path("<int:fund_id>/keu-goi/", funds.new_appeal, name="appeal_new"),
    path("<int:fund_id>/tai-khoan/", funds.new_account, name="account_new"),
    path("but-toan/<int:entry_id>/dao/", ledger.reverse_entry, name="reverse"),
    path("bien-lai/<int:receipt_id>/docx/", receipts.receipt_document, {"fmt": "docx"}, name="receipt_docx"),
    path("bien-lai/<int:receipt_id>/pdf/", receipts.receipt_document, {"fmt": "pdf"}, name="receipt_pdf"),
    path("tai-khoan/<int:account_id>/", statements.account_detail, name="account"),
    path("tai-khoan/<int:account_id>/doi-chieu/", receipts.reconcile, name="reconcile"),
    path("sao-ke/<int:statement_id>/", statements.statement_detail, name="statement"),
    path("sao-ke/<int:statement_id>/xep-lai/", statements.statement_requeue, name="statement_requeue"),
    path("don-vi/<int:unit_id>/ho-duoc-ho-tro/", beneficiaries.beneficiary_list, name="beneficiaries"),
    path("don-vi/<int:unit_id>/ho-duoc-ho-tro/them/", beneficiaries.new_beneficiary, name="beneficiary_new"),
    path("ho/<int:beneficiary_id>/", beneficiaries.beneficiary_detail, name="beneficiary"),
    path("<int:fund_id>/khoan-chi/", disbursements.fund_disbursements, name="disbursements"),
    path("don-vi/<int:unit_id>/khoan-chi/", disbursements.unit_disbursements, name="unit_disbursements"),
    path("khoan-chi/<int:disbursement_id>/", disbursements.disbursement_detail, name="disbursement"),
    path("khoan-chi/<int:disbursement_id>/tien-do/", disbursements.house_progress, name="house_progress"),
    path("don-vi/<int:unit_id>/nha-dai-doan-ket/", disbursements.unit_houses, name="houses"),
    path("cong-khai/", public.public_index, name="public_index"),
    path("cong-khai/quy/<int:fund_id>/", public.public_fund, name="public_fund"),
    path("cong-khai/keu-goi/<int:appeal_id>/", public.public_appeal, name="public_appeal"),
    path("cong-khai/keu-goi/<int:appeal_id>/qr.svg", public.public_appeal_qr, name="public_qr"),
    path("cong-khai/sao-ke/", public.public_search, name="public_search"),
    path("cong-khai/kiem-tra/", public.public_check, name="public_check"),
]
