"""Plain ledger postings and their corrections (reversing entries)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError

from ..models import Appeal, EntryKind, Fund, LedgerEntry, Receipt
from .common import _amount, _check_appeal, _lock, _post, _record_day, _text


@transaction.atomic
def do_post_entry(
    *,
    acting_user: Actor,
    fund: Fund,
    kind: str,
    amount: int,
    date: dt.date,
    description: str,
    appeal: Appeal | None = None,
) -> LedgerEntry:
    """Post a plain receipt, disbursement or opening balance; ``amount`` is positive, the kind signs it."""
    authorize(acting_user, "funds.post_entry", fund)
    signs = {EntryKind.RECEIPT: 1, EntryKind.OPENING: 1, EntryKind.DISBURSEMENT: -1}
    if kind not in signs:
        raise ActionError(_("Loại bút toán không hợp lệ."), field="kind")
    amount = _amount(amount)
    description = _text(description, "description", max_length=500)
    _check_appeal(fund, appeal)
    locked = _lock(fund)
    entry = _post(
        locked,
        amount=signs[kind] * amount,
        kind=kind,
        date=date,
        description=description,
        acting_user=acting_user,
        appeal=appeal,
    )
    audit.record(
        "funds.post_entry", actor=acting_user, unit=locked.unit, obj=entry, after=audit.snapshot(entry)
    )
    fund.balance = locked.balance
    return entry


@transaction.atomic
def do_reverse_entry(
    *, acting_user: Actor, entry: LedgerEntry, reason: str, date: dt.date | None = None
) -> list[LedgerEntry]:
    """Correct a posted entry with a reversing entry (both halves of a transfer are reversed together)."""
    authorize(acting_user, "funds.post_entry", entry.fund)
    reason = _text(reason, "reason", max_length=300)
    entry = LedgerEntry.objects.select_related("fund").get(pk=entry.pk)
    if entry.kind == EntryKind.REVERSAL:
        raise ActionError(_("Không đảo một bút toán đảo; hãy ghi bút toán mới."), field="entry")
    originals = [entry]
    if entry.transfer_group is not None:
        originals = list(LedgerEntry.objects.filter(transfer_group=entry.transfer_group).order_by("pk"))
    funds = {
        f.pk: f
        for f in Fund.objects.select_for_update().filter(pk__in={e.fund_id for e in originals}).order_by("pk")
    }
    if LedgerEntry.objects.filter(reverses__in=originals).exists():
        raise ActionError(_("Bút toán này đã được đảo."), field="entry", status=409, code="conflict")
    day = _record_day(entry.fund.unit, date)
    group = uuid.uuid4() if len(originals) > 1 else None
    # Credit the receiving side back first so a transfer reversal never trips the balance check.
    reversals = []
    for original in sorted(originals, key=lambda e: e.amount):
        reversals.append(
            _post(
                funds[original.fund_id],
                amount=-original.amount,
                kind=EntryKind.REVERSAL,
                date=day,
                description=f"Đảo bút toán #{original.pk}: {reason}"[:500],
                acting_user=acting_user,
                appeal=original.appeal,
                reverses=original,
                group=group,
            )
        )
    Receipt.objects.filter(entry__in=originals).update(cancelled=True)
    for reversal in reversals:
        audit.record(
            "funds.reverse_entry",
            actor=acting_user,
            unit=funds[reversal.fund_id].unit,
            obj=reversal,
            after=audit.snapshot(reversal),
            summary=reason,
        )
    return reversals
