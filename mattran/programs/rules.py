"""Who may read and change programs, agreements, votes and awards (tested as a table in tests/programs/test_rules.py).

A program belongs to its unit: readers of the unit (and the units that are its parties) read it, the unit's
editors draft it, sign it and record progress. A cluster's agreement and votes are administered by the
editors of the cluster's current leader unit; the editors of each member unit score their own unit and
cast its ballot; the organiser's subtree and every member read; other units see nothing. An award decision
is recorded by the awarding unit's editors (or the proposing unit's, when the awarding body has no unit).

An agreement of a set of units (no cluster) is administered by the editors of the unit that created it
(``Agreement.unit``): criteria, signing, closing, and the assessment in the leader mode. The editors of each
signatory unit score their own unit, and in the peer-mean mode score the other signatories.

A campaign launched by a unit is changed by that unit's editors; the national campaigns only by superusers.
A person's award history is read like the unit that keeps the person, by cluster peers of that unit and by
units that proposed the person.

A former unit (a cluster member merged away in 2025) is acted for by the units that carry it today
(``org.history.acts_for``): the new Hà Nội's editors cast the ballot of the Hà Nội of 2023.

A unit's own acts — its self-score, its ballot, its proposals — are made by the editors of that very unit
(``programs.act_for_unit``), checked by the actions beside the permission on the agreement, vote or person.
"""

from __future__ import annotations

from typing import Any

import rules

from mattran.core.authz import profile_of
from mattran.org.history import acts_for, predecessor_ids
from mattran.org.models import ClusterMembership, EmulationCluster, Unit, UnitClosure
from mattran.org.rules import can_read_unit, can_write_unit, in_own_subtree, is_editor, is_superuser


def _in_subtree(unit_id: int | None, ancestor_id: int) -> bool:
    return unit_id is not None and (
        unit_id == ancestor_id
        or UnitClosure.objects.filter(
            ancestor_id=ancestor_id, descendant_id=unit_id, valid_to__isnull=True
        ).exists()
    )


def _cluster_member(cluster: EmulationCluster | None, unit_id: int) -> bool:
    """The unit is a member of the cluster, or carries a member merged away (org.history)."""
    if cluster is None:
        return False
    members = Unit.objects.filter(cluster_memberships__cluster=cluster)
    return any(acts_for(unit_id, member) for member in members)


def _unit(unit_id: int | None) -> Unit | None:
    return Unit.objects.filter(pk=unit_id).first() if unit_id is not None else None


def admin_unit_id(obj: Any) -> int | None:
    """The unit that administers an agreement or vote: the cluster's current leader, else the agreement's unit."""
    cluster = getattr(obj, "cluster", None)
    if cluster is not None and cluster.leader_id:
        return cluster.leader_id
    return getattr(obj, "unit_id", None)


@rules.predicate
def is_program_party(user: Any, program: Any) -> bool:
    profile = profile_of(user)
    if profile is None or program is None:
        return False
    parties = Unit.objects.filter(pk__in=program.participants.values("unit_id"))
    return any(acts_for(profile.unit_id, party) for party in parties) or _cluster_member(
        program.cluster, profile.unit_id
    )


@rules.predicate
def is_agreement_party(user: Any, agreement: Any) -> bool:
    profile = profile_of(user)
    if profile is None or agreement is None:
        return False
    parties = Unit.objects.filter(pk__in=agreement.parties.values("unit_id"))
    return any(acts_for(profile.unit_id, party) for party in parties)


@rules.predicate
def is_cluster_member(user: Any, obj: Any) -> bool:
    profile = profile_of(user)
    cluster = getattr(obj, "cluster", obj)
    return profile is not None and _cluster_member(cluster, profile.unit_id)


@rules.predicate
def organiser_in_own_subtree(user: Any, obj: Any) -> bool:
    """The cluster's organiser lies in the user's subtree (the body that runs the clusters reads them)."""
    profile = profile_of(user)
    cluster = getattr(obj, "cluster", obj)
    return profile is not None and cluster is not None and _in_subtree(cluster.organiser_id, profile.unit_id)


@rules.predicate
def is_administering_unit(user: Any, obj: Any) -> bool:
    profile = profile_of(user)
    return profile is not None and obj is not None and acts_for(profile.unit_id, _unit(admin_unit_id(obj)))


@rules.predicate
def is_cluster_leader_unit(user: Any, cluster: Any) -> bool:
    profile = profile_of(user)
    return profile is not None and cluster is not None and acts_for(profile.unit_id, cluster.leader)


@rules.predicate
def is_peer_assessed(user: Any, agreement: Any) -> bool:
    return agreement is not None and agreement.assessment_mode == "binh_quan"


