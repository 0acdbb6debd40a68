"""Build committees through the actions for tests."""

from __future__ import annotations

import datetime as dt

from mattran.people import actions
from mattran.people.models import Position
from tests.conftest import SYSTEM

TERM_START = dt.date(2020, 6, 1)
TERM_END = dt.date(2025, 6, 1)
NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
    "Hoàng Văn Đức",
    "Vũ Thị Hà",
    "Đặng Văn Hùng",
    "Bùi Thị Lan",
    "Đỗ Văn Minh",
    "Ngô Thị Nga",
    "Dương Văn Phúc",
    "Lý Thị Quyên",
]


def person(unit, name: str, **fields):
    return actions.do_create_person(acting_user=SYSTEM, unit=unit, full_name=name, **fields)


def term(unit, label: str = "khóa I", start: dt.date = TERM_START, end: dt.date | None = TERM_END):
    return actions.do_create_term(
        acting_user=SYSTEM, unit=unit, label=label, start=start, end=end, period_label="nhiệm kỳ 2020–2025"
    )


def committee(unit, size: int = 9, label: str = "khóa I"):
    """A term with `size` members: a chair, a full-time vice-chair, the rest members."""
    t = term(unit, label)
    members = []
    for i, name in enumerate(NAMES[:size]):
        position = Position.CHAIR if i == 0 else Position.VICE_CHAIR_FULL_TIME if i == 1 else Position.MEMBER
        members.append(
            actions.do_add_membership(
                acting_user=SYSTEM, term=t, person=person(unit, name), position=position, start=TERM_START
            )
        )
    return t, members
