"""What the funds API shares: the permission check and the fund or unit named in a path."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja.errors import HttpError

from mattran.org.models import Unit

from ..models import Fund


def _require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này với quỹ này.")


def _fund(request, fund_id: int, perm: str = "funds.view_fund") -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=fund_id)
    _require(request, perm, fund)
    return fund


def _unit(request, unit_id: int, perm: str = "funds.view_fund") -> Unit:
    unit = get_object_or_404(Unit, pk=unit_id)
    _require(request, perm, unit)
    return unit
