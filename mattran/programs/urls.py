from django.urls import path

from . import files, views

app_name = "programs"
urlpatterns = [
    path("", views.index, name="index"),
    path("tao/", views.program_create, name="program_create"),
    path("<int:program_id>/", views.program_detail, name="program"),
    path("<int:program_id>/chep-sang-nam-sau/", views.program_copy_forward, name="program_copy_forward"),
    path("<int:program_id>/van-ban.docx", views.program_docx, {"fmt": "docx"}, name="program_docx"),
    path("<int:program_id>/van-ban.pdf", views.program_docx, {"fmt": "pdf"}, name="program_pdf"),
    path("cuoc-van-dong/", views.campaigns, name="campaigns"),
    path("cuoc-van-dong/tao/", views.campaign_create, name="campaign_create"),
    path("cuoc-van-dong/<int:campaign_id>/", views.campaign_detail, name="campaign"),
    path("cuoc-van-dong/<int:campaign_id>/sua/", views.campaign_edit, name="campaign_edit"),
    path("cum/<int:cluster_id>/", views.cluster_detail, name="cluster"),
    path("cum/<int:cluster_id>/giao-uoc/tao/", views.agreement_create, name="agreement_create"),
    path("cum/<int:cluster_id>/tong-ket.docx", views.cluster_docx, {"fmt": "docx"}, name="cluster_docx"),
    path("cum/<int:cluster_id>/tong-ket.pdf", views.cluster_docx, {"fmt": "pdf"}, name="cluster_pdf"),
    path("giao-uoc/tao/", views.agreement_create_for_units, name="agreement_create_units"),
    path("giao-uoc/<int:agreement_id>/", views.agreement_detail, name="agreement"),
    path(
        "giao-uoc/<int:agreement_id>/van-ban.docx",
        views.agreement_docx,
        {"fmt": "docx"},
        name="agreement_docx",
    ),
    path(
        "giao-uoc/<int:agreement_id>/van-ban.pdf", views.agreement_docx, {"fmt": "pdf"}, name="agreement_pdf"
    ),
    path("binh-xet/<int:vote_id>/", views.vote_detail, name="vote"),
    path("khen-thuong/don-vi/<int:unit_id>/", views.unit_awards, name="unit_awards"),
    path("khen-thuong/ca-nhan/<int:person_id>/", views.person_awards, name="person_awards"),
    path("minh-chung/tien-do/<int:entry_id>/", files.progress_evidence, name="progress_evidence"),
    path("minh-chung/cham-diem/<int:evidence_id>/", files.score_evidence, name="score_evidence"),
]
