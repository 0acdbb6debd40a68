"""What the organisation's actions share: names of units, the closure table of the hierarchy, row locks,
making a unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext as _

from mattran.core.errors import ActionError
from mattran.core.text import nfc

from ..models import Level, Structure, Unit, UnitClosure, UnitKind

KIND_PREFIXES: dict[str, str] = {
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
KIND_LEVELS: dict[str, str] = {
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


def _lock(units: Sequence[Unit]) -> list[Unit]:
    """Re-read units under a row lock so two reorganisations cannot interleave."""
    ids = [u.pk for u in units]
    locked = {u.pk: u for u in Unit.objects.select_for_update().filter(pk__in=ids).select_related("level")}
    return [locked[i] for i in ids]


def _new_unit(spec: dict, since: dt.date | None, *, structure: str = Structure.LOCAL) -> Unit:
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
    updates: dict[str, object] = {"home": unit}
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
