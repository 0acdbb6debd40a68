"""Benchmark citizens' cases at national scale: generated cases over 5 years across the 2025 communes.

    .venv/bin/python bench/bench_petitions.py                       # 10,000,000 cases, SQLite
    .venv/bin/python bench/bench_petitions.py --cases 200000        # a reduced run
    DATABASE_URL=postgres://… .venv/bin/python bench/bench_petitions.py --database-url keep

It migrates its own database (SQLite: var/bench-petitions.sqlite3 unless --database-url), imports the 2025
divisions, gives every commune a directory of 5 bodies, then bulk-loads cases with the real shape (kinds:
20 % opinions, 33 % recommendations, 40 % reports, 6 % complaints, 1 % denunciations; a skewed spread over
communes — busy urban wards get many times a rural commune's; answered mostly on time, some late, ~3 % still
open past their deadline; status by age). The data is kept for later runs. Then it times, each against a
naive baseline in the same run:

* the public lookup by tracking code (``queries.by_code``, the unique index) vs a scan (``upper(code) = …``);
* a province's overdue list, first page with counts by body (the ``(province_key, status, due_on)`` index)
  vs the same through the unit tree without the province key;
* the on-time rate per body for a province and a year vs computing it in Python over the rows.

Prints one JSON object whose "markdown" key holds the result table (bench/report.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BATCH = 20_000
KINDS = [("y_kien", 20), ("kien_nghi", 33), ("phan_anh", 40), ("khieu_nai", 6), ("to_cao", 1)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _setup(url: str) -> None:
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "mattran.settings"
    if url != "keep":
        os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _load(total: int, years: int, seed: int) -> dict:
    from django.db import connection, transaction

    from mattran.core.authz import IMPORTER
    from mattran.org.divisions import do_import_divisions
    from mattran.org.models import Agency, AgencyKind, Level, Unit
    from mattran.petitions import catalogue
    from mattran.petitions.models import Case, Field, new_code

    catalogue.ensure()
    if not Unit.objects.filter(structure="2025", level__code=Level.COMMUNE).exists():
        do_import_divisions(structure="2025", acting_user=IMPORTER)
    communes = list(
        Unit.objects.filter(structure="2025", level__code=Level.COMMUNE, valid_to__isnull=True).values_list(
            "pk", "province_key"
        )
    )
    have = Case.objects.count()
    if have >= total:
        return {"communes": len(communes), "cases": have, "loaded_now": 0}
    rng = random.Random(seed)
    if not Agency.objects.exists():
        kinds = [
            AgencyKind.PEOPLES_COMMITTEE,
            AgencyKind.POLICE,
            AgencyKind.DEPARTMENT,
            AgencyKind.PUBLIC_SERVICE,
            AgencyKind.MEMBER_ORG,
        ]
        Agency.objects.bulk_create(
            [
                Agency(unit_id=u, name=f"Cơ quan {k} {u}", kind=kind)
                for u, _p in communes
                for k, kind in enumerate(kinds)
            ],
            batch_size=BATCH,
        )
    agencies: dict[int, list[int]] = {}
    for pk, unit_id in Agency.objects.values_list("pk", "unit_id"):
        agencies.setdefault(unit_id, []).append(pk)
    fields = list(Field.objects.values_list("pk", flat=True))
    weights = [rng.paretovariate(1.3) for _ in communes]  # a few busy wards, many quiet communes
    kind_values = [k for k, _w in KINDS]
    kind_weights = [w for _k, w in KINDS]
    today = dt.date.today()
    start = today - dt.timedelta(days=365 * years)
    span = (today - start).days
    started = time.perf_counter()
    made = 0
    while have + made < total:
        n = min(BATCH, total - have - made)
        picks = rng.choices(communes, weights=weights, k=n)
        rows = []
        for unit_id, pkey in picks:
            received = start + dt.timedelta(days=int(rng.random() ** 0.8 * span))
            kind = rng.choices(kind_values, kind_weights)[0]
            age = (today - received).days
            agency = rng.choice(agencies[unit_id])
            forwarded = received + dt.timedelta(days=rng.randint(1, 5))
            answer_due = forwarded + dt.timedelta(days=21 if kind not in ("khieu_nai", "to_cao") else 42)
            roll = rng.random()
            status, answered, due = "closed", None, None
            if age < 45 and roll < 0.5 or roll < 0.03:
                status, due = "forwarded", answer_due  # open: overdue when the due date has passed
            else:
                answered = forwarded + dt.timedelta(
                    days=rng.randint(3, 20) if rng.random() < 0.8 else rng.randint(22, 60)
                )
                if answered > today:
                    status, answered, due = "forwarded", None, answer_due
            rows.append(
                Case(
                    unit_id=unit_id,
                    province_key=pkey,
                    code=new_code(),
                    kind=kind,
                    urgency="thuong",
                    field_id=rng.choice(fields),
                    channel=rng.choice(
                        ["don_thu", "hom_thu", "cong_thong_tin", "tiep_xuc_cu_tri", "dien_thoai"]
                    ),
                    summary="Phản ánh về hạ tầng, môi trường khu dân cư"[: rng.randint(20, 44)],
                    text="Nội dung phản ánh của người dân. " * rng.randint(1, 6),
                    received_on=received,
                    sealed=kind == "to_cao",
                    status=status,
                    stage_started_on=forwarded,
                    due_on=due,
                    agency_id=agency,
                    forwarded_on=forwarded,
                    answer_due_on=answer_due,
                    answered_on=answered,
                )
            )
        with transaction.atomic():
            Case.objects.bulk_create(rows, batch_size=BATCH)
        made += n
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "communes": len(communes),
        "cases": have + made,
        "loaded_now": made,
        "load_seconds": round(time.perf_counter() - started, 1),
    }


def _time(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def _measure(repeat: int, seed: int) -> list[dict]:
    from django.db.models import Count, F, Q
    from django.db.models.functions import Upper

    from mattran.org.models import Level, Unit
    from mattran.petitions import queries
    from mattran.petitions.models import OPEN_STATUSES, Case

    rng = random.Random(seed + 1)
    today = dt.date.today()
    max_id = Case.objects.order_by("-id").values_list("id", flat=True).first() or 0
    sample_codes = [
        c
        for c in (
            Case.objects.filter(pk=rng.randint(1, max_id)).values_list("code", flat=True).first()
            for _ in range(repeat)
        )
        if c
    ]
    busiest = (
        Case.objects.values("province_key")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("province_key", flat=True)
        .first()
    )
    province = Unit.objects.filter(structure="2025", level__code=Level.PROVINCE, province_key=busiest).first()
    year = today.year - 1
    results = []

    codes = iter(sample_codes * 3)
    fast = _time(lambda: queries.by_code(next(codes)), len(sample_codes))
    slow_codes = iter(sample_codes)
    naive = _time(
        lambda: Case.objects.annotate(u=Upper("code")).filter(u=next(slow_codes)).first(),
        min(5, len(sample_codes)),
    )
    results.append(
        ("Tra cứu theo mã (công khai)", fast, naive, "unique index on code", "upper(code) = … (scan)")
    )

    def overdue_indexed():
        qs = Case.objects.filter(province_key=busiest, status__in=OPEN_STATUSES, due_on__lt=today)
        page = list(qs.order_by("due_on", "id").select_related("agency")[:50])
        counts = list(qs.values("agency_id").annotate(n=Count("id")).order_by("-n")[:20])
        return page, counts

    def overdue_naive():
        qs = (
            queries.cases_of(province, subtree=True).filter(due_on__lt=today, status__in=OPEN_STATUSES)
            if province
            else Case.objects.none()
        )
        rows = [c for c in qs.order_by("due_on", "id").values_list("id", "agency_id", "due_on")]
        by_agency: dict = {}
        for _id, agency, _due in rows:
            by_agency[agency] = by_agency.get(agency, 0) + 1
        return rows[:50], by_agency

    results.append(
        (
            "Danh sách quá hạn của một tỉnh (trang đầu + đếm theo cơ quan)",
            _time(overdue_indexed, repeat),
            _time(overdue_naive, min(3, repeat)),
            "(province_key, status, due_on) index, LIMIT 50",
            "subtree of units, all rows to Python",
        )
    )

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)

    def on_time_indexed():
        return list(
            Case.objects.filter(province_key=busiest, answered_on__range=(start, end))
            .values("agency_id")
            .annotate(
                answered=Count("id"), on_time=Count("id", filter=Q(answered_on__lte=F("answer_due_on")))
            )
        )

    def on_time_naive():
        out: dict = {}
        for agency, answered, due in Case.objects.filter(unit__province_key=busiest).values_list(
            "agency_id", "answered_on", "answer_due_on"
        ):
            if answered and start <= answered <= end:
                a, o = out.get(agency, (0, 0))
                out[agency] = (a + 1, o + (answered <= due))
        return out

    results.append(
        (
            "Tỷ lệ đúng hạn theo cơ quan, một tỉnh, một năm",
            _time(on_time_indexed, repeat),
            _time(on_time_naive, min(3, repeat)),
            "GROUP BY in SQL on province_key",
            "every row of the province in Python",
        )
    )
    return [
        {
            "query": q,
            "p50_ms": round(statistics.median(f), 2),
            "p95_ms": round(percentile(f, 95), 2),
            "naive_p50_ms": round(statistics.median(n), 2),
            "ratio": round(statistics.median(n) / max(statistics.median(f), 1e-6), 1),
            "how": how,
            "baseline": base,
        }
        for q, f, n, how, base in results
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--database-url", default=f"sqlite:///{ROOT / 'var' / 'bench-petitions.sqlite3'}")
    args = parser.parse_args()
    _setup(args.database_url)
    from django.db import connection

    data = _load(args.cases, args.years, args.seed)
    rows = _measure(args.repeat, args.seed)
    lines = [
        f"## Citizens' voice (`bench/bench_petitions.py`, {connection.vendor})",
        "",
        f"{data['cases']:,} cases over {args.years} years across {data['communes']:,} communes; "
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}.",
        "",
        "| query | p50 ms | p95 ms | naive p50 ms | ratio | how | baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['query']} | {r['p50_ms']} | {r['p95_ms']} | {r['naive_p50_ms']} | {r['ratio']}× | {r['how']} | {r['baseline']} |"
        )
    print(json.dumps({"data": data, "results": rows, "markdown": "\n".join(lines)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
