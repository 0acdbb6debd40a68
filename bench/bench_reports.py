"""Report roll-ups at national scale, against a naive baseline (summing in Python over the ORM) in the same run.

Needs the real divisions and `mattran generate --scale national` (scripts/bench.sh prepares them). Generates
its own values when they are missing, as the Front's platform collects them:

* every commune's monthly form BM-THANG (40 indicators, 48 figures with the breakdowns) for 60 months,
  2021-01 to 2025-12 — 9.6 million values;
* every commune's weekly form BM-TUAN (7 indicators, 13 figures with the breakdowns) for the 261 weeks whose
  Monday falls in those months — 11.3 million values;

with their month/quarter/half/year totals, written by the database itself (INSERT … SELECT over three small
helper tables, in the order of the unique index, secondary indexes dropped during the load) — no rows travel
through Python. As the Front's history really is, periods before 1 July 2025 are entered by default under the
legacy communes (10,051) and later ones under the 3,321 communes of 2025, so every roll-up crosses the 2025
reorganisation with the hierarchy of each value's day (BENCH_REPORTS_HISTORY=current puts everything under
the 2025 communes). BENCH_REPORTS_FIRST (default 2021-01) and BENCH_REPORTS_MONTHS (default 60) choose the
range, BENCH_REPORTS_WEEKLY=0 leaves the weekly form out, BENCH_REPORTS_FORCE=1 regenerates; a series whose
count is already right is kept. Prints one JSON object with a "markdown" key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mattran.settings")
django.setup()

from django.db import connection  # noqa: E402

from mattran.org.models import Level, Structure, Unit  # noqa: E402
from mattran.org.queries import central_unit, effective_descendants  # noqa: E402
from mattran.reports import periods as P  # noqa: E402
from mattran.reports import pivot, queries  # noqa: E402
from mattran.reports.catalogue import ensure_catalogue  # noqa: E402
from mattran.reports.models import Aggregation, Indicator, ReportForm, UnitKey, Value, ValueTotal  # noqa: E402

FORM = "BM-THANG"
WEEKLY_FORM = "BM-TUAN"
CUT = dt.date(2025, 7, 1)
MONTHS = int(os.environ.get("BENCH_REPORTS_MONTHS", "60"))
HISTORY = os.environ.get("BENCH_REPORTS_HISTORY", "legacy")
WEEKLY = os.environ.get("BENCH_REPORTS_WEEKLY", "1") != "0"
FIRST = dt.date.fromisoformat(os.environ.get("BENCH_REPORTS_FIRST", "2021-01") + "-01")
# Secondary indexes dropped during a load; the unique constraints stay (rows arrive in their order).
INDEXES = {
    Value: ["value_unit_cover_idx", "value_province_cover_idx"],
    ValueTotal: ["value_total_unit_cover_idx", "value_total_province_cover_idx"],
}


def log(msg: str) -> None:
    print(f"[bench_reports {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def months() -> list[P.Period]:
    out, p = [], P.Period(P.MONTH, FIRST)
    for _ in range(MONTHS):
        out.append(p)
        p = p.next()
    return out


def weeks() -> list[P.Period]:
    """The weeks whose Monday falls in the generated months (a week belongs to the month of its Monday)."""
    ms = months()
    return [w for m in ms for w in m.parts(P.WEEK)]


def communes(structure: str) -> list[tuple[int, int | None]]:
    return list(
        Unit.objects.filter(structure=structure, level__code=Level.COMMUNE)
        .order_by("pk")
        .values_list("pk", "province_key")
    )


@dataclass
class Series:
    """One form's values: its native period kind, its figures and, per period, the units reporting it."""

    form: ReportForm
    kind: str
    cells: list[tuple[Indicator, str]]
    by_period: dict[P.Period, list[tuple[int, int | None]]]

    @property
    def expected(self) -> int:
        return len(self.cells) * sum(len(units) for units in self.by_period.values())

    @property
    def indicator_ids(self) -> list[int]:
        return sorted({ind.pk for ind, _bd in self.cells})


def figures(form: ReportForm) -> list[tuple[Indicator, str]]:
    """Every stored figure of a form: each entered or computed indicator, by breakdown option (ratios aside)."""
    out = []
    for ind in queries.form_indicators(form):
        if ind.is_ratio:
            continue
        options = [o.code for o in ind.breakdown.options.all()] if ind.breakdown_id else [""]
        out += [(ind, bd) for bd in options]
    return out


