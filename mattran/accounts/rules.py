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


@rules.predicate
def is_self(user, target) -> bool:
    """The account is the user's own."""
    return bool(getattr(user, "is_authenticated", False)) and target is not None and user.pk == target.pk


@rules.predicate
def administers_account(user, target) -> bool:
    """The target account belongs to a unit the user administers; only superusers reset a superuser."""
    if target is None or target.is_superuser:
        return False
    unit = getattr(getattr(target, "profile", None), "unit", None)
    return unit is not None and can_admin_unit.test(user, unit)


rules.add_perm("accounts.change_own_password", rules.is_active & is_self)
# API tokens are personal: each account issues its own; the owner, or an administrator of the owner's unit
# (a leaked key, a cadre leaving), revokes one.
rules.add_perm("accounts.manage_own_tokens", rules.is_active & is_self)
rules.add_perm("accounts.revoke_token", (rules.is_active & is_self) | is_superuser | administers_account)
rules.add_perm("accounts.reset_password", is_superuser | administers_account)
# Asking for a reset link by e-mail: anyone (the public form); the link goes only to the account's address.
rules.add_perm("accounts.request_password_reset", rules.always_allow)
