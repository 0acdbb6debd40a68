"""Units made and edited by hand (in practice: a commune's residential areas)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mattran.core import audit
from mattran.core.authz import Actor, authorize
from mattran.core.errors import ActionError
from mattran.core.text import nfc

from ..models import RESIDENTIAL_KINDS, Level, Unit, UnitKind
from .common import KIND_LEVELS, _check_code_free, _fmt, _lock, _new_unit, full_name, same_name_exists


@transaction.atomic
def do_create_unit(
    *,
    acting_user: Actor,
    parent: Unit,
    short_name: str,
    kind: str,
    code: str = "",
    valid_from: dt.date | None = None,
    notes: str = "",
) -> Unit:
    """Create a unit under a parent (in practice: a residential area under a commune)."""
    authorize(acting_user, "org.add_child_unit", parent)
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
    level: Level | None
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
def do_update_unit(
    unit: Unit, *, acting_user: Actor, code: str | None = None, notes: str | None = None
) -> Unit:
    """Change a unit's code or notes (names change only through a dated rename)."""
    authorize(acting_user, "org.change_unit", unit)
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