def plan() -> list[Series]:
    legacy, current = communes(Structure.LEGACY), communes(Structure.Y2025)
    if HISTORY != "legacy" or not legacy:
        legacy = current
    forms = [(FORM, P.MONTH, months())]
    if WEEKLY:
        forms.append((WEEKLY_FORM, P.WEEK, weeks()))
    out = []
    for code, kind, periods in forms:
        form = ReportForm.objects.get(code=code)
        by_period = {p: (legacy if p.start < CUT else current) for p in periods}
        out.append(Series(form, kind, figures(form), by_period))
    return out


def _magnitude(ind: Indicator) -> tuple[int, int]:
    if ind.measure == "dong":
        return 1_000_000, 80_000_000
    if ind.aggregation == Aggregation.LAST:
        return 5, 400
    if ind.period_kind == P.WEEK:
        return 0, 15
    return 0, 60


def drop_indexes() -> None:
    with connection.cursor() as cur:
        for names in INDEXES.values():
            for name in names:
                cur.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_indexes() -> None:
    """Recreate the secondary indexes exactly as the models define them."""
    with connection.schema_editor() as editor:
        for model in INDEXES:
            for index in model._meta.indexes:
                editor.add_index(model, index)


def _mix(unit: str, cell: str, month: str) -> str:
    """SQL for a deterministic pseudo-random integer in [0, 2^31) (Park–Miller over a linear mix)."""
    return f"((({unit} * 7919 + {cell} * 104729 + {month} * 1299709) %% 1000003) * 48271 %% 2147483647)"


