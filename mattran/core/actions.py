"""Core's own state changes: the working calendar's corrections and reading one's notifications."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .authz import Actor, authorize
from .errors import ActionError
from .models import DayOverride, Notification
from .text import nfc


@transaction.atomic
def do_set_day_override(*, acting_user: Actor, date: dt.date, kind: str, reason: str = "") -> DayOverride:
    """Declare a day an extra day off or a compensatory working day (replacing an earlier declaration)."""
    authorize(acting_user, "core.manage_calendar")
    if kind not in DayOverride.Kind.values:
        raise ActionError(_("Loại ngày không hợp lệ: chọn ngày nghỉ thêm hoặc ngày làm bù."), field="kind")
    reason = nfc(reason)[:300]
    if not reason:
        raise ActionError(_("Ghi căn cứ (ví dụ: Thông báo số … của Bộ Nội vụ)."), field="reason")
    existing = DayOverride.objects.select_for_update().filter(date=date).first()
    before = audit.snapshot(existing) if existing else None
    if existing is None:
        override = DayOverride.objects.create(date=date, kind=kind, reason=reason)
    else:
        existing.kind, existing.reason = kind, reason
        existing.save()
        override = existing
    audit.record(
        "core.set_day_override",
        actor=acting_user,
        obj=override,
        before=before,
        after=audit.snapshot(override),
    )
    return override


@transaction.atomic
def do_remove_day_override(override: DayOverride, *, acting_user: Actor) -> None:
    """Return a day to the ordinary calendar."""
    authorize(acting_user, "core.manage_calendar")
    before = audit.snapshot(override)
    audit.record("core.remove_day_override", actor=acting_user, obj=override, before=before)
    override.delete()


@transaction.atomic
def do_mark_notifications_read(
    notices: list[Notification] | None = None, *, acting_user: Actor, all_unread: bool = False
) -> int:
    """Mark the user's own notices read (the ones named, or every unread one); return how many changed."""
    if all_unread:
        authorize(acting_user, "core.read_notifications")
        recipient_id = getattr(acting_user, "pk", None)
        qs = Notification.objects.filter(recipient_id=recipient_id, read_at__isnull=True)
    else:
        notices = list(notices or [])
        if not notices:
            raise ActionError(_("Chưa chọn thông báo nào."), field="notices")
        for notice in notices:
            authorize(acting_user, "core.read_notification", notice)
        qs = Notification.objects.filter(pk__in=[n.pk for n in notices], read_at__isnull=True)
    changed = qs.update(read_at=timezone.now())
    if changed:
        audit.record(
            "core.mark_notifications_read",
            actor=acting_user,
            summary=_("Đánh dấu đã đọc %(n)d thông báo") % {"n": changed},
        )
    return changed
