"""Permissions as tables: role × relation × action."""

from __future__ import annotations

import pytest
from django.utils import timezone

from mattran.programs import actions
from mattran.programs.models import AssessmentMode
from tests.conftest import SYSTEM
from tests.programs.conftest import open_vote

pytestmark = pytest.mark.django_db


PROGRAM_TABLE = [
    # persona, view, manage
    ("ward_editor", True, True),
    ("ward_admin", True, True),
    ("ward_leader", True, False),
    ("district_leader", True, False),
    ("province_admin", True, False),
    ("outsider", False, False),
    ("superuser", True, True),
]


@pytest.mark.parametrize(("persona", "view", "manage"), PROGRAM_TABLE)
def test_it_applies_the_program_rules(tree, people, persona, view, manage):
    program = actions.do_create_program(
        acting_user=SYSTEM, unit=tree.commune, year=2024, title="Chương trình 2024"
    )
    user = getattr(people, persona)
    assert user.has_perm("programs.view_program", program) is view
    assert user.has_perm("programs.manage_program", program) is manage


def test_it_lets_a_party_unit_read_a_program_it_signs(tree, people):
    program = actions.do_create_program(
        acting_user=SYSTEM, unit=tree.commune, year=2024, title="Chương trình 2024"
    )
    assert not people.outsider.has_perm("programs.view_program", program)
    actions.do_add_participant(program, acting_user=SYSTEM, unit=tree.other_province)
    assert people.outsider.has_perm("programs.view_program", program)


# who: leader unit's editor, deputy unit's editor, a member's leader (read-only role), the organiser's editor,
# an outsider. Columns: view, administer, self-score, assess (leader mode), cast a ballot.
CLUSTER_TABLE = [
    ("leader_editor", True, True, True, True, True),
    ("member_editor", True, False, True, False, True),
    ("member_leader_role", True, False, False, False, False),
    ("organiser_editor", True, False, False, False, False),
    ("outsider", False, False, False, False, False),
]


def _who(c, name):
    return {
        "leader_editor": c.editors[0],
        "member_editor": c.editors[1],
        "member_leader_role": c.leaders[2],
        "organiser_editor": c.district_editor,
        "outsider": c.outsider,
    }[name]


@pytest.mark.parametrize(("who", "view", "administer", "self_score", "assess", "cast"), CLUSTER_TABLE)
def test_it_applies_the_cluster_rules(small_cluster, who, view, administer, self_score, assess, cast):
    c = small_cluster
    agreement = actions.do_create_agreement(
        acting_user=SYSTEM, title="Giao ước", year=c.cluster.year, cluster=c.cluster
    )
    vote = open_vote(c)
    user = _who(c, who)
    assert user.has_perm("programs.view_agreement", agreement) is view
    assert user.has_perm("programs.view_vote", vote) is view
    assert user.has_perm("programs.view_cluster", c.cluster) is view
    assert user.has_perm("programs.administer_agreement", agreement) is administer
    assert user.has_perm("programs.administer_vote", vote) is administer
    assert user.has_perm("programs.lead_cluster", c.cluster) is administer
    assert user.has_perm("programs.self_score", agreement) is self_score
    assert user.has_perm("programs.assess", agreement) is assess
    assert user.has_perm("programs.cast_ballot", vote) is cast


def test_it_lets_every_member_assess_peers_in_peer_mean_mode(small_cluster):
    c = small_cluster
    agreement = actions.do_create_agreement(
        acting_user=SYSTEM,
        title="Giao ước",
        year=c.cluster.year,
        cluster=c.cluster,
        assessment_mode=AssessmentMode.PEER_MEAN,
    )
    assert c.editors[1].has_perm("programs.assess", agreement)
    assert not c.leaders[1].has_perm("programs.assess", agreement)
    assert not c.district_editor.has_perm("programs.assess", agreement)


def test_it_moves_administration_with_the_cluster_leadership(small_cluster):
    from mattran.org import actions as org_actions

    c = small_cluster
    vote = open_vote(c)
    org_actions.do_set_cluster_leadership(c.cluster, acting_user=SYSTEM, leader=c.units[1], deputy=None)
    vote.cluster.refresh_from_db()
    assert c.editors[1].has_perm("programs.administer_vote", vote)
    assert not c.editors[0].has_perm("programs.administer_vote", vote)


def test_it_lets_only_the_awarding_unit_record_the_decision(small_cluster):
    c = small_cluster
    vote = open_vote(c, places=1)
    for i in range(5):
        actions.do_cast_ballot(vote, acting_user=SYSTEM, unit=c.units[i], choices=[c.units[0]])
    actions.do_close_peer_vote(vote, acting_user=SYSTEM)
    actions.do_tally_peer_vote(vote, acting_user=SYSTEM, proposed_on=timezone.localdate())
    proposal = vote.proposals.get()
    assert c.district_editor.has_perm("programs.decide_award", proposal)
    assert not c.editors[0].has_perm("programs.decide_award", proposal)
    assert not c.outsider.has_perm("programs.decide_award", proposal)


def test_it_lets_cluster_peers_read_each_others_award_history(small_cluster, tree):
    c = small_cluster
    assert c.editors[0].has_perm("programs.view_awards", c.units[4])
    assert c.district_editor.has_perm("programs.view_awards", c.units[4])
    assert not c.outsider.has_perm("programs.view_awards", c.units[4])
    assert not c.editors[0].has_perm("programs.view_awards", tree.other_commune)
