"""Every change to the organisation: units, reorganisations, member organisations, clusters.

Each ``do_*`` function is atomic, locks the units it changes, validates before writing, and writes an
audit entry. Reorganisations have a ``plan_*`` twin that validates and describes the change without
writing anything; the wizard shows that plan as the preview and ``do_*`` applies the same plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from .models import (
    RESIDENTIAL_KINDS,
    Agency,
    AgencyKind,
    ClusterMembership,
    EmulationCluster,
    Level,
    MemberOrganization,
    MemberOrgKind,
    ReorganisationEvent,
    ReorganisationKind,
    Structure,
    Unit,
    UnitClosure,
    UnitKind,
    UnitName,
    UnitSuccession,
)

KIND_PREFIXES = {
    UnitKind.CENTRAL_CITY: "Thành phố",
    UnitKind.PROVINCE: "Tỉnh",
    UnitKind.CITY: "Thành phố",
    UnitKind.URBAN_DISTRICT: "Quận",
    UnitKind.RURAL_DISTRICT: "Huyện",
    UnitKind.TOWN: "Thị xã",
    UnitKind.COMMUNE: "Xã",
    UnitKind.WARD: "Phường",
    UnitKind.TOWNSHIP: "Thị trấn",
    UnitKind.SPECIAL_ZONE: "Đặc khu",
    UnitKind.VILLAGE: "Thôn",
    UnitKind.RESIDENTIAL_GROUP: "Tổ dân phố",
    UnitKind.HAMLET: "Ấp",
    UnitKind.MOUNTAIN_VILLAGE: "Bản",
    UnitKind.QUARTER: "Khu phố",
    UnitKind.KHOM: "Khóm",
    UnitKind.OTHER_RESIDENTIAL: "Khu dân cư",
}


def full_name(kind: str, short_name: str) -> str:
    """ "Tổ dân phố" + "số 5" → "Tổ dân phố số 5"."""
    prefix = KIND_PREFIXES.get(kind, "")
    return f"{prefix} {short_name}".strip() if prefix else short_name


# A kind fixes the level where the kind exists at only one ("thành phố" exists at two: rank decides).
KIND_LEVELS = {
    UnitKind.PROVINCE: Level.PROVINCE,
    UnitKind.CENTRAL_CITY: Level.PROVINCE,
    UnitKind.URBAN_DISTRICT: Level.DISTRICT,
    UnitKind.RURAL_DISTRICT: Level.DISTRICT,
    UnitKind.TOWN: Level.DISTRICT,
    UnitKind.COMMUNE: Level.COMMUNE,
    UnitKind.WARD: Level.COMMUNE,
    UnitKind.TOWNSHIP: Level.COMMUNE,
    UnitKind.SPECIAL_ZONE: Level.COMMUNE,
}


def same_name_exists(queryset, name: str, *, field: str = "name", exclude_pk: int | None = None) -> bool:
    """Whether a name is taken, ignoring case the Vietnamese way (SQLite's LIKE folds ASCII only)."""
    wanted = nfc(name).casefold()
    rows = queryset.exclude(pk=exclude_pk) if exclude_pk else queryset
    return any(nfc(n).casefold() == wanted for n in rows.values_list(field, flat=True))


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- closure table maintenance -------------------------------------------------------------------------


def _current_ancestor_links(unit_id: int) -> list[tuple[int, int]]:
    """(ancestor id, depth) of a unit's current chain, itself included."""
    return list(
        UnitClosure.objects.filter(descendant_id=unit_id, valid_to__isnull=True).values_list(
            "ancestor_id", "depth"
        )
    )


def _attach(unit: Unit, parent: Unit | None, since: dt.date | None) -> None:
    """Write the closure rows of a new leaf unit."""
    rows = [UnitClosure(ancestor=unit, descendant=unit, depth=0, valid_from=since)]
    if parent is not None:
        rows += [
            UnitClosure(ancestor_id=anc, descendant=unit, depth=d + 1, valid_from=since)
            for anc, d in _current_ancestor_links(parent.pk)
        ]
    UnitClosure.objects.bulk_create(rows)


def _reparent_subtree(unit: Unit, new_parent: Unit, day: dt.date) -> int:
    """Close the subtree's links to its old ancestors on `day` and open links to the new ones."""
    sub = list(
        UnitClosure.objects.filter(ancestor_id=unit.pk, valid_to__isnull=True).values_list(
            "descendant_id", "depth"
        )
    )
    sub_ids = [d for d, _ in sub]
    old_anc = [a for a, depth in _current_ancestor_links(unit.pk) if depth > 0]
    stale = UnitClosure.objects.filter(
        descendant_id__in=sub_ids, ancestor_id__in=old_anc, valid_to__isnull=True
    )
    # A link opened on the same day never held: drop it rather than leave an empty interval.
    stale.filter(valid_from=day).delete()
    stale.update(valid_to=day)
    new_anc = _current_ancestor_links(new_parent.pk)
    UnitClosure.objects.bulk_create(
        [
            UnitClosure(ancestor_id=a, descendant_id=d, depth=da + 1 + dd, valid_from=day)
            for a, da in new_anc
            for d, dd in sub
        ]
    )
    shift = new_parent.depth + 1 - unit.depth
    key = new_parent.province_key if new_parent.level.code != Level.CENTRAL else unit.province_key
    for d, dd in sub:
        Unit.objects.filter(pk=d).update(depth=unit.depth + dd + shift, province_key=key)
    Unit.objects.filter(pk=unit.pk).update(parent=new_parent)
    unit.parent = new_parent
    unit.depth += shift
    unit.province_key = key
    return len(sub)


def _rehome(old_ids: Sequence[int], new_home: Unit | None) -> None:
    """Point the history that counted toward closed units at their successor."""
    Unit.objects.filter(home_id__in=list(old_ids)).update(home=new_home)


# --- plans ----------------------------------------------------------------------------------------------


@dataclass
class ReorgPlan:
    """What a reorganisation will do; the preview shows it, the action applies it."""

    kind: str
    date: dt.date
    legal_basis: str = ""
    close: list[Unit] = field(default_factory=list)
    create: list[dict] = field(default_factory=list)
    moves: list[tuple[Unit, str]] = field(default_factory=list)
    successions: list[tuple[str, str, bool]] = field(default_factory=list)
    rename: tuple[str, str] | None = None
    target: Unit | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return ReorganisationKind(self.kind).label

    def lines(self) -> list[str]:
        """The plan in plain Vietnamese, one change a line."""
        out: list[str] = []
        for spec in self.create:
            out.append(f"Thành lập {spec['name']} (thuộc {spec['parent'].name}) từ ngày {_fmt(self.date)}")
        for unit in self.close:
            out.append(f"{unit.name} thôi hoạt động từ ngày {_fmt(self.date)}")
        if self.rename:
            out.append(f"Đổi tên {self.rename[0]} thành {self.rename[1]} từ ngày {_fmt(self.date)}")
        for child, dest in self.moves:
            out.append(f"Chuyển {child.name} về {dest}")
        for pred, succ, primary in self.successions:
            note = " (kế thừa số liệu lịch sử)" if primary else ""
            out.append(f"{pred} → {succ}{note}")
        return out


def _require_open(units: Sequence[Unit], day: dt.date, *, closing: bool = False) -> None:
    """Refuse closed units and dates before a unit began (a unit being closed must have lived a day)."""
    for unit in units:
        if not unit.is_open:
            raise ActionError(
                _("%(unit)s đã thôi hoạt động từ ngày %(date)s, không thể sắp xếp lại.")
                % {"unit": unit.name, "date": _fmt(unit.valid_to)},
                code="unit_closed",
                status=409,
            )
        if unit.valid_from and (day <= unit.valid_from if closing else day < unit.valid_from):
            raise ActionError(
                (
                    _("Ngày hiệu lực phải sau ngày %(unit)s bắt đầu hoạt động (%(date)s).")
                    if closing
                    else _("Ngày hiệu lực phải từ ngày %(unit)s bắt đầu hoạt động (%(date)s).")
                )
                % {"unit": unit.name, "date": _fmt(unit.valid_from)},
                code="date_before_start",
                field="date",
            )


def _lock(units: Sequence[Unit]) -> list[Unit]:
    """Re-read units under a row lock so two reorganisations cannot interleave."""
    ids = [u.pk for u in units]
    locked = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=ids).select_related("level")}
    return [locked[i] for i in ids]


