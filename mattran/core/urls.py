from django.urls import path

from . import views_notices

app_name = "core"
urlpatterns = [
    path("thong-bao/", views_notices.notifications, name="notifications"),
    path("thong-bao/da-doc/", views_notices.mark_read, name="notifications_read"),
    path("lich-lam-viec/", views_notices.calendar, name="calendar"),
    path("lich-lam-viec/<int:override_id>/xoa/", views_notices.calendar_remove, name="calendar_remove"),
]
