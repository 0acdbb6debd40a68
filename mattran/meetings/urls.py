from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<int:unit_id>/", views.calendar, name="calendar"),
    path("don-vi/<int:unit_id>/ghi/", views.meeting_create, name="create"),
    path("<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("<int:meeting_id>/sua/", views.meeting_edit, name="edit"),
    path("<int:meeting_id>/diem-danh/", views.attendance, name="attendance"),
    path("<int:meeting_id>/them/<slug:what>/", views.meeting_add, name="add"),
    path("<int:meeting_id>/bien-ban.docx", views.minutes, {"fmt": "docx"}, name="minutes"),
    path("<int:meeting_id>/bien-ban.pdf", views.minutes, {"fmt": "pdf"}, name="minutes_pdf"),
    path("<int:meeting_id>/soan-tin/", views.news_generate, name="news_generate"),
    path(
        "noi-dung/<int:item_id>/de-xuat/",
        views.propose_consultation_change,
        name="propose_consultation_change",
    ),
    path(
        "noi-dung/<int:item_id>/de-xuat-so-luong/",
        views.propose_unnamed_seats,
        name="propose_unnamed_seats",
    ),
    path("de-xuat/<int:change_id>/ghi-ten/", views.name_consultation_change, name="name_change"),
    path("bieu-quyet/<int:vote_id>/ghi/", views.record_vote, name="record_vote"),
    path("bieu-quyet/<int:vote_id>/ghi-theo-nguon/", views.record_vote_outcome, name="record_vote_outcome"),
    path("so-lieu/<int:figure_id>/xoa/", views.remove_figure, name="remove_figure"),
    path("so-lieu/<int:figure_id>/dua-vao-bao-cao/", views.use_figure_in_report, name="use_figure"),
    path("tep/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("tin-bai/<int:item_id>/", views.news_edit, name="news_edit"),
    path("tin-bai/<int:item_id>/dang/", views.news_publish, name="news_publish"),
    path("tin-bai/<int:item_id>/soan-lai/", views.news_regenerate, name="news_regenerate"),
    path("tin-bai/<int:item_id>/go/", views.news_unpublish, name="news_unpublish"),
    path("tin/<int:unit_id>/", views.public_news, name="public_news"),
    path("tin/bai/<int:item_id>/", views.public_news_item, name="public_news_item"),
]
