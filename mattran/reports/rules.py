"""Who may read, enter, approve and re-open reports (tested as a table in tests/reports/test_rules.py).

A unit's editors enter its own figures (and its residential areas'); the administrators of the level
above approve, return and re-open them — never the unit itself, and no level edits another's draft.
"""

from __future__ import annotations

import rules

from mattran.accounts.rules import (
    can_read_unit,
    in_own_unit_or_residential,
    is_editor,
    is_superuser,
    is_unit_admin,
    profile_of,
)


def _unit(obj):
    if obj is None:
        return None
    return getattr(obj, "unit", obj)


@rules.predicate
def is_level_above(user, obj) -> bool:
    """The user's unit is the direct parent of the report's unit."""
    profile, unit = profile_of(user), _unit(obj)
    return profile is not None and unit is not None and unit.parent_id == profile.unit_id


@rules.predicate
def reads_unit(user, obj) -> bool:
    return can_read_unit.test(user, _unit(obj))


@rules.predicate
def enters_for_unit(user, obj) -> bool:
    return in_own_unit_or_residential.test(user, _unit(obj))


can_view_reports = is_superuser | reads_unit
can_enter_values = is_superuser | (is_editor & enters_for_unit)
can_approve = is_superuser | (is_unit_admin & is_level_above)

rules.add_perm("reports.view", can_view_reports)
rules.add_perm("reports.enter", can_enter_values)
rules.add_perm("reports.submit", can_enter_values)
rules.add_perm("reports.approve", can_approve)
rules.add_perm("reports.reopen", can_approve)
rules.add_perm("reports.write_review", can_enter_values)
