"""Votes against the members present, pass rules, and hiệp thương applied only when its vote passes."""

from __future__ import annotations

import datetime as dt

import pytest

from mattran.core.errors import ActionError
from mattran.core.models import AuditEntry
from mattran.meetings import actions
from mattran.meetings.models import ChangeAction, ConsultationChange, PassRule
from mattran.org.actions import do_dissolve_unit
from mattran.people import queries
from mattran.people.models import EndReason, Membership, Position
from tests.conftest import SYSTEM, make_user
from tests.meetings.helpers import all_present, consultation, meeting
from tests.people.factories import committee, person

DAY = dt.date(2021, 1, 7)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "votes_for", "passed"),
    [
        (PassRule.MAJORITY, 5, True),
        (PassRule.MAJORITY, 4, False),
        (PassRule.TWO_THIRDS, 6, True),
        (PassRule.TWO_THIRDS, 5, False),
        (PassRule.UNANIMITY, 9, True),
        (PassRule.UNANIMITY, 8, False),
    ],
)
def test_it_applies_the_pass_rule_against_members_present(tree, people, rule, votes_for, passed):
    t, members = committee(tree.commune, 9)
    m = meeting(tree.commune, t)
    all_present(m, members)
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo", rule=rule)
    vote = actions.do_record_vote(
        vote, acting_user=people.ward_editor, votes_for=votes_for, votes_against=9 - votes_for
    )
    assert vote.present == 9 and vote.passed is passed and vote.not_voting == 0


@pytest.mark.django_db
def test_it_refuses_a_vote_with_more_ballots_than_members_present(tree, people):
    t, members = committee(tree.commune, 9)
    m = meeting(tree.commune, t)
    all_present(m, members, absent=members[7:])
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    audits = AuditEntry.objects.count()
    with pytest.raises(ActionError) as exc:
        actions.do_record_vote(vote, acting_user=people.ward_editor, votes_for=7, votes_against=1)
    assert exc.value.code == "too_many_ballots"
    assert "(8) nhiều hơn số đại biểu có mặt (7)" in exc.value.message
    vote.refresh_from_db()
    assert vote.recorded_at is None and vote.votes_for is None
    assert AuditEntry.objects.count() == audits


@pytest.mark.django_db
def test_it_computes_the_share_and_those_not_voting(tree, people):
    t, members = committee(tree.commune, 9)
    m = meeting(tree.commune, t)
    all_present(m, members, absent=members[:1])
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    vote = actions.do_record_vote(vote, acting_user=people.ward_editor, votes_for=6, abstentions=1)
    assert vote.not_voting == 1 and vote.share_label == "75%"


@pytest.mark.django_db
def test_it_refuses_a_vote_before_the_roll_call(tree, people):
    t, _ = committee(tree.commune, 3)
    m = meeting(tree.commune, t)
    vote = actions.do_open_vote(m, acting_user=SYSTEM, subject="Thông qua báo cáo")
    with pytest.raises(ActionError) as exc:
        actions.do_record_vote(vote, acting_user=people.ward_editor, votes_for=3)
    assert exc.value.field == "present"


def _hiep_thuong(tree, *, size=9):
    t, members = committee(tree.commune, size)
    m = meeting(tree.commune, t, day=DAY)
    all_present(m, members)
    item = consultation(m)
    newcomers = [person(tree.commune, n) for n in ("Trịnh Văn Sơn", "Mai Thị Tuyết")]
    actions.do_propose_consultation_change(
        item,
        acting_user=SYSTEM,
        action=ChangeAction.RELIEVE,
        membership=members[8],
        end_reason=EndReason.TRANSFERRED,
    )
    actions.do_propose_consultation_change(
        item,
        acting_user=SYSTEM,
        action=ChangeAction.REPLACE,
        membership=members[7],
        person=newcomers[0],
        position=Position.MEMBER,
    )
    actions.do_propose_consultation_change(
        item,
        acting_user=SYSTEM,
        action=ChangeAction.ADD,
        person=newcomers[1],
        position=Position.STANDING_MEMBER,
    )
    vote = actions.do_open_vote(
        m, acting_user=SYSTEM, subject="Hiệp thương kiện toàn", agenda_item=item, rule=PassRule.MAJORITY
    )
    return t, members, m, item, newcomers, vote