def plan_merge(
    units: Sequence[Unit],
    *,
    date: dt.date,
    survivor: Unit | None = None,
    new_short_name: str = "",
    new_kind: str = "",
    new_code: str = "",
    parent: Unit | None = None,
    legal_basis: str = "",
) -> ReorgPlan:
    """Check a merge of two or more units of one level and describe it."""
    units = list(dict.fromkeys(units))
    if len(units) < 2:
        raise ActionError(_("Cần chọn ít nhất hai đơn vị để sáp nhập."), code="merge_too_few", field="units")
    levels = {u.level_id for u in units}
    if len(levels) > 1:
        raise ActionError(
            _("Chỉ sáp nhập được các đơn vị cùng cấp: ")
            + ", ".join(f"{u.name} ({u.level})" for u in units)
            + ".",
            code="mixed_levels",
            field="units",
        )
    _require_open(units, date, closing=True)
    plan = ReorgPlan(kind=ReorganisationKind.MERGE, date=date, legal_basis=legal_basis)
    if survivor is not None:
        if survivor not in units:
            raise ActionError(
                _("Đơn vị giữ lại phải là một trong các đơn vị được sáp nhập."), field="survivor"
            )
        target_name = survivor.name
        plan.target = survivor
        closing = [u for u in units if u.pk != survivor.pk]
    else:
        short = nfc(new_short_name)
        if not short:
            raise ActionError(_("Nhập tên đơn vị mới hoặc chọn một đơn vị giữ lại."), field="new_short_name")
        kind = new_kind or units[0].kind
        if kind not in UnitKind.values:
            raise ActionError(_("Loại đơn vị không hợp lệ."), field="new_kind")
        parents = {u.parent_id for u in units}
        if parent is None:
            if len(parents) != 1:
                raise ActionError(
                    _(
                        "Các đơn vị thuộc những đơn vị cấp trên khác nhau: hãy chọn đơn vị cấp trên cho đơn vị mới."
                    ),
                    field="parent",
                )
            parent = units[0].parent
        target_name = full_name(kind, short)
        plan.create.append(
            {
                "name": target_name,
                "short_name": short,
                "kind": kind,
                "code": new_code.strip(),
                "parent": parent,
                "level": units[0].level,
            }
        )
        closing = list(units)
    for unit in closing:
        plan.close.append(unit)
        plan.successions.append((unit.name, target_name, True))
    open_children = Unit.objects.filter(parent__in=closing, valid_to__isnull=True).select_related("level")
    plan.moves = [(child, target_name) for child in open_children]
    return plan


