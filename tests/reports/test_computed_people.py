"""Report figures computed from the committee memberships, created through the people actions."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.people import actions as people_actions
from mattran.people.models import EndReason, Position, Represents
from mattran.reports.models import Value
from tests.conftest import SYSTEM

from .conftest import enter, month

pytestmark = pytest.mark.django_db

MARCH = month(2024, 3)


def test_it_counts_committee_members_at_the_end_of_the_period(tree, people, catalogue):
    term = people_actions.do_create_term(acting_user=SYSTEM, unit=tree.commune, label="khóa XII",
                                         start=dt.date(2020, 7, 1))  # fmt: skip

    def person(name, **fields):
        return people_actions.do_create_person(
            acting_user=SYSTEM, unit=tree.commune, full_name=name, **fields
        )

    def seat(p, position=Position.MEMBER, start=dt.date(2020, 7, 1), **extra):
        return people_actions.do_add_membership(acting_user=SYSTEM, term=term, person=p, position=position,
                                                start=start, **extra)  # fmt: skip

    chair = person("Nguyễn Văn An", gender="nam", ethnicity="Kinh")
    seat(chair, Position.CHAIR)
    seat(chair, Position.STANDING_MEMBER)  # two positions, one person
    seat(person("Hoàng Thị Bé", gender="nu", ethnicity="Tày"))
    seat(person("Thích Minh Chánh", gender="nam", ethnicity="Khmer", religion="Phật giáo"),
         represents=Represents.RELIGION, represents_detail="Phật giáo")  # fmt: skip
    seat(person("Lê Văn Dũng", ethnicity="kinh"))  # gender not recorded
    left = seat(person("Trần Thị Em", gender="nu"))
    people_actions.do_end_membership(
        left, acting_user=SYSTEM, end=dt.date(2024, 3, 15), reason=EndReason.RETIRED
    )
    seat(person("Phạm Văn Giang", gender="nam"), start=dt.date(2024, 4, 1))  # joins after March

    enter(people.ward_editor, catalogue, tree.commune, MARCH, {("GS-CUOC", ""): 1})

    def figures(code):
        rows = Value.objects.filter(unit=tree.commune, indicator__code=code, period_start=MARCH.start)
        return {v.breakdown: (v.value, v.source) for v in rows}

    assert figures("UY-VIEN") == {"nam": (2, "C"), "nu": (1, "C")}
    assert figures("UY-VIEN-DTTS") == {"": (2, "C")}  # Tày and Khmer
    assert figures("UY-VIEN-TON-GIAO") == {"": (1, "C")}
