"""Core's permissions: the working calendar is the superuser's; a notification is its recipient's."""

from __future__ import annotations

import rules


@rules.predicate
def is_recipient(user, notice) -> bool:
    return notice is not None and getattr(user, "pk", None) is not None and notice.recipient_id == user.pk


@rules.predicate
def has_account(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


rules.add_perm("core.manage_calendar", rules.is_active & rules.is_superuser)
rules.add_perm("core.read_notification", has_account & is_recipient)
rules.add_perm("core.read_notifications", has_account)
