import logging

from django.conf import settings
from django.db import DataError
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

logger = logging.getLogger(__name__)


class VietnameseFirstLocaleMiddleware(LocaleMiddleware):
    """Vietnamese unless the user chose another language (cookie); browsers' Accept-Language is ignored.

    Cadres' phones and office PCs often send English preferences; the product is Vietnamese first.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class OutOfRangeInputMiddleware:
    """A value the database cannot hold (a number of 10²⁰ typed into a form or a URL, a text too long for
    its column) is the visitor's input: answer 400 with a page that says so, not a server error. The action
    that met it has rolled back its transaction on the way here, so nothing was changed. (The API answers
    the same in JSON: ``mattran.api``.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OverflowError | DataError):
            return None
        logger.warning("Refused a value out of range at %s: %s", request.path, exception)
        return render(request, "400.html", status=400)


def database_unreachable(exc: BaseException | None) -> bool:
    """Whether an error means the database cannot be reached (down, wrong address, refused)."""
    from django.db import InterfaceError, OperationalError

    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    text = str(exc).lower()
    return any(
        words in text
        for words in (
            "connection",
            "could not connect",
            "server closed",
            "unable to open database",
            "timeout expired",
            "name or service not known",
            "no such host",
            "the database system is",
        )
    )


def unavailable_response(request):
    """The one-line 503 page (or JSON body under /api/) when the database cannot be reached.

    Rendered without the request's context processors: they read the database too."""
    from django.http import HttpResponse, JsonResponse
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    message = _("Không kết nối được cơ sở dữ liệu. Hãy thử lại sau ít phút hoặc báo quản trị hệ thống.")
    if request is not None and request.path.startswith("/api/"):
        return JsonResponse({"error": "unavailable", "message": message}, status=503)
    html = render_to_string("503.html", {"message": message})
    return HttpResponse(html, status=503, headers={"Retry-After": "30"})


class DatabaseUnavailableMiddleware:
    """A page or API call that meets an unreachable database answers 503 with one clear line (logged once
    per request as one line too), not a traceback or a bare English "Server Error"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unreachable(exception):
            return None
        logger.error("Database unreachable at %s: %s", request.path, str(exception).strip().splitlines()[0])
        return unavailable_response(request)


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than MAX_REQUEST_BYTES before it is read, with a clear message (413)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            return too_large_response(request, limit)
        return self.get_response(request)


def too_large_response(request, limit: int):
    from django.http import HttpResponse, JsonResponse
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    from .uploads import megabytes

    message = _("Tệp gửi lên quá lớn (tối đa %(size)s MB).") % {"size": megabytes(limit)}
    if request.path.startswith("/api/"):
        return JsonResponse({"error": "too_large", "message": message, "field": "file"}, status=413)
    return HttpResponse(render_to_string("413.html", {"message": message}), status=413)
