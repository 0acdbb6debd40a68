"""Meetings held whose record is still empty, for the home page's to-do list (core.todo)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core.authz import profile_of
from mattran.core.todo import TodoItem

from .models import Meeting

# A meeting held within this many days, with no attendance, agenda or conclusion yet, asks for its minutes.
RECENT_DAYS = 60


def meeting_items(user: Any) -> list[TodoItem]:
    """The user's unit's meetings of the last two months that have no minutes recorded yet."""
    profile = profile_of(user)
    if profile is None or not user.has_perm("meetings.record_meeting", profile.unit):
        return []
    now = timezone.now()
    held = (
        Meeting.objects.filter(
            unit=profile.unit, starts_at__lte=now, starts_at__gte=now - dt.timedelta(days=RECENT_DAYS)
        )
        .annotate(n=Count("attendance") + Count("agenda") + Count("conclusions"))
        .filter(n=0)
        .order_by("starts_at")
    )
    return [
        TodoItem(
            title=_("Ghi biên bản hội nghị: %(title)s (%(day)s)")
            % {"title": m.title, "day": timezone.localtime(m.starts_at).strftime("%d/%m/%Y")},
            url=reverse("meetings:meeting", args=[m.pk]),
            section=_("Hội nghị"),
            due=timezone.localtime(m.starts_at).date() + dt.timedelta(days=7),
            overdue=timezone.localdate() > timezone.localtime(m.starts_at).date() + dt.timedelta(days=7),
        )
        for m in held[:20]
    ]
