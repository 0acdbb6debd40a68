"""Units across time: who carries a former unit today, and whether a unit was open on a record's date.

Two helpers every app uses:

* ``carrier_ids(unit)`` — the open units that took a former unit over (its successors, followed through
  later reorganisations to the units open today, and its ``home``). Permissions on a former unit come from
  them: the staff of phường Bồ Đề record, correct and report for phường Ngọc Lâm (org/rules.py).
* ``require_open_on(unit, day)`` / ``require_open_during(unit, start, end)`` — a dated record (meeting,
  receipt, report period, program, vote…) is refused outside its unit's life with one Vietnamese message,
  raised by each app's actions before they write.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import format_date_short

from .models import Unit, UnitSuccession


def _successor_map(start: set[int]) -> dict[int, set[int]]:
    """Every unit reachable from ``start`` through successions → its direct successors."""
    out: dict[int, set[int]] = {}
    frontier = set(start)
    while frontier:
        rows = UnitSuccession.objects.filter(predecessor_id__in=frontier).values_list(
            "predecessor_id", "successor_id"
        )
        nxt: set[int] = set()
        for pred, succ in rows:
            out.setdefault(pred, set()).add(succ)
            if succ not in out:
                nxt.add(succ)
        for unit_id in frontier:
            out.setdefault(unit_id, set())
        frontier = nxt - set(out)
    return out


def carrier_ids(unit: Unit) -> set[int]:
    """The open units that carry a unit today: the unit itself while open; for a former unit, its
    successors followed to open units (a split unit has several), and its home (the unit that counts its
    history, also for a unit closed without successor)."""
    if unit.valid_to is None:
        return {unit.pk}
    graph = _successor_map({unit.pk})
    reached = set(graph) | {s for succ in graph.values() for s in succ}
    reached.discard(unit.pk)
    open_ids = set(Unit.objects.filter(pk__in=reached, valid_to__isnull=True).values_list("pk", flat=True))
    if unit.home_id is not None and unit.home_id != unit.pk:
        open_ids.add(unit.home_id)
    return open_ids


def predecessor_ids(unit: Unit | int) -> list[int]:
    """Every former unit whose area went (wholly or partly) into this unit, through earlier reorganisations
    too (phường Bồ Đề ← phường Ngọc Lâm, …), nearest first."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    seen: list[int] = []
    frontier = {unit_id}
    while frontier:
        rows = set(
            UnitSuccession.objects.filter(successor_id__in=frontier).values_list("predecessor_id", flat=True)
        )
        frontier = {r for r in rows if r not in seen and r != unit_id}
        seen.extend(sorted(frontier))
    return seen


def acts_for(unit_id: int | None, unit: Unit | None) -> bool:
    """The account placed at ``unit_id`` acts for ``unit``: it is that unit, or carries it today."""
    if unit_id is None or unit is None:
        return False
    return unit.pk == unit_id or (unit.valid_to is not None and unit_id in carrier_ids(unit))


def _life(unit: Unit) -> str:
    start = format_date_short(unit.valid_from) if unit.valid_from else None
    # valid_to is the first day the unit no longer exists: its last day is the day before.
    end = format_date_short(unit.valid_to - dt.timedelta(days=1)) if unit.valid_to else None
    if start and end:
        return _("từ %(start)s đến %(end)s") % {"start": start, "end": end}
    if start:
        return _("từ %(start)s") % {"start": start}
    return _("đến %(end)s") % {"end": end}


def require_open_on(unit: Unit, day: dt.date, *, field: str = "date") -> None:
    """Refuse a record dated on a day the unit did not exist (ActionError, nothing written)."""
    if unit.is_open_on(day):
        return
    raise ActionError(
        _("%(unit)s chỉ hoạt động %(life)s; ngày %(day)s nằm ngoài thời gian đó.")
        % {"unit": unit.name, "life": _life(unit), "day": format_date_short(day)},
        field=field,
        code="unit_closed",
    )


def require_open_during(unit: Unit, start: dt.date, end: dt.date, *, field: str = "period") -> None:
    """Refuse a record over a period (a report period, a program's year) the unit lived no day of."""
    if (unit.valid_from is None or unit.valid_from <= end) and (
        unit.valid_to is None or unit.valid_to > start
    ):
        return
    raise ActionError(
        _("%(unit)s chỉ hoạt động %(life)s; kỳ %(start)s – %(end)s nằm ngoài thời gian đó.")
        % {
            "unit": unit.name,
            "life": _life(unit),
            "start": format_date_short(start),
            "end": format_date_short(end),
        },
        field=field,
        code="unit_closed",
    )
