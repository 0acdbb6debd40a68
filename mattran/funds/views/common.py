"""What the funds pages share: limits, the fund named in a URL, the form page, pager parameters."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from mattran.core.web import require

from ..models import Fund

CSV_LIMIT = 10_000
PAGE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOUSEHOLD_CHOICES = 1000


def _fund(request, fund_id: int, perm: str = "funds.view_fund") -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=fund_id)
    require(request, perm, fund)
    return fund


def _form_page(request, form, *, title: str, back: str, submit: str = "", multipart: bool = False):
    submit = submit or _("Lưu")
    return render(
        request,
        "funds/form.html",
        {"form": form, "title": title, "back": back, "submit": submit, "multipart": multipart},
    )


def _params(request) -> str:
    """The list's GET parameters without the page number, for the pager links."""
    params = request.GET.copy()
    params.pop("trang", None)
    return params.urlencode()
