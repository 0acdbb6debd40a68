from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from mattran.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("mattran.accounts.urls")),
    path("don-vi/", include("mattran.org.urls")),
    path("nhat-ky/", include("mattran.home.urls")),
    path("nhan-su/", include("mattran.people.urls")),
    path("hoi-nghi/", include("mattran.meetings.urls")),
    path("chuong-trinh/", include("mattran.programs.urls")),
    path("quy/", include("mattran.funds.urls")),
    path("bao-cao/", include("mattran.reports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(
        settings.MEDIA_URL if hasattr(settings, "MEDIA_URL") else "/media/", document_root=settings.MEDIA_ROOT
    )
