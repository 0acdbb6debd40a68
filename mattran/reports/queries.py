"""Live roll-ups over the hierarchy and over time, in SQL, and the reads the pages share.

A roll-up places each value in the hierarchy of its day (the closure rows that held then): a commune merged
away in 2025 keeps its figures of 2020 as its own, and they roll into its district and province of 2020.
For days before a group unit existed, the unit carries its predecessors' history through ``Unit.home``, so
in today's tree the same figures count exactly once under the successor.
Time is rolled up from the pre-aggregated ``ValueTotal`` rows of the requested period (a year reads one row
per unit), and the aggregation rule decides how the pieces combine:

* sum — totals add up over units and periods;
* avg — the mean of all values in the units and periods (Σ total / Σ n);
* last — per unit the latest value in the period, summed over units (a stock such as members);
* ratio — numerator ÷ denominator (each by its own rule) × factor, computed after aggregation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from mattran.core.models import AuditEntry
from mattran.org.models import Unit, UnitClosure, UnitSuccession
from mattran.org.queries import children as unit_children

from . import periods as P
from .models import (
    Aggregation,
    Indicator,
    ReportForm,
    Submission,
    SubmissionState,
    UnitKey,
    Value,
    ValueTotal,
)

OWN = "own"  # a group holding only the values whose home is the unit itself (not its children's)
AS_OF = "as_of"  # each value in the hierarchy of its day (the default)
TODAY = "today"  # each value under the open units that carry it today (Unit.home)


@dataclass(frozen=True)
class Column:
    """One column of a roll-up: a period, or a range covered by several aligned periods."""

    key: str
    label: str
    pieces: tuple[P.Period, ...]
    short: str = ""

    @classmethod
    def of(cls, period: P.Period) -> Column:
        return cls(period.key, period.label, (period,), period.short_label)

    @classmethod
    def span(cls, first: P.Period, last: P.Period, native: str = P.MONTH) -> Column:
        pieces = tuple(P.cover(native, first, last))
        return cls(f"{first.key}..{last.key}", f"{first.label} – {last.label}", pieces)


@dataclass
class _Acc:
    total: int = 0
    n: int = 0
    last: int = 0
    seen: bool = False


@dataclass
class Rollup:
    """Stored-scale results keyed by (group, indicator id, column key[, breakdown])."""

    values: dict[tuple, float | int | None] = field(default_factory=dict)

    def get(
        self, group: int | str, indicator_id: int, column: str, breakdown: str | None = None
    ) -> float | int | None:
        key = (group, indicator_id, column) if breakdown is None else (group, indicator_id, column, breakdown)
        return self.values.get(key)


def _table(model: type[models.Model]) -> str:
    return model._meta.db_table


# The day a value is placed in the hierarchy: the first day of its period within its unit's life (a total
# of 2025 of a ward formed on 1 July 2025 sits in the tree of that day).
_DAY = "(CASE WHEN u.valid_from IS NOT NULL AND u.valid_from > v.period_start THEN u.valid_from ELSE v.period_start END)"


def _sql_rows(
    model: type[Value | ValueTotal],
    *,
    group_ids: Sequence[int],
    own_id: int | None,
    indicator_ids: Sequence[int],
    kind: str,
    starts: Sequence[dt.date],
    by_breakdown: bool,
    per_unit: bool,
) -> list[tuple]:
    """One grouped query: (group, indicator, start, breakdown, [unit,] total, n, last[, last_start]).

    A value counts toward a group unit through the hierarchy of its day (the closure rows that held then):
    phường Ngọc Lâm's figures of 2020 are its own and roll into quận Long Biên and the Hà Nội of 2020. For
    days before the group unit existed, it carries its predecessors' history through ``Unit.home`` (today's
    tree), so phường Bồ Đề's 2020 total is phường Ngọc Lâm's (and the other wards merged into it) — each value
    once, since the two parts take days before and from the group's creation.
    """
    is_total = model is ValueTotal
    total, n, last = ("v.total", "v.n", "v.last_value") if is_total else ("v.value", "1", "v.value")
    last_start = "v.last_start" if is_total else "v.period_start"
    bd = "v.breakdown" if by_breakdown or per_unit else "''"
    unit_col = ", v.unit_id" if per_unit else ""
    where = (
        f"v.indicator_id IN ({', '.join(['%s'] * len(indicator_ids))}) AND v.period_kind = %s "
        f"AND v.period_start IN ({', '.join(['%s'] * len(starts))})"
    )
    filters = [*indicator_ids, kind, *starts]
    cols = f"v.indicator_id AS ind, v.period_start AS ps, {bd} AS bd{unit_col.replace('v.unit_id', 'v.unit_id AS uid')}, "
    cols += f"{total} AS t, {n} AS n, {last} AS l, {last_start} AS ls"
    # Driven from the units (SQLite takes the join order as written with CROSS JOIN; PostgreSQL reorders).
    cross = "CROSS JOIN"
    unit, closure, values = _table(Unit), _table(UnitClosure), _table(model)
    if own_id is not None:
        then_sql = f"SELECT %s AS g, {cols} FROM {values} v {cross} {unit} u WHERE v.unit_id = %s AND u.id = v.unit_id AND {where}"
        then_params: list = [own_id, own_id, *filters]
        before_sql = (
            f"SELECT gu.id AS g, {cols} FROM {unit} gu {cross} {unit} u {cross} {values} v "
            f"WHERE gu.id = %s AND gu.valid_from IS NOT NULL AND u.home_id = gu.id AND u.id <> gu.id "
            f"AND v.unit_id = u.id AND {_DAY} < gu.valid_from AND {where}"
        )
        before_params: list = [own_id, *filters]
    else:
        marks = ", ".join(["%s"] * len(group_ids))
        then_sql = (
            f"SELECT c.ancestor_id AS g, {cols} FROM {closure} c {cross} {unit} u {cross} {values} v "
            f"WHERE c.ancestor_id IN ({marks}) AND u.id = c.descendant_id AND v.unit_id = u.id "
            f"AND (c.valid_from IS NULL OR c.valid_from <= {_DAY}) AND (c.valid_to IS NULL OR c.valid_to > {_DAY}) "
            f"AND {where}"
        )
        then_params = [*group_ids, *filters]
        before_sql = (
            f"SELECT gu.id AS g, {cols} FROM {unit} gu {cross} {closure} c {cross} {unit} u {cross} {values} v "
            f"WHERE gu.id IN ({marks}) AND gu.valid_from IS NOT NULL AND c.ancestor_id = gu.id "
            f"AND c.valid_to IS NULL AND u.home_id = c.descendant_id AND v.unit_id = u.id "
            f"AND {_DAY} < gu.valid_from AND {where}"
        )
        before_params = [*group_ids, *filters]
    inner = f"{then_sql} UNION ALL {before_sql}"
    params = [*then_params, *before_params]
    if per_unit:
        sql = f"SELECT g, ind, ps, bd, uid, t, n, l, ls FROM ({inner}) x"
    else:
        group_by = "g, ind, ps" + (", bd" if by_breakdown else "")
        sql = f"SELECT g, ind, ps, {'bd' if by_breakdown else chr(39) * 2}, SUM(t), SUM(n), SUM(l) FROM ({inner}) x GROUP BY {group_by}"
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _sql_rows_today(
    model: type[Value | ValueTotal],
    *,
    group_ids: Sequence[int],
    own_id: int | None,
    indicator_ids: Sequence[int],
    kind: str,
    starts: Sequence[dt.date],
    by_breakdown: bool,
    per_unit: bool,
) -> list[tuple]:
    """As ``_sql_rows`` in today's tree: each value through its unit's ``home`` and the current edges, so a
    value entered under a commune merged away counts toward its successor's ancestors exactly once."""
    is_total = model is ValueTotal
    total, n, last = ("v.total", "v.n", "v.last_value") if is_total else ("v.value", "1", "v.value")
    last_start = "v.last_start" if is_total else "v.period_start"
    bd = "v.breakdown" if by_breakdown or per_unit else "''"
    unit_col = ", v.unit_id" if per_unit else ""
    cross = "CROSS JOIN"
    if own_id is not None:
        source = f"{_table(Unit)} u {cross} {_table(model)} v"
        on = "u.home_id = %s AND v.unit_id = u.id"
        group = str(int(own_id))
        params: list = [own_id]
    else:
        source = f"{_table(UnitClosure)} c {cross} {_table(Unit)} u {cross} {_table(model)} v"
        on = (
            f"c.ancestor_id IN ({', '.join(['%s'] * len(group_ids))}) AND c.valid_to IS NULL "
            "AND u.home_id = c.descendant_id AND v.unit_id = u.id"
        )
        group = "c.ancestor_id"
        params = list(group_ids)
    where = (
        f"v.indicator_id IN ({', '.join(['%s'] * len(indicator_ids))}) AND v.period_kind = %s "
        f"AND v.period_start IN ({', '.join(['%s'] * len(starts))})"
    )
    if per_unit:
        select = (
            f"{group}, v.indicator_id, v.period_start, {bd}{unit_col}, {total}, {n}, {last}, {last_start}"
        )
        sql = f"SELECT {select} FROM {source} WHERE {on} AND {where}"
    else:
        select = f"{group}, v.indicator_id, v.period_start, {bd}, SUM({total}), SUM({n}), SUM({last})"
        sql = (
            f"SELECT {select} FROM {source} WHERE {on} AND {where} "
            f"GROUP BY {'' if own_id is not None else group + ', '}v.indicator_id, v.period_start{', v.breakdown' if by_breakdown else ''}"
        )
    params += [*indicator_ids, kind, *starts]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _keyed_rows(
    model: type[Value | ValueTotal],
    *,
    group: int,
    key: int | None,
    indicator_ids: Sequence[int],
    kind: str,
    starts: Sequence[dt.date],
    by_breakdown: bool,
) -> list[tuple]:
    """The whole country (key None) or one province's values by their province key: one index range."""
    is_total = model is ValueTotal
    total, n, last = ("v.total", "v.n", "v.last_value") if is_total else ("v.value", "1", "v.value")
    bd = "v.breakdown" if by_breakdown else "''"
    where = (
        f"v.indicator_id IN ({', '.join(['%s'] * len(indicator_ids))}) AND v.period_kind = %s "
        f"AND v.period_start IN ({', '.join(['%s'] * len(starts))})"
    )
    params: list = []
    if key is not None:
        where = "v.province_key = %s AND " + where
        params.append(key)
    params += [*indicator_ids, kind, *starts]
    sql = (
        f"SELECT {int(group)}, v.indicator_id, v.period_start, {bd}, SUM({total}), SUM({n}), SUM({last}) "
        f"FROM {_table(model)} v WHERE {where} "
        f"GROUP BY v.indicator_id, v.period_start{', v.breakdown' if by_breakdown else ''}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def stale_unit_keys() -> list[tuple[int, int | None, int | None]]:
    """(unit, key its values carry, key they should carry) for each unit whose home moved to another province
    since its values were written. Roll-ups read such provinces through the hierarchy until
    ``reports.actions.do_rekey_values`` re-keys the values."""
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT k.unit_id, k.province_key, h.province_key FROM {_table(UnitKey)} k "
            f"JOIN {_table(Unit)} u ON u.id = k.unit_id JOIN {_table(Unit)} h ON h.id = u.home_id "
            "WHERE NOT (k.province_key = h.province_key OR (k.province_key IS NULL AND h.province_key IS NULL))"
        )
        return [(unit_id, old, new) for unit_id, old, new in cur.fetchall()]


