"""The demo committees load through the actions, once, and give the demo ward's report its figures."""

from __future__ import annotations

import datetime as dt

from mattran.people import demo
from mattran.people.indicators import ethnic_minority_members, members_by_gender, religious_members
from mattran.people.models import Membership, Term
from mattran.reports.periods import Period


def test_the_demo_ward_has_its_committee_and_its_figures(real_units) -> None:
    first = demo.load()
    assert any("Bồ Đề" in line for line in first) and any("Lê Chân" in line for line in first)
    assert demo.load() == []  # loading again changes nothing

    bo_de = real_units("2025", "commune", "00118")
    term = Term.objects.get(unit=bo_de)
    assert term.start == dt.date(2025, 7, 1)
    assert Membership.objects.filter(term=term).count() == demo.BO_DE_SIZE
    # No one sits on both demo committees.
    le_chan_people = set(
        Membership.objects.filter(term__unit=demo.le_chan()).values_list("person__full_name", flat=True)
    )
    assert not le_chan_people & set(
        Membership.objects.filter(term=term).values_list("person__full_name", flat=True)
    )

    month = Period.containing("M", dt.date(2025, 10, 15))
    by_gender = members_by_gender(bo_de, month)
    assert sum(by_gender.values()) == demo.BO_DE_SIZE and by_gender["nu"] > 0 and by_gender["nam"] > 0
    assert ethnic_minority_members(bo_de, month) == 1
    assert religious_members(bo_de, month) == 1
    # Before the ward existed its committee had no one.
    assert sum(members_by_gender(bo_de, Period.containing("M", dt.date(2025, 5, 1))).values()) == 0