@rules.predicate
def shares_a_cluster(user: Any, unit: Any) -> bool:
    """The unit (or a unit it took over) and the user's unit (or one it carries) sat in the same emulation
    cluster (peers see each other's awards)."""
    profile = profile_of(user)
    if profile is None or unit is None:
        return False
    clusters = ClusterMembership.objects.filter(unit_id__in=[unit.pk, *predecessor_ids(unit)]).values(
        "cluster_id"
    )
    peers = Unit.objects.filter(cluster_memberships__cluster_id__in=clusters).distinct()
    return any(acts_for(profile.unit_id, peer) for peer in peers)


@rules.predicate
def person_unit_shares_a_cluster(user: Any, person: Any) -> bool:
    """The unit keeping the person's record sits in a cluster with the user's unit."""
    return person is not None and shares_a_cluster.test(user, person.unit)


@rules.predicate
def proposed_by_own_unit(user: Any, person: Any) -> bool:
    """The user's unit proposed an award for the person (it may follow its proposal)."""
    profile = profile_of(user)
    return (
        profile is not None
        and person is not None
        and person.award_proposals.filter(proposed_by_id=profile.unit_id).exists()
    )


@rules.predicate
def is_launching_unit(user: Any, campaign: Any) -> bool:
    """The campaign was launched by the user's unit (a national campaign has no launching unit)."""
    profile = profile_of(user)
    return profile is not None and campaign is not None and campaign.launching_unit_id == profile.unit_id


@rules.predicate
def is_own_unit(user: Any, unit: Any) -> bool:
    """The object is the user's own unit, or a former unit it carries (it acts for the units it took over)."""
    profile = profile_of(user)
    return profile is not None and isinstance(unit, Unit) and acts_for(profile.unit_id, unit)


@rules.predicate
def is_deciding_unit(user: Any, proposal: Any) -> bool:
    profile = profile_of(user)
    if profile is None or proposal is None:
        return False
    return profile.unit_id == (proposal.awarding_unit_id or proposal.proposed_by_id)


rules.add_perm("programs.view_program", is_superuser | can_read_unit | is_program_party)
rules.add_perm("programs.create_program", can_write_unit)
rules.add_perm("programs.manage_program", can_write_unit)
# On a unit: its editors register it for a campaign, launch campaigns and run set-of-units agreements.
rules.add_perm("programs.manage_campaigns", can_write_unit)
# On a unit: an editor of it or of a unit above it enrols it in a campaign and records its campaign figures
# (the upper level registers its units; the superuser any unit).
rules.add_perm("programs.enrol_campaign", is_superuser | (is_editor & in_own_subtree))
rules.add_perm("programs.create_campaign", can_write_unit)
rules.add_perm("programs.create_agreement", can_write_unit)
# Campaigns are read by every signed-in account (a unit's page lists only its own subtree's participants).
rules.add_perm("programs.view_campaign", rules.is_authenticated)
# On a campaign: the launching unit's editors change it; national campaigns only superusers.
rules.add_perm("programs.change_campaign", is_superuser | (is_editor & is_launching_unit))

rules.add_perm(
    "programs.view_agreement", is_superuser | can_read_unit | is_agreement_party | organiser_in_own_subtree
)
rules.add_perm("programs.administer_agreement", is_superuser | (is_editor & is_administering_unit))
rules.add_perm("programs.self_score", is_editor & is_agreement_party)
rules.add_perm(
    "programs.assess",
    is_superuser
    | (is_editor & is_administering_unit & ~is_peer_assessed)
    | (is_editor & is_agreement_party & is_peer_assessed),
)

rules.add_perm("programs.view_vote", is_superuser | is_cluster_member | organiser_in_own_subtree)
rules.add_perm("programs.administer_vote", is_superuser | (is_editor & is_administering_unit))
# A ballot and a self-score are a unit's own acts: only that unit's editors, never a superuser without a unit.
rules.add_perm("programs.cast_ballot", is_editor & is_cluster_member)

rules.add_perm("programs.view_cluster", is_superuser | is_cluster_member | organiser_in_own_subtree)
rules.add_perm("programs.lead_cluster", is_superuser | (is_editor & is_cluster_leader_unit))

rules.add_perm("programs.view_awards", is_superuser | can_read_unit | shares_a_cluster)
# On a person: as for the unit that keeps the person's record, and the units that proposed them.
rules.add_perm(
    "programs.view_person_awards",
    is_superuser | can_read_unit | person_unit_shares_a_cluster | proposed_by_own_unit,
)
# Editors propose awards for persons kept in their subtree and units in it (the unit proposes on its own behalf).
rules.add_perm("programs.propose_person_award", is_editor & in_own_subtree)
rules.add_perm("programs.propose_unit_award", is_editor & in_own_subtree)
# On a unit: the user acts on its behalf (its self-score, ballot, proposals) — its own editors.
rules.add_perm("programs.act_for_unit", is_superuser | (is_editor & is_own_unit))
# Award forms besides the standard three are national: superusers add them.
rules.add_perm("programs.manage_award_kinds", is_superuser)
rules.add_perm("programs.decide_award", is_superuser | (is_editor & is_deciding_unit))
