"""Transfers (điều tiết) between the funds of two units on one line of the hierarchy.

Both funds are locked in id order, so two transfers between the same funds cannot deadlock.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.org.queries import is_in_subtree

from ..models import EntryKind, Fund, LedgerEntry
from .common import _amount, _post, _text


@transaction.atomic
def do_transfer(
    *,
    acting_user: Actor,
    source: Fund,
    target: Fund,
    amount: int,
    date: dt.date,
    description: str,
) -> tuple[LedgerEntry, LedgerEntry]:
    """Move money between the funds of two units on one line of the hierarchy (điều tiết), as a pair."""
    authorize(acting_user, "funds.post_entry", source)
    amount = _amount(amount)
    description = _text(description, "description", max_length=500)
    if source.pk == target.pk:
        raise ActionError(_("Quỹ nhận phải khác quỹ chuyển."), field="target")
    if not (is_in_subtree(target.unit_id, source.unit_id) or is_in_subtree(source.unit_id, target.unit_id)):
        raise ActionError(_("Chỉ điều tiết giữa cấp trên và cấp dưới của cùng một hệ thống."), field="target")
    locked = {
        f.pk: f for f in Fund.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")
    }
    src, dst = locked[source.pk], locked[target.pk]
    group = uuid.uuid4()
    out = _post(
        src,
        amount=-amount,
        kind=EntryKind.TRANSFER_OUT,
        date=date,
        description=f"Điều tiết đến {dst.name} ({dst.unit}): {description}"[:500],
        acting_user=acting_user,
        group=group,
    )
    into = _post(
        dst,
        amount=amount,
        kind=EntryKind.TRANSFER_IN,
        date=date,
        description=f"Điều tiết từ {src.name} ({src.unit}): {description}"[:500],
        acting_user=acting_user,
        group=group,
    )
    audit.record("funds.transfer", actor=acting_user, unit=src.unit, obj=out, after=audit.snapshot(out))
    audit.record("funds.transfer", actor=acting_user, unit=dst.unit, obj=into, after=audit.snapshot(into))
    source.balance, target.balance = src.balance, dst.balance
    return out, into
