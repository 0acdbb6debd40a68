"""The oversight pages: each page its URL, each change made from a page its own URL (a POST)."""

from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="index"),
    path("chuong-trinh/tao/", views.programme_create, name="programme_create"),
    path("chuong-trinh/<int:programme_id>/", views.programme, name="programme"),
    path("chuong-trinh/<int:programme_id>/thong-qua/", views.programme_adopt, name="programme_adopt"),
    path(
        "chuong-trinh/<int:programme_id>/them-hoat-dong/",
        views.programme_add_activity,
        name="programme_add_activity",
    ),
    path("chuong-trinh/<int:programme_id>/cong-khai/", views.programme_publish, name="programme_publish"),
    path("hoat-dong/<int:activity_id>/", views.activity, name="activity"),
    path("hoat-dong/<int:activity_id>/doi-tuong/", views.activity_subject, name="activity_subject"),
    path("hoat-dong/<int:activity_id>/thanh-lap-doan/", views.activity_team, name="activity_team"),
    path("hoat-dong/<int:activity_id>/ke-hoach/", views.activity_plan, name="activity_plan"),
    path("hoat-dong/<int:activity_id>/thong-bao/", views.activity_notice, name="activity_notice"),
    path("hoat-dong/<int:activity_id>/buoi-lam-viec/", views.activity_session, name="activity_session"),
    path("hoat-dong/<int:activity_id>/phat-hien/", views.activity_finding, name="activity_finding"),
    path("hoat-dong/<int:activity_id>/ket-luan/", views.activity_conclude, name="activity_conclude"),
    path("hoat-dong/<int:activity_id>/kien-nghi/", views.activity_recommend, name="activity_recommend"),
    path("hoat-dong/<int:activity_id>/giam-sat-lai/", views.activity_follow_up, name="activity_follow_up"),
    path(
        "hoat-dong/<int:activity_id>/van-ban-kien-nghi.docx",
        views.recommendation_letter,
        {"fmt": "docx"},
        name="letter_docx",
    ),
    path(
        "hoat-dong/<int:activity_id>/<slug:kind>.docx",
        views.activity_document,
        {"fmt": "docx"},
        name="activity_docx",
    ),
    path(
        "hoat-dong/<int:activity_id>/<slug:kind>.pdf",
        views.activity_document,
        {"fmt": "pdf"},
        name="activity_pdf",
    ),
    path("buoi-lam-viec/<int:session_id>/anh/", views.session_photo, name="session_photo"),
    path("anh/<int:photo_id>/", views.photo_file, name="photo_file"),
    path("kien-nghi/", views.recommendations, name="recommendations"),
    path("kien-nghi/<int:rec_id>/tra-loi/", views.recommendation_answer, name="recommendation_answer"),
    path("kien-nghi/<int:rec_id>/ket-thuc/", views.recommendation_close, name="recommendation_close"),
    path("kien-nghi/<int:rec_id>/van-ban-tra-loi/", views.answer_file, name="answer_file"),
    path("phan-bien/tao/", views.draft_create, name="draft_create"),
    path("phan-bien/<int:draft_id>/", views.draft, name="draft"),
    path("phan-bien/<int:draft_id>/nguoi-tham-gia/", views.draft_participant, name="draft_participant"),
    path("phan-bien/<int:draft_id>/y-kien/", views.draft_point, name="draft_point"),
    path("phan-bien/<int:draft_id>/gui/", views.draft_send, name="draft_send"),
    path("phan-bien/<int:draft_id>/cong-khai/", views.draft_publish, name="draft_publish"),
    path("phan-bien/y-kien/<int:point_id>/giai-trinh/", views.point_response, name="point_response"),
    path("phan-bien/<int:draft_id>/van-ban.docx", views.draft_document, {"fmt": "docx"}, name="draft_docx"),
    path("danh-gia-khu-dan-cu/", views.evaluations, name="evaluations"),
    path("danh-gia-khu-dan-cu/<int:evaluation_id>/", views.evaluation, name="evaluation"),
    path("cong-khai/<int:unit_id>/", views.public, name="public"),
]
