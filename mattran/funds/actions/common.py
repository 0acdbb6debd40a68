"""What the funds actions share: bounds and checks of amounts and texts, and posting to a locked fund.

Postings lock the fund row (``select_for_update``) so the stored balance and the sum of entries move
together.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import F
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import format_money, nfc
from mattran.org.history import require_open_on
from mattran.org.models import Unit

from ..models import Appeal, Fund, LedgerEntry

MAX_AMOUNT = 10**15  # a thousand trillion đồng: anything larger is a typing error
MAX_GIFTS = 10_000_000  # more suất in one disbursement than any appeal has given: a typing error


def _amount(value: object, field: str = "amount") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ActionError(_("Số tiền phải là số nguyên đồng."), field=field)
    if value <= 0:
        raise ActionError(_("Số tiền phải lớn hơn 0."), field=field)
    if value > MAX_AMOUNT:
        raise ActionError(_("Số tiền quá lớn."), field=field)
    return value


def _text(value: str, field: str, *, required: bool = True, max_length: int = 300) -> str:
    text = nfc(value or "")
    if required and not text:
        raise ActionError(_("Không được để trống."), field=field)
    if len(text) > max_length:
        raise ActionError(_("Tối đa %(count)s ký tự.") % {"count": max_length}, field=field)
    return text


def _record_day(unit: Unit, day: dt.date | None) -> dt.date:
    """The day a record of the unit is dated: the given day, which must lie in the unit's life (a former
    unit's history is kept by its successor's staff, for the days it existed), or by default today — the
    last day of its life for a former unit."""
    if day is None:
        day = dt.date.today()
        if unit.valid_to is not None:
            day = min(day, unit.valid_to - dt.timedelta(days=1))
    require_open_on(unit, day, field="date")
    return day


def _lock(fund: Fund) -> Fund:
    return Fund.objects.select_for_update().get(pk=fund.pk)


def _post(
    fund: Fund,
    *,
    amount: int,
    kind: str,
    date: dt.date,
    description: str,
    acting_user,
    appeal: Appeal | None = None,
    reverses: LedgerEntry | None = None,
    group: uuid.UUID | None = None,
) -> LedgerEntry:
    """Append an entry to a locked fund and move its balance by the same amount; the entry's date must lie in
    the life of the fund's unit (a closed unit's fund takes entries dated while it existed)."""
    require_open_on(fund.unit, date, field="date")
    if fund.balance + amount < 0:
        raise ActionError(
            _("Số dư quỹ %(fund)s (%(balance)s) không đủ.")
            % {"fund": fund.name, "balance": format_money(fund.balance)},
            field="amount",
            code="insufficient",
        )
    entry = LedgerEntry.objects.create(
        fund=fund,
        kind=kind,
        amount=amount,
        date=date,
        description=description,
        appeal=appeal,
        reverses=reverses,
        transfer_group=group,
        province_key=fund.province_key,
        posted_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    Fund.objects.filter(pk=fund.pk).update(balance=F("balance") + amount)
    fund.balance += amount
    return entry


def _check_appeal(fund: Fund, appeal: Appeal | None) -> None:
    if appeal is not None and appeal.fund_id != fund.pk:
        raise ActionError(_("Lời kêu gọi không thuộc quỹ này."), field="appeal")
