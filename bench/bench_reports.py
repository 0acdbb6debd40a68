"""Report roll-ups at national scale, against a naive baseline (summing in Python over the ORM) in the same run.

Needs the real divisions and `mattran generate --scale national` (scripts/bench.sh prepares them). Generates
its own values when they are missing: every commune's monthly form (40 indicators, 48 figures with the
breakdowns) for 60 months, 2021-01 to 2025-12. Months before 1 July 2025 are entered under the legacy
communes (10,051) with BENCH_REPORTS_HISTORY=legacy (28.5 million values, so every roll-up crosses the 2025
reorganisation through Unit.home), or by default all under the 3,321 communes of 2025 (9.6 million values,
which load in a few minutes on the 2-core machine). BENCH_REPORTS_MONTHS (default 60) shortens the range;
BENCH_REPORTS_FORCE=1 regenerates. Prints one JSON object with a "markdown" key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import time
from collections import defaultdict

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mattran.settings")
django.setup()

from django.db import connection  # noqa: E402

from mattran.org.models import Level, Structure, Unit  # noqa: E402
from mattran.org.queries import central_unit, effective_descendants  # noqa: E402
from mattran.reports import actions, pivot, queries  # noqa: E402
from mattran.reports import periods as P  # noqa: E402
from mattran.reports.catalogue import ensure_catalogue  # noqa: E402
from mattran.reports.models import Aggregation, Indicator, ReportForm, UnitKey, Value, ValueTotal  # noqa: E402

FORM = "BM-THANG"
CUT = dt.date(2025, 7, 1)
MONTHS = int(os.environ.get("BENCH_REPORTS_MONTHS", "60"))
HISTORY = os.environ.get("BENCH_REPORTS_HISTORY", "current")
FIRST = dt.date(2021, 1, 1)
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


def communes(structure: str) -> list[tuple[int, int | None]]:
    return list(
        Unit.objects.filter(structure=structure, level__code=Level.COMMUNE)
        .order_by("pk")
        .values_list("pk", "province_key")
    )


def plan() -> tuple[list[tuple[Indicator, str]], dict[P.Period, list[tuple[int, int | None]]]]:
    form = ReportForm.objects.get(code=FORM)
    cells = [(ind, bd) for ind, bd, _ in actions.form_cells(form)]
    cells += [(ind, "") for ind in queries.form_indicators(form) if ind.source == "C"]
    legacy, current = communes(Structure.LEGACY), communes(Structure.Y2025)
    if HISTORY != "legacy" or not legacy:
        legacy = current
    return cells, {m: (legacy if m.start < CUT else current) for m in months()}


def expected_rows(cells, by_month) -> int:
    return len(cells) * sum(len(units) for units in by_month.values())


def _magnitude(ind: Indicator) -> tuple[int, int]:
    if ind.measure == "dong":
        return 1_000_000, 80_000_000
    if ind.aggregation == Aggregation.LAST:
        return 5, 400
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


def generate(cells, by_month) -> tuple[int, int, float]:
    """Write every value and its quarter/half/year totals in SQL; return the counts and seconds.

    Python only fills three small helper tables (units, months, cells); the database produces the rows,
    in the order of the unique index (indicator, kind, start, unit, breakdown) so the B-tree only appends.
    Secondary indexes are dropped during the load and rebuilt after it.
    """
    start = time.perf_counter()
    sqlite = connection.vendor == "sqlite"
    Value.objects.all().delete()
    ValueTotal.objects.all().delete()
    UnitKey.objects.all().delete()
    drop_indexes()
    ms = list(by_month)
    sets: dict[int, int] = {}
    for m in ms:
        sets.setdefault(id(by_month[m]), len(sets))
    with connection.cursor() as cur:
        if sqlite:
            cur.execute("PRAGMA synchronous = OFF")
            cur.execute("PRAGMA cache_size = -1000000")
        for t in ("bench_units", "bench_months", "bench_cells"):
            cur.execute(f"DROP TABLE IF EXISTS {t}")
        cur.execute("CREATE TEMP TABLE bench_units (unitset integer, unit_id bigint, province_key integer)")
        cur.execute(
            "CREATE TEMP TABLE bench_months (unitset integer, idx bigint, m date, q date, h date, y date)"
        )
        cur.execute(
            "CREATE TEMP TABLE bench_cells (cell bigint, indicator_id integer, breakdown varchar(40), "
            "lo bigint, span bigint, stock integer, money integer, source varchar(1))"
        )
        done_sets = set()
        for m in ms:
            key = sets[id(by_month[m])]
            if key not in done_sets:
                cur.executemany(
                    "INSERT INTO bench_units VALUES (%s, %s, %s)", [(key, u, pk) for u, pk in by_month[m]]
                )
                done_sets.add(key)
        cur.executemany(
            "INSERT INTO bench_months VALUES (%s, %s, %s, %s, %s, %s)",
            [(sets[id(by_month[m])], i, m.start, m.parent(P.QUARTER).start, m.parent(P.HALF).start,
              m.parent(P.YEAR).start) for i, m in enumerate(ms)],
        )  # fmt: skip
        rows = []
        for c, (ind, bd) in enumerate(cells):
            lo, hi = _magnitude(ind)
            stock = ind.aggregation == Aggregation.LAST
            rows.append((c, ind.pk, bd, lo, hi - lo + 1, int(stock), int(ind.measure == "dong"), ind.source))
        cur.executemany("INSERT INTO bench_cells VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
        cur.execute(
            f"INSERT INTO {UnitKey._meta.db_table} (unit_id, province_key) "
            "SELECT unit_id, MAX(province_key) FROM bench_units GROUP BY unit_id"
        )
        mix = _mix("u.unit_id", "c.cell", "CASE WHEN c.stock = 1 THEN 0 ELSE mo.idx END")
        value = (
            f"CASE WHEN c.stock = 1 THEN c.lo + {mix} %% c.span + mo.idx / 12 "
            f"WHEN c.money = 1 THEN (c.lo + {mix} %% c.span) / 1000 * 1000 ELSE c.lo + {mix} %% c.span END"
        )
        cross = "CROSS JOIN"
        n_values = n_totals = 0
        for ind_id in sorted({ind.pk for ind, _ in cells}):
            cur.execute(
                f"INSERT INTO {Value._meta.db_table} (unit_id, indicator_id, period_kind, period_start, breakdown, "
                "value, source, note, province_key) "
                f"SELECT u.unit_id, c.indicator_id, 'M', mo.m, c.breakdown, {value}, c.source, '', u.province_key "
                f"FROM bench_cells c {cross} bench_months mo {cross} bench_units u "
                "WHERE u.unitset = mo.unitset AND c.indicator_id = %s "
                "ORDER BY c.indicator_id, mo.m, u.unit_id, c.breakdown",
                [ind_id],
            )
            n_values += cur.rowcount
            for kind, col in ((P.QUARTER, "q"), (P.HALF, "h"), (P.YEAR, "y")):
                cur.execute(
                    f"INSERT INTO {ValueTotal._meta.db_table} (unit_id, indicator_id, period_kind, period_start, "
                    "breakdown, total, n, last_start, last_value, province_key) "
                    f"SELECT v.unit_id, v.indicator_id, %s, mo.{col}, v.breakdown, SUM(v.value), COUNT(*), "
                    "MAX(v.period_start), 0, MAX(v.province_key) "
                    f"FROM {Value._meta.db_table} v JOIN bench_months mo ON mo.m = v.period_start "
                    "WHERE v.indicator_id = %s AND v.period_kind = 'M' "
                    f"GROUP BY v.indicator_id, mo.{col}, v.unit_id, v.breakdown "
                    f"ORDER BY v.indicator_id, mo.{col}, v.unit_id, v.breakdown",
                    [kind, ind_id],
                )
                n_totals += cur.rowcount
            cur.execute(
                f"UPDATE {ValueTotal._meta.db_table} SET last_value = (SELECT v.value FROM {Value._meta.db_table} v "
                f"WHERE v.indicator_id = {ValueTotal._meta.db_table}.indicator_id AND v.period_kind = 'M' "
                f"AND v.period_start = {ValueTotal._meta.db_table}.last_start "
                f"AND v.unit_id = {ValueTotal._meta.db_table}.unit_id "
                f"AND v.breakdown = {ValueTotal._meta.db_table}.breakdown) WHERE indicator_id = %s",
                [ind_id],
            )
            if not sqlite:
                connection.commit() if not connection.in_atomic_block else None
            log(f"{n_values:,} values, {n_totals:,} totals so far")
    log("indexing")
    create_indexes()
    with connection.cursor() as cur:
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
    indicators: list[Indicator], ancestor: Unit, first: dt.date, last: dt.date
) -> dict[int, float]:
    """Baseline: fetch every monthly value in range through the ORM and aggregate it in Python."""
    ids = set(effective_descendants(ancestor).values_list("pk", flat=True))
    stored = {}
    for ind in indicators:
        for part in [ind.numerator, ind.denominator] if ind.is_ratio else [ind]:
            stored[part.pk] = part
    sums: dict[int, int] = defaultdict(int)
    counts: dict[int, int] = defaultdict(int)
    lasts: dict[tuple, tuple[dt.date, int]] = {}
    qs = Value.objects.filter(
        indicator_id__in=list(stored), period_kind="M", period_start__gte=first, period_start__lte=last
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
    cells, by_month = plan()
    want = expected_rows(cells, by_month)
    have = Value.objects.count()
    gen_seconds = None
    if have != want or os.environ.get("BENCH_REPORTS_FORCE") == "1":
        log(f"generating {want:,} values (found {have:,})")
        n_values, n_totals, gen_seconds = generate(cells, by_month)
    n_values, n_totals = Value.objects.count(), ValueTotal.objects.count()
    log(f"{n_values:,} values, {n_totals:,} totals")

    form = ReportForm.objects.get(code=FORM)
    inds = queries.form_indicators(form)
    central = central_unit()
    year = 2025 if MONTHS >= 60 else FIRST.year + (MONTHS // 12) - 1
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

    # 3. National roll-up over the whole 5-year range (covered by five year totals).
    span = queries.Column.span(P.Period(P.MONTH, FIRST), months()[-1])
    range_samples, _ = timed(lambda: queries.rollup(inds, [central.pk], [span]), repeat=3)

    def stat(samples):
        return {"p50_ms": statistics.median(samples), "max_ms": max(samples), "runs": len(samples)}

    results = {
        "national_year": {**stat(nat_samples), "baseline_ms": nat_naive_ms, "target_ms": 1000},
        "province_pivot": {**stat(piv_samples), "baseline_ms": piv_naive_ms, "target_ms": 300,
                           "province": province.name, "communes": sizes[province.pk], "rows": len(table.rows),
                           "columns": len(table.columns)},
        "national_5_years": stat(range_samples),
    }  # fmt: skip
    db = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    legacy = HISTORY == "legacy"
    md = [
        f"### Reports roll-ups on {db} (`bench/bench_reports.py`)",
        "",
        f"Data: {n_values:,} monthly values ({len(cells)} figures of the {len(inds)}-indicator form {FORM} per "
        f"commune-month, {MONTHS} months from {FIRST:%m/%Y}; "
        + (
            "before 7/2025 under the 10,051 legacy communes, after under the 3,321 communes of 2025, "
            "so every roll-up goes through the 2025 successions"
            if legacy
            else "all under the 3,321 communes of 2025"
        )
        + f") and {n_totals:,} pre-aggregated quarter/half/year totals maintained on write."
        + (f" Generated in {gen_seconds:.0f} s." if gen_seconds else ""),
        "",
        "| measure | target | result (p50, max) | naive baseline: Python sum over the ORM (same run) | ratio |",
        "|---|---|---|---|---|",
        f"| national roll-up of {FORM} ({len(inds)} indicators) for {year} | ≤ 1 s | **{results['national_year']['p50_ms']:.0f} ms** "
        f"({results['national_year']['max_ms']:.0f}) | {nat_naive_ms:,.0f} ms | {nat_naive_ms / results['national_year']['p50_ms']:,.0f}× |",
        f"| pivot of {province.name} ({sizes[province.pk]} communes): {len(inds)} indicators × 12 months + year | ≤ 300 ms | "
        f"**{results['province_pivot']['p50_ms']:.0f} ms** ({results['province_pivot']['max_ms']:.0f}) | {piv_naive_ms:,.0f} ms | "
        f"{piv_naive_ms / results['province_pivot']['p50_ms']:,.0f}× |",
        f"| national roll-up of {FORM} over {MONTHS} months ({len(span.pieces)} pre-aggregated pieces) | — | "
        f"**{results['national_5_years']['p50_ms']:.0f} ms** ({results['national_5_years']['max_ms']:.0f}) | — | — |",
        "",
        "The roll-ups and the baselines agree on every figure (checked in the run).",
        "",
    ]
    print(json.dumps({"benchmark": "reports", "database": connection.vendor, "values": n_values, "totals": n_totals,
                      "generate_seconds": gen_seconds, "results": results, "markdown": "\n".join(md)},
                     ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
