"""Small helpers the thin views share: permission checks and turning ActionError into form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from .authz import authorize
from .errors import ActionError

M = TypeVar("M", bound=models.Model)


def require(request: HttpRequest, perm: str, obj: Any = None, message: str = "") -> None:
    """Refuse with 403 unless the user holds a named permission on the object."""
    authorize(request.user, perm, obj, message=message or None)


def fetch(
    request: HttpRequest,
    source: type[M] | models.QuerySet[M],
    pk: Any,
    perm: str,
    *,
    on: Callable[[M], Any] | None = None,
    message: str = "",
) -> M:
    """The object with this id or 404, then the named permission on it (or on ``on(obj)``) or 403.

    The one way pages and the API fetch what a request names: the same 404 for a missing id and the
    same words for a refusal in both (``core.errors.PermissionDenied`` is a 403 page and a 403 JSON body).
    An id that is not a number is not found, never a server error.
    """
    if isinstance(pk, str):
        pk = id_param(pk)
    obj = get_object_or_404(source, pk=pk)
    require(request, perm, on(obj) if on is not None else obj, message)
    return obj


def form_error(form: forms.Form, exc: ActionError) -> None:
    """Show an action's error beside the field it names (or above the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


# The largest offset an API list takes: beyond any table, and within what every database's LIMIT/OFFSET
# holds (SQLite reads a larger literal as a real number and fails). A larger one is refused with a 400.
MAX_OFFSET = 1_000_000_000


def id_param(value) -> int:
    """An id sent in a query string or form field, or 0 (which no row has) when it is not a number."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= 18 else 0


def paginate(request, queryset, per_page: int = 50):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("trang"))


DOCUMENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def document_response(doc, filename: str, fmt: str = "docx", *, inline: bool = False):
    """Answer with an administrative document as DOCX or PDF (``filename`` without its extension).

    Without the PDF engine the answer is a 503 with the reason in Vietnamese rather than a broken file.
    """
    from django.http import HttpResponse

    from .documents import PdfUnavailable

    if fmt not in DOCUMENT_TYPES:
        raise ValueError(f"Định dạng văn bản không hỗ trợ: {fmt}")
    try:
        data = doc.to_pdf() if fmt == "pdf" else doc.to_bytes()
    except PdfUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=DOCUMENT_TYPES[fmt])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.{fmt}"'
    return response
