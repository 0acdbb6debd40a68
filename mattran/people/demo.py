"""Demo committee: Ủy ban MTTQ Việt Nam quận Lê Chân khóa XVI (nhiệm kỳ 2019–2024), through the actions.

The published article (../shared/examples/le-chan-2021-01-07-hoi-nghi-uy-ban.txt) gives the term and the
numbers of the hiệp thương (4 relieved, 5 added) but not the members' names nor the committee's size, so
the members here are illustrative (their records say so in their notes) and the hiệp thương records its
seats by number, naming nobody. The term's start date is likewise illustrative.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from mattran.core.authz import DEMO
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


def ensure_person(unit: Unit, full_name: str, **fields: Any) -> Person:
    """The person kept by the unit under that name, created through the action the first time."""
    existing = Person.objects.filter(unit=unit, full_name=full_name).first()
    return existing or actions.do_create_person(acting_user=DEMO, unit=unit, full_name=full_name, **fields)


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


def load() -> list[str]:
    """Create the demo committees (Lê Chân's khóa XVI, Bồ Đề's of 2025) that are not there yet."""
    return _le_chan_committee() + _bo_de_committee()


def _seat_committee(
    term: Term,
    *,
    generated: int,
    name_offset: int,
    others: list[str],
    notes: str,
    notable: Sequence[tuple[str, str, dict[str, Any], str]] = (),
) -> None:
    """Seat ``generated`` illustrative members on ``term``, then the ``notable`` ones, in that order.

    Seats 1–4 are Front cadres (chair and vice-chairs), then one per member organisation of the unit
    from the tenth seat; the rest represent ``others`` in turn. ``notable``: (name, gender, person
    fields, represents).
    """
    orgs = list(MemberOrganization.objects.filter(unit=term.unit).order_by("kind"))
    seats: list[tuple[str, str, dict[str, Any], str, MemberOrganization | None]] = []
    for i in range(generated):
        name, gender = illustrative_name(name_offset + i)
        org = orgs[i - 9] if 9 <= i < 9 + len(orgs) else None
        represents = (
            Represents.MEMBER_ORG if org else Represents.FRONT_CADRE if i < 4 else others[i % len(others)]
        )
        seats.append((name, gender, {}, represents, org))
    seats += [(name, gender, fields, represents, None) for name, gender, fields, represents in notable]
    for i, (name, gender, fields, represents, org) in enumerate(seats):
        person = ensure_person(term.unit, name, gender=gender, notes=notes, **fields)
        actions.do_add_membership(
            acting_user=DEMO,
            term=term,
            person=person,
            position=_position(i),
            start=term.start,
            member_org=org,
            represents=represents,
            order=i,
        )


@transaction.atomic
def _le_chan_committee() -> list[str]:
    unit = le_chan()
    if Term.objects.filter(unit=unit, label=LE_CHAN_TERM).exists():
        return []
    term = actions.do_create_term(
        acting_user=DEMO,
        unit=unit,
        label=LE_CHAN_TERM,
        period_label="nhiệm kỳ 2019–2024",
        start=LE_CHAN_TERM_START,
        notes="Ngày bắt đầu nhiệm kỳ là dữ liệu minh họa.",
    )
    _seat_committee(
        term,
        generated=COMMITTEE_SIZE,
        name_offset=0,
        others=[Represents.RESIDENTIAL, Represents.RELIGION, Represents.INTELLECTUALS, Represents.BUSINESS],
        notes=ILLUSTRATIVE,
    )
    return [f"Ủy ban MTTQ Việt Nam quận Lê Chân {LE_CHAN_TERM}: {COMMITTEE_SIZE} ủy viên (minh họa)"]


BO_DE_TERM = "nhiệm kỳ 2024–2029"
BO_DE_TERM_START = dt.date(2025, 7, 1)  # the day the merged ward began
BO_DE_SIZE = 31
ILLUSTRATIVE_WARD = "Dữ liệu minh họa: không có nguồn công bố danh sách ủy viên."
# Illustrative people beyond the generated names: one member of a minority ethnic group, one dignitary
# representing a religion (Hà Nội's wards have both), so every computed membership figure has a value.
BO_DE_NOTABLE = [
    ("Hoàng Thị Tày", "nu", {"ethnicity": "Tày"}, Represents.ETHNIC_GROUP),
    ("Đỗ Văn Thiện", "nam", {"religion": "Công giáo"}, Represents.RELIGION),
]


def bo_de() -> Unit | None:
    """Phường Bồ Đề of 2025, when the 2025 divisions are loaded."""
    return Unit.objects.filter(
        structure="2025", level__code=Level.COMMUNE, code="00118", valid_to__isnull=True
    ).first()


@transaction.atomic
def _bo_de_committee() -> list[str]:
    """The committee of phường Bồ Đề (the demo users' ward) from the day the new ward began.

    Illustrative like Lê Chân's: no published source names its members. It gives the ward's monthly
    report its computed membership figures (members by gender, minority, religion).
    """
    unit = bo_de()
    if unit is None or Term.objects.filter(unit=unit, label=BO_DE_TERM).exists():
        return []
    term = actions.do_create_term(
        acting_user=DEMO,
        unit=unit,
        label=BO_DE_TERM,
        period_label="từ 01/07/2025",
        start=BO_DE_TERM_START,
        notes="Ủy ban được kiện toàn khi thành lập phường mới; danh sách ủy viên là dữ liệu minh họa.",
    )
    _seat_committee(
        term,
        generated=BO_DE_SIZE - len(BO_DE_NOTABLE),
        name_offset=COMMITTEE_SIZE + NEWCOMERS,  # past Lê Chân's names: the committees are different people
        others=[Represents.RESIDENTIAL, Represents.INTELLECTUALS, Represents.BUSINESS],
        notes=ILLUSTRATIVE_WARD,
        notable=BO_DE_NOTABLE,
    )
    return [f"Ủy ban MTTQ Việt Nam phường Bồ Đề ({BO_DE_TERM}): {BO_DE_SIZE} ủy viên (minh họa)"]
