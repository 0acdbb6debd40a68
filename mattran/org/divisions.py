"""Load Vietnam's administrative divisions from the vietnam-provinces package.

``legacy`` is the structure before 1 July 2025 (63 provinces, districts, communes); ``2025`` the one after
(34 provinces, 3,321 communes). When both are loaded, the package's conversion tables become successor
links dated 2025-07-01, and each legacy unit's history is re-homed to the 2025 unit that carries it.
Re-running a load changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from mattran.core import audit
from mattran.core.text import fold

from .levels import ensure_levels
from .models import (
    Level,
    ReorganisationEvent,
    ReorganisationKind,
    Structure,
    Unit,
    UnitClosure,
    UnitKind,
    UnitSuccession,
)

REFORM_DATE = dt.date(2025, 7, 1)
LEGAL_BASIS_2025 = (
    "Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh; "
    "các nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025"
)
CENTRAL_CODE = "VN"

_KINDS = {
    "tỉnh": UnitKind.PROVINCE,
    "thành phố trung ương": UnitKind.CENTRAL_CITY,
    "thành phố": UnitKind.CITY,
    "quận": UnitKind.URBAN_DISTRICT,
    "huyện": UnitKind.RURAL_DISTRICT,
    "thị xã": UnitKind.TOWN,
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.WARD,
    "thị trấn": UnitKind.TOWNSHIP,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}
_PREFIXES = ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Phường ", "Xã ", "Thị trấn ", "Đặc khu ")


def short_name(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def kind_of(division_type) -> str:
    return _KINDS[str(getattr(division_type, "value", division_type))]


@dataclass
class ImportResult:
    structure: str
    created: Counter = field(default_factory=Counter)
    updated: int = 0
    unchanged: int = 0
    successions: int = 0

    def summary(self) -> str:
        made = ", ".join(f"{n} {lvl}" for lvl, n in self.created.items()) or "không có đơn vị mới"
        return (
            f"Nạp hệ thống {self.structure}: tạo {made}; cập nhật {self.updated}; giữ nguyên {self.unchanged}; "
            f"{self.successions} liên kết kế thừa mới"
        )


def ensure_central(acting_user=None) -> Unit:
    """Return the central committee, creating it on first use."""
    ensure_levels(Level)
    central = Unit.objects.filter(structure=Structure.NATIONAL, code=CENTRAL_CODE).first()
    if central:
        return central
    central = Unit.objects.create(
        name="Trung ương",
        short_name="Trung ương",
        kind=UnitKind.CENTRAL,
        code=CENTRAL_CODE,
        structure=Structure.NATIONAL,
        level=Level.objects.get(code=Level.CENTRAL),
        depth=0,
    )
    Unit.objects.filter(pk=central.pk).update(home=central)
    UnitClosure.objects.create(ancestor=central, descendant=central, depth=0)
    audit.record(
        "org.create_unit", actor=acting_user, unit=central, obj=central, after=audit.snapshot(central)
    )
    return central


class _Loader:
    """Upserts one structure's rows level by level, writing closure rows for new units in bulk."""

    def __init__(self, structure: str, result: ImportResult, valid_from, valid_to) -> None:
        self.structure = structure
        self.result = result
        self.valid_from = valid_from
        self.valid_to = valid_to
        self.levels = {lvl.code: lvl for lvl in Level.objects.all()}

    def upsert(self, level_code: str, rows: list[tuple[str, str, str, Unit, int | None]]) -> dict[str, Unit]:
        """rows: (code, name, kind, parent, province_key) → {code: unit}."""
        level = self.levels[level_code]
        existing = {u.code: u for u in Unit.objects.filter(structure=self.structure, level=level)}
        new: list[Unit] = []
        for code, name, kind, parent, pkey in rows:
            unit = existing.get(code)
            if unit is None:
                unit = Unit(
                    name=name,
                    short_name=short_name(name),
                    kind=kind,
                    level=level,
                    code=code,
                    structure=self.structure,
                    parent=parent,
                    valid_from=self.valid_from,
                    valid_to=self.valid_to,
                    depth=parent.depth + 1,
                    province_key=pkey,
                )
                new.append(unit.fill_search())
            elif (unit.name, unit.kind, unit.parent_id) != (name, kind, parent.pk):
                unit.name, unit.short_name, unit.kind = name, short_name(name), kind
                unit.save(update_fields=["name", "short_name", "kind", "search_name"])
                self.result.updated += 1
            else:
                self.result.unchanged += 1
        if new:
            Unit.objects.bulk_create(new, batch_size=2000)
            # bulk_create sets pks on PostgreSQL and SQLite ≥ 3.35; re-read to be safe on either.
            fresh = {
                u.code: u
                for u in Unit.objects.filter(
                    structure=self.structure, level=level, code__in=[u.code for u in new]
                )
            }
            for unit in fresh.values():
                unit.home_id = unit.pk
            Unit.objects.bulk_update(list(fresh.values()), ["home"], batch_size=2000)
            self._closure(list(fresh.values()))
            self.result.created[str(level.name)] += len(new)
            existing.update(fresh)
        return existing

    def _closure(self, units: list[Unit]) -> None:
        parent_ids = {u.parent_id for u in units}
        chains: dict[int, list[tuple[int, int]]] = {}
        for anc, desc, depth in UnitClosure.objects.filter(descendant_id__in=parent_ids).values_list(
            "ancestor_id", "descendant_id", "depth"
        ):
            chains.setdefault(desc, []).append((anc, depth))
        rows = []
        for unit in units:
            rows.append(
                UnitClosure(ancestor_id=unit.pk, descendant_id=unit.pk, depth=0, valid_from=self.valid_from)
            )
            rows += [
                UnitClosure(ancestor_id=a, descendant_id=unit.pk, depth=d + 1, valid_from=self.valid_from)
                for a, d in chains.get(unit.parent_id, [])
            ]
        UnitClosure.objects.bulk_create(rows, batch_size=5000)