def home_province_key(unit: Unit) -> int | None:
    """The province key a unit's values carry: that of the unit carrying its history today."""
    if unit.home_id is None or unit.home_id == unit.pk:
        return unit.province_key
    return Unit.objects.filter(pk=unit.home_id).values_list("province_key", flat=True).first()


def keyed_scope(unit_ids: Sequence[int]) -> dict[int, int | None]:
    """Groups whose subtree is exactly a province key's values (an open province), or everything (central)."""
    out: dict[int, int | None] = {}
    rows = Unit.objects.filter(pk__in=unit_ids, valid_to__isnull=True).values_list(
        "pk", "level__code", "province_key"
    )
    for pk, level, key in rows:
        if level == "central":
            out[pk] = None
        elif (
            level == "province"
            and key is not None
            # The key must name this province alone among open provinces.
            and Unit.objects.filter(level__code="province", valid_to__isnull=True, province_key=key).count()
            == 1
        ):
            out[pk] = key
    return out


def key_path_keeps_history(unit_id: int) -> bool:
    """Whether an open province's values read by its key are exactly its values in the hierarchy of their
    days: true unless, since the province existed, a unit left its subtree (moved out, or merged into a unit
    outside), moved into it or was merged into it from outside (the key path reads them by today's tree). The 2025 provinces, created with their
    history by succession, pass until such a change happens; the roll-up then joins the hierarchy."""
    u, c, s = _table(Unit), _table(UnitClosure), _table(UnitSuccession)
    since = "COALESCE(g.valid_from, '0001-01-01')"
    sql = (
        f"SELECT 1 FROM {u} g WHERE g.id = %s AND ("
        # a unit left the subtree (moved out, or closed with its rows) after the province existed
        f"EXISTS (SELECT 1 FROM {c} c WHERE c.ancestor_id = g.id AND c.depth > 0 AND c.valid_to IS NOT NULL "
        f"AND c.valid_to > {since}) "
        # a unit that existed before moved into the subtree
        f"OR EXISTS (SELECT 1 FROM {c} c JOIN {u} d ON d.id = c.descendant_id WHERE c.ancestor_id = g.id "
        f"AND c.depth > 0 AND c.valid_from > {since} AND (d.valid_from IS NULL OR d.valid_from < c.valid_from)) "
        # a unit of its subtree closed since, whose history went to a unit outside it
        f"OR EXISTS (SELECT 1 FROM {c} c JOIN {u} d ON d.id = c.descendant_id WHERE c.ancestor_id = g.id "
        f"AND c.depth > 0 AND c.valid_to IS NULL AND d.valid_to IS NOT NULL AND d.valid_to > {since} "
        f"AND NOT EXISTS (SELECT 1 FROM {c} h WHERE h.ancestor_id = g.id AND h.descendant_id = d.home_id "
        "AND h.valid_to IS NULL)) "
        # a unit from outside was merged into one of its units
        f"OR EXISTS (SELECT 1 FROM {s} s JOIN {c} c ON c.ancestor_id = g.id AND c.descendant_id = s.successor_id "
        f"AND c.valid_to IS NULL WHERE s.date > {since} AND NOT EXISTS (SELECT 1 FROM {c} p "
        f"WHERE p.ancestor_id = g.id AND p.descendant_id = s.predecessor_id)))"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [unit_id])
        return cur.fetchone() is None


