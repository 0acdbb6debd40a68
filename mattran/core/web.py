"""Small helpers the thin views share: permission checks and turning ActionError into form errors."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from .errors import ActionError


def require(request, perm: str, obj=None, message: str = "") -> None:
    """Refuse with 403 unless the user holds a named permission on the object."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(message or "Bạn không có quyền thực hiện thao tác này với đơn vị này.")


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
