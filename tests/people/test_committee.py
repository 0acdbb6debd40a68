"""Persons, terms and memberships: the committee as of a date and the rules that keep it consistent."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.org.actions import do_dissolve_unit
from mattran.people import actions, queries
from mattran.people.models import EndReason, Membership, Person, Position, Represents, Term
from tests.conftest import SYSTEM
from tests.people.factories import TERM_START, committee, person, term

pytestmark = pytest.mark.django_db


def test_it_creates_a_person_with_nfc_name_and_folds_it_for_search(tree):
    p = person(
        tree.commune,
        "  Nguye\u0302\u0303n   Thị Minh Phương ",
        gender="nu",
        birth_year=1970,
        religion="Phật giáo",
        contact="0912 345 678",
    )
    p.refresh_from_db()
    assert p.full_name == "Nguyễn Thị Minh Phương"
    assert list(Person.objects.search("nguyen minh phuong")) == [p]
    assert AuditEntry.objects.filter(action="people.create_person", object_id=str(p.pk)).exists()


def test_it_refuses_a_name_without_family_name_and_changes_nothing(tree):
    with pytest.raises(ActionError) as exc:
        person(tree.commune, "Phương")
    assert exc.value.field == "full_name"
    assert Person.objects.count() == 0


def test_it_gives_the_title_a_person_held_on_a_date(tree):
    p = person(tree.commune, "Lê Hồng Phú")
    actions.do_add_person_post(
        p, acting_user=SYSTEM, title="UVTV Quận ủy", start=dt.date(2015, 1, 1), order=1
    )
    actions.do_add_person_post(
        p,
        acting_user=SYSTEM,
        title="Chủ tịch Ủy ban MTTQ Việt Nam quận",
        start=dt.date(2016, 1, 1),
        end=dt.date(2020, 1, 1),
        order=2,
    )
    p = Person.objects.prefetch_related("posts").get(pk=p.pk)
    assert p.title_on(dt.date(2019, 2, 21)) == "UVTV Quận ủy, Chủ tịch Ủy ban MTTQ Việt Nam quận"
    assert p.title_on(dt.date(2021, 1, 1)) == "UVTV Quận ủy"


def test_it_shows_the_committee_as_of_a_date_in_position_order(tree):
    t, members = committee(tree.commune, 5)
    newcomer = person(tree.commune, "Trịnh Văn Sơn")
    actions.do_end_membership(
        members[4], acting_user=SYSTEM, end=dt.date(2022, 3, 1), reason=EndReason.RETIRED
    )
    actions.do_add_membership(
        acting_user=SYSTEM,
        term=t,
        person=newcomer,
        position=Position.STANDING_MEMBER,
        start=dt.date(2022, 3, 1),
        represents=Represents.INTELLECTUALS,
    )
    before = [m.person.full_name for m in queries.committee_on(tree.commune, dt.date(2022, 2, 28))]
    after = [m.person.full_name for m in queries.committee_on(tree.commune, dt.date(2022, 3, 1))]
    assert before[0] == "Nguyễn Văn An" and len(before) == 5 and "Trịnh Văn Sơn" not in before
    assert after[:3] == ["Nguyễn Văn An", "Trần Thị Bình", "Trịnh Văn Sơn"]
    assert members[4].person.full_name not in after
    ended = Membership.objects.get(pk=members[4].pk)
    assert ended.end == dt.date(2022, 3, 1) and ended.end_reason == EndReason.RETIRED


def test_it_refuses_the_same_member_twice_in_one_term_and_position(tree):
    t, members = committee(tree.commune, 3)
    count, audits = Membership.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ActionError) as exc:
        actions.do_add_membership(
            acting_user=SYSTEM,
            term=t,
            person=members[2].person,
            position=Position.MEMBER,
            start=dt.date(2021, 1, 1),
        )
    assert exc.value.code == "duplicate" and exc.value.status == 409
    assert "đã là Ủy viên Ủy ban khóa I" in exc.value.message
    assert (Membership.objects.count(), AuditEntry.objects.count()) == (count, audits)


def test_it_refuses_a_start_date_outside_the_term(tree):
    t = term(tree.commune)
    p = person(tree.commune, "Trịnh Văn Sơn")
    for day in (dt.date(2020, 5, 31), dt.date(2025, 6, 1)):
        with pytest.raises(ActionError) as exc:
            actions.do_add_membership(
                acting_user=SYSTEM, term=t, person=p, position=Position.MEMBER, start=day
            )
        assert exc.value.code == "outside_term" and exc.value.field == "start"
    assert not Membership.objects.exists()


def test_it_refuses_a_membership_of_a_closed_unit(tree):
    t = term(tree.sibling)
    do_dissolve_unit(tree.sibling, acting_user=SYSTEM, date=dt.date(2023, 1, 1))
    tree.sibling.refresh_from_db()
    t.refresh_from_db()
    with pytest.raises(ActionError) as exc:
        actions.do_add_membership(
            acting_user=SYSTEM,
            term=Term.objects.get(pk=t.pk),
            person=person(tree.sibling, "Trịnh Văn Sơn"),
            position=Position.MEMBER,
            start=dt.date(2023, 6, 1),
        )
    assert exc.value.code == "unit_closed"
    assert not Membership.objects.exists()


def test_it_refuses_overlapping_terms_and_duplicate_labels(tree):
    term(tree.commune)
    with pytest.raises(ActionError):
        term(tree.commune, "khóa II", start=dt.date(2024, 1, 1))
    with pytest.raises(ActionError):
        term(tree.commune, "khóa I", start=dt.date(2026, 1, 1), end=None)
    assert Term.objects.count() == 1


def test_it_refuses_to_end_a_membership_twice(tree):
    _, members = committee(tree.commune, 2)
    actions.do_end_membership(
        members[1], acting_user=SYSTEM, end=dt.date(2021, 1, 1), reason=EndReason.TRANSFERRED
    )
    with pytest.raises(ActionError) as exc:
        actions.do_end_membership(
            members[1], acting_user=SYSTEM, end=dt.date(2021, 2, 1), reason=EndReason.DECEASED
        )
    assert exc.value.code == "already_ended"
    assert Membership.objects.get(pk=members[1].pk).end_reason == EndReason.TRANSFERRED


def test_it_lets_a_member_change_position_within_the_term(tree):
    t, members = committee(tree.commune, 3)
    actions.do_end_membership(
        members[2], acting_user=SYSTEM, end=dt.date(2022, 1, 1), reason=EndReason.POSITION_CHANGED
    )
    actions.do_add_membership(
        acting_user=SYSTEM,
        term=t,
        person=members[2].person,
        position=Position.VICE_CHAIR_PART_TIME,
        start=dt.date(2022, 1, 1),
    )
    history = list(queries.person_memberships(members[2].person))
    assert [m.position for m in history] == [Position.VICE_CHAIR_PART_TIME, Position.MEMBER]
    assert history[1].start == TERM_START
