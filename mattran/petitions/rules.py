"""Who may read and handle citizens' cases (tested in tests/petitions/test_rules.py).

A case belongs to the Front unit that received it: that unit's subtree readers (the unit and every level
above it) read it; the unit's editors receive, classify, forward, record answers, merge and escalate. The
identity of a sealed case's submitters (a denunciation) is for the handlers assigned to that case only —
not for the level above, not for the unit's other cadres, not for superusers.
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import can_read_unit, can_write_unit


@rules.predicate
def is_assigned_handler(user, case) -> bool:
    if case is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return case.handlers.filter(pk=user.pk).exists()


@rules.predicate
def is_sealed(user, case) -> bool:  # noqa: ARG001 — rules passes the user first
    return bool(case is not None and case.sealed)


@rules.predicate
def anyone(user, obj) -> bool:  # noqa: ARG001 — the public portal: no account needed
    return True


rules.add_perm("petitions.view_case", can_read_unit)
rules.add_perm("petitions.receive_case", can_write_unit)
rules.add_perm("petitions.handle_case", can_write_unit)
rules.add_perm("petitions.view_identity", (~is_sealed & can_read_unit) | (is_sealed & is_assigned_handler))
rules.add_perm("petitions.submit_public", anyone)
rules.add_perm("petitions.manage_rules", rules.is_active & rules.is_superuser)


def may_see_identity(user, case) -> bool:
    """The rule itself, without Django's superuser shortcut: a sealed identity is for its handlers only."""
    return bool(rules.has_perm("petitions.view_identity", user, case))
