"""Reorganisations of units: merge, split, move, rename, dissolve. Each applies the plan of its ``plan_*``
twin (actions/plans.py) under row locks, after authorising its actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction

from mattran.core import audit
from mattran.core.authz import Actor, authorize, user_or_none

from ..models import ReorganisationEvent, Unit, UnitName, UnitSuccession
from .common import _lock, _new_unit, _rehome, _reparent_subtree
from .plans import ReorgPlan, plan_dissolve, plan_merge, plan_move, plan_rename, plan_split


def _event(plan: ReorgPlan, acting_user: Actor, description: str) -> ReorganisationEvent:
    return ReorganisationEvent.objects.create(
        kind=plan.kind,
        effective_date=plan.date,
        legal_basis=plan.legal_basis,
        description=description,
        actor=user_or_none(acting_user),
    )


@transaction.atomic
def do_merge_units(
    units: Sequence[Unit],
    *,
    acting_user: Actor,
    date: dt.date,
    survivor: Unit | None = None,
    new_short_name: str = "",
    new_kind: str = "",
    new_code: str = "",
    parent: Unit | None = None,
    legal_basis: str = "",
) -> tuple[Unit, ReorganisationEvent]:
    """Merge units of one level into a survivor or a new unit; their children and history follow."""
    for unit in units:
        authorize(acting_user, "org.reorganise_unit", unit)
    units = _lock(list(units))
    survivor = next((u for u in units if survivor and u.pk == survivor.pk), None)
    plan = plan_merge(
        units,
        date=date,
        survivor=survivor,
        new_short_name=new_short_name,
        new_kind=new_kind,
        new_code=new_code,
        parent=parent,
        legal_basis=legal_basis,
    )
    event = _event(plan, acting_user, "; ".join(plan.lines()))
    target = survivor or _new_unit(plan.create[0], date)
    for child, _dest in plan.moves:
        _reparent_subtree(child, target, date)
    for unit in plan.close:
        before = audit.snapshot(unit)
        unit.valid_to = date
        unit.save(update_fields=["valid_to"])
        UnitSuccession.objects.create(
            predecessor=unit, successor=target, event=event, date=date, is_primary=True
        )
        audit.record(
            "org.merge_units",
            actor=acting_user,
            unit=unit,
            obj=unit,
            before=before,
            after=audit.snapshot(unit),
            summary=f"Sáp nhập vào {target.name}",
        )
    _rehome([u.pk for u in plan.close], target)
    audit.record(
        "org.merge_units",
        actor=acting_user,
        unit=target,
        obj=target,
        after={"merged": [u.name for u in plan.close], "date": date, "legal_basis": legal_basis},
        summary=f"Sáp nhập {', '.join(u.name for u in plan.close)} vào {target.name}",
    )
    return target, event


@transaction.atomic
def do_split_unit(
    unit: Unit,
    *,
    acting_user: Actor,
    date: dt.date,
    parts: Sequence[dict],
    primary_index: int = 0,
    legal_basis: str = "",
) -> tuple[list[Unit], ReorganisationEvent]:
    """Split a unit into new units; its children go where the parts say, its history to the primary part."""
    authorize(acting_user, "org.reorganise_unit", unit)
    (unit,) = _lock([unit])
    plan = plan_split(unit, date=date, parts=parts, primary_index=primary_index, legal_basis=legal_basis)
    event = _event(plan, acting_user, "; ".join(plan.lines()))
    created = [_new_unit(spec, date) for spec in plan.create]
    by_name = {u.name: u for u in created}
    for child, dest in plan.moves:
        _reparent_subtree(child, by_name[dest], date)
    before = audit.snapshot(unit)
    unit.valid_to = date
    unit.save(update_fields=["valid_to"])
    for i, part in enumerate(created):
        UnitSuccession.objects.create(
            predecessor=unit, successor=part, event=event, date=date, is_primary=i == primary_index
        )
    _rehome([unit.pk], created[primary_index])
    audit.record(
        "org.split_unit",
        actor=acting_user,
        unit=unit,
        obj=unit,
        before=before,
        after=audit.snapshot(unit),
        summary=f"Chia tách thành {', '.join(u.name for u in created)}",
    )
    return created, event


@transaction.atomic
def do_move_unit(
    unit: Unit, *, acting_user: Actor, new_parent: Unit, date: dt.date, legal_basis: str = ""
) -> ReorganisationEvent:
    """Move a unit and its subtree under another parent from a date."""
    authorize(acting_user, "org.reorganise_unit", unit)
    authorize(acting_user, "org.change_unit", new_parent)
    unit, new_parent = _lock([unit, new_parent])
    plan = plan_move(unit, new_parent=new_parent, date=date, legal_basis=legal_basis)
    event = _event(plan, acting_user, "; ".join(plan.lines()))
    before = audit.snapshot(unit, ["parent_id", "depth", "province_key"])
    old_parent = unit.parent
    _reparent_subtree(unit, new_parent, date)
    audit.record(
        "org.move_unit",
        actor=acting_user,
        unit=unit,
        obj=unit,
        before=before,
        after=audit.snapshot(unit, ["parent_id", "depth", "province_key"]),
        summary=f"Chuyển từ {old_parent.name if old_parent else '—'} về {new_parent.name}",
    )
    return event


@transaction.atomic
def do_rename_unit(
    unit: Unit, *, acting_user: Actor, short_name: str, kind: str = "", date: dt.date, legal_basis: str = ""
) -> ReorganisationEvent:
    """Rename a unit from a date, keeping the former name for records made before it."""
    authorize(acting_user, "org.reorganise_unit", unit)
    (unit,) = _lock([unit])
    plan = plan_rename(unit, short_name=short_name, kind=kind, date=date, legal_basis=legal_basis)
    event = _event(plan, acting_user, "; ".join(plan.lines()))
    before = audit.snapshot(unit, ["name", "short_name", "kind"])
    UnitName.objects.create(
        unit=unit, name=unit.name, short_name=unit.short_name, kind=unit.kind, valid_to=date, event=event
    )
    spec = plan.create[0]
    unit.name, unit.short_name, unit.kind = spec["name"], spec["short_name"], spec["kind"]
    unit.save(update_fields=["name", "short_name", "kind", "search_name"])
    audit.record(
        "org.rename_unit",
        actor=acting_user,
        unit=unit,
        obj=unit,
        before=before,
        after=audit.snapshot(unit, ["name", "short_name", "kind"]),
        summary=f"Đổi tên từ {before['name']}",
    )
    return event


@transaction.atomic
def do_dissolve_unit(
    unit: Unit, *, acting_user: Actor, date: dt.date, legal_basis: str = ""
) -> ReorganisationEvent:
    """Close a unit with no open children; its history counts toward its parent."""
    authorize(acting_user, "org.reorganise_unit", unit)
    (unit,) = _lock([unit])
    plan = plan_dissolve(unit, date=date, legal_basis=legal_basis)
    event = _event(plan, acting_user, "; ".join(plan.lines()))
    before = audit.snapshot(unit)
    unit.valid_to = date
    unit.save(update_fields=["valid_to"])
    _rehome([unit.pk], unit.parent.home if unit.parent else None)
    audit.record(
        "org.dissolve_unit",
        actor=acting_user,
        unit=unit,
        obj=unit,
        before=before,
        after=audit.snapshot(unit),
        summary="Giải thể",
    )
    return event
