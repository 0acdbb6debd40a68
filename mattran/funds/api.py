"""Funds over the API: the same rules as the pages; the statement search and claim check are public."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from mattran.org.models import Unit

from . import actions, queries
from .documents import receipt_docx
from .models import BankAccount, BankStatement, Fund, LedgerEntry
from .public import allow, too_many

router = Router(tags=["Quỹ và công khai"])


def _require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise HttpError(403, "Bạn không có quyền thực hiện thao tác này với quỹ này.")


def _fund(request, fund_id: int, perm: str = "funds.view_fund") -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=fund_id)
    _require(request, perm, fund)
    return fund


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


class TransferIn(Schema):
    source_id: int
    target_id: int
    amount: int
    date: dt.date
    description: str


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


class StatementOut(Schema):
    id: int
    account_id: int
    file_name: str
    layout: str
    status: str
    pages: int | None
    lines_read: int
    lines_added: int
    total_credit: int
    total_debit: int
    error: str
    report: dict


class LineOut(Schema):
    id: int
    date: dt.date
    reference: str
    debit: int
    credit: int
    balance: int | None
    description: str
    bank: str
    account: str
    page: int | None
    line: int

    @staticmethod
    def resolve_bank(obj) -> str:
        return obj.account.bank.short_name if obj.account.bank else obj.bank

    @staticmethod
    def resolve_account(obj) -> str:
        return obj.account.number


class LinePage(Schema):
    offset: int
    limit: int
    more: bool
    items: list[LineOut]


class SearchParams(Schema):
    q: str = Field("", max_length=100)
    amount: int | None = Field(None, ge=0)
    amount_min: int | None = Field(None, ge=0)
    amount_max: int | None = Field(None, ge=0)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bank_bin: str | None = None
    account_id: int | None = None
    offset: int = Field(0, ge=0, le=10_000)
    limit: int = Field(50, ge=1, le=200)


class ClaimOut(Schema):
    found: bool
    lines: list[LineOut]


@router.get("/funds", response=list[FundOut], summary="Các quỹ trong phạm vi được xem")
def list_funds(request, offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=500)):
    return list(queries.funds_in_scope(request.user).order_by("pk")[offset : offset + limit])


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


@router.get("/funds/{fund_id}", response=FundOut)
def get_fund(request, fund_id: int):
    return _fund(request, fund_id)


@router.get("/funds/{fund_id}/entries", response=list[EntryOut], summary="Sổ quỹ")
def list_entries(request, fund_id: int, offset: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=500)):
    fund = _fund(request, fund_id)
    return list(fund.entries.order_by("id")[offset : offset + limit])


@router.post("/funds/{fund_id}/entries", response={201: EntryOut}, summary="Ghi bút toán thu, chi, số dư đầu")
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


@router.post("/funds/entries/{entry_id}/reverse", response={201: list[EntryOut]}, summary="Đảo bút toán")
def reverse_entry(request, entry_id: int, data: ReverseIn):
    entry = get_object_or_404(LedgerEntry.objects.select_related("fund", "fund__unit"), pk=entry_id)
    _require(request, "funds.post_entry", entry.fund)
    return Status(201, actions.do_reverse_entry(acting_user=request.user, entry=entry, reason=data.reason))


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


@router.post("/funds/{fund_id}/receipts", response={201: ReceiptOut}, summary="Ghi khoản thu và biên lai")
def record_receipt(request, fund_id: int, data: ReceiptIn):
    fund = _fund(request, fund_id, "funds.post_entry")
    payload = data.dict()
    appeal_id = payload.pop("appeal_id")
    appeal = get_object_or_404(fund.appeals, pk=appeal_id) if appeal_id else None
    return Status(
        201, actions.do_record_receipt(acting_user=request.user, fund=fund, appeal=appeal, **payload)
    )


@router.get("/funds/receipts/{receipt_id}/docx", summary="Biên lai (DOCX)")
def receipt_document(request, receipt_id: int):
    from .models import Receipt

    receipt = get_object_or_404(Receipt.objects.select_related("unit", "fund", "appeal"), pk=receipt_id)
    _require(request, "funds.view_fund", receipt.fund)
    response = HttpResponse(
        receipt_docx(receipt),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="bien-lai-{receipt.year}-{receipt.number:04d}.docx"'
    )
    return response


@router.post("/funds/{fund_id}/appeals", response={201: AppealOut}, summary="Mở lời kêu gọi")
def create_appeal(request, fund_id: int, data: AppealIn):
    fund = _fund(request, fund_id, "funds.manage_fund")
    account = get_object_or_404(BankAccount, pk=data.account_id) if data.account_id else None
    payload = data.dict()
    payload.pop("account_id")
    return Status(
        201, actions.do_create_appeal(acting_user=request.user, fund=fund, account=account, **payload)
    )


@router.get("/funds/statements/{statement_id}", response=StatementOut, summary="Kết quả nhập sao kê")
def get_statement(request, statement_id: int):
    statement = get_object_or_404(
        BankStatement.objects.select_related("account", "account__unit"), pk=statement_id
    )
    _require(request, "funds.view_fund", statement.account)
    return statement


def _public_query(params: SearchParams) -> queries.LineQuery:
    accounts = list(queries.public_accounts())
    if params.bank_bin:
        accounts = [a for a in accounts if a.bank_bin == params.bank_bin]
    if params.account_id:
        accounts = [a for a in accounts if a.pk == params.account_id]
    return queries.LineQuery(
        text=params.q,
        amount=params.amount,
        amount_min=params.amount_min,
        amount_max=params.amount_max,
        date_from=params.date_from,
        date_to=params.date_to,
        accounts=[a.pk for a in accounts] or [0],
    )


@router.get(
    "/funds/public/statement-lines",
    response={200: LinePage, 429: dict},
    auth=None,
    summary="Tra cứu sao kê công khai (không cần đăng nhập)",
)
def public_search(request, params: Query[SearchParams]):
    if not allow(request, "api"):
        return too_many()
    query = _public_query(params)
    if query.empty:
        raise HttpError(400, "Nhập nội dung, số tiền hoặc ngày để tra cứu.")
    lines, more = queries.search_lines(query, offset=params.offset, limit=params.limit)
    return {"offset": params.offset, "limit": params.limit, "more": more, "items": lines}


@router.get(
    "/funds/public/check", response={200: ClaimOut, 429: dict}, auth=None, summary="Kiểm tra một khoản ủng hộ"
)
def public_check(
    request, name: str = Query(..., min_length=2, max_length=100), amount: int = Query(..., ge=1)
):
    if not allow(request, "api"):
        return too_many()
    accounts = [a.pk for a in queries.public_accounts()] or [0]
    lines = queries.check_claim(name, amount, accounts)
    return {"found": bool(lines), "lines": lines}
