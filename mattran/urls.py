from django.contrib import admin
from django.urls import include, path

from mattran.api import api
from mattran.core.views import health

# Uploaded files are served only by views that check permissions (mattran.core.media): no catch-all for
# MEDIA_ROOT in any mode.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("suc-khoe/", health, name="health"),
    path("", include("mattran.accounts.urls")),
    path("", include("mattran.core.urls")),
    path("don-vi/", include("mattran.org.urls")),
    path("nhat-ky/", include("mattran.home.urls")),
    path("nhan-su/", include("mattran.people.urls")),
    path("hoi-nghi/", include("mattran.meetings.urls")),
    path("chuong-trinh/", include("mattran.programs.urls")),
    path("", include("mattran.petitions.urls")),
    path("quy/", include("mattran.funds.urls")),
    path("giam-sat/", include("mattran.oversight.urls")),
    path("bao-cao/", include("mattran.reports.urls")),
]

handler500 = "mattran.core.views.server_error"
