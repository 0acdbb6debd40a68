"""Core's actions for tests/core/test_every_action_authorises.py: the working calendar (superusers only)
and marking notifications read (the recipient only)."""

from __future__ import annotations

import datetime as dt

from mattran.core import actions
from mattran.core.models import DayOverride
from mattran.core.notifications import notify


def _override(w) -> DayOverride:
    return DayOverride.objects.create(date=dt.date(2027, 3, 1), kind="off", reason="thử")


def _remove(w):
    override = _override(w)
    return lambda actor: actions.do_remove_day_override(override, acting_user=actor)


def _read(w):
    notices = notify([w.people.ward_editor], "assigned", "Thử", "/")
    return lambda actor: actions.do_mark_notifications_read(notices, acting_user=actor)


CASES = {
    "do_set_day_override": lambda w: (
        lambda actor: actions.do_set_day_override(
            acting_user=actor, date=dt.date(2027, 3, 1), kind="off", reason="Nghỉ bù"
        )
    ),
    "do_remove_day_override": lambda w: _remove(w),
    "do_mark_notifications_read": lambda w: _read(w),
}
