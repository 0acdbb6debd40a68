"""Meetings built through the actions for tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from mattran.meetings import actions
from mattran.meetings.models import AgendaKind, AttendanceStatus, MeetingKind
from tests.conftest import SYSTEM

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=VN)


def meeting(unit, term, day=dt.date(2021, 1, 7), number=3, actor=SYSTEM, **extra):
    return actions.do_create_meeting(
        acting_user=actor,
        unit=unit,
        term=term,
        kind=MeetingKind.COMMITTEE,
        number=number,
        title="Tổng kết công tác Mặt trận năm 2020",
        starts_at=at(day),
        venue="Hội trường xã",
        **extra,
    )


def all_present(m, members, absent=(), actor=SYSTEM):
    statuses = {
        mem.pk: AttendanceStatus.EXCUSED if mem in absent else AttendanceStatus.PRESENT for mem in members
    }
    return actions.do_record_attendance(m, acting_user=actor, statuses=statuses)


def consultation(m, title="Hiệp thương kiện toàn Ủy viên Ủy ban"):
    return actions.do_add_agenda_item(m, acting_user=SYSTEM, title=title, kind=AgendaKind.CONSULTATION)