def generate(series: list[Series]) -> tuple[int, int, float]:
    """Write the values of the given series and their coarser totals in SQL; return the counts and seconds.

    Python only fills three small helper tables (units, periods, cells); the database produces the rows,
    in the order of the unique index (indicator, kind, start, unit, breakdown) so the B-tree only appends.
    Secondary indexes are dropped during the load and rebuilt after it. Series not given are left alone.
    """
    start = time.perf_counter()
    sqlite = connection.vendor == "sqlite"
    for s in series:
        Value.objects.filter(indicator_id__in=s.indicator_ids).delete()
        ValueTotal.objects.filter(indicator_id__in=s.indicator_ids).delete()
    drop_indexes()
    sets: dict[int, int] = {}
    for s in series:
        for units in s.by_period.values():
            sets.setdefault(id(units), len(sets))
    unit_sets = {id(units): units for s in series for units in s.by_period.values()}
    with connection.cursor() as cur:
        if sqlite:
            cur.execute("PRAGMA synchronous = OFF")
            cur.execute("PRAGMA cache_size = -1000000")
        for t in ("bench_units", "bench_periods", "bench_cells", "bench_parents"):
            cur.execute(f"DROP TABLE IF EXISTS {t}")
        cur.execute("CREATE TEMP TABLE bench_units (unitset integer, unit_id bigint, province_key integer)")
        cur.execute(
            "CREATE TEMP TABLE bench_periods (series varchar(1), unitset integer, idx bigint, p date, m date, "
            "q date, h date, y date)"
        )
        cur.execute(
            "CREATE TEMP TABLE bench_cells (series varchar(1), cell bigint, indicator_id integer, "
            "breakdown varchar(40), lo bigint, span bigint, stock integer, money integer, source varchar(1))"
        )
        for key, units in unit_sets.items():
            cur.executemany(
                "INSERT INTO bench_units VALUES (%s, %s, %s)", [(sets[key], u, pk) for u, pk in units]
            )
        rows = []
        for s in series:
            for i, p in enumerate(s.by_period):
                rows.append(
                    (
                        s.kind,
                        sets[id(s.by_period[p])],
                        i,
                        p.start,
                        p.parent(P.MONTH).start,
                        p.parent(P.QUARTER).start,
                        p.parent(P.HALF).start,
                        p.parent(P.YEAR).start,
                    )
                )
        cur.executemany("INSERT INTO bench_periods VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
        cur.execute("CREATE INDEX bench_periods_p ON bench_periods (series, p)")
        # Each coarser period's parent one step up (month → quarter → half → year), to build the totals of a
        # kind from those of the kind below instead of from every value again.
        cur.execute(
            "CREATE TEMP TABLE bench_parents (kind varchar(1), start date, up varchar(1), up_start date)"
        )
        links = set()
        for s in series:
            kinds = P.coarser(s.kind)
            for p in s.by_period:
                for below, above in zip(kinds, kinds[1:], strict=False):
                    links.add((below, p.parent(below).start, above, p.parent(above).start))
        cur.executemany("INSERT INTO bench_parents VALUES (%s, %s, %s, %s)", sorted(links))
        cur.execute("CREATE INDEX bench_parents_link ON bench_parents (kind, start, up)")
        rows = []
        for s in series:
            for c, (ind, bd) in enumerate(s.cells, start=len(rows)):
                lo, hi = _magnitude(ind)
                stock = ind.aggregation == Aggregation.LAST
                rows.append(
                    (
                        s.kind,
                        c,
                        ind.pk,
                        bd,
                        lo,
                        hi - lo + 1,
                        int(stock),
                        int(ind.measure == "dong"),
                        ind.source,
                    )
                )
        cur.executemany("INSERT INTO bench_cells VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", rows)
        cur.execute(f"DELETE FROM {UnitKey._meta.db_table}")
        cur.execute(
            f"INSERT INTO {UnitKey._meta.db_table} (unit_id, province_key) "
            "SELECT unit_id, MAX(province_key) FROM bench_units GROUP BY unit_id"
        )  # fmt: skip
        mix = _mix("u.unit_id", "c.cell", "CASE WHEN c.stock = 1 THEN 0 ELSE pe.idx END")
        value = (
            f"CASE WHEN c.stock = 1 THEN c.lo + {mix} %% c.span + pe.idx / 12 "
            f"WHEN c.money = 1 THEN (c.lo + {mix} %% c.span) / 1000 * 1000 ELSE c.lo + {mix} %% c.span END"
        )
        cross = "CROSS JOIN"
        value_table, total_table = Value._meta.db_table, ValueTotal._meta.db_table
        n_values = n_totals = 0
        for s in series:
            kinds = P.coarser(s.kind)
            col = {P.MONTH: "m", P.QUARTER: "q", P.HALF: "h", P.YEAR: "y"}[kinds[0]]
            for ind_id in s.indicator_ids:
                cur.execute(
                    f"INSERT INTO {value_table} (unit_id, indicator_id, period_kind, period_start, breakdown, "
                    "value, source, note, province_key) "
                    f"SELECT u.unit_id, c.indicator_id, %s, pe.p, c.breakdown, {value}, c.source, '', u.province_key "
                    f"FROM bench_cells c {cross} bench_periods pe {cross} bench_units u "
                    "WHERE c.indicator_id = %s AND pe.series = c.series AND u.unitset = pe.unitset "
                    "ORDER BY c.indicator_id, pe.p, u.unit_id, c.breakdown",
                    [s.kind, ind_id],
                )
                n_values += cur.rowcount
                insert_total = (
                    f"INSERT INTO {total_table} (unit_id, indicator_id, period_kind, period_start, breakdown, "
                    "total, n, last_start, last_value, province_key) "
                )
                cur.execute(
                    insert_total
                    + f"SELECT v.unit_id, v.indicator_id, %s, pe.{col}, v.breakdown, SUM(v.value), "
                    "COUNT(*), MAX(v.period_start), 0, MAX(v.province_key) "
                    f"FROM {value_table} v JOIN bench_periods pe ON pe.series = %s AND pe.p = v.period_start "
                    "WHERE v.indicator_id = %s AND v.period_kind = %s "
                    f"GROUP BY v.indicator_id, pe.{col}, v.unit_id, v.breakdown "
                    f"ORDER BY v.indicator_id, pe.{col}, v.unit_id, v.breakdown",
                    [kinds[0], s.kind, ind_id, s.kind],
                )
                n_totals += cur.rowcount
                for below, above in zip(kinds, kinds[1:], strict=False):
                    cur.execute(
                        insert_total + "SELECT t.unit_id, t.indicator_id, %s, pa.up_start, t.breakdown, "
                        "SUM(t.total), SUM(t.n), MAX(t.last_start), 0, MAX(t.province_key) "
                        f"FROM {total_table} t JOIN bench_parents pa "
                        "ON pa.kind = t.period_kind AND pa.start = t.period_start AND pa.up = %s "
                        "WHERE t.indicator_id = %s AND t.period_kind = %s "
                        "GROUP BY t.indicator_id, pa.up_start, t.unit_id, t.breakdown "
                        "ORDER BY t.indicator_id, pa.up_start, t.unit_id, t.breakdown",
                        [above, above, ind_id, below],
                    )
                    n_totals += cur.rowcount
                cur.execute(
                    f"UPDATE {total_table} SET last_value = (SELECT v.value FROM {value_table} v "
                    f"WHERE v.indicator_id = {total_table}.indicator_id AND v.period_kind = %s "
                    f"AND v.period_start = {total_table}.last_start AND v.unit_id = {total_table}.unit_id "
                    f"AND v.breakdown = {total_table}.breakdown) WHERE indicator_id = %s",
                    [s.kind, ind_id],
                )
                if not sqlite:
                    connection.commit() if not connection.in_atomic_block else None
                log(f"{s.form.code}: {n_values:,} values, {n_totals:,} totals so far")
    log("indexing")
    create_indexes()
    with connection.cursor() as cur:
        if sqlite:
            cur.execute("ANALYZE")
        else:
            # Set the visibility map too, so roll-ups read the covering indexes without visiting the heap
            # (autovacuum would do it later on a live server).
            cur.execute(f"VACUUM (ANALYZE) {Value._meta.db_table}, {ValueTotal._meta.db_table}")
            cur.execute("ANALYZE")
    return n_values, n_totals, time.perf_counter() - start


# --- measures ---------------------------------------------------------------------------------------------


def timed(fn, repeat: int = 7) -> tuple[list[float], object]:
    out = fn()  # warm-up
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        samples.append((time.perf_counter() - t) * 1000)
    return samples, out


def naive_rollup(
    indicators: list[Indicator], ancestor: Unit, first: dt.date, last: dt.date, kind: str = P.MONTH
) -> dict[int, float]:
    """Baseline: fetch every value of a kind (monthly, weekly) in range through the ORM, aggregate in Python."""
    ids = set(effective_descendants(ancestor).values_list("pk", flat=True))
    stored = {}
    for ind in indicators:
        for part in [ind.numerator, ind.denominator] if ind.is_ratio else [ind]:
            stored[part.pk] = part
    sums: dict[int, int] = defaultdict(int)
    counts: dict[int, int] = defaultdict(int)
    lasts: dict[tuple, tuple[dt.date, int]] = {}
    qs = Value.objects.filter(
        indicator_id__in=list(stored), period_kind=kind, period_start__gte=first, period_start__lte=last
    ).values_list("unit_id", "indicator_id", "breakdown", "period_start", "value")
    for unit_id, ind_id, bd, start, value in qs.iterator(chunk_size=20000):
        if unit_id not in ids:
            continue
        sums[ind_id] += value
        counts[ind_id] += 1
        key = (ind_id, unit_id, bd)
        if key not in lasts or lasts[key][0] < start:
            lasts[key] = (start, value)
    out: dict[int, float] = {}
    last_sum: dict[int, int] = defaultdict(int)
    for (ind_id, _u, _b), (_d, v) in lasts.items():
        last_sum[ind_id] += v
    for pk, ind in stored.items():
        if ind.aggregation == Aggregation.LAST:
            out[pk] = last_sum[pk]
        elif ind.aggregation == Aggregation.AVERAGE:
            out[pk] = sums[pk] / counts[pk] if counts[pk] else None
        else:
            out[pk] = sums[pk]
    for ind in indicators:
        if ind.is_ratio and out.get(ind.denominator_id):
            out[ind.pk] = out[ind.numerator_id] * ind.ratio_factor * ind.scale / out[ind.denominator_id]
    return out


def naive_pivot(indicators: list[Indicator], province: Unit, year: int) -> dict[tuple, int]:
    """Baseline: ORM rows of a province's months, unit membership checked in Python."""
    ids = set(effective_descendants(province).values_list("pk", flat=True))
    out: dict[tuple, int] = defaultdict(int)
    qs = Value.objects.filter(
        indicator__in=[i for i in indicators if not i.is_ratio], period_kind="M",
        period_start__gte=dt.date(year, 1, 1), period_start__lte=dt.date(year, 12, 1),
    ).values_list("unit_id", "indicator_id", "period_start", "value")  # fmt: skip
    for unit_id, ind_id, start, value in qs.iterator(chunk_size=20000):
        if unit_id in ids:
            out[(ind_id, start)] += value
    return out


def naive_pivot_as_of(
    indicators: list[Indicator], province: Unit, months_: list[P.Period]
) -> dict[tuple, int]:
    """Baseline for a former province: ORM rows of its months, each value kept when its unit lay below the
    province on the value's day (the closure rows with their dates, checked in Python)."""
    from mattran.org.models import UnitClosure

    spans: dict[int, list[tuple[dt.date | None, dt.date | None]]] = defaultdict(list)
    for unit_id, start, end in UnitClosure.objects.filter(ancestor=province).values_list(
        "descendant_id", "valid_from", "valid_to"
    ):
        spans[unit_id].append((start, end))
    out: dict[tuple, int] = defaultdict(int)
    qs = Value.objects.filter(
        indicator__in=[i for i in indicators if not i.is_ratio], period_kind="M",
        period_start__in=[m.start for m in months_],
    ).values_list("unit_id", "indicator_id", "period_start", "value")  # fmt: skip
    for unit_id, ind_id, start, value in qs.iterator(chunk_size=20000):
        if any((a is None or a <= start) and (b is None or b > start) for a, b in spans.get(unit_id, ())):
            out[(ind_id, start)] += value
    return out


def check_equal(fast: dict, slow: dict, what: str) -> None:
    for key, value in slow.items():
        got = fast.get(key)
        if value is None and got is None:
            continue
        if got is None or abs(float(got) - float(value)) > 1e-6 * max(1.0, abs(float(value))):
            raise SystemExit(f"{what}: roll-up {got} ≠ baseline {value} for {key}")


def main() -> None:
    if connection.vendor == "sqlite":
        # Map the file instead of copying pages through read() (see docs/operations.md); per connection.
        with connection.cursor() as cur:
            cur.execute("PRAGMA mmap_size = 4294967296")
            cur.execute("PRAGMA cache_size = -262144")
    ensure_catalogue()
    if not Unit.objects.filter(structure=Structure.Y2025, level__code=Level.COMMUNE).exists():
        raise SystemExit("Cần dữ liệu đơn vị: mattran import-divisions --structure 2025 và mattran generate")
    series = plan()
    force = os.environ.get("BENCH_REPORTS_FORCE") == "1"
    stale = []
    for s in series:
        have = Value.objects.filter(period_kind=s.kind, indicator_id__in=s.indicator_ids).count()
        if have != s.expected or force:
            log(f"{s.form.code}: generating {s.expected:,} values (found {have:,})")
            stale.append(s)
    gen = generate(stale) if stale else None
    counts = {
        s.kind: Value.objects.filter(period_kind=s.kind, indicator_id__in=s.indicator_ids).count()
        for s in series
    }
    n_values, n_totals = Value.objects.count(), ValueTotal.objects.count()
    log(f"{n_values:,} values ({counts}), {n_totals:,} totals")

    monthly = series[0]
    form = monthly.form
    inds = queries.form_indicators(form)
    central = central_unit()
    year = months()[-1].start.year
    y = P.Period(P.YEAR, dt.date(year, 1, 1))
    provinces = list(
        Unit.objects.filter(structure=Structure.Y2025, level__code=Level.PROVINCE, valid_to__isnull=True)
    )
    sizes = {p.pk: queries.unit_children(p).count() for p in provinces}
    province = max(provinces, key=lambda p: sizes[p.pk])

    # 1. National roll-up of the monthly form for a year.
    nat_samples, nat = timed(lambda: queries.rollup(inds, [central.pk], [queries.Column.of(y)]))
    t = time.perf_counter()
    nat_naive = naive_rollup(inds, central, y.start, dt.date(year, 12, 1))
    nat_naive_ms = (time.perf_counter() - t) * 1000
    check_equal({i.pk: nat.get(central.pk, i.pk, y.key) for i in inds}, nat_naive, "national roll-up")

    # 2. A province's pivot: 40 indicators × 12 months (plus the year column), as the page builds it.
    spec = pivot.PivotSpec(province, form, P.MONTH, P.Period(P.MONTH, dt.date(year, 1, 1)),
                           P.Period(P.MONTH, dt.date(year, 12, 1)), "chi-tieu")  # fmt: skip
    piv_samples, table = timed(lambda: pivot.build(spec))
    t = time.perf_counter()
    piv_naive = naive_pivot(inds, province, year)
    piv_naive_ms = (time.perf_counter() - t) * 1000
    raw = queries.rollup(inds, [province.pk], spec.columns())
    fast = {
        (i.pk, dt.date(year, m, 1)): raw.get(province.pk, i.pk, f"{year}-{m:02d}")
        for i in inds if not i.is_ratio and i.aggregation == Aggregation.SUM for m in range(1, 13)
    }  # fmt: skip
    check_equal(fast, {k: v for k, v in piv_naive.items() if k in fast}, "province pivot")

    # 3. National roll-up over the whole range (a 5-year term by default, covered by year totals), against
    # the naive sum of every monthly value of the range.
    span = queries.Column.span(P.Period(P.MONTH, FIRST), months()[-1])
    range_samples, ranged = timed(lambda: queries.rollup(inds, [central.pk], [span]), repeat=3)
    t = time.perf_counter()
    range_naive = naive_rollup(inds, central, FIRST, months()[-1].start)
    range_naive_ms = (time.perf_counter() - t) * 1000
    check_equal({i.pk: ranged.get(central.pk, i.pk, span.key) for i in inds}, range_naive, "national range")

    # 3b. A former (legacy) province's pivot over its months before the reorganisation, through the hierarchy
    # of each value's day (the closure rows with their dates), against the naive as-of sum.
    legacy_months = [m for m in months() if m.start < CUT][-12:]
    former = None
    if HISTORY == "legacy" and legacy_months:
        olds = list(Unit.objects.filter(structure=Structure.LEGACY, level__code=Level.PROVINCE))
        old_sizes = {p.pk: Unit.objects.filter(parent=p).count() for p in olds}
        former = max(olds, key=lambda p: old_sizes[p.pk])
        fspec = pivot.PivotSpec(former, form, P.MONTH, legacy_months[0], legacy_months[-1], "chi-tieu")
        former_samples, ftable = timed(lambda: pivot.build(fspec))
        t = time.perf_counter()
        former_naive = naive_pivot_as_of(inds, former, legacy_months)
        former_naive_ms = (time.perf_counter() - t) * 1000
        fraw = queries.rollup(inds, [former.pk], fspec.columns())
        ffast = {
            (i.pk, m.start): fraw.get(former.pk, i.pk, m.key)
            for i in inds if not i.is_ratio and i.aggregation == Aggregation.SUM for m in legacy_months
        }  # fmt: skip
        check_equal(ffast, {k: v for k, v in former_naive.items() if k in ffast}, "former province pivot")

    # 4. National roll-up of the weekly form for a year (52 or 53 weeks per commune, read as one year total).
    weekly = next((s for s in series if s.kind == P.WEEK), None)
    if weekly is not None:
        winds = queries.form_indicators(weekly.form)
        wk_samples, wk = timed(lambda: queries.rollup(winds, [central.pk], [queries.Column.of(y)]))
        t = time.perf_counter()
        wk_naive = naive_rollup(winds, central, y.start, y.end, kind=P.WEEK)
        wk_naive_ms = (time.perf_counter() - t) * 1000
        check_equal({i.pk: wk.get(central.pk, i.pk, y.key) for i in winds}, wk_naive, "weekly roll-up")
        # ... and by month: twelve columns of month totals of weeks.
        month_cols = [queries.Column.of(P.Period(P.MONTH, dt.date(year, m, 1))) for m in range(1, 13)]
        wkm_samples, _ = timed(lambda: queries.rollup(winds, [central.pk], month_cols), repeat=3)

    def stat(samples):
        return {"p50_ms": statistics.median(samples), "max_ms": max(samples), "runs": len(samples)}

    results = {
        "national_year": {**stat(nat_samples), "baseline_ms": nat_naive_ms, "target_ms": 1000},
        "province_pivot": {**stat(piv_samples), "baseline_ms": piv_naive_ms, "target_ms": 300,
                           "province": province.name, "communes": sizes[province.pk], "rows": len(table.rows),
                           "columns": len(table.columns)},
        "national_5_years": {**stat(range_samples), "baseline_ms": range_naive_ms, "target_ms": 1000},
    }  # fmt: skip
    if former is not None:
        results["former_province_pivot"] = {**stat(former_samples), "baseline_ms": former_naive_ms,
                                            "target_ms": 300, "province": former.name,
                                            "districts": old_sizes[former.pk], "months": len(legacy_months)}  # fmt: skip
    if weekly is not None:
        results["weekly_national_year"] = {**stat(wk_samples), "baseline_ms": wk_naive_ms, "target_ms": 1000}
        results["weekly_national_months"] = stat(wkm_samples)
    db = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    legacy = HISTORY == "legacy"
    where = (
        "before 7/2025 under the 10,051 legacy communes, after under the 3,321 communes of 2025, "
        "so every roll-up goes through the 2025 successions"
        if legacy
        else "all under the 3,321 communes of 2025"
    )
    data = (
        f"Data: {n_values:,} values — {counts[P.MONTH]:,} monthly ({len(monthly.cells)} figures of the "
        f"{len(inds)}-indicator form {FORM} per commune-month, {MONTHS} months from {FIRST:%m/%Y})"
    )
    if weekly is not None:
        data += (
            f" and {counts[P.WEEK]:,} weekly ({len(weekly.cells)} figures of the {len(winds)}-indicator form "
            f"{WEEKLY_FORM} per commune-week, {len(weekly.by_period)} weeks)"
        )
    data += f", {where}; and {n_totals:,} pre-aggregated month/quarter/half/year totals maintained on write."
    if gen is not None:
        data += f" Generated ({gen[0]:,} values, {gen[1]:,} totals, indexes rebuilt) in {gen[2]:.0f} s."

    def ms(key: str) -> str:
        return f"**{results[key]['p50_ms']:.0f} ms** ({results[key]['max_ms']:.0f})"

    md = [
        f"## Reports roll-ups on {db} (`bench/bench_reports.py`)",
        "",
        data,
        "",
        "| measure | target | result (p50, max) | naive baseline: Python sum over the ORM (same run) | ratio |",
        "|---|---|---|---|---|",
        f"| national roll-up of {FORM} ({len(inds)} indicators) for {year} | ≤ 1 s | {ms('national_year')} | "
        f"{nat_naive_ms:,.0f} ms | {nat_naive_ms / results['national_year']['p50_ms']:,.0f}× |",
        f"| pivot of {province.name} ({sizes[province.pk]} communes): {len(inds)} indicators × 12 months + year "
        f"| ≤ 300 ms | {ms('province_pivot')} | {piv_naive_ms:,.0f} ms | "
        f"{piv_naive_ms / results['province_pivot']['p50_ms']:,.0f}× |",
        f"| national roll-up of {FORM} over {MONTHS} months ({len(span.pieces)} pre-aggregated pieces) | ≤ 1 s | "
        f"{ms('national_5_years')} | {range_naive_ms:,.0f} ms | "
        f"{range_naive_ms / results['national_5_years']['p50_ms']:,.0f}× |",
    ]
    if former is not None:
        md += [
            f"| pivot of the former {former.name} ({old_sizes[former.pk]} districts), {len(inds)} indicators × "
            f"{len(legacy_months)} months before 7/2025, hierarchy of each value's day | ≤ 300 ms | "
            f"{ms('former_province_pivot')} | {former_naive_ms:,.0f} ms | "
            f"{former_naive_ms / results['former_province_pivot']['p50_ms']:,.0f}× |",
        ]
    if weekly is not None:
        md += [
            f"| national roll-up of the weekly form {WEEKLY_FORM} ({len(winds)} indicators) for {year} | ≤ 1 s | "
            f"{ms('weekly_national_year')} | {wk_naive_ms:,.0f} ms | "
            f"{wk_naive_ms / results['weekly_national_year']['p50_ms']:,.0f}× |",
            f"| national roll-up of {WEEKLY_FORM} for {year} by month (12 columns of month totals of weeks) | — | "
            f"{ms('weekly_national_months')} | — | — |",
        ]
    md += ["", "The roll-ups and the baselines agree on every figure (checked in the run).", ""]
    print(json.dumps({"benchmark": "reports", "database": connection.vendor, "values": n_values,
                      "values_by_kind": counts, "totals": n_totals,
                      "generate_seconds": gen[2] if gen else None, "results": results, "markdown": "\n".join(md)},
                     ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
