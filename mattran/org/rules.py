"""Who may read and change the organisation: units, residential areas, member organisations, clusters.

A user writes within their own unit and its residential areas, reads their own subtree, and sees nothing
above or beside it. A former unit (merged, split) is written and read by the staff of the units that carry it
today (``org.history.carrier_ids``): every app's rules build on these predicates, so the successor's staff
record, correct and report for the units it took over. Leaders only read. Superusers may do anything. These predicates are the base every
domain app's rules build on (tested as a table in tests/accounts/test_rules.py).
"""

from __future__ import annotations

import rules

from mattran.core.authz import profile_of
from mattran.org.history import carrier_ids
from mattran.org.models import Level, Unit


def _unit_of(obj) -> Unit | None:
    """The unit an object belongs to (a Unit is its own)."""
    if obj is None:
        return None
    if isinstance(obj, Unit):
        return obj
    return getattr(obj, "unit", None)


@rules.predicate
def has_unit(user) -> bool:
    return profile_of(user) is not None


@rules.predicate
def in_own_subtree(user, obj) -> bool:
    """The object's unit is the user's unit, lies below it, or was merged into a unit below it."""
    from mattran.org.models import UnitClosure

    profile, unit = profile_of(user), _unit_of(obj)
    if profile is None or unit is None:
        return False
    if unit.pk == profile.unit_id:
        return True
    links = UnitClosure.objects.filter(ancestor_id=profile.unit_id, valid_to__isnull=True)
    if links.filter(descendant_id=unit.pk).exists():
        return True
    # A unit merged away belongs to the history of the units that carry it on (its successors, its home).
    return unit.valid_to is not None and links.filter(descendant_id__in=carrier_ids(unit)).exists()


def _own_or_residential(profile, unit: Unit) -> bool:
    if unit.pk == profile.unit_id:
        return True
    return unit.parent_id == profile.unit_id and unit.level.code == Level.RESIDENTIAL


@rules.predicate
def in_own_unit_or_residential(user, obj) -> bool:
    """The object's unit is the user's unit, or a residential area directly under it — or a former unit that
    one of those carries today (a successor's staff act for the units it took over, org.history)."""
    profile, unit = profile_of(user), _unit_of(obj)
    if profile is None or unit is None:
        return False
    if _own_or_residential(profile, unit):
        return True
    if unit.valid_to is None:
        return False
    carriers = Unit.objects.filter(pk__in=carrier_ids(unit)).select_related("level")
    return any(_own_or_residential(profile, carrier) for carrier in carriers)


def _role(*roles):
    @rules.predicate(name=f"role_in_{'_'.join(roles)}")
    def check(user) -> bool:
        profile = profile_of(user)
        return profile is not None and profile.role in roles

    return check


is_unit_admin = _role("admin")
is_editor = _role("admin", "editor")
is_superuser = rules.is_active & rules.is_superuser

can_read_unit = is_superuser | (has_unit & in_own_subtree)
can_write_unit = is_superuser | (is_editor & in_own_unit_or_residential)
can_admin_unit = is_superuser | (is_unit_admin & in_own_unit_or_residential)


@rules.predicate
def is_residential_under_own_unit(user, obj) -> bool:
    """For reorganising: the unit is a residential area of the user's own unit."""
    profile, unit = profile_of(user), _unit_of(obj)
    return (
        profile is not None
        and unit is not None
        and unit.level.code == Level.RESIDENTIAL
        and unit.parent_id == profile.unit_id
    )


rules.add_perm("org.view_unit", can_read_unit)
rules.add_perm("org.change_unit", can_write_unit)
rules.add_perm("org.add_child_unit", is_superuser | (is_editor & in_own_unit_or_residential))
# National and provincial structure changes come from official decisions: only superusers apply them.
# A commune's administrators reorganise their own residential areas.
rules.add_perm("org.reorganise_unit", is_superuser | (is_unit_admin & is_residential_under_own_unit))
rules.add_perm("org.manage_member_orgs", can_write_unit)
rules.add_perm("org.manage_clusters", is_superuser | (is_unit_admin & in_own_unit_or_residential))


@rules.predicate
def administers_organiser_or_leader(user, cluster) -> bool:
    """The user administers the cluster's organiser or its leader unit."""
    profile = profile_of(user)
    return (
        profile is not None
        and cluster is not None
        and profile.role == "admin"
        and profile.unit_id in (cluster.organiser_id, cluster.leader_id)
    )


@rules.predicate
def led_the_year_before(user, cluster) -> bool:
    """The user's unit led the same cluster the year before: at its year-end conference the leader hands the
    flag over and sets the next year's leader and deputy (programs' handover)."""
    from mattran.org.models import EmulationCluster

    profile = profile_of(user)
    if profile is None or cluster is None:
        return False
    return EmulationCluster.objects.filter(
        name=cluster.name, year=cluster.year - 1, leader_id=profile.unit_id
    ).exists()


# A cluster's leader and deputy: set by its organiser's or leader's administrators, or handed over by the
# editors of the year before's leader.
rules.add_perm(
    "org.set_cluster_leadership",
    is_superuser | administers_organiser_or_leader | (is_editor & led_the_year_before),
)
# The official administrative divisions: the importer (a system actor) or a superuser.
rules.add_perm("org.import_divisions", is_superuser)
rules.add_perm("core.view_audit", can_read_unit)
# The directory of competent bodies: read by the unit's subtree readers, kept by the unit's editors.
rules.add_perm("org.view_agencies", can_read_unit)
rules.add_perm("org.manage_agencies", can_write_unit)
