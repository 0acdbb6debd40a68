"""The roll-up itself: its columns and result, the scope and sources it reads, combining the rows by each
indicator's aggregation rule (sum, avg, last, ratio), and the roll-up of a report form."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet

from mattran.org.models import Unit
from mattran.org.queries import children as unit_children

from .. import periods as P
from ..models import (
    Aggregation,
    Indicator,
    ReportForm,
    Value,
    ValueTotal,
)
from .sql import (
    _keyed_rows,
    _sql_rows,
    _sql_rows_today,
    _table,
    _without_stale_keys,
    key_path_keeps_history,
    keyed_scope,
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
