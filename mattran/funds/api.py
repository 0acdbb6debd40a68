"""Funds over the API: the same rules as the pages; the statement search and claim check are public."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from mattran.core.errors import ActionError
from mattran.core.text import fold
from mattran.core.web import MAX_OFFSET, document_response
from mattran.org.models import Unit

from . import actions, documents, queries
from .beneficiaries import do_import_beneficiaries, template_workbook
from .models import BankAccount, BankStatement, Beneficiary, Decision, Disbursement, Fund, LedgerEntry
from .public import allow, public_json, too_many
from .rules import visible_shares

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
    progress: dict = Field(
        default_factory=dict, description="Trong khi nhập: số dòng, trang đã đọc, số trang"
    )

    stalled_since: dt.datetime | None = Field(
        None,
        description="Khi việc nhập chờ hoặc đang chạy mà không có tiến trình nào làm: lúc nó báo tiến độ "
        "lần cuối; khi đó có thể xếp lại (POST /funds/statements/{id}/requeue)",
    )

    @staticmethod
    def resolve_progress(obj) -> dict:
        from .importing import progress_of

        if obj.status not in ("pending", "running"):
            return {}
        return {k: v for k, v in progress_of(obj.pk).items() if k != "at"}

    @staticmethod
    def resolve_stalled_since(obj) -> dt.datetime | None:
        from .importing import stalled_since

        return stalled_since(obj)


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
    amount: int | None = Field(None, ge=0, le=actions.MAX_AMOUNT)
    amount_min: int | None = Field(None, ge=0, le=actions.MAX_AMOUNT)
    amount_max: int | None = Field(None, ge=0, le=actions.MAX_AMOUNT)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bank_bin: str | None = None
    account_id: int | None = None
    offset: int = Field(0, ge=0, le=queries.PUBLIC_MAX_OFFSET)
    limit: int = Field(50, ge=1, le=200)


class ClaimOut(Schema):
    found: bool
    lines: list[LineOut]


@router.get("/funds", response=list[FundOut], summary="Các quỹ trong phạm vi được xem")
def list_funds(request, offset: int = Query(0, ge=0, le=MAX_OFFSET), limit: int = Query(100, ge=1, le=500)):
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
def list_entries(
    request, fund_id: int, offset: int = Query(0, ge=0, le=MAX_OFFSET), limit: int = Query(100, ge=1, le=500)
):
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


@router.get("/funds/receipts/{receipt_id}/{fmt}", summary="Biên lai (DOCX hoặc PDF)")
def receipt_document(request, receipt_id: int, fmt: Literal["docx", "pdf"]):
    from .models import Receipt

    receipt = get_object_or_404(Receipt.objects.select_related("unit", "fund", "appeal"), pk=receipt_id)
    _require(request, "funds.view_fund", receipt.fund)
    return document_response(
        documents.receipt_document(receipt), f"bien-lai-{receipt.year}-{receipt.number:04d}", fmt
    )


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
    return queries.LineQuery(
        text=params.q,
        amount=params.amount,
        amount_min=params.amount_min,
        amount_max=params.amount_max,
        date_from=params.date_from,
        date_to=params.date_to,
        accounts=[params.account_id] if params.account_id else [],
        published=True,
        bank_bin=params.bank_bin or "",
    )


@router.get(
    "/funds/public/statement-lines",
    response={200: LinePage, 304: None, 429: dict},
    auth=None,
    summary="Tra cứu sao kê công khai (không cần đăng nhập)",
    description=(
        "Tìm theo nội dung (tên người ủng hộ hoặc lời nhắn, có hoặc không dấu, một phần của từ), số tiền "
        "đúng hoặc khoảng tiền, ngày, ngân hàng; kết quả theo thứ tự trên sao kê. Trả về `ETag` và "
        "`Cache-Control: public, max-age=60`; gửi lại `If-None-Match` thì nhận 304 khi kết quả không đổi. "
        "Giới hạn số lần tra cứu theo địa chỉ IP (429 kèm `Retry-After`)."
    ),
)
def public_search(request, params: Query[SearchParams]):
    # The lean path: plain rows straight to JSON (the same JSON as LinePage, see the tests) — this is the
    # busiest public endpoint, and model instances plus schema validation cost more than the search.
    if not allow(request, "api"):
        return too_many()
    query = _public_query(params)
    if query.empty:
        raise HttpError(400, "Nhập nội dung, số tiền hoặc ngày để tra cứu.")
    rows, more = queries.search_line_rows(query, offset=params.offset, limit=params.limit)
    return public_json(request, {"offset": params.offset, "limit": params.limit, "more": more, "items": rows})


@router.get(
    "/funds/public/check",
    response={200: ClaimOut, 304: None, 429: dict},
    auth=None,
    summary="Kiểm tra một khoản ủng hộ",
)
def public_check(
    request,
    name: str = Query(..., min_length=2, max_length=100),
    amount: int = Query(..., ge=1, le=actions.MAX_AMOUNT),
):
    if not allow(request, "api"):
        return too_many()
    rows, _more = queries.search_line_rows(
        queries.claim_query(name, amount, [], published=True), limit=queries.CLAIM_LIMIT
    )
    return public_json(request, {"found": bool(rows), "lines": rows})


# --- disbursements, houses, decisions, beneficiaries, statement uploads ---------------------------------


def _unit(request, unit_id: int, perm: str = "funds.view_fund") -> Unit:
    unit = get_object_or_404(Unit, pk=unit_id)
    _require(request, perm, unit)
    return unit


def _disbursement(request, disbursement_id: int, perm: str = "funds.view_disbursement"):
    disbursement = get_object_or_404(
        Disbursement.objects.listed().select_related("entry__posted_by", "appeal"), pk=disbursement_id
    )
    _require(request, perm, disbursement)
    return disbursement


class DecisionIn(Schema):
    number: str
    date: dt.date
    title: str
    signer: str = ""


class DecisionOut(Schema):
    id: int
    unit_id: int
    number: str
    date: dt.date
    title: str
    signer: str


class DisbursementIn(Schema):
    decision_id: int
    kind: str = Field(..., description="gift (quà), house (nhà Đại đoàn kết) hoặc cash (tiền mặt)")
    category: str = Field(..., description="poor, near_poor, policy, disaster hoặc other")
    date: dt.date
    description: str
    beneficiary_ids: list[int] = Field(
        default_factory=list,
        max_length=20_000,
        description="Các hộ nhận: quà mỗi hộ một suất; tiền mặt chia đều; nhà đúng một hộ",
    )
    recipient_unit_id: int | None = None
    amount: int | None = Field(None, description="Đồng; với quà để trống (= số suất × giá trị mỗi suất)")
    gift_count: int | None = None
    gift_value: int | None = None
    house_work: str = Field("", description="build (xây mới) hoặc repair (sửa chữa), với nhà")
    appeal_id: int | None = None


class DisbursementOut(Schema):
    id: int
    fund_id: int
    decision_id: int
    appeal_id: int | None
    kind: str
    category: str
    date: dt.date
    description: str
    amount: int
    gift_count: int | None
    gift_value: int | None
    house_work: str
    house_progress: int | None
    house_stage: str
    house_state: str
    handed_over_on: dt.date | None
    recipient_unit_id: int | None
    entry_id: int
    cancelled: bool
    households: int

    @staticmethod
    def resolve_households(obj) -> int:
        count = getattr(obj, "households", None)
        return obj.shares.count() if count is None else count


class ShareOut(Schema):
    beneficiary_id: int
    head_name: str
    category: str
    area_id: int | None
    gift_count: int | None
    amount: int

    @staticmethod
    def resolve_head_name(obj) -> str:
        return obj.beneficiary.head_name

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.beneficiary.category

    @staticmethod
    def resolve_area_id(obj) -> int | None:
        return obj.beneficiary.area_id


class HouseProgressIn(Schema):
    stage: str = Field(..., description="started, foundation, walls, roof, finished hoặc handed_over")
    date: dt.date
    percent: int | None = Field(None, description="0–100; để trống: theo giai đoạn")
    note: str = ""


class HouseProgressOut(Schema):
    id: int
    disbursement_id: int
    stage: str
    percent: int
    date: dt.date
    note: str


class DisbursementDetailOut(DisbursementOut):
    decision: DecisionOut
    entry: EntryOut
    beneficiaries: list[ShareOut]
    progress: list[HouseProgressOut]

    @staticmethod
    def resolve_beneficiaries(obj, context) -> list:
        shares = visible_shares(context["request"].user, obj)
        return list(shares.select_related("beneficiary").order_by("beneficiary__search_name", "id"))

    @staticmethod
    def resolve_progress(obj) -> list:
        return list(obj.progress_updates.order_by("date", "id"))


class BeneficiaryIn(Schema):
    head_name: str
    category: str = Field(..., description="poor, near_poor, policy, disaster hoặc other")
    area_id: int | None = None
    address: str = ""
    members: int | None = None


class BeneficiaryOut(Schema):
    id: int
    unit_id: int
    area_id: int | None
    head_name: str
    category: str
    address: str
    members: int | None
    received_times: int = 0
    received_total: int = 0


class ReceivedOut(Schema):
    disbursement_id: int
    date: dt.date
    kind: str
    description: str
    fund_id: int
    decision_number: str
    gift_count: int | None
    amount: int
    cancelled: bool

    @staticmethod
    def resolve_date(obj) -> dt.date:
        return obj.disbursement.date

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.disbursement.kind

    @staticmethod
    def resolve_description(obj) -> str:
        return obj.disbursement.description

    @staticmethod
    def resolve_fund_id(obj) -> int:
        return obj.disbursement.fund_id

    @staticmethod
    def resolve_decision_number(obj) -> str:
        return obj.disbursement.decision.number

    @staticmethod
    def resolve_cancelled(obj) -> bool:
        return obj.disbursement.cancelled


class BeneficiaryDetailOut(BeneficiaryOut):
    received: list[ReceivedOut]

    @staticmethod
    def resolve_received(obj) -> list:
        return list(
            obj.shares.select_related("disbursement__decision", "disbursement__entry__reversed_by").order_by(
                "-disbursement__date", "-id"
            )
        )


class ImportedOut(Schema):
    created: int
    ids: list[int]


@router.get("/funds/{fund_id}/disbursements", response=list[DisbursementOut], summary="Các khoản chi của quỹ")
def list_disbursements(
    request,
    fund_id: int,
    kind: str | None = None,
    category: str | None = None,
    decision_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(100, ge=1, le=500),
):
    fund = _fund(request, fund_id)
    qs = fund.disbursements.all()
    if kind:
        qs = qs.filter(kind=kind)
    if category:
        qs = qs.filter(category=category)
    if decision_id:
        qs = qs.filter(decision_id=decision_id)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return list(qs.listed().order_by("-date", "-id")[offset : offset + limit])


@router.post(
    "/funds/{fund_id}/disbursements",
    response={201: DisbursementDetailOut},
    summary="Ghi khoản chi: quà (số suất × giá trị), nhà Đại đoàn kết, tiền mặt",
)
def record_disbursement(request, fund_id: int, data: DisbursementIn):
    fund = _fund(request, fund_id, "funds.post_entry")
    decision = get_object_or_404(Decision, pk=data.decision_id)
    appeal = get_object_or_404(fund.appeals, pk=data.appeal_id) if data.appeal_id else None
    recipient = get_object_or_404(Unit, pk=data.recipient_unit_id) if data.recipient_unit_id else None
    wanted = set(data.beneficiary_ids)
    households = list(Beneficiary.objects.filter(pk__in=wanted))
    missing = sorted(wanted - {h.pk for h in households})
    if missing:
        raise ActionError(
            _("Không tìm thấy hộ: %(ids)s") % {"ids": ", ".join(map(str, missing[:20]))}, field="beneficiary_ids", status=404,
            code="not_found",
        )  # fmt: skip
    disbursement = actions.do_record_disbursement(
        acting_user=request.user,
        fund=fund,
        decision=decision,
        kind=data.kind,
        date=data.date,
        description=data.description,
        category=data.category,
        beneficiaries=households,
        recipient_unit=recipient,
        amount=data.amount,
        gift_count=data.gift_count,
        gift_value=data.gift_value,
        house_work=data.house_work,
        appeal=appeal,
    )
    return Status(201, _disbursement(request, disbursement.pk))


@router.get(
    "/funds/disbursements/{disbursement_id}",
    response=DisbursementDetailOut,
    summary="Khoản chi: quyết định, bút toán, các hộ nhận, tiến độ nhà",
)
def get_disbursement(request, disbursement_id: int):
    return _disbursement(request, disbursement_id)


@router.get(
    "/funds/disbursements/{disbursement_id}/progress",
    response=list[HouseProgressOut],
    summary="Tiến độ nhà Đại đoàn kết",
)
def list_house_progress(request, disbursement_id: int):
    return list(_disbursement(request, disbursement_id).progress_updates.order_by("date", "id"))


@router.post(
    "/funds/disbursements/{disbursement_id}/progress",
    response={201: HouseProgressOut},
    summary="Ghi tiến độ nhà (khởi công, xong móng, xong tường, lên mái, hoàn thành, bàn giao)",
)
def record_house_progress(request, disbursement_id: int, data: HouseProgressIn):
    house = _disbursement(request, disbursement_id, "funds.update_house")
    step = actions.do_record_house_progress(
        acting_user=request.user,
        disbursement=house,
        stage=data.stage,
        date=data.date,
        percent=data.percent,
        note=data.note,
    )
    return Status(201, step)


@router.get(
    "/funds/units/{unit_id}/houses",
    response=list[DisbursementOut],
    summary="Nhà Đại đoàn kết do quỹ của đơn vị và cấp dưới hỗ trợ",
)
def list_houses(
    request,
    unit_id: int,
    state: Literal["not_started", "building", "finished", "handed_over"] | None = Query(
        None, description="not_started, building, finished hoặc handed_over"
    ),
    house_work: Literal["build", "repair"] | None = None,
    year: int | None = Query(None, ge=1990, le=2100),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(100, ge=1, le=500),
):
    unit = _unit(request, unit_id)
    qs = Disbursement.objects.houses().in_area(unit)
    if state:
        qs = qs.in_house_state(state)
    if house_work:
        qs = qs.filter(house_work=house_work)
    if year:
        qs = qs.filter(date__year=year)
    return list(qs.listed().order_by("-date", "-id")[offset : offset + limit])


@router.get(
    "/funds/units/{unit_id}/decisions", response=list[DecisionOut], summary="Quyết định hỗ trợ của đơn vị"
)
def list_decisions(
    request, unit_id: int, offset: int = Query(0, ge=0, le=MAX_OFFSET), limit: int = Query(100, ge=1, le=500)
):
    unit = _unit(request, unit_id)
    return list(Decision.objects.filter(unit=unit).order_by("-date", "-id")[offset : offset + limit])


@router.post("/funds/units/{unit_id}/decisions", response={201: DecisionOut}, summary="Ghi quyết định hỗ trợ")
def create_decision(request, unit_id: int, data: DecisionIn):
    unit = _unit(request, unit_id, "funds.post_entry")
    return Status(201, actions.do_create_decision(acting_user=request.user, unit=unit, **data.dict()))


@router.get(
    "/funds/units/{unit_id}/beneficiaries",
    response=list[BeneficiaryOut],
    summary="Hộ được hỗ trợ của đơn vị, với số lần và tổng giá trị đã nhận",
)
def list_beneficiaries(
    request,
    unit_id: int,
    q: str = Query("", max_length=100),
    category: str | None = None,
    area_id: int | None = None,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(100, ge=1, le=500),
):
    unit = _unit(request, unit_id)
    qs = Beneficiary.objects.filter(unit=unit).with_received()
    if q:
        qs = qs.filter(search_name__contains=fold(q))
    if category:
        qs = qs.filter(category=category)
    if area_id:
        qs = qs.filter(area_id=area_id)
    return list(qs.order_by("search_name", "id")[offset : offset + limit])


@router.post("/funds/units/{unit_id}/beneficiaries", response={201: BeneficiaryOut}, summary="Thêm hộ")
def add_beneficiary(request, unit_id: int, data: BeneficiaryIn):
    unit = _unit(request, unit_id, "funds.manage_beneficiaries")
    area = get_object_or_404(Unit, pk=data.area_id) if data.area_id else None
    payload = data.dict()
    payload.pop("area_id")
    return Status(201, actions.do_add_beneficiary(acting_user=request.user, unit=unit, area=area, **payload))


@router.post(
    "/funds/units/{unit_id}/beneficiaries/import",
    response={201: ImportedOut},
    summary="Nhập danh sách hộ từ Excel: mọi dòng đúng thì thêm hết, có dòng sai thì không thêm hộ nào",
    description="Lỗi từng dòng trả về 400 với details = [{row, column, message}].",
)
def import_beneficiaries(request, unit_id: int, file: File[UploadedFile]):
    unit = _unit(request, unit_id, "funds.manage_beneficiaries")
    created, parsed = do_import_beneficiaries(acting_user=request.user, unit=unit, data=file.read())
    if parsed.errors:
        raise ActionError(
            ngettext(
                "Không nhập hộ nào: %(count)s lỗi trong tệp.",
                "Không nhập hộ nào: %(count)s lỗi trong tệp.",
                len(parsed.errors),
            )
            % {"count": len(parsed.errors)},
            code="invalid_rows",
            field="file",
            details=[{"row": e.row, "column": e.column, "message": e.message} for e in parsed.errors],
        )
    return Status(201, {"created": len(created), "ids": [b.pk for b in created]})


@router.get("/funds/units/{unit_id}/beneficiaries/template", summary="Tệp Excel mẫu danh sách hộ")
def beneficiary_template(request, unit_id: int):
    unit = _unit(request, unit_id)
    response = HttpResponse(
        template_workbook(unit),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-ho.xlsx"'
    return response


@router.get(
    "/funds/beneficiaries/{beneficiary_id}",
    response=BeneficiaryDetailOut,
    summary="Một hộ và những gì hộ đã nhận",
)
def get_beneficiary(request, beneficiary_id: int):
    household = get_object_or_404(
        Beneficiary.objects.with_received().select_related("unit"), pk=beneficiary_id
    )
    _require(request, "funds.view_fund", household)
    return household


@router.get(
    "/funds/accounts/{account_id}/statements",
    response=list[StatementOut],
    summary="Các lần nhập sao kê của tài khoản",
)
def list_statements(
    request,
    account_id: int,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(50, ge=1, le=200),
):
    account = get_object_or_404(BankAccount.objects.select_related("unit"), pk=account_id)
    _require(request, "funds.view_fund", account)
    return list(account.statements.order_by("-id")[offset : offset + limit])


@router.post(
    "/funds/accounts/{account_id}/statements",
    response={202: StatementOut},
    summary="Tải lên tệp sao kê (PDF, CSV, XLSX) và bắt đầu nhập",
    description="Nhập chạy nền như trên trang; theo dõi bằng GET /funds/statements/{id} (status, progress).",
)
def upload_statement(request, account_id: int, file: File[UploadedFile]):
    account = get_object_or_404(BankAccount.objects.select_related("unit"), pk=account_id)
    _require(request, "funds.import_statement", account)
    statement = actions.do_upload_statement(acting_user=request.user, account=account, upload=file)
    statement.refresh_from_db()
    return Status(202, statement)


@router.post(
    "/funds/statements/{statement_id}/requeue",
    response={202: StatementOut},
    summary="Xếp lại việc nhập sao kê bị dừng",
    description="Chỉ khi stalled_since có giá trị: chờ quá 2 phút không tiến trình nào nhận, hoặc đang nhập "
    "mà 5 phút không báo tiến độ (tiến trình bị tắt giữa chừng; không dòng nào của lần dở được giữ). "
    "Nếu không: 409.",
)
def requeue_statement(request, statement_id: int):
    statement = get_object_or_404(BankStatement.objects.select_related("account__unit"), pk=statement_id)
    _require(request, "funds.import_statement", statement.account)
    actions.do_requeue_statement(acting_user=request.user, statement=statement)
    statement.refresh_from_db()
    return Status(202, statement)
