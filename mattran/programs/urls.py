"""The programs pages: each page has its URL, and each change made from a page its own URL (a POST)."""

from django.urls import path

from . import files
from .views import agreements, awards, campaigns, clusters, index, programs, votes

app_name = "programs"
urlpatterns = [
    path("", index.index, name="index"),
    # coordination programs
    path("tao/", programs.program_create, name="program_create"),
    path("<int:program_id>/", programs.program_detail, name="program"),
    path("<int:program_id>/them-ben/", programs.program_add_participant, name="program_add_participant"),
    path("<int:program_id>/them-noi-dung/", programs.program_add_content, name="program_add_content"),
    path("<int:program_id>/them-nhiem-vu/", programs.program_add_task, name="program_add_task"),
    path("<int:program_id>/ky-ket/", programs.program_sign, name="program_sign"),
    path("<int:program_id>/tien-do/", programs.program_record_progress, name="program_record_progress"),
    path("<int:program_id>/so-ket-tong-ket/", programs.program_review, name="program_review"),
    path("<int:program_id>/chep-sang-nam-sau/", programs.program_copy_forward, name="program_copy_forward"),
    path("<int:program_id>/van-ban.docx", programs.program_docx, {"fmt": "docx"}, name="program_docx"),
    path("<int:program_id>/van-ban.pdf", programs.program_docx, {"fmt": "pdf"}, name="program_pdf"),
    # campaigns
    path("cuoc-van-dong/", campaigns.campaigns, name="campaigns"),
    path("cuoc-van-dong/tao/", campaigns.campaign_create, name="campaign_create"),
    path("cuoc-van-dong/<int:campaign_id>/", campaigns.campaign_detail, name="campaign"),
    path("cuoc-van-dong/<int:campaign_id>/sua/", campaigns.campaign_edit, name="campaign_edit"),
    path("cuoc-van-dong/<int:campaign_id>/dang-ky/", campaigns.campaign_join, name="campaign_join"),
    path("cuoc-van-dong/<int:campaign_id>/so-lieu/", campaigns.campaign_figure, name="campaign_figure"),
    path("hoi-nghi/<int:meeting_id>/cuoc-van-dong/", campaigns.campaign_attach, name="campaign_attach"),
    # clusters
    path("cum/<int:cluster_id>/", clusters.cluster_detail, name="cluster"),
    path("cum/<int:cluster_id>/mo-binh-xet/", clusters.cluster_open_vote, name="cluster_open_vote"),
    path("cum/<int:cluster_id>/ban-giao/", clusters.cluster_hand_over, name="cluster_hand_over"),
    path("cum/<int:cluster_id>/giao-uoc/tao/", agreements.agreement_create, name="agreement_create"),
    path("cum/<int:cluster_id>/tong-ket.docx", clusters.cluster_docx, {"fmt": "docx"}, name="cluster_docx"),
    path("cum/<int:cluster_id>/tong-ket.pdf", clusters.cluster_docx, {"fmt": "pdf"}, name="cluster_pdf"),
    # agreements
    path("giao-uoc/tao/", agreements.agreement_create_for_units, name="agreement_create_units"),
    path("giao-uoc/<int:agreement_id>/", agreements.agreement_detail, name="agreement"),
    path(
        "giao-uoc/<int:agreement_id>/them-noi-dung/",
        agreements.agreement_add_criterion,
        name="agreement_add_criterion",
    ),
    path("giao-uoc/<int:agreement_id>/ky-ket/", agreements.agreement_sign, name="agreement_sign"),
    path("giao-uoc/<int:agreement_id>/chot-ket-qua/", agreements.agreement_close, name="agreement_close"),
    path(
        "giao-uoc/<int:agreement_id>/tu-cham/", agreements.agreement_self_score, name="agreement_self_score"
    ),
    path("giao-uoc/<int:agreement_id>/cham-diem/", agreements.agreement_assess, name="agreement_assess"),
    path(
        "giao-uoc/<int:agreement_id>/van-ban.docx",
        agreements.agreement_docx,
        {"fmt": "docx"},
        name="agreement_docx",
    ),
    path(
        "giao-uoc/<int:agreement_id>/van-ban.pdf",
        agreements.agreement_docx,
        {"fmt": "pdf"},
        name="agreement_pdf",
    ),
    # peer votes
    path("binh-xet/<int:vote_id>/", votes.vote_detail, name="vote"),
    path("binh-xet/<int:vote_id>/bo-phieu/", votes.vote_cast_ballot, name="vote_cast_ballot"),
    path("binh-xet/<int:vote_id>/ket-thuc/", votes.vote_close, name="vote_close"),
    path("binh-xet/<int:vote_id>/kiem-phieu/", votes.vote_tally, name="vote_tally"),
    path("binh-xet/<int:vote_id>/bo-phieu-lai/", votes.vote_open_runoff, name="vote_open_runoff"),
    # award histories
    path("khen-thuong/don-vi/<int:unit_id>/", awards.unit_awards, name="unit_awards"),
    path(
        "khen-thuong/don-vi/<int:unit_id>/quyet-dinh/", awards.unit_award_decision, name="unit_award_decision"
    ),
    path("khen-thuong/ca-nhan/<int:person_id>/", awards.person_awards, name="person_awards"),
    path(
        "khen-thuong/ca-nhan/<int:person_id>/quyet-dinh/",
        awards.person_award_decision,
        name="person_award_decision",
    ),
    path(
        "khen-thuong/ca-nhan/<int:person_id>/de-nghi/",
        awards.person_award_propose,
        name="person_award_propose",
    ),
    path("minh-chung/tien-do/<int:entry_id>/", files.progress_evidence, name="progress_evidence"),
    path("minh-chung/cham-diem/<int:evidence_id>/", files.score_evidence, name="score_evidence"),
]
