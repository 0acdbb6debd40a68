"""Receipts over the API: recording one with its biên lai, the biên lai as a document."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from mattran.core.web import document_response

from .. import actions, documents
from .common import _fund, _require

router = Router()


class ReceiptIn(Schema):
    method: str
    donor_kind: str
    amount: int
    received_on: dt.date
    donor_name: str = ""
    donor_address: str = ""
    goods: str = ""
    goods_quantity: str = ""
    note: str = ""
    appeal_id: int | None = None


class ReceiptOut(Schema):
    id: int
    number: int
    year: int
    display_number: str
    method: str
    donor_kind: str
    donor_name: str
    amount: int
    received_on: dt.date
    entry_id: int
    cancelled: bool


@router.post("/funds/{int:fund_id}/receipts", response={201: ReceiptOut}, summary="Ghi khoản thu và biên lai")
def record_receipt(request, fund_id: int, data: ReceiptIn):
    fund = _fund(request, fund_id, "funds.post_entry")
    payload = data.dict()
    appeal_id = payload.pop("appeal_id")
    appeal = get_object_or_404(fund.appeals, pk=appeal_id) if appeal_id else None
    return Status(
        201, actions.do_record_receipt(acting_user=request.user, fund=fund, appeal=appeal, **payload)
    )


@router.get("/funds/receipts/{int:receipt_id}/{fmt}", summary="Biên lai (DOCX hoặc PDF)")
def receipt_document(request, receipt_id: int, fmt: Literal["docx", "pdf"]):
    from ..models import Receipt

    receipt = get_object_or_404(Receipt.objects.select_related("unit", "fund", "appeal"), pk=receipt_id)
    _require(request, "funds.view_fund", receipt.fund)
    return document_response(
        documents.receipt_document(receipt), f"bien-lai-{receipt.year}-{receipt.number:04d}", fmt
    )