def plan_split(
    unit: Unit,
    *,
    date: dt.date,
    parts: Sequence[dict],
    primary_index: int = 0,
    legal_basis: str = "",
) -> ReorgPlan:
    """Check a split of one unit into new units and describe it.

    Each part is {"short_name", "kind", "code", "children": [unit ids]}; every open child of the unit must
    go to exactly one part.
    """
    _require_open([unit], date, closing=True)
    if len(parts) < 2:
        raise ActionError(_("Chia tách cần ít nhất hai đơn vị mới."), field="parts")
    if not 0 <= primary_index < len(parts):
        raise ActionError(_("Chọn đơn vị kế thừa số liệu lịch sử."), field="primary_index")
    plan = ReorgPlan(kind=ReorganisationKind.SPLIT, date=date, legal_basis=legal_basis)
    children = {
        c.pk: c for c in Unit.objects.filter(parent=unit, valid_to__isnull=True).select_related("level")
    }
    assigned: dict[int, str] = {}
    names = set()
    for i, part in enumerate(parts):
        short = nfc(part.get("short_name", ""))
        if not short:
            raise ActionError(_("Đơn vị mới thứ %(number)s chưa có tên.") % {"number": i + 1}, field="parts")
        kind = part.get("kind") or unit.kind
        if kind not in UnitKind.values:
            raise ActionError(
                _("Loại của đơn vị mới thứ %(number)s không hợp lệ.") % {"number": i + 1}, field="parts"
            )
        name = full_name(kind, short)
        if name in names:
            raise ActionError(_("Hai đơn vị mới trùng tên: %(name)s.") % {"name": name}, field="parts")
        names.add(name)
        for child_id in part.get("children", []):
            if child_id not in children:
                raise ActionError(
                    _("Một đơn vị trực thuộc được chọn không thuộc đơn vị bị chia tách."), field="parts"
                )
            if child_id in assigned:
                raise ActionError(
                    _("%(unit)s được chia cho hai đơn vị mới.") % {"unit": children[child_id].name},
                    field="parts",
                )
            assigned[child_id] = name
        plan.create.append(
            {
                "name": name,
                "short_name": short,
                "kind": kind,
                "code": (part.get("code") or "").strip(),
                "parent": unit.parent,
                "level": unit.level,
            }
        )
        plan.successions.append((unit.name, name, i == primary_index))
    missing = [c.name for pk, c in children.items() if pk not in assigned]
    if missing:
        raise ActionError(_("Chưa chia các đơn vị trực thuộc: ") + ", ".join(missing) + ".", field="parts")
    plan.close = [unit]
    plan.moves = [(children[pk], name) for pk, name in assigned.items()]
    return plan


