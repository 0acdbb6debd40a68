from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("don-vi/<int:unit_id>/", views.committee, name="committee"),
    path("don-vi/<int:unit_id>/nhiem-ky/them/", views.term_create, name="term_create"),
    path("don-vi/<int:unit_id>/uy-vien/them/", views.member_add, name="member_add"),
    path("don-vi/<int:unit_id>/xuat-excel/", views.committee_export, name="committee_export"),
    path("don-vi/<int:unit_id>/nhap-excel/", views.committee_import, name="committee_import"),
    path("uy-vien/<int:membership_id>/thoi/", views.member_end, name="member_end"),
    path("nguoi/<int:person_id>/", views.person_detail, name="person"),
    path("nguoi/<int:person_id>/sua/", views.person_edit, name="person_edit"),
    path("nguoi/<int:person_id>/chuc-vu/", views.person_post_add, name="person_post_add"),
]
