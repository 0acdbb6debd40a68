"""Who may read, enter, approve and re-open reports (tested as a table in tests/reports/test_rules.py).

A unit's editors enter its own figures (and its residential areas'); the administrators of the level
above approve, return and re-open them — never the unit itself, and no level edits another's draft. A former
unit's reports are kept by the staff of the units that carry it today (``org.history``).
"""

from __future__ import annotations

from typing import Any

import rules

from mattran.accounts.rules import (
    can_read_unit,
    in_own_unit_or_residential,
    is_editor,
    is_superuser,
    is_unit_admin,
)
from mattran.core.authz import profile_of
from mattran.org.history import acts_for, carrier_ids
from mattran.org.models import Unit


def _unit(obj: Any) -> Any:
    """The unit a report object (a submission, a review report) belongs to; a unit is its own."""
    if obj is None:
        return None
    return getattr(obj, "unit", obj)


@rules.predicate
def is_level_above(user: Any, obj: Any) -> bool:
    """The user's unit is the direct parent of the report's unit, carries that parent (a former district),
    or, for a former unit, is the parent of a unit that carries it today (Hà Nội for phường Ngọc Lâm)."""
    profile, unit = profile_of(user), _unit(obj)
    if profile is None or unit is None:
        return False
    if unit.parent_id == profile.unit_id or acts_for(profile.unit_id, unit.parent):
        return True
    if unit.valid_to is None:
        return False
    return Unit.objects.filter(pk__in=carrier_ids(unit), parent_id=profile.unit_id).exists()


@rules.predicate
def reads_unit(user: Any, obj: Any) -> bool:
    return can_read_unit.test(user, _unit(obj))


@rules.predicate
def enters_for_unit(user: Any, obj: Any) -> bool:
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
# Maintenance of the derived tables (re-keying values after a cross-province merge): superusers and the
# scheduler (a system actor).
rules.add_perm("reports.maintain_values", is_superuser)