def load_2025(central: Unit, result: ImportResult) -> None:
    from vietnam_provinces import Province, Ward

    loader = _Loader(Structure.Y2025, result, REFORM_DATE, None)
    provinces = loader.upsert(
        Level.PROVINCE,
        [
            (f"{int(p.code):02d}", p.name, kind_of(p.division_type), central, int(p.code))
            for p in Province.iter_all()
        ],
    )
    loader.upsert(
        Level.COMMUNE,
        [
            (
                f"{int(w.code):05d}",
                w.name,
                kind_of(w.division_type),
                provinces[f"{int(w.province_code):02d}"],
                int(w.province_code),
            )
            for w in Ward.iter_all()
        ],
    )


def load_legacy(central: Unit, result: ImportResult) -> None:
    from vietnam_provinces.legacy import District, Province, Ward

    loader = _Loader(Structure.LEGACY, result, None, REFORM_DATE)
    provinces = loader.upsert(
        Level.PROVINCE,
        [
            (f"{int(p.code):02d}", p.name, kind_of(p.division_type), central, int(p.code))
            for p in Province.iter_all()
        ],
    )
    districts = loader.upsert(
        Level.DISTRICT,
        [
            (
                f"{int(d.code):03d}",
                d.name,
                kind_of(d.division_type),
                provinces[f"{int(d.province_code):02d}"],
                int(d.province_code),
            )
            for d in District.iter_all()
        ],
    )
    loader.upsert(
        Level.COMMUNE,
        [
            (
                f"{int(w.code):05d}",
                w.name,
                kind_of(w.division_type),
                districts[f"{int(w.district_code):03d}"],
                int(w.province_code),
            )
            for w in Ward.iter_all()
        ],
    )