def _without_stale_keys(keyed: dict[int, int | None]) -> dict[int, int | None]:
    """The groups that may still be read by province key: not a province some of whose values carry another
    province's key, or should (the country, key None, reads every value whatever its key)."""
    moved = {k for _unit, old, new in stale_unit_keys() for k in (old, new)}
    return {g: key for g, key in keyed.items() if key is None or key not in moved}


def _as_date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


@dataclass
class _Scope:
    """Where a roll-up reads: the group units (some by province key), and the unit whose own values count."""

    groups: list[int]
    keyed: dict[int, int | None]
    own_of: int | None
    by_breakdown: bool
    tree: str = AS_OF

    def rows(self, **query) -> list[tuple]:
        return (_sql_rows_today if self.tree == TODAY else _sql_rows)(**query)


@dataclass
class _Source:
    """One batch of grouped rows, with the groups (or the own unit) it was read for."""

    group_ids: list[int]
    own: int | None
    rows: list[tuple]


@dataclass
class _Pieces:
    """Which stored (model, kind, start) pieces feed which columns, for indicators of one native kind."""

    by_piece: dict[tuple, list[Column]] = field(default_factory=lambda: defaultdict(list))
    multi_cols: set[str] = field(default_factory=set)  # columns made of several pieces

    def starts(self) -> dict[tuple, list[dt.date]]:
        """(model, kind) → the starts of the pieces to read."""
        out: dict[tuple, list[dt.date]] = defaultdict(list)
        for model, kind, start in self.by_piece:
            out[(model, kind)].append(start)
        return out


