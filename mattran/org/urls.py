from django.urls import path

from . import agency_views, views

app_name = "org"
urlpatterns = [
    path("tim/", views.search, name="search"),
    path("<int:unit_id>/", views.unit_detail, name="unit"),
    path("<int:unit_id>/sua/", views.edit_unit, name="edit"),
    path("<int:unit_id>/cum-thi-dua/tao/", views.cluster_create, name="cluster_create"),
    path("<int:unit_id>/them-khu-dan-cu/", views.add_residential, name="add_residential"),
    path("<int:unit_id>/nhap-excel/", views.import_residential, name="import_residential"),
    path("<int:unit_id>/sap-xep/", views.reorganise, name="reorganise"),
    path("<int:unit_id>/sap-xep/<slug:op>/", views.reorganise, name="reorganise_op"),
    path("<int:unit_id>/to-chuc-thanh-vien/them/", views.member_org_add, name="member_org_add"),
    path("to-chuc-thanh-vien/<int:org_id>/", views.member_org_edit, name="member_org_edit"),
    path("to-chuc-thanh-vien/<int:org_id>/thoi/", views.member_org_close, name="member_org_close"),
    path("<int:unit_id>/co-quan/", agency_views.agencies, name="agencies"),
    path("co-quan/<int:agency_id>/", agency_views.agency_edit, name="agency_edit"),
    path("co-quan/<int:agency_id>/doi-trang-thai/", agency_views.agency_toggle, name="agency_toggle"),
    path("cum-thi-dua/", views.clusters, name="clusters"),
    path("cum-thi-dua/<int:cluster_id>/", views.cluster_detail, name="cluster"),
]
