"""Excel sheets that people upload: the row error every import reports, and the one upload-and-list-errors
page that the imports share (residential areas, committee members, report figures).

An import is all or nothing: the action either writes every row or returns the list of what is wrong, row
by row, and writes nothing. ``upload_page`` runs such an action from a form and answers with the page
(the partial ``core/_sheet_upload.html`` lists the errors above the form) or, when everything was written,
with what the caller's ``done`` returns (a message and a redirect).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import ActionError, PermissionDenied
from .web import form_error

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

R = TypeVar("R")


@dataclass(frozen=True)
class RowError:
    """What is wrong with one row of a sheet: its number as Excel shows it, the column's header, why."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class SheetField(forms.FileField):
    """The file field of an import form: an .xlsx workbook."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Tệp Excel (.xlsx)"))
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
        super().__init__(**kwargs)


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    """Answer with a workbook to download."""
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass
class Upload:
    """What the partial shows: the form, the errors of the last upload, the button and where "cancel" goes."""

    form: forms.Form
    errors: list[str]
    submit: str
    cancel: str = ""


def upload_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    run: Callable[[dict[str, Any]], R],
    errors: Callable[[R], Sequence[object]],
    done: Callable[[R], HttpResponse],
    template: str,
    context: dict[str, Any],
    submit: str,
    cancel: str = "",
) -> HttpResponse:
    """The upload page of an import: on a valid POST, ``run`` the import action with the form's data.

    A refusal of the whole file (an ``ActionError``: not a workbook, a missing column) shows beside the
    field at fault; the rows' errors (``errors(result)``) are listed above the form — nothing was written —
    and the page answers 400; a clean import ends with ``done(result)``. A permission refusal stays a 403.
    """
    listed: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data)
        except PermissionDenied:
            raise
        except ActionError as exc:
            form_error(form, exc)
        else:
            listed = [str(e) for e in errors(result)]
            if not listed:
                return done(result)
    refused = request.method == "POST" and bool(listed or form.errors)
    upload = Upload(form=form, errors=listed, submit=submit, cancel=cancel)
    return render(request, template, {**context, "upload": upload}, status=400 if refused else 200)