def _pieces(native: str, columns: Sequence[Column]) -> _Pieces:
    pieces = _Pieces()
    for col in columns:
        for piece in col.pieces:
            if P.KINDS.index(piece.kind) < P.KINDS.index(native):
                continue  # finer than what is entered: no data
            model = Value if piece.kind == native else ValueTotal
            pieces.by_piece[(model, piece.kind, piece.start)].append(col)
        if len(col.pieces) > 1:
            pieces.multi_cols.add(col.key)
    return pieces


def _sources(
    scope: _Scope, model: type[Value | ValueTotal], kind: str, starts: list[dt.date], ind_ids: list[int]
) -> list[_Source]:
    """The grouped rows for every group: through the hierarchy, the own unit's, and by province key."""
    out = []

    def grouped(group_ids: list[int], own: int | None) -> _Source:
        rows = scope.rows(model=model, group_ids=group_ids, own_id=own, indicator_ids=ind_ids, kind=kind,
                          starts=starts, by_breakdown=scope.by_breakdown, per_unit=False)  # fmt: skip
        return _Source(group_ids, own, rows)

    joined = [g for g in scope.groups if g not in scope.keyed]
    out = [grouped(joined, None)] if joined else []
    if scope.own_of is not None:
        out.append(grouped([], scope.own_of))
    keyed = [g for g in scope.groups if g in scope.keyed]
    fast = [
        row
        for g in keyed
        for row in _keyed_rows(
            model,
            group=g,
            key=scope.keyed[g],
            indicator_ids=ind_ids,
            kind=kind,
            starts=starts,
            by_breakdown=scope.by_breakdown,
        )  # fmt: skip
    ]
    out.append(_Source(keyed, None, fast))
    return out


