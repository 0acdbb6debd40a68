"""Report figures computed from the meetings a unit records, created through the meetings actions."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.meetings import actions as meetings
from mattran.meetings.models import MeetingKind
from mattran.reports.models import Value
from tests.conftest import SYSTEM, make_user
from tests.meetings.helpers import at

from .conftest import enter, month

pytestmark = pytest.mark.django_db

MARCH = month(2024, 3)


def held(unit, kind, day, hour=8, **extra):
    return meetings.do_create_meeting(acting_user=SYSTEM, unit=unit, kind=kind, title=f"{kind} {day}",
                                      starts_at=at(day, hour), **extra)  # fmt: skip


def figure(unit, code, period=MARCH):
    v = Value.objects.get(unit=unit, indicator__code=code, period_start=period.start)
    return v.value, v.source


def test_it_counts_the_meetings_a_unit_held_in_the_period(tree, people, catalogue):
    held(tree.commune, MeetingKind.COMMITTEE, dt.date(2024, 3, 7))
    held(tree.commune, MeetingKind.STANDING_BOARD, dt.date(2024, 3, 1), hour=6)  # 29/2 23:00 UTC: March here
    held(tree.commune, MeetingKind.MID_YEAR_REVIEW, dt.date(2024, 3, 31), hour=23)
    held(tree.commune, MeetingKind.VOTER_CONTACT, dt.date(2024, 3, 12))
    held(tree.commune, MeetingKind.VOTER_CONTACT, dt.date(2024, 3, 19))
    held(tree.commune, MeetingKind.COMMITTEE, dt.date(2024, 4, 1))  # April
    held(tree.commune, MeetingKind.COMMITTEE, dt.date(2024, 2, 29), hour=23)  # February
    # The district's meeting the commune attends is the district's, counted once, at the district.
    held(tree.district, MeetingKind.COMMITTEE, dt.date(2024, 3, 20), participants=[tree.commune])

    enter(people.ward_editor, catalogue, tree.commune, MARCH, {("GS-CUOC", ""): 1})
    enter(make_user("huyen.canbo", tree.district, "editor"), catalogue, tree.district, MARCH,
          {("GS-CUOC", ""): 1})  # fmt: skip

    assert figure(tree.commune, "HN-TO-CHUC") == (3, "C")
    assert figure(tree.commune, "TXCT-CUOC") == (2, "C")
    assert figure(tree.district, "HN-TO-CHUC") == (1, "C")
    assert figure(tree.district, "TXCT-CUOC") == (0, "C")
