"""Receipts (khoản thu) with their numbered biên lai, cancelling them, and matching them to bank
statement lines."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none
from mattran.core.errors import ActionError
from mattran.core.text import vi
from mattran.org.history import require_open_on
from mattran.org.models import Unit

from ..models import (
    Appeal,
    BankAccount,
    DonorKind,
    EntryKind,
    Fund,
    LedgerEntry,
    Receipt,
    ReceiptCounter,
    ReceiptMethod,
)
from .common import _amount, _check_appeal, _lock, _post, _text
from .ledger import do_reverse_entry


def _next_receipt_number(unit: Unit, year: int) -> int:
    ReceiptCounter.objects.get_or_create(unit=unit, year=year)
    counter = ReceiptCounter.objects.select_for_update().get(unit=unit, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@transaction.atomic
def do_record_receipt(
    *,
    acting_user: Actor,
    fund: Fund,
    method: str,
    donor_kind: str,
    amount: int,
    received_on: dt.date,
    donor_name: str = "",
    donor_address: str = "",
    goods: str = "",
    goods_quantity: str = "",
    note: str = "",
    appeal: Appeal | None = None,
    account: BankAccount | None = None,
) -> Receipt:
    """Record money or goods received, number its biên lai per unit and year, and post it to the fund."""
    authorize(acting_user, "funds.post_entry", fund)
    if method not in ReceiptMethod.values:
        raise ActionError(_("Hình thức nhận không hợp lệ."), field="method")
    if donor_kind not in DonorKind.values:
        raise ActionError(_("Loại người ủng hộ không hợp lệ."), field="donor_kind")
    amount = _amount(amount)
    donor_name = _text(donor_name, "donor_name", required=donor_kind != DonorKind.ANONYMOUS, max_length=200)
    if donor_kind == DonorKind.ANONYMOUS:
        donor_name = ""
    goods = _text(goods, "goods", required=method == ReceiptMethod.IN_KIND, max_length=300)
    if method == ReceiptMethod.TRANSFER:
        if account is None:
            account = fund.accounts.first()
        if account is None:
            raise ActionError(_("Quỹ chưa có tài khoản ngân hàng để nhận chuyển khoản."), field="account")
    elif account is not None:
        raise ActionError(_("Chỉ khoản chuyển khoản mới gắn với tài khoản."), field="account")
    if account is not None and account.fund_id not in (None, fund.pk):
        raise ActionError(_("Tài khoản không thuộc quỹ này."), field="account")
    _check_appeal(fund, appeal)
    locked = _lock(fund)
    require_open_on(locked.unit, received_on, field="received_on")
    year = received_on.year
    number = _next_receipt_number(locked.unit, year)
    donor = donor_name or "nhà hảo tâm ẩn danh"
    what = (
        f"hiện vật {goods} trị giá"
        if method == ReceiptMethod.IN_KIND
        else vi(ReceiptMethod(method).label).lower()
    )
    entry = _post(
        locked,
        amount=amount,
        kind=EntryKind.RECEIPT,
        date=received_on,
        description=f"Thu của {donor} ({what}), biên lai {number:04d}/{year}/BL"[:500],
        acting_user=acting_user,
        appeal=appeal,
    )
    receipt = Receipt.objects.create(
        unit=locked.unit,
        fund=locked,
        appeal=appeal,
        year=year,
        number=number,
        method=method,
        donor_kind=donor_kind,
        donor_name=donor_name,
        donor_address=_text(donor_address, "donor_address", required=False),
        amount=amount,
        goods=goods,
        goods_quantity=_text(goods_quantity, "goods_quantity", required=False, max_length=100),
        received_on=received_on,
        note=_text(note, "note", required=False, max_length=500),
        account=account,
        entry=entry,
        created_by=user_or_none(acting_user),
    )
    audit.record(
        "funds.record_receipt",
        actor=acting_user,
        unit=locked.unit,
        obj=receipt,
        after=audit.snapshot(receipt),
    )
    fund.balance = locked.balance
    return receipt


def do_cancel_receipt(*, acting_user: Actor, receipt: Receipt, reason: str) -> LedgerEntry:
    """Cancel a receipt by reversing its entry; the number stays used."""
    authorize(acting_user, "funds.post_entry", receipt.fund)
    if receipt.cancelled:
        raise ActionError(_("Biên lai đã huỷ."), status=409, code="conflict")
    return do_reverse_entry(acting_user=acting_user, entry=receipt.entry, reason=reason)[0]


@transaction.atomic
def do_reconcile_account(*, acting_user: Actor, account: BankAccount) -> int:
    """Match the account's unmatched transfer receipts to statement lines; return how many matched."""
    authorize(acting_user, "funds.import_statement", account)
    from ..reconciliation import match_receipt, unmatched_receipts

    matched = 0
    for receipt in unmatched_receipts(account).select_for_update():
        line = match_receipt(receipt)
        if line is not None:
            receipt.statement_line = line
            receipt.save(update_fields=["statement_line"])
            matched += 1
    audit.record(
        "funds.reconcile", actor=acting_user, unit=account.unit, obj=account, summary=f"{matched} khoản khớp"
    )
    return matched