def _add_rows(
    acc: dict[tuple, _Acc], source: _Source, cols_of: dict[dt.date, list[Column]], by_breakdown: bool
) -> None:
    for g, ind_id, start, bd, total, n, last in source.rows:
        group = OWN if source.own is not None else g
        for col in cols_of.get(_as_date(start), []):
            keys = [(group, ind_id, col.key)] + ([(group, ind_id, col.key, bd)] if by_breakdown else [])
            for key in keys:
                a = acc[key]
                a.total += int(total or 0)
                a.n += int(n or 0)
                a.last += int(last or 0)
                a.seen = True


def _latest_keyed_rows(
    *,
    group: int,
    key: int | None,
    indicator_ids: Sequence[int],
    batches: Sequence[tuple[type[Value | ValueTotal], str, Sequence[dt.date]]],
) -> list[tuple]:
    """(group, indicator, breakdown, Σ latest value) over a range's pieces, which may lie in several tables
    and kinds (``batches``: model, kind, starts): each unit's latest figure, read by province key (None: the
    whole country) and reduced in SQL with a window, one row per unit before the sum — no per-unit rows
    travel to Python."""
    parts: list[str] = []
    params: list = []
    for model, kind, starts in batches:
        is_total = model is ValueTotal
        last, last_start = ("v.last_value", "v.last_start") if is_total else ("v.value", "v.period_start")
        where = (
            f"v.indicator_id IN ({', '.join(['%s'] * len(indicator_ids))}) AND v.period_kind = %s "
            f"AND v.period_start IN ({', '.join(['%s'] * len(starts))})"
        )
        if key is not None:
            where = "v.province_key = %s AND " + where
            params.append(key)
        params += [*indicator_ids, kind, *starts]
        parts.append(
            f"SELECT v.unit_id AS uid, v.indicator_id AS ind, v.breakdown AS bd, {last} AS l, {last_start} AS ls "
            f"FROM {_table(model)} v WHERE {where}"
        )
    ranked = (
        "SELECT ind, bd, l, ROW_NUMBER() OVER (PARTITION BY uid, ind, bd ORDER BY ls DESC) AS rn "
        f"FROM ({' UNION ALL '.join(parts)}) y"
    )
    sql = f"SELECT {int(group)}, x.ind, x.bd, SUM(x.l) FROM ({ranked}) x WHERE x.rn = 1 GROUP BY x.ind, x.bd"
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def _add_keyed_latest(
    latest_sums: dict[tuple, int], scope: _Scope, columns: Sequence[Column], native: str, ind_ids: list[int]
) -> None:
    """Last-value indicators over ranges of several pieces, for the groups read by province key."""
    for col in columns:
        if len(col.pieces) < 2:
            continue
        by_batch: dict[tuple, list[dt.date]] = defaultdict(list)
        for piece in col.pieces:
            if P.KINDS.index(piece.kind) < P.KINDS.index(native):
                continue
            by_batch[(Value if piece.kind == native else ValueTotal, piece.kind)].append(piece.start)
        batches = [(model, kind, starts) for (model, kind), starts in by_batch.items()]
        if not batches:
            continue
        for g in scope.groups:
            if g not in scope.keyed:
                continue
            rows = _latest_keyed_rows(group=g, key=scope.keyed[g], indicator_ids=ind_ids, batches=batches)
            for group, ind_id, bd, total in rows:
                cell = (group, ind_id, col.key)
                latest_sums[cell] = latest_sums.get(cell, 0) + int(total)
                if scope.by_breakdown:
                    latest_sums[(*cell, bd)] = int(total)


