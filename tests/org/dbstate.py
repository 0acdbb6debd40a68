"""Fingerprints of the database for "bad input changes nothing" assertions."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.auth import get_user_model

from mattran.accounts.models import ApiToken, Profile
from mattran.core.models import AuditEntry
from mattran.org.models import (
    ClusterMembership,
    EmulationCluster,
    MemberOrganization,
    ReorganisationEvent,
    Structure,
    Unit,
    UnitClosure,
    UnitName,
    UnitSuccession,
)

COUNTED = [
    Unit,
    UnitClosure,
    UnitSuccession,
    ReorganisationEvent,
    UnitName,
    AuditEntry,
    MemberOrganization,
    EmulationCluster,
    ClusterMembership,
    Profile,
    ApiToken,
]


def db_state() -> dict:
    """Row counts of every table an action writes, plus every field of the units built in the test.

    The real divisions (when loaded) are only counted: the tests change locally created units, whose rows
    and closure links are compared field by field.
    """
    local = Unit.objects.exclude(structure__in=[Structure.LEGACY, Structure.Y2025])
    return {
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
        "users": list(get_user_model().objects.order_by("pk").values_list("pk", "username", "is_active")),
        "profiles": list(Profile.objects.order_by("pk").values_list("pk", "unit_id", "role")),
        "units": list(
            local.order_by("pk").values_list(
                "pk",
                "name",
                "short_name",
                "kind",
                "code",
                "level_id",
                "parent_id",
                "valid_from",
                "valid_to",
                "home_id",
                "depth",
                "province_key",
                "search_name",
                "notes",
            )
        ),
        "closure": list(
            UnitClosure.objects.filter(descendant__in=local)
            .order_by("pk")
            .values_list("pk", "ancestor_id", "descendant_id", "depth", "valid_from", "valid_to")
        ),
        "member_orgs": list(
            MemberOrganization.objects.order_by("pk").values_list(
                "pk", "name", "kind", "is_direct", "valid_to"
            )
        ),
        "clusters": list(
            EmulationCluster.objects.order_by("pk").values_list("pk", "name", "leader_id", "deputy_id")
        ),
        "tokens": list(ApiToken.objects.order_by("pk").values_list("pk", "revoked_at", "last_used_at")),
    }


@contextmanager
def unchanged():
    """Assert that the block leaves the database exactly as it found it."""
    before = db_state()
    yield
    after = db_state()
    assert after == before
