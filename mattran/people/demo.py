"""Demo committee: Ủy ban MTTQ Việt Nam quận Lê Chân khóa XVI (nhiệm kỳ 2019–2024), through the actions.

The published article (../shared/examples/le-chan-2021-01-07-hoi-nghi-uy-ban.txt) gives the term and the
numbers of the hiệp thương (4 relieved, 5 added) but not the members' names, so the members here are
illustrative: their records say so in their notes. The term's start date is likewise illustrative.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from mattran.org.models import Level, MemberOrganization, Unit
from mattran.people import actions
from mattran.people.models import Person, Position, Represents, Term

ILLUSTRATIVE = "Dữ liệu minh họa: bài báo không nêu tên ủy viên."
LE_CHAN_TERM = "khóa XVI"
LE_CHAN_TERM_START = dt.date(2019, 7, 1)

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
_MIDDLE_M = ["Văn", "Đức", "Minh", "Quang"]
_MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc"]
_GIVEN_M = [
    "An",
    "Bảo",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
]
_GIVEN_F = [
    "Anh",
    "Bích",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hằng",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Oanh",
    "Phương",
    "Thảo",
    "Yến",
]
COMMITTEE_SIZE = 40
NEWCOMERS = 5


def illustrative_name(i: int) -> tuple[str, str]:
    """A deterministic Vietnamese name and gender for the i-th illustrative member."""
    female = i % 2 == 1
    family = _FAMILY[(i * 3) % len(_FAMILY)]
    middle = (_MIDDLE_F if female else _MIDDLE_M)[(i // 2) % 4]
    given = (_GIVEN_F if female else _GIVEN_M)[(i * 5 + i // 3) % 16]
    return f"{family} {middle} {given}", "nu" if female else "nam"


def le_chan() -> Unit:
    return Unit.objects.get(structure="legacy", level__code=Level.DISTRICT, code="305")


def ensure_person(unit: Unit, full_name: str, **fields) -> Person:
    """The person kept by the unit under that name, created through the action the first time."""
    existing = Person.objects.filter(unit=unit, full_name=full_name).first()
    return existing or actions.do_create_person(acting_user=None, unit=unit, full_name=full_name, **fields)


def _position(i: int) -> str:
    if i == 0:
        return Position.CHAIR
    if i in (1, 2):
        return Position.VICE_CHAIR_FULL_TIME
    if i == 3:
        return Position.VICE_CHAIR_PART_TIME
    if i < 9:
        return Position.STANDING_MEMBER
    return Position.MEMBER


@transaction.atomic
def load() -> list[str]:
    """Create Lê Chân's khóa XVI committee if it is not there yet."""
    unit = le_chan()
    if Term.objects.filter(unit=unit, label=LE_CHAN_TERM).exists():
        return []
    term = actions.do_create_term(
        acting_user=None,
        unit=unit,
        label=LE_CHAN_TERM,
        period_label="nhiệm kỳ 2019–2024",
        start=LE_CHAN_TERM_START,
        notes="Ngày bắt đầu nhiệm kỳ là dữ liệu minh họa.",
    )
    orgs = list(MemberOrganization.objects.filter(unit=unit).order_by("kind"))
    for i in range(COMMITTEE_SIZE):
        name, gender = illustrative_name(i)
        person = ensure_person(unit, name, gender=gender, notes=ILLUSTRATIVE)
        org = orgs[i - 9] if 9 <= i < 9 + len(orgs) else None
        represents = (
            Represents.MEMBER_ORG
            if org
            else Represents.FRONT_CADRE
            if i < 4
            else [Represents.RESIDENTIAL, Represents.RELIGION, Represents.INTELLECTUALS, Represents.BUSINESS][
                i % 4
            ]
        )
        actions.do_add_membership(
            acting_user=None,
            term=term,
            person=person,
            position=_position(i),
            start=LE_CHAN_TERM_START,
            member_org=org,
            represents=represents,
            order=i,
        )
    for j in range(NEWCOMERS):
        name, gender = illustrative_name(COMMITTEE_SIZE + j)
        ensure_person(unit, name, gender=gender, notes=ILLUSTRATIVE)
    return [f"Ủy ban MTTQ Việt Nam quận Lê Chân {LE_CHAN_TERM}: {COMMITTEE_SIZE} ủy viên (minh họa)"]