def plan_move(unit: Unit, *, new_parent: Unit, date: dt.date, legal_basis: str = "") -> ReorgPlan:
    """Check moving a unit (with everything below it) under another parent and describe it."""
    _require_open([unit, new_parent], date)
    if (
        new_parent.pk == unit.pk
        or UnitClosure.objects.filter(
            ancestor_id=unit.pk, descendant_id=new_parent.pk, valid_to__isnull=True
        ).exists()
    ):
        raise ActionError(
            _("Không thể chuyển %(unit)s về %(new_parent)s: %(new_parent)s đang trực thuộc %(unit)s.")
            % {"unit": unit.name, "new_parent": new_parent.name},
            code="cycle",
            field="new_parent",
        )
    if new_parent.level.rank >= unit.level.rank:
        raise ActionError(
            _("Đơn vị cấp trên phải ở cấp cao hơn %(level)s (đã chọn: %(new_level)s).")
            % {"level": unit.level, "new_level": new_parent.level},
            code="level_mismatch",
            field="new_parent",
        )
    if unit.parent_id == new_parent.pk:
        raise ActionError(
            _("%(unit)s đã trực thuộc %(new_parent)s.") % {"unit": unit.name, "new_parent": new_parent.name},
            code="no_change",
            field="new_parent",
        )
    last = UnitClosure.objects.filter(descendant_id=unit.pk, valid_to__isnull=True).aggregate(
        last=Max("valid_from")
    )["last"]
    if last and date <= last:
        # An earlier date would give the unit two parents between then and its last change.
        raise ActionError(
            _("Ngày chuyển phải sau lần thay đổi gần nhất của %(unit)s (%(last)s).")
            % {"unit": unit.name, "last": _fmt(last)},
            code="date_before_last_change",
            field="date",
        )
    plan = ReorgPlan(kind=ReorganisationKind.MOVE, date=date, legal_basis=legal_basis, target=new_parent)
    plan.moves = [(unit, new_parent.name)]
    return plan


def plan_rename(
    unit: Unit, *, short_name: str, kind: str = "", date: dt.date, legal_basis: str = ""
) -> ReorgPlan:
    """Check a rename and describe it."""
    _require_open([unit], date)
    short = nfc(short_name)
    kind = kind or unit.kind
    if not short:
        raise ActionError(_("Nhập tên mới."), field="short_name")
    if kind not in UnitKind.values:
        raise ActionError(_("Loại đơn vị không hợp lệ."), field="kind")
    new_name = full_name(kind, short)
    if new_name == unit.name:
        raise ActionError(_("Tên mới trùng tên hiện tại."), code="no_change", field="short_name")
    plan = ReorgPlan(kind=ReorganisationKind.RENAME, date=date, legal_basis=legal_basis, target=unit)
    plan.rename = (unit.name, new_name)
    plan.create = [
        {"short_name": short, "kind": kind, "name": new_name, "parent": unit.parent, "level": unit.level}
    ]
    return plan


