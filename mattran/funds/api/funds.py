"""Funds over the API: listing, opening, reading a fund; opening an appeal."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from mattran.core.web import MAX_OFFSET
from mattran.org.models import Unit

from .. import actions
from ..models import BankAccount
from ..rules import funds_in_scope
from .common import _fund, _require

router = Router()


class FundIn(Schema):
    unit_id: int
    kind: str
    name: str = ""
    public: bool = True


class FundOut(Schema):
    id: int
    unit_id: int
    kind: str
    name: str
    balance: int
    public: bool


class AppealIn(Schema):
    title: str
    opens_on: dt.date
    closes_on: dt.date
    account_id: int | None = None
    purpose: str = ""
    qr_message: str = ""


class AppealOut(Schema):
    id: int
    fund_id: int
    title: str
    opens_on: dt.date
    closes_on: dt.date
    allocation_due: dt.date
    too_long: bool
    account_id: int | None
    qr_message: str


@router.get("/funds", response=list[FundOut], summary="Các quỹ trong phạm vi được xem")
def list_funds(request, offset: int = Query(0, ge=0, le=MAX_OFFSET), limit: int = Query(100, ge=1, le=500)):
    return list(funds_in_scope(request.user).order_by("pk")[offset : offset + limit])


@router.post("/funds", response={201: FundOut}, summary="Mở quỹ")
def create_fund(request, data: FundIn):
    unit = get_object_or_404(Unit, pk=data.unit_id)
    _require(request, "funds.manage_fund", unit)
    return Status(
        201,
        actions.do_create_fund(
            acting_user=request.user, unit=unit, kind=data.kind, name=data.name, public=data.public
        ),
    )


@router.get("/funds/{int:fund_id}", response=FundOut)
def get_fund(request, fund_id: int):
    return _fund(request, fund_id)


@router.post("/funds/{int:fund_id}/appeals", response={201: AppealOut}, summary="Mở lời kêu gọi")
def create_appeal(request, fund_id: int, data: AppealIn):
    fund = _fund(request, fund_id, "funds.manage_fund")
    account = get_object_or_404(BankAccount, pk=data.account_id) if data.account_id else None
    payload = data.dict()
    payload.pop("account_id")
    return Status(
        201, actions.do_create_appeal(acting_user=request.user, fund=fund, account=account, **payload)
    )
