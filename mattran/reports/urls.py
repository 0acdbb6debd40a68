from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("chi-tieu/", views.indicators, name="indicators"),
    path("tong-hop/", views.pivot_view, name="pivot"),
    path("don-vi/<int:unit_id>/bieu/<slug:form_code>/<str:period_key>/", views.entry, name="entry"),
    path(
        "don-vi/<int:unit_id>/bieu/<slug:form_code>/<str:period_key>/tinh-hinh/",
        views.completeness,
        name="completeness",
    ),
    path("don-vi/<int:unit_id>/bieu/<slug:form_code>/<str:period_key>/excel/", views.excel, name="excel"),
    path("bao-cao/<int:submission_id>/<slug:op>/", views.decide, name="decide"),
    path("don-vi/<int:unit_id>/so-ket/<str:period_key>/", views.review, name="review"),
]