# --- actions --------------------------------------------------------------------------------------------


def _event(plan: ReorgPlan, acting_user, description: str) -> ReorganisationEvent:
    return ReorganisationEvent.objects.create(
        kind=plan.kind,
        effective_date=plan.date,
        legal_basis=plan.legal_basis,
        description=description,
        actor=acting_user if getattr(acting_user, "pk", None) else None,
    )


def _new_unit(spec: dict, since: dt.date, *, structure: str = Structure.LOCAL) -> Unit:
    parent: Unit = spec["parent"]
    unit = Unit(
        name=spec["name"],
        short_name=spec["short_name"],
        kind=spec["kind"],
        level=spec["level"],
        code=spec.get("code", ""),
        structure=structure,
        parent=parent,
        valid_from=since,
        depth=parent.depth + 1 if parent else 0,
        province_key=parent.province_key if parent and parent.level.code != Level.CENTRAL else None,
    )
    _check_code_free(unit)
    unit.save()
    updates = {"home": unit}
    if unit.province_key is None and unit.level.code == Level.PROVINCE:
        # A province made here (not imported) keys its own data: its code if numeric, else its id.
        unit.province_key = int(unit.code) if unit.code.isdigit() else unit.pk
        updates["province_key"] = unit.province_key
    Unit.objects.filter(pk=unit.pk).update(**updates)
    unit.home_id = unit.pk
    _attach(unit, parent, since)
    return unit


def _check_code_free(unit: Unit) -> None:
    if (
        unit.code
        and Unit.objects.filter(structure=unit.structure, level=unit.level, code=unit.code)
        .exclude(pk=unit.pk)
        .exists()
    ):
        raise ActionError(
            _("Mã %(code)s đã được dùng cho một đơn vị khác cùng cấp.") % {"code": unit.code},
            code="duplicate_code",
            field="code",
        )


@transaction.atomic
def do_merge_units(
    units: Sequence[Unit],
    *,
    acting_user,
    date: dt.date,
    survivor: Unit | None = None,
    new_short_name: str = "",
    new_kind: str = "",
    new_code: str = "",
    parent: Unit | None = None,
    legal_basis: str = "",
) -> tuple[Unit, ReorganisationEvent]:
    """Merge units of one level into a survivor or a new unit; their children and history follow."""
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
    acting_user,
    date: dt.date,
    parts: Sequence[dict],
    primary_index: int = 0,
    legal_basis: str = "",
) -> tuple[list[Unit], ReorganisationEvent]:
    """Split a unit into new units; its children go where the parts say, its history to the primary part."""
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
    unit: Unit, *, acting_user, new_parent: Unit, date: dt.date, legal_basis: str = ""
) -> ReorganisationEvent:
    """Move a unit and its subtree under another parent from a date."""
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
    unit: Unit, *, acting_user, short_name: str, kind: str = "", date: dt.date, legal_basis: str = ""
) -> ReorganisationEvent:
    """Rename a unit from a date, keeping the former name for records made before it."""
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


def plan_dissolve(unit: Unit, *, date: dt.date, legal_basis: str = "") -> ReorgPlan:
    """Check closing a unit that has no open children and describe it."""
    _require_open([unit], date, closing=True)
    if Unit.objects.filter(parent=unit, valid_to__isnull=True).exists():
        raise ActionError(
            _("%(unit)s còn đơn vị trực thuộc: hãy chuyển hoặc sáp nhập chúng trước.") % {"unit": unit.name},
            code="has_children",
            status=409,
        )
    return ReorgPlan(kind=ReorganisationKind.DISSOLVE, date=date, legal_basis=legal_basis, close=[unit])


@transaction.atomic
def do_dissolve_unit(unit: Unit, *, acting_user, date: dt.date, legal_basis: str = "") -> ReorganisationEvent:
    """Close a unit with no open children; its history counts toward its parent."""
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


