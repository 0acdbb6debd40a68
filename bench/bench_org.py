"""Unit search and effective-subtree counts at national scale, against naive baselines in the same run.

Run through scripts/bench.sh (which prepares the data); prints one JSON object.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mattran.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Exists, OuterRef  # noqa: E402

from mattran.core.text import fold  # noqa: E402
from mattran.org import queries  # noqa: E402
from mattran.org.models import Level, Unit, UnitSuccession  # noqa: E402


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] if len(samples) >= 20 else max(samples)


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*args)
    return (time.perf_counter() - start) * 1000, out


def search_queries(rng: random.Random, n: int) -> list[str]:
    names = list(
        Unit.objects.filter(valid_to__isnull=True)
        .exclude(level__code=Level.RESIDENTIAL)
        .values_list("short_name", flat=True)
    )
    out = []
    for i in range(n):
        name = rng.choice(names)
        words = name.split()
        if i % 3 == 0:
            out.append(name)  # with diacritics
        elif i % 3 == 1:
            out.append(fold(name).upper())  # no diacritics, upper case
        else:
            out.append(" ".join([*words[:-1], words[-1][:3]]))  # partial last word
    return out


def naive_search(q: str) -> list[int]:
    """Baseline: fetch every unit and compare folded names in Python."""
    words = fold(q).split()
    return [pk for pk, name in Unit.objects.values_list("pk", "name") if all(w in fold(name) for w in words)][
        :20
    ]


def naive_effective_count(unit_id: int) -> int:
    """Baseline: the same set (units whose history counts toward this unit), walked one unit at a time."""
    seen: set[int] = set()
    stack = [unit_id]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for pk, closed, has_successor in (
            Unit.objects.filter(parent_id=current)
            .annotate(
                succ=Exists(UnitSuccession.objects.filter(predecessor_id=OuterRef("pk"), is_primary=True))
            )
            .values_list("pk", "valid_to", "succ")
        ):
            # Open children belong here; a closed child only if it was closed without a successor.
            if closed is None or not has_successor:
                stack.append(pk)
        stack.extend(
            UnitSuccession.objects.filter(successor_id=current, is_primary=True).values_list(
                "predecessor_id", flat=True
            )
        )
    return len(seen)


def main() -> None:
    rng = random.Random(7)
    total_units = Unit.objects.count()
    residential = Unit.objects.filter(level__code=Level.RESIDENTIAL).count()
    qs = search_queries(rng, 300)
    for q in qs[:20]:  # warm caches
        queries.search_units(q)
    search_ms = [timed(queries.search_units, q)[0] for q in qs]
    naive_ms = [timed(naive_search, q)[0] for q in qs[:15]]

    provinces = list(
        Unit.objects.filter(level__code=Level.PROVINCE, valid_to__isnull=True).values_list("pk", flat=True)
    )
    for pk in provinces[:5]:
        queries.count_effective_descendants(pk)
    count_ms = [timed(queries.count_effective_descendants, pk)[0] for pk in provinces for _ in range(3)]
    biggest = max(provinces, key=queries.count_effective_descendants)
    naive_count_ms = [timed(naive_effective_count, pk)[0] for pk in provinces[:3]]
    # Both methods must agree before their speed means anything.
    assert naive_effective_count(biggest) == queries.count_effective_descendants(biggest)

    print(
        json.dumps(
            {
                "database": connection.vendor,
                "units": total_units,
                "residential_areas": residential,
                "search": {
                    "queries": len(search_ms),
                    "p50_ms": statistics.median(search_ms),
                    "p95_ms": p95(search_ms),
                    "baseline_p50_ms": statistics.median(naive_ms),
                    "baseline_queries": len(naive_ms),
                },
                "effective_count": {
                    "provinces": len(provinces),
                    "p50_ms": statistics.median(count_ms),
                    "p95_ms": p95(count_ms),
                    "largest": queries.count_effective_descendants(biggest),
                    "baseline_p50_ms": statistics.median(naive_count_ms),
                    "baseline_provinces": len(naive_count_ms),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
