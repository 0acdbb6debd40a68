"""Pages every part of the site shares: the server-error page and the health check."""

from __future__ import annotations

import sys

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .middleware import database_unreachable, unavailable_response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page in Vietnamese (JSON under /api/); an unreachable database gets its own 503 line."""
    exc = sys.exc_info()[1]
    if database_unreachable(exc):
        return unavailable_response(request)
    if request.path.startswith("/api/"):
        from django.utils.translation import gettext as _

        return JsonResponse(
            {"error": "server_error", "message": _("Lỗi máy chủ. Lỗi đã được ghi lại; hãy thử lại sau.")},
            status=500,
        )
    return HttpResponse(render_to_string("500.html"), status=500)


def health(request: HttpRequest) -> HttpResponse:
    """200 "ok" when the database answers (for the supervisor and a load balancer), else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 — any failure means not healthy
        if database_unreachable(exc):
            return HttpResponse("database unreachable", status=503, content_type="text/plain")
        raise
    return HttpResponse("ok", content_type="text/plain")
