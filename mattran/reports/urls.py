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
    path("bao-cao/<int:submission_id>/gui/", views.submit, name="submit"),
    path("bao-cao/<int:submission_id>/duyet/", views.approve, name="approve"),
    path("bao-cao/<int:submission_id>/tra-lai/", views.return_, name="return"),
    path("bao-cao/<int:submission_id>/mo-lai/", views.reopen, name="reopen"),
    path("don-vi/<int:unit_id>/so-ket/<str:period_key>/", views.review, name="review"),
]