def _add_latest(
    per_unit_last: dict[tuple, dict[tuple, tuple[dt.date, int]]],
    source: _Source,
    cols_of: dict[dt.date, list[Column]],
    multi_cols: set[str],
    query: dict,
) -> None:
    """For last-value indicators over a range of several pieces: each unit's latest piece, summed."""
    scope = query.pop("scope")
    if source.own is None and source.group_ids and all(g in scope.keyed for g in source.group_ids):
        return  # read by province key in SQL (_add_keyed_latest)
    rows = scope.rows(
        group_ids=source.group_ids, own_id=source.own, by_breakdown=True, per_unit=True, **query
    )
    for g, ind_id, start, bd, unit_id, _t, _n, last, last_start in rows:
        group = OWN if source.own is not None else g
        for col in cols_of.get(_as_date(start), []):
            if col.key not in multi_cols:
                continue
            cell = per_unit_last[(group, ind_id, col.key)]
            ls = _as_date(last_start)
            if (unit_id, bd) not in cell or cell[(unit_id, bd)][0] < ls:
                cell[(unit_id, bd)] = (ls, int(last))


def _finish(
    acc: dict[tuple, _Acc],
    per_unit_last: dict[tuple, dict[tuple, tuple[dt.date, int]]],
    latest_sums: dict[tuple, int],
    stored: dict[int, Indicator],
    by_breakdown: bool,
) -> Rollup:
    """Each accumulated cell by its indicator's aggregation rule."""
    out = Rollup()
    for key, a in acc.items():
        ind = stored[key[1]]
        if ind.aggregation == Aggregation.AVERAGE:
            out.values[key] = a.total / a.n if a.n else None
        elif ind.aggregation == Aggregation.LAST:
            out.values[key] = a.last
        else:
            out.values[key] = a.total
    out.values.update(latest_sums)
    for (group, ind_id, col_key), cell in per_unit_last.items():
        out.values[(group, ind_id, col_key)] = sum(v for _, v in cell.values())
        if by_breakdown:
            per_bd: dict[str, int] = defaultdict(int)
            for (_unit, bd), (_s, v) in cell.items():
                per_bd[bd] += v
            for bd, v in per_bd.items():
                out.values[(group, ind_id, col_key, bd)] = v
    return out


def _add_ratios(
    out: Rollup, indicators: list[Indicator], groups: Sequence[int | str], columns: Sequence[Column]
) -> None:
    for ind in indicators:
        if not ind.is_ratio or ind.numerator is None or ind.denominator is None:
            continue
        for group in groups:
            for col in columns:
                num = out.values.get((group, ind.numerator_id, col.key))
                den = out.values.get((group, ind.denominator_id, col.key))
                if num is None or not den:
                    continue
                out.values[(group, ind.pk, col.key)] = num * ind.ratio_factor * ind.scale / den