@transaction.atomic
def do_create_unit(
    *,
    acting_user,
    parent: Unit,
    short_name: str,
    kind: str,
    code: str = "",
    valid_from: dt.date | None = None,
    notes: str = "",
) -> Unit:
    """Create a unit under a parent (in practice: a residential area under a commune)."""
    (parent,) = _lock([parent])
    short = nfc(short_name)
    if not short:
        raise ActionError(_("Nhập tên đơn vị."), field="short_name")
    if kind not in UnitKind.values:
        raise ActionError(_("Loại đơn vị không hợp lệ."), field="kind")
    since = valid_from or timezone.localdate()
    if not parent.is_open_on(since):
        raise ActionError(
            _("%(parent)s không hoạt động vào ngày %(since)s, không thể thêm đơn vị trực thuộc.")
            % {"parent": parent.name, "since": _fmt(since)},
            code="unit_closed",
            status=409,
            field="valid_from",
        )
    if kind in RESIDENTIAL_KINDS:
        level = Level.objects.get(code=Level.RESIDENTIAL)
    elif kind in KIND_LEVELS:
        level = Level.objects.get(code=KIND_LEVELS[kind])
    else:
        level = Level.objects.filter(rank__gt=parent.level.rank, is_government=True).order_by("rank").first()
        if level is None:
            raise ActionError(_("Không có cấp nào dưới đơn vị này."), field="kind")
    if level.rank <= parent.level.rank:
        raise ActionError(_("Đơn vị trực thuộc phải ở cấp thấp hơn đơn vị cấp trên."), field="kind")
    name = full_name(kind, short)
    if same_name_exists(Unit.objects.filter(parent=parent, valid_to__isnull=True), name):
        raise ActionError(
            _("%(parent)s đã có %(name)s.") % {"parent": parent.name, "name": name},
            code="duplicate_name",
            field="short_name",
        )
    unit = _new_unit(
        {
            "name": name,
            "short_name": short,
            "kind": kind,
            "code": code.strip(),
            "parent": parent,
            "level": level,
        },
        valid_from,
    )
    if notes:
        unit.notes = notes
        unit.save(update_fields=["notes", "search_name"])
    audit.record(
        "org.create_unit",
        actor=acting_user,
        unit=unit,
        obj=unit,
        after=audit.snapshot(unit),
        summary=f"Thêm {name} thuộc {parent.name}",
    )
    return unit


@transaction.atomic
def do_update_unit(unit: Unit, *, acting_user, code: str | None = None, notes: str | None = None) -> Unit:
    """Change a unit's code or notes (names change only through a dated rename)."""
    (unit,) = _lock([unit])
    before = audit.snapshot(unit, ["code", "notes"])
    if code is not None:
        unit.code = code.strip()
        _check_code_free(unit)
    if notes is not None:
        unit.notes = notes.strip()
    unit.save()
    after = audit.snapshot(unit, ["code", "notes"])
    if after != before:
        audit.record("org.update_unit", actor=acting_user, unit=unit, obj=unit, before=before, after=after)
    return unit


# --- member organisations and clusters ------------------------------------------------------------------


@transaction.atomic
def do_create_member_org(
    *,
    acting_user,
    unit: Unit,
    kind: str,
    name: str,
    short_name: str = "",
    is_direct: bool = False,
    valid_from: dt.date | None = None,
) -> MemberOrganization:
    """Add a member organisation to a unit."""
    if kind not in MemberOrgKind.values:
        raise ActionError(_("Loại tổ chức thành viên không hợp lệ."), field="kind")
    name = nfc(name)
    if not name:
        raise ActionError(_("Nhập tên tổ chức."), field="name")
    if same_name_exists(MemberOrganization.objects.filter(unit=unit, valid_to__isnull=True), name):
        raise ActionError(
            _("%(unit)s đã có tổ chức %(name)s.") % {"unit": unit.name, "name": name},
            code="duplicate_name",
            field="name",
        )
    org = MemberOrganization.objects.create(
        unit=unit,
        kind=kind,
        name=name,
        short_name=nfc(short_name),
        is_direct=is_direct,
        valid_from=valid_from,
    )
    audit.record("org.create_member_org", actor=acting_user, unit=unit, obj=org, after=audit.snapshot(org))
    return org


