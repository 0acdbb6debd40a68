"""Transfers (điều tiết) between the funds of two levels over the API."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from .. import actions
from ..models import Fund
from .common import _fund
from .ledger import EntryOut

router = Router()


class TransferIn(Schema):
    source_id: int
    target_id: int
    amount: int
    date: dt.date
    description: str


@router.post("/funds/transfers", response={201: list[EntryOut]}, summary="Điều tiết giữa quỹ các cấp")
def transfer(request, data: TransferIn):
    source = _fund(request, data.source_id, "funds.post_entry")
    target = get_object_or_404(Fund.objects.select_related("unit"), pk=data.target_id)
    pair = actions.do_transfer(
        acting_user=request.user,
        source=source,
        target=target,
        amount=data.amount,
        date=data.date,
        description=data.description,
    )
    return Status(201, list(pair))