def _stored_indicators(indicators: list[Indicator]) -> dict[int, Indicator]:
    """The indicators whose values are stored: the given ones, a ratio's two parts instead of the ratio."""
    stored: dict[int, Indicator] = {}
    for ind in indicators:
        if ind.is_ratio:
            for part in (ind.numerator, ind.denominator):
                if part is not None:
                    stored[part.pk] = part
        else:
            stored[ind.pk] = ind
    return stored


def rollup(
    indicators: Iterable[Indicator],
    groups: Sequence[int | str],
    columns: Sequence[Column],
    *,
    own_of: int | None = None,
    by_breakdown: bool = False,
    tree: str = AS_OF,
) -> Rollup:
    """Aggregate indicators over the effective subtree of each group unit, for each column.

    ``groups`` are unit ids, and may contain ``OWN`` for the values homed on ``own_of`` itself. Values are
    at stored scale (see ``Indicator.format``); a cell with no data is absent. ``tree`` is ``AS_OF`` (each
    value in the hierarchy of its day; a group created later carries its predecessors' history) or
    ``TODAY`` (each value under the open units that carry it today).
    """
    indicators = list(indicators)
    stored = _stored_indicators(indicators)
    unit_groups = [g for g in groups if isinstance(g, int)]
    keyed = _without_stale_keys(keyed_scope(unit_groups)) if unit_groups else {}
    if tree == AS_OF:
        keyed = {g: key for g, key in keyed.items() if key is None or key_path_keeps_history(g)}
    scope = _Scope(unit_groups, keyed, own_of if OWN in groups else None, by_breakdown, tree)
    acc: dict[tuple, _Acc] = defaultdict(_Acc)  # (group, ind, column[, bd]) → accumulator
    per_unit_last: dict[tuple, dict[tuple, tuple[dt.date, int]]] = defaultdict(dict)
    latest_sums: dict[tuple, int] = {}  # (group, ind, column[, bd]) → Σ latest, reduced in SQL
    by_native: dict[str, list[Indicator]] = defaultdict(list)
    for ind in stored.values():
        by_native[ind.period_kind].append(ind)
    for native, inds in by_native.items():
        pieces = _pieces(native, columns)
        ind_ids = [i.pk for i in inds]
        multi_last = [i.pk for i in inds if i.aggregation == Aggregation.LAST]
        for (model, kind), starts in pieces.starts().items():
            cols_of = {start: pieces.by_piece[(model, kind, start)] for start in starts}
            for source in _sources(scope, model, kind, starts, ind_ids):
                _add_rows(acc, source, cols_of, by_breakdown)
                if pieces.multi_cols and multi_last and (source.group_ids or source.own is not None):
                    query = {"model": model, "indicator_ids": multi_last, "kind": kind, "starts": starts,
                             "scope": scope}  # fmt: skip
                    _add_latest(per_unit_last, source, cols_of, pieces.multi_cols, query)
        if pieces.multi_cols and multi_last and scope.keyed:
            _add_keyed_latest(latest_sums, scope, columns, native, multi_last)
    out = _finish(acc, per_unit_last, latest_sums, stored, by_breakdown)
    _add_ratios(out, indicators, groups, columns)
    return out


def children_for(unit: Unit, start: dt.date, end: dt.date) -> QuerySet[Unit]:
    """The units a roll-up of ``unit`` over [start, end] breaks down into: its children on the last day of
    the range within its life (the communes of a district of 2020; a former unit's on its last day), or,
    for a range before the unit existed, today's children (which carry its predecessors' history)."""
    if unit.valid_from is not None and unit.valid_from > end:
        return unit_children(unit)
    day = end if unit.valid_to is None or unit.valid_to > end else unit.valid_to - dt.timedelta(days=1)
    return unit_children(unit, as_of=day)


