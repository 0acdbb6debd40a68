"""Reorganisation plans: each ``plan_*`` validates a reorganisation and describes it without writing anything;
the wizard shows the plan as the preview and the matching ``do_*`` (actions/reorganise.py) applies it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import nfc

from ..models import ReorganisationKind, Unit, UnitClosure, UnitKind
from .common import _fmt, full_name


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
        return str(ReorganisationKind(self.kind).label)

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
                % {"unit": unit.name, "date": _fmt(unit.valid_to) if unit.valid_to else ""},
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
