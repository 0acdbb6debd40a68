"""Notifications: an in-app notice per recipient (the bell in the page header, the notifications page) and
an e-mail through Django's mail settings when mail is configured (``EMAIL_HOST``; settings.MAIL_CONFIGURED).

``notify`` is called by actions, inside their transaction: the notices are rows of that transaction, and the
e-mails leave only once it commits (a rolled-back action sends nothing). A mail server that does not answer
never undoes the action: the notice stays in the app and the failure is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import models, transaction

from .models import Notification

log = logging.getLogger(__name__)

# What a notice is about; apps may use others, these are the ones the to-do list and the mail know.
ASSIGNED = "assigned"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
ANSWERED = "answered"
CITIZEN_REPLY = "citizen_reply"


def unread_count(user: Any) -> int:
    """The user's unread notices: one indexed count (recipient, read_at), asked only when a page shows it."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def _absolute(url: str) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{url}" if base and url.startswith("/") else url


def _send(notices: list[Notification]) -> None:
    for notice in notices:
        address = getattr(notice.recipient, "email", "")
        if not address:
            continue
        try:
            send_mail(
                subject=f"[mattran] {notice.title}"[:200],
                message=f"{notice.title}\n\n{_absolute(notice.url)}\n",
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[address],
            )
        except Exception:  # noqa: BLE001 — the notice is in the app; the mail is a courtesy
            log.exception("notification mail to %s failed", address)
            continue
        Notification.objects.filter(pk=notice.pk).update(emailed=True)


def mail_enabled() -> bool:
    return bool(getattr(settings, "MAIL_CONFIGURED", False))


def notify(
    recipients: Iterable[Any], kind: str, title: str, url: str = "", obj: models.Model | None = None
) -> list[Notification]:
    """Give each recipient (users; duplicates and inactive accounts skipped) an in-app notice, and an e-mail
    after the current transaction commits when mail is configured."""
    seen: set[int] = set()
    people = []
    for user in recipients:
        if user is None or not getattr(user, "pk", None) or not getattr(user, "is_active", True):
            continue
        if user.pk in seen:
            continue
        seen.add(user.pk)
        people.append(user)
    if not people:
        return []
    content_type = ContentType.objects.get_for_model(obj) if obj is not None else None
    notices = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind[:40],
                title=title[:300],
                url=url[:500],
                content_type=content_type,
                object_id=str(obj.pk) if obj is not None else "",
            )
            for user in people
        ]
    )
    if mail_enabled():
        transaction.on_commit(lambda: _send(notices))
    return notices
