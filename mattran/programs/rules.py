"""Who may read and change programs, agreements, votes and awards (tested as a table in tests/programs/test_rules.py).

A program belongs to its unit: readers of the unit (and the units that are its parties) read it, the unit's
editors draft it, sign it and record progress. A cluster's agreement and votes are administered by the
editors of the cluster's current leader unit; the editors of each member unit score their own unit and
cast its ballot; the organiser's subtree and every member read; other units see nothing. An award decision
is recorded by the awarding unit's editors (or the proposing unit's, when the awarding body has no unit).
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit, is_editor, is_superuser, profile_of
from mattran.org.models import UnitClosure


def _in_subtree(unit_id: int | None, ancestor_id: int) -> bool:
    return unit_id is not None and (
        unit_id == ancestor_id
        or UnitClosure.objects.filter(
            ancestor_id=ancestor_id, descendant_id=unit_id, valid_to__isnull=True
        ).exists()
    )


def _cluster_member(cluster, unit_id: int) -> bool:
    return cluster is not None and cluster.memberships.filter(unit_id=unit_id).exists()


def admin_unit_id(obj) -> int | None:
    """The unit that administers an agreement or vote: the cluster's current leader, else the agreement's unit."""
    cluster = getattr(obj, "cluster", None)
    if cluster is not None and cluster.leader_id:
        return cluster.leader_id
    return getattr(obj, "unit_id", None)


@rules.predicate
def is_program_party(user, program) -> bool:
    profile = profile_of(user)
    if profile is None or program is None:
        return False
    return program.participants.filter(unit_id=profile.unit_id).exists() or _cluster_member(
        program.cluster, profile.unit_id
    )


@rules.predicate
def is_agreement_party(user, agreement) -> bool:
    profile = profile_of(user)
    return (
        profile is not None
        and agreement is not None
        and agreement.parties.filter(unit_id=profile.unit_id).exists()
    )


@rules.predicate
def is_cluster_member(user, obj) -> bool:
    profile = profile_of(user)
    cluster = getattr(obj, "cluster", obj)
    return profile is not None and _cluster_member(cluster, profile.unit_id)


@rules.predicate
def organiser_in_own_subtree(user, obj) -> bool:
    """The cluster's organiser lies in the user's subtree (the body that runs the clusters reads them)."""
    profile = profile_of(user)
    cluster = getattr(obj, "cluster", obj)
    return profile is not None and cluster is not None and _in_subtree(cluster.organiser_id, profile.unit_id)


@rules.predicate
def is_administering_unit(user, obj) -> bool:
    profile = profile_of(user)
    return profile is not None and obj is not None and profile.unit_id == admin_unit_id(obj)


@rules.predicate
def is_cluster_leader_unit(user, cluster) -> bool:
    profile = profile_of(user)
    return profile is not None and cluster is not None and cluster.leader_id == profile.unit_id


@rules.predicate
def is_peer_assessed(user, agreement) -> bool:
    return agreement is not None and agreement.assessment_mode == "binh_quan"


@rules.predicate
def shares_a_cluster(user, unit) -> bool:
    """The unit and the user's unit sit in the same emulation cluster (peers see each other's awards)."""
    from mattran.org.models import ClusterMembership

    profile = profile_of(user)
    if profile is None or unit is None:
        return False
    return ClusterMembership.objects.filter(
        unit_id=unit.pk, cluster__memberships__unit_id=profile.unit_id
    ).exists()


@rules.predicate
def is_deciding_unit(user, proposal) -> bool:
    profile = profile_of(user)
    if profile is None or proposal is None:
        return False
    return profile.unit_id == (proposal.awarding_unit_id or proposal.proposed_by_id)


rules.add_perm("programs.view_program", is_superuser | can_read_unit | is_program_party)
rules.add_perm("programs.create_program", can_write_unit)
rules.add_perm("programs.manage_program", can_write_unit)
rules.add_perm("programs.manage_campaigns", can_write_unit)

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
rules.add_perm("programs.decide_award", is_superuser | (is_editor & is_deciding_unit))