@pytest.mark.django_db
def test_it_applies_a_passed_hiep_thuong_atomically_dated_from_the_meeting(tree, people):
    t, members, m, item, newcomers, vote = _hiep_thuong(tree)
    actions.do_record_vote(vote, acting_user=people.ward_editor, votes_for=9)
    relieved = Membership.objects.get(pk=members[8].pk)
    replaced = Membership.objects.get(pk=members[7].pk)
    assert (relieved.end, relieved.end_reason, relieved.ended_by_meeting) == (DAY, EndReason.TRANSFERRED, m)
    assert (replaced.end, replaced.end_reason) == (DAY, EndReason.REPLACED)
    added = Membership.objects.filter(started_by_meeting=m).order_by("pk")
    assert [(a.person, a.position, a.start) for a in added] == [
        (newcomers[0], Position.MEMBER, DAY),
        (newcomers[1], Position.STANDING_MEMBER, DAY),
    ]
    names = {x.person.full_name for x in queries.committee_on(tree.commune, DAY)}
    assert len(names) == 9 and {"Trịnh Văn Sơn", "Mai Thị Tuyết"} <= names
    assert members[8].person.full_name not in names
    assert not ConsultationChange.objects.filter(applied_at__isnull=True).exists()


@pytest.mark.django_db
def test_it_changes_nothing_when_the_hiep_thuong_vote_fails(tree, people):
    t, members, m, item, newcomers, vote = _hiep_thuong(tree)
    vote = actions.do_record_vote(vote, acting_user=people.ward_editor, votes_for=4, votes_against=5)
    assert vote.passed is False
    assert not Membership.objects.filter(end__isnull=False).exists()
    assert not Membership.objects.filter(started_by_meeting=m).exists()
    assert queries.committee_on(tree.commune, DAY).count() == 9


@pytest.mark.django_db
def test_it_refuses_a_hiep_thuong_on_a_closed_unit(tree):
    t, members = committee(tree.sibling, 3)
    m = meeting(tree.sibling, t, day=DAY)
    item = consultation(m)
    cadre = make_user("binh.canbo", tree.sibling, "editor")
    do_dissolve_unit(tree.sibling, acting_user=SYSTEM, date=dt.date(2021, 1, 1))
    m.unit.refresh_from_db()
    changes = ConsultationChange.objects.count()
    with pytest.raises(ActionError) as exc:
        actions.do_propose_consultation_change(
            item, acting_user=cadre, action=ChangeAction.RELIEVE, membership=members[2]
        )
    assert exc.value.code == "unit_closed"
    with pytest.raises(ActionError) as exc:
        consultation(m, "Hiệp thương bổ sung")
    assert exc.value.code == "unit_closed"
    assert ConsultationChange.objects.count() == changes
    assert Membership.objects.get(pk=members[2].pk).end is None


@pytest.mark.django_db
def test_it_refuses_to_propose_adding_a_sitting_member_in_the_same_position(tree, people):
    t, members = committee(tree.commune, 3)
    m = meeting(tree.commune, t, day=DAY)
    item = consultation(m)
    with pytest.raises(ActionError) as exc:
        actions.do_propose_consultation_change(
            item,
            acting_user=people.ward_editor,
            action=ChangeAction.ADD,
            person=members[2].person,
            position=Position.MEMBER,
        )
    assert exc.value.code == "duplicate"
    assert not ConsultationChange.objects.exists()


@pytest.mark.django_db
def test_it_refuses_to_record_the_same_vote_twice(tree, people):
    t, members, m, item, newcomers, vote = _hiep_thuong(tree)
    actions.do_record_vote(vote, acting_user=SYSTEM, votes_for=9)
    with pytest.raises(ActionError) as exc:
        actions.do_record_vote(vote, acting_user=people.ward_editor, votes_for=2, votes_against=7)
    assert exc.value.status == 409 and exc.value.code == "already_recorded"
    vote.refresh_from_db()
    assert vote.votes_for == 9 and Membership.objects.filter(started_by_meeting=m).count() == 2
