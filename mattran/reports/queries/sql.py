"""The SQL the roll-ups run: the grouped rows of values through the hierarchy of their day or under today's
units, the rows of a whole province read by its key, and the province keys themselves (stale keys, the key
a unit's values carry, the groups that may be read by key)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import connection, models

from mattran.org.models import Unit, UnitClosure, UnitSuccession

from ..models import (
    UnitKey,
    Value,
    ValueTotal,
)


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
