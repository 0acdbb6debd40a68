"""The public statement search and claim check (no login)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from mattran.core.errors import ActionError
from mattran.core.text import parse_money

from .. import actions, queries
from ..public import allow, public_json, too_many

router = Router()


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


AMOUNT_HELP = 'Số tiền như người dân gõ: "50000", "50.000", "50,000", "50k", "50 nghìn", "1,5 triệu".'


class SearchParams(Schema):
    q: str = Field("", max_length=100)
    amount: str | None = Field(None, max_length=40, description=AMOUNT_HELP)
    amount_min: str | None = Field(None, max_length=40, description=AMOUNT_HELP)
    amount_max: str | None = Field(None, max_length=40, description=AMOUNT_HELP)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bank_bin: str | None = None
    account_id: int | None = None
    offset: int = Field(0, ge=0, le=queries.PUBLIC_MAX_OFFSET)
    limit: int = Field(50, ge=1, le=200)


class ClaimOut(Schema):
    found: bool
    lines: list[LineOut]


def money(text: str | None, field: str = "amount") -> int | None:
    """An amount typed by a citizen, in whole đồng; 400 with an example of what to type otherwise.

    "50.000" is fifty thousand đồng, never 50 (no statement line carries a fraction of a đồng); an
    ambiguous "1,5" is refused with the reason and an example (``core.text.parse_money``).
    """
    if text is None or not text.strip():
        return None
    try:
        value = parse_money(text)
    except ValueError as exc:
        raise ActionError(str(exc), field=field) from None
    if not 0 <= value <= actions.MAX_AMOUNT:
        raise ActionError(
            _("Số tiền không hợp lệ: %(text)s (từ 0 đến %(most)s đồng)")
            % {"text": text, "most": f"{actions.MAX_AMOUNT:,}".replace(",", ".")},
            field=field,
        )
    return value


def _public_query(params: SearchParams) -> queries.LineQuery:
    return queries.LineQuery(
        text=params.q,
        amount=money(params.amount),
        amount_min=money(params.amount_min, "amount_min"),
        amount_max=money(params.amount_max, "amount_max"),
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
    amount: str = Query(..., min_length=1, max_length=40, description=AMOUNT_HELP),
):
    if not allow(request, "api"):
        return too_many()
    value = money(amount)
    if not value:
        raise ActionError(_("Nhập số tiền đã ủng hộ, ví dụ 500.000 hoặc 500 nghìn."), field="amount")
    rows, _more = queries.search_line_rows(
        queries.claim_query(name, value, [], published=True), limit=queries.CLAIM_LIMIT
    )
    return public_json(request, {"found": bool(rows), "lines": rows})