@transaction.atomic
def do_update_member_org(
    org: MemberOrganization, *, acting_user, name: str, short_name: str = "", is_direct: bool = False
) -> MemberOrganization:
    """Change a member organisation's name or status."""
    org = MemberOrganization.objects.select_for_update().get(pk=org.pk)
    name = nfc(name)
    if not name:
        raise ActionError(_("Nhập tên tổ chức."), field="name")
    if same_name_exists(
        MemberOrganization.objects.filter(unit=org.unit, valid_to__isnull=True), name, exclude_pk=org.pk
    ):
        raise ActionError(
            _("%(org_unit)s đã có tổ chức %(name)s.") % {"org_unit": org.unit.name, "name": name},
            code="duplicate_name",
            field="name",
        )
    before = audit.snapshot(org)
    org.name, org.short_name, org.is_direct = name, nfc(short_name), is_direct
    org.save()
    audit.record(
        "org.update_member_org",
        actor=acting_user,
        unit=org.unit,
        obj=org,
        before=before,
        after=audit.snapshot(org),
    )
    return org


@transaction.atomic
def do_close_member_org(org: MemberOrganization, *, acting_user, date: dt.date) -> MemberOrganization:
    """Mark a member organisation as no longer part of the unit from a date."""
    org = MemberOrganization.objects.select_for_update().get(pk=org.pk)
    if org.valid_to is not None:
        raise ActionError(_("Tổ chức này đã thôi là thành viên."), code="closed", status=409)
    if org.valid_from and date <= org.valid_from:
        raise ActionError(_("Ngày thôi phải sau ngày bắt đầu."), field="date")
    before = audit.snapshot(org)
    org.valid_to = date
    org.save(update_fields=["valid_to"])
    audit.record(
        "org.close_member_org",
        actor=acting_user,
        unit=org.unit,
        obj=org,
        before=before,
        after=audit.snapshot(org),
    )
    return org


def _validate_cluster(members: Sequence[Unit], leader: Unit | None, deputy: Unit | None) -> None:
    if len(members) < 2:
        raise ActionError(_("Cụm thi đua cần ít nhất hai đơn vị."), field="members")
    if len({u.level_id for u in members}) > 1:
        raise ActionError(
            _("Các đơn vị trong một cụm thi đua phải cùng cấp."), code="mixed_levels", field="members"
        )
    ids = {u.pk for u in members}
    if leader and leader.pk not in ids:
        raise ActionError(_("Cụm trưởng phải là thành viên của cụm."), field="leader")
    if deputy and deputy.pk not in ids:
        raise ActionError(_("Cụm phó phải là thành viên của cụm."), field="deputy")
    if leader and deputy and leader.pk == deputy.pk:
        raise ActionError(_("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."), field="deputy")


@transaction.atomic
def do_create_cluster(
    *,
    acting_user,
    name: str,
    year: int,
    organiser: Unit,
    members: Sequence[Unit],
    leader: Unit | None = None,
    deputy: Unit | None = None,
    kind: str = EmulationCluster.Kind.CLUSTER,
    notes: str = "",
) -> EmulationCluster:
    """Create an emulation cluster for a year with its member units, leader and deputy."""
    name = nfc(name)
    if not name:
        raise ActionError(_("Nhập tên cụm thi đua."), field="name")
    if not 1990 <= year <= 2100:
        raise ActionError(_("Năm không hợp lệ."), field="year")
    members = list(dict.fromkeys(members))
    _validate_cluster(members, leader, deputy)
    if EmulationCluster.objects.filter(name=name, year=year).exists():
        raise ActionError(
            _("Đã có %(name)s năm %(year)s.") % {"name": name, "year": year},
            code="duplicate_name",
            field="name",
        )
    cluster = EmulationCluster.objects.create(
        name=name, year=year, organiser=organiser, leader=leader, deputy=deputy, kind=kind, notes=notes
    )
    ClusterMembership.objects.bulk_create([ClusterMembership(cluster=cluster, unit=u) for u in members])
    audit.record(
        "org.create_cluster",
        actor=acting_user,
        unit=organiser,
        obj=cluster,
        after={**audit.snapshot(cluster), "members": [u.pk for u in members]},
    )
    return cluster


