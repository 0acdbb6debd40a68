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


def paginate(request, queryset, per_page: int = 50):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("trang"))
