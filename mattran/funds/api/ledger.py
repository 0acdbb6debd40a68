"""A fund's ledger over the API: its entries, posting one, reversing one."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from mattran.core.web import MAX_OFFSET

from .. import actions
from ..models import LedgerEntry
from .common import _fund, _require

router = Router()


class EntryIn(Schema):
    kind: str = Field(..., description="receipt, disbursement hoặc opening")
    amount: int
    date: dt.date
    description: str
    appeal_id: int | None = None


class EntryOut(Schema):
    id: int
    fund_id: int
    kind: str
    amount: int
    date: dt.date
    description: str
    reverses_id: int | None
    transfer_group: str | None = None

    @staticmethod
    def resolve_transfer_group(obj) -> str | None:
        return str(obj.transfer_group) if obj.transfer_group else None


class ReverseIn(Schema):
    reason: str


@router.get("/funds/{int:fund_id}/entries", response=list[EntryOut], summary="Sổ quỹ")
def list_entries(
    request, fund_id: int, offset: int = Query(0, ge=0, le=MAX_OFFSET), limit: int = Query(100, ge=1, le=500)
):
    fund = _fund(request, fund_id)
    return list(fund.entries.order_by("id")[offset : offset + limit])


@router.post(
    "/funds/{int:fund_id}/entries", response={201: EntryOut}, summary="Ghi bút toán thu, chi, số dư đầu"
)
def post_entry(request, fund_id: int, data: EntryIn):
    fund = _fund(request, fund_id, "funds.post_entry")
    appeal = get_object_or_404(fund.appeals, pk=data.appeal_id) if data.appeal_id else None
    return Status(
        201,
        actions.do_post_entry(
            acting_user=request.user,
            fund=fund,
            kind=data.kind,
            amount=data.amount,
            date=data.date,
            description=data.description,
            appeal=appeal,
        ),
    )


@router.post("/funds/entries/{int:entry_id}/reverse", response={201: list[EntryOut]}, summary="Đảo bút toán")
def reverse_entry(request, entry_id: int, data: ReverseIn):
    entry = get_object_or_404(LedgerEntry.objects.select_related("fund", "fund__unit"), pk=entry_id)
    _require(request, "funds.post_entry", entry.fund)
    return Status(201, actions.do_reverse_entry(acting_user=request.user, entry=entry, reason=data.reason))