def rollup_form(form: ReportForm, unit: Unit | int, columns: Sequence[Column]) -> Rollup:
    """Aggregate every indicator of a form over one unit's effective subtree."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    return rollup(form_indicators(form), [unit_id], columns)


def form_indicators(form: ReportForm) -> list[Indicator]:
    items = form.items.select_related(
        "indicator__numerator", "indicator__denominator", "indicator__breakdown"
    )
    return [item.indicator for item in items.order_by("order", "pk")]


# --- values of one unit ----------------------------------------------------------------------------------


def unit_values(
    unit: Unit, indicators: Iterable[Indicator], period: P.Period
) -> dict[tuple[int, str], Value]:
    """The stored values of one unit for one period (at each indicator's native kind)."""
    inds = [i for i in indicators if not i.is_ratio]
    if not inds:
        return {}
    qs = Value.objects.filter(
        unit=unit, indicator__in=inds, period_kind=period.kind, period_start=period.start
    ).only("indicator_id", "breakdown", "value", "source", "note")
    return {(v.indicator_id, v.breakdown): v for v in qs}


def previous_values(unit: Unit, indicators: Iterable[Indicator], period: P.Period) -> dict[int, int]:
    """The previous period's total per indicator, to flag outliers."""
    prev = period.previous()
    rows = (
        Value.objects.filter(unit=unit, indicator__in=list(indicators), period_kind=prev.kind,
                             period_start=prev.start)
        .values("indicator_id")
        .annotate(total=Sum("value"))
    )  # fmt: skip
    return {r["indicator_id"]: r["total"] for r in rows}


# --- forms, submissions, completeness ---------------------------------------------------------------------


def forms_for_unit(unit: Unit) -> QuerySet[ReportForm]:
    """The active forms the unit's level reports."""
    return ReportForm.objects.filter(is_active=True, levels=unit.level).order_by("code")


def reporting_children(unit: Unit, form: ReportForm) -> list[Unit]:
    """The open child units whose level reports the form, in name order."""
    level_ids = set(form.levels.values_list("pk", flat=True))
    kids = unit_children(unit).filter(level_id__in=level_ids).order_by("sort_name")
    return list(kids)


@dataclass
class CompletenessRow:
    unit: Unit
    submission: Submission | None
    status: str  # approved, submitted, late, returned, draft, missing, not_due

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


STATUS_LABELS = {
    "approved": _("Đã duyệt"),
    "submitted": _("Đã gửi, chờ duyệt"),
    "late": _("Nộp muộn"),
    "returned": _("Bị trả lại"),
    "draft": _("Đang soạn"),
    "missing": _("Chưa nộp, quá hạn"),
    "not_due": _("Chưa đến hạn"),
}


def status_of(submission: Submission | None, deadline: dt.date, today: dt.date) -> str:
    if submission is None or submission.state in (SubmissionState.DRAFT, SubmissionState.RETURNED):
        if today > deadline:
            return "missing"
        if submission is None:
            return "not_due"
        return "returned" if submission.state == SubmissionState.RETURNED else "draft"
    if submission.submitted_at and submission.submitted_at.date() > deadline:
        return "late" if submission.state == SubmissionState.SUBMITTED else "approved"
    return "approved" if submission.state == SubmissionState.APPROVED else "submitted"


def completeness(unit: Unit, form: ReportForm, period: P.Period, today: dt.date) -> list[CompletenessRow]:
    """Which child units have submitted a form for a period, late or not at all."""
    kids = reporting_children(unit, form)
    subs = {
        s.unit_id: s
        for s in Submission.objects.filter(
            form=form, period_start=period.start, unit__in=kids
        ).select_related("submitted_by")
    }
    deadline = form.deadline(period)
    return [CompletenessRow(k, subs.get(k.pk), status_of(subs.get(k.pk), deadline, today)) for k in kids]


def submission_history(sub: Submission) -> QuerySet[AuditEntry]:
    """The last changes of a report, from the audit log."""
    ct = ContentType.objects.get_for_model(Submission)
    return AuditEntry.objects.filter(content_type=ct, object_id=str(sub.pk)).select_related("actor")[:20]


def pending_approvals(unit: Unit) -> QuerySet[Submission]:
    """Submissions of the unit's children waiting for its approval."""
    return (
        Submission.objects.filter(state=SubmissionState.SUBMITTED, unit__parent=unit)
        .select_related("form", "unit")
        .order_by("period_start", "unit__sort_name")
    )


def counts_by_status(rows: Sequence[CompletenessRow]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for row in rows:
        out[row.status] += 1
    return dict(out)
