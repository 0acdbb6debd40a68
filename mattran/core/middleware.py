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
