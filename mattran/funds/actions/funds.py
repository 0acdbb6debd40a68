"""Opening funds, registering their bank accounts, and relief appeals."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import vi
from mattran.org.history import require_open_during
from mattran.org.models import Unit

from .. import banks
from ..models import Appeal, BankAccount, Fund, FundKind
from .common import _text


@transaction.atomic
def do_create_fund(*, acting_user: Actor, unit: Unit, kind: str, name: str = "", public: bool = True) -> Fund:
    """Open a fund of a unit; a former unit's fund keeps its history (entries dated in its life)."""
    authorize(acting_user, "funds.manage_fund", unit)
    if kind not in FundKind.values:
        raise ActionError(_("Loại quỹ không hợp lệ."), field="kind")
    name = _text(name, "name", required=False, max_length=200) or f"Quỹ {vi(FundKind(kind).label)}"
    if Fund.objects.filter(unit=unit, name=name).exists():
        raise ActionError(_("Đơn vị đã có quỹ cùng tên."), field="name", status=409, code="conflict")
    fund = Fund.objects.create(unit=unit, kind=kind, name=name, public=public, province_key=unit.province_key)
    audit.record("funds.create_fund", actor=acting_user, unit=unit, obj=fund, after=audit.snapshot(fund))
    return fund


@transaction.atomic
def do_create_bank_account(
    *,
    acting_user: Actor,
    unit: Unit,
    bank_bin: str,
    number: str,
    holder: str,
    fund: Fund | None = None,
    branch: str = "",
    public: bool = True,
) -> BankAccount:
    """Register a bank account of a unit (bank chosen by its BIN); a former unit's accounts may be recorded
    to keep its statements."""
    authorize(acting_user, "funds.manage_fund", unit)
    if banks.bank_by_bin(bank_bin) is None:
        raise ActionError(_("Chọn ngân hàng trong danh sách."), field="bank_bin")
    number = "".join((number or "").split())
    if not number.isdigit() or not 6 <= len(number) <= 19:
        raise ActionError(_("Số tài khoản gồm 6–19 chữ số."), field="number")
    holder = _text(holder, "holder", max_length=200)
    if fund is not None and fund.unit_id != unit.pk:
        raise ActionError(_("Quỹ không thuộc đơn vị này."), field="fund")
    if BankAccount.objects.filter(bank_bin=bank_bin, number=number).exists():
        raise ActionError(_("Tài khoản này đã được khai báo."), field="number", status=409, code="conflict")
    account = BankAccount.objects.create(
        unit=unit,
        fund=fund,
        bank_bin=bank_bin,
        number=number,
        holder=holder,
        branch=_text(branch, "branch", required=False, max_length=200),
        public=public,
        province_key=unit.province_key,
    )
    audit.record(
        "funds.create_account", actor=acting_user, unit=unit, obj=account, after=audit.snapshot(account)
    )
    return account


def qr_message_for(title: str) -> str:
    """Return a short upper-case ASCII transfer message for an appeal, as banks accept it."""
    from ..vietqr import ascii_message

    message = ascii_message(title)
    return (message if message.startswith("UNG HO") else f"UNG HO {message}")[:50]


@transaction.atomic
def do_create_appeal(
    *,
    acting_user: Actor,
    fund: Fund,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    account: BankAccount | None = None,
    purpose: str = "",
    qr_message: str = "",
) -> Appeal:
    """Open a relief appeal on a fund; a receiving period past 90 days is allowed but flagged."""
    authorize(acting_user, "funds.manage_fund", fund)
    from ..vietqr import ascii_message

    require_open_during(fund.unit, opens_on, closes_on, field="opens_on")
    title = _text(title, "title")
    if closes_on < opens_on:
        raise ActionError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="closes_on")
    if account is not None and account.unit_id != fund.unit_id:
        raise ActionError(_("Tài khoản không thuộc đơn vị của quỹ."), field="account")
    message = ascii_message(qr_message)[:50] if qr_message else qr_message_for(title)
    appeal = Appeal.objects.create(
        fund=fund,
        title=title,
        purpose=_text(purpose, "purpose", required=False, max_length=5000),
        opens_on=opens_on,
        closes_on=closes_on,
        account=account,
        qr_message=message,
    )
    audit.record(
        "funds.create_appeal", actor=acting_user, unit=fund.unit, obj=appeal, after=audit.snapshot(appeal)
    )
    return appeal
