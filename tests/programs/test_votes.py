"""Peer votes: one ballot per unit, no late ballots, the pass rule, ties at the last place, proposals."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from mattran.core.errors import ActionError
from mattran.programs import actions
from mattran.programs.models import AwardProposal, Ballot, BallotChoice, ProposalStatus, VoteStatus
from tests.conftest import SYSTEM
from tests.programs.conftest import open_vote

pytestmark = pytest.mark.django_db


def _cast(c, vote, plan: dict[int, list[int]]):
    for voter, chosen in plan.items():
        actions.do_cast_ballot(
            vote, acting_user=c.editors[voter], unit=c.units[voter], choices=[c.units[i] for i in chosen]
        )


def _finish(vote):
    actions.do_close_peer_vote(vote, acting_user=SYSTEM)
    return actions.do_tally_peer_vote(vote, acting_user=SYSTEM)


def test_it_refuses_a_second_ballot_from_the_same_unit(small_cluster):
    c = small_cluster
    vote = open_vote(c)
    _cast(c, vote, {1: [0]})
    with pytest.raises(ActionError) as exc:
        actions.do_cast_ballot(vote, acting_user=c.editors[1], unit=c.units[1], choices=[c.units[2]])
    assert (exc.value.code, exc.value.status) == ("already_voted", 409)
    assert (
        Ballot.objects.filter(vote=vote).count() == 1 and BallotChoice.objects.filter(vote=vote).count() == 1
    )


def test_it_refuses_a_ballot_after_the_deadline_or_closing(small_cluster):
    c = small_cluster
    vote = open_vote(c)
    late = vote.closes_at + dt.timedelta(seconds=1)
    vote.closes_at = timezone.now() - dt.timedelta(minutes=1)
    vote.save(update_fields=["closes_at"])  # the deadline has passed
    with pytest.raises(ActionError) as exc:
        actions.do_cast_ballot(vote, acting_user=SYSTEM, unit=c.units[1], choices=[c.units[0]])
    assert exc.value.code == "vote_closed"
    other = open_vote(c, kind="bang-khen")
    actions.do_close_peer_vote(other, acting_user=SYSTEM)
    with pytest.raises(ActionError) as exc:
        actions.do_cast_ballot(other, acting_user=SYSTEM, unit=c.units[1], choices=[c.units[0]])
    assert exc.value.code == "vote_closed"
    assert not Ballot.objects.exists() and late > vote.closes_at


def test_it_refuses_non_members_too_many_choices_and_non_candidates(small_cluster, tree):
    c = small_cluster
    vote = open_vote(c, places=1, candidates=c.units[:3])
    for unit, choices, code in [
        (tree.other_commune, [c.units[0]], "not_member"),
        (c.units[1], [c.units[0], c.units[2]], "too_many"),
        (c.units[1], [c.units[4]], "invalid"),
    ]:
        with pytest.raises(ActionError) as exc:
            actions.do_cast_ballot(vote, acting_user=SYSTEM, unit=unit, choices=choices)
        assert exc.value.code == code
    assert not Ballot.objects.exists()


def test_it_elects_with_more_than_half_of_the_units_and_proposes_them(small_cluster):
    c = small_cluster
    vote = open_vote(c, places=2)
    # 5 units: 3 votes pass (3 > 2.5), 2 do not.
    _cast(c, vote, {0: [1, 2], 1: [2, 3], 2: [1, 2], 3: [1, 2], 4: [3]})
    vote = _finish(vote)
    got = {cand.unit_id: (cand.votes, cand.passed, cand.elected) for cand in vote.candidates.all()}
    assert got[c.units[2].pk] == (4, True, True) and got[c.units[1].pk] == (3, True, True)
    assert got[c.units[3].pk] == (2, False, False) and vote.status == VoteStatus.DECIDED
    proposals = AwardProposal.objects.filter(vote=vote)
    assert {p.unit_id for p in proposals} == {c.units[1].pk, c.units[2].pk}
    assert {(p.award_kind.code, p.year, p.cluster_id) for p in proposals} == {
        ("co-thi-dua", c.cluster.year, c.cluster.pk)
    }


def test_it_leaves_a_tie_at_the_last_place_to_a_runoff(small_cluster):
    c = small_cluster
    vote = open_vote(c, places=2)
    # Unit 1: 4 votes (elected); units 2 and 3: 3 votes each for the one place left → tied.
    _cast(c, vote, {0: [1, 2], 1: [1, 3], 2: [1, 2], 3: [1, 3], 4: [2, 3]})
    vote = _finish(vote)
    by_unit = {cand.unit_id: cand for cand in vote.candidates.all()}
    assert vote.status == VoteStatus.TIED
    assert by_unit[c.units[1].pk].elected and by_unit[c.units[1].pk].votes == 4
    assert by_unit[c.units[2].pk].tied and by_unit[c.units[3].pk].tied
    assert not by_unit[c.units[2].pk].elected and not by_unit[c.units[3].pk].elected
    assert list(AwardProposal.objects.values_list("unit_id", flat=True)) == [c.units[1].pk]

    runoff = actions.do_open_runoff(
        vote, acting_user=SYSTEM, closes_at=timezone.now() + dt.timedelta(hours=1)
    )
    assert runoff.places == 1 and set(runoff.candidates.values_list("unit_id", flat=True)) == {
        c.units[2].pk,
        c.units[3].pk,
    }
    _cast(c, runoff, {0: [2], 1: [2], 2: [3], 3: [2], 4: [2]})
    runoff = _finish(runoff)
    assert runoff.status == VoteStatus.DECIDED
    assert set(AwardProposal.objects.values_list("unit_id", flat=True)) == {c.units[1].pk, c.units[2].pk}


def test_it_elects_no_one_below_the_pass_rule(small_cluster):
    c = small_cluster
    vote = open_vote(c, places=1)
    _cast(c, vote, {0: [1], 1: [2]})
    vote = _finish(vote)
    assert vote.status == VoteStatus.DECIDED and not vote.candidates.filter(elected=True).exists()
    assert not AwardProposal.objects.exists()


def test_it_keeps_secret_choices_apart_from_the_voter(small_cluster):
    c = small_cluster
    secret, open_ = open_vote(c), open_vote(c, kind="bang-khen", secret=False)
    _cast(c, secret, {1: [0]})
    _cast(c, open_, {1: [0]})
    assert BallotChoice.objects.get(vote=secret).ballot is None
    assert BallotChoice.objects.get(vote=open_).ballot.unit == c.units[1]


def test_it_records_the_awarding_bodys_decision(small_cluster):
    c = small_cluster
    vote = open_vote(c, places=1)
    _cast(c, vote, {i: [0] for i in range(5)})
    _finish(vote)
    proposal = AwardProposal.objects.get()
    assert (proposal.unit, proposal.awarding_body, proposal.proposed_by) == (
        c.units[0],
        "Ủy ban MTTQ Việt Nam huyện",
        c.leader,
    )
    with pytest.raises(ActionError):
        actions.do_record_award_decision(
            proposal,
            acting_user=SYSTEM,
            awarded=True,
            decision_date=timezone.localdate(),
            decision_body="UBMTTQ huyện",
        )
    actions.do_record_award_decision(
        proposal,
        acting_user=SYSTEM,
        awarded=True,
        decision_number="15/QĐ-MTTQ",
        decision_date=timezone.localdate(),
        decision_body="Ban Thường trực Ủy ban MTTQ Việt Nam huyện",
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_number) == (ProposalStatus.AWARDED, "15/QĐ-MTTQ")


def test_it_refuses_tallying_while_the_vote_is_open(small_cluster):
    vote = open_vote(small_cluster)
    with pytest.raises(ActionError) as exc:
        actions.do_tally_peer_vote(vote, acting_user=SYSTEM)
    assert exc.value.code == "still_open"


@pytest.mark.django_db(transaction=True)
def test_it_counts_one_ballot_when_a_unit_votes_twice_at_once(small_cluster):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    c = small_cluster
    vote = open_vote(c)
    errors = []

    def cast():
        try:
            actions.do_cast_ballot(vote, acting_user=SYSTEM, unit=c.units[1], choices=[c.units[0]])
        except ActionError as exc:
            errors.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=cast) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Ballot.objects.filter(vote=vote).count() == 1 and errors == ["already_voted"] * 3
