"""Who may manage accounts; the organisation's predicates (mattran.org.rules) are re-exported here because
every domain app's rules build on them: a user belongs to one unit with one role (accounts.Profile)."""

from __future__ import annotations

import rules

from mattran.core.authz import profile_of
from mattran.org.rules import (
    can_admin_unit,
    can_read_unit,
    can_write_unit,
    has_unit,
    in_own_subtree,
    in_own_unit_or_residential,
    is_editor,
    is_residential_under_own_unit,
    is_superuser,
    is_unit_admin,
)

__all__ = [
    "can_admin_unit",
    "can_read_unit",
    "can_write_unit",
    "has_unit",
    "in_own_subtree",
    "in_own_unit_or_residential",
    "is_editor",
    "is_residential_under_own_unit",
    "is_superuser",
    "is_unit_admin",
    "profile_of",
]

rules.add_perm("accounts.manage_users", can_admin_unit)