@transaction.atomic
def do_set_cluster_leadership(
    cluster: EmulationCluster, *, acting_user, leader: Unit | None, deputy: Unit | None
) -> EmulationCluster:
    """Set a cluster's leader and deputy for its year."""
    cluster = EmulationCluster.objects.select_for_update().get(pk=cluster.pk)
    _validate_cluster(list(cluster.members.all()), leader, deputy)
    before = audit.snapshot(cluster, ["leader_id", "deputy_id"])
    cluster.leader, cluster.deputy = leader, deputy
    cluster.save(update_fields=["leader", "deputy"])
    audit.record(
        "org.set_cluster_leadership",
        actor=acting_user,
        unit=cluster.organiser,
        obj=cluster,
        before=before,
        after=audit.snapshot(cluster, ["leader_id", "deputy_id"]),
    )
    return cluster


# --- the directory of competent bodies (cơ quan có thẩm quyền) -------------------------------------------


def _clean_agency(unit: Unit, name: str, kind: str, email: str, exclude_pk: int | None = None) -> str:
    if kind not in AgencyKind.values:
        raise ActionError(_("Loại cơ quan không hợp lệ."), field="kind")
    name = nfc(name)[:250]
    if not name:
        raise ActionError(_("Nhập tên cơ quan."), field="name")
    if email and ("@" not in email or len(email) > 254):
        raise ActionError(_("Địa chỉ thư điện tử không hợp lệ."), field="email")
    if same_name_exists(Agency.objects.filter(unit=unit, active=True), name, exclude_pk=exclude_pk):
        raise ActionError(
            _("Danh bạ của %(unit)s đã có %(name)s.") % {"unit": unit.name, "name": name},
            code="duplicate_name",
            field="name",
        )
    return name


@transaction.atomic
def do_create_agency(
    *, acting_user: Actor, unit: Unit, name: str, kind: str, address: str = "", email: str = ""
) -> Agency:
    """Add a competent body to a unit's directory."""
    authorize(acting_user, "org.manage_agencies", unit)
    email = email.strip()
    name = _clean_agency(unit, name, kind, email)
    agency = Agency.objects.create(unit=unit, name=name, kind=kind, address=nfc(address)[:300], email=email)
    audit.record("org.create_agency", actor=acting_user, unit=unit, obj=agency, after=audit.snapshot(agency))
    return agency


@transaction.atomic
def do_update_agency(
    agency: Agency, *, acting_user: Actor, name: str, kind: str, address: str = "", email: str = ""
) -> Agency:
    """Correct a body's name, kind, address or e-mail."""
    authorize(acting_user, "org.manage_agencies", agency)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    email = email.strip()
    name = _clean_agency(agency.unit, name, kind, email, exclude_pk=agency.pk)
    before = audit.snapshot(agency)
    agency.name, agency.kind, agency.address, agency.email = name, kind, nfc(address)[:300], email
    agency.save()
    audit.record(
        "org.update_agency",
        actor=acting_user,
        unit=agency.unit,
        obj=agency,
        before=before,
        after=audit.snapshot(agency),
    )
    return agency


@transaction.atomic
def do_set_agency_active(agency: Agency, *, acting_user: Actor, active: bool) -> Agency:
    """Take a body out of the directory (records forwarded to it keep it), or bring it back."""
    authorize(acting_user, "org.manage_agencies", agency)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.active == active:
        return agency
    if active and same_name_exists(
        Agency.objects.filter(unit=agency.unit, active=True), agency.name, exclude_pk=agency.pk
    ):
        raise ActionError(
            _("Danh bạ đã có một cơ quan khác cùng tên."), code="duplicate_name", field="name", status=409
        )
    before = audit.snapshot(agency)
    agency.active = active
    agency.save(update_fields=["active"])
    audit.record(
        "org.set_agency_active",
        actor=acting_user,
        unit=agency.unit,
        obj=agency,
        before=before,
        after=audit.snapshot(agency),
    )
    return agency