def link_structures(acting_user, result: ImportResult) -> None:
    """Store the 2025 conversion tables as successor links and re-home legacy history."""
    from vietnam_provinces import _province_conversion_2025 as pconv
    from vietnam_provinces import _ward_conversion_2025 as wconv

    def by_code(structure: str, level: str) -> dict[int, Unit]:
        return {int(u.code): u for u in Unit.objects.filter(structure=structure, level__code=level)}

    old_p, new_p = by_code(Structure.LEGACY, Level.PROVINCE), by_code(Structure.Y2025, Level.PROVINCE)
    old_w, new_w = by_code(Structure.LEGACY, Level.COMMUNE), by_code(Structure.Y2025, Level.COMMUNE)
    old_d = by_code(Structure.LEGACY, Level.DISTRICT)
    if not (old_p and new_p):
        return
    have = set(
        UnitSuccession.objects.filter(predecessor__structure=Structure.LEGACY).values_list(
            "predecessor_id", "successor_id"
        )
    )
    event = ReorganisationEvent.objects.filter(kind=ReorganisationKind.NATIONAL_2025).first()
    links: list[tuple[Unit, Unit, bool]] = []

    for code, entry in pconv.OLD_TO_NEW.items():
        pred = old_p.get(code)
        succs = [new_p[r.code] for r in entry.new_provinces if r.code in new_p]
        for i, succ in enumerate(succs):
            links.append((pred, succ, i == 0))

    ward_primary: dict[int, Unit] = {}
    for code, entry in wconv.OLD_TO_NEW.items():
        pred = old_w.get(code)
        succs = [new_w[r.code] for r in entry.new_wards if r.code in new_w]
        if pred is None or not succs:
            continue
        # The history of a ward split between several new wards goes to the one that kept its name, if any.
        key = fold(pred.short_name)
        primary = next((s for s in succs if fold(s.short_name) == key), succs[0])
        ward_primary[pred.pk] = primary
        links += [(pred, succ, succ.pk == primary.pk) for succ in succs]

    # Districts were abolished, not mapped: a district's own records go to the new province that took most
    # of its communes.
    votes: dict[int, Counter] = {}
    for ward in Unit.objects.filter(structure=Structure.LEGACY, level__code=Level.COMMUNE).only(
        "pk", "parent_id"
    ):
        if ward.pk in ward_primary:
            votes.setdefault(ward.parent_id, Counter())[ward_primary[ward.pk].parent_id] += 1
    new_by_pk = {u.pk: u for u in new_p.values()}
    for district in old_d.values():
        if district.pk in votes:
            links.append((district, new_by_pk[votes[district.pk].most_common(1)[0][0]], True))

    fresh = [(p, s, prim) for p, s, prim in links if p is not None and (p.pk, s.pk) not in have]
    if not fresh:
        return
    if event is None:
        event = ReorganisationEvent.objects.create(
            kind=ReorganisationKind.NATIONAL_2025,
            effective_date=REFORM_DATE,
            legal_basis=LEGAL_BASIS_2025,
            description="Sắp xếp 63 tỉnh thành 34 tỉnh, bỏ cấp huyện, sắp xếp cấp xã (3.321 đơn vị).",
            actor=acting_user if getattr(acting_user, "pk", None) else None,
        )
    UnitSuccession.objects.bulk_create(
        [
            UnitSuccession(predecessor=p, successor=s, event=event, date=REFORM_DATE, is_primary=prim)
            for p, s, prim in fresh
        ],
        batch_size=5000,
    )
    result.successions += len(fresh)
    rehome_legacy()


def rehome_legacy() -> None:
    """Point every legacy unit's home (and province key) at the 2025 unit that carries its history.

    A unit with a primary successor goes to that successor's home; one the tables leave without a successor
    goes to its parent's home (parents are handled first), so every unit counts exactly once.
    """
    primary = dict(
        UnitSuccession.objects.filter(is_primary=True, predecessor__structure=Structure.LEGACY).values_list(
            "predecessor_id", "successor_id"
        )
    )
    targets = {
        pk: (home, key)
        for pk, home, key in Unit.objects.exclude(structure=Structure.LEGACY).values_list(
            "pk", "home_id", "province_key"
        )
    }
    resolved: dict[int, tuple[int | None, int | None]] = {}
    batch = []
    for unit in (
        Unit.objects.filter(structure=Structure.LEGACY)
        .order_by("depth")
        .only("pk", "home_id", "province_key", "parent_id")
    ):
        succ = primary.get(unit.pk)
        if succ is not None:
            home, key = targets.get(succ, (succ, None))
            home = home or succ
        else:
            home, key = resolved.get(unit.parent_id) or targets.get(unit.parent_id, (unit.parent_id, None))
        resolved[unit.pk] = (home, key)
        unit.home_id = home
        unit.province_key = key or unit.province_key
        batch.append(unit)
    Unit.objects.bulk_update(batch, ["home", "province_key"], batch_size=5000)
