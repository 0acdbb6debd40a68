"""Render the JSON results of the benchmarks as docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import sys
from pathlib import Path


def read_json(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def org_rows(data: dict) -> list[str]:
    s, c = data["search"], data["effective_count"]
    db = {"sqlite": "SQLite (FTS5)", "postgresql": "PostgreSQL (pg_trgm)"}.get(
        data["database"], data["database"]
    )
    return [
        f"| {db} | unit search, p95 of {s['queries']} queries (target ≤ 20 ms) | **{s['p95_ms']:.2f} ms** "
        f"(p50 {s['p50_ms']:.2f}) | Python fold-and-scan of all units: p50 {s['baseline_p50_ms']:.0f} ms | "
        f"{s['baseline_p50_ms'] / s['p50_ms']:.0f}× |",
        f"| {db} | count a province's effective subtree, p95 over {c['provinces']} provinces × 3 "
        f"(largest {c['largest']:,} units; target ≤ 50 ms) | **{c['p95_ms']:.2f} ms** (p50 {c['p50_ms']:.2f}) | "
        f"unit-by-unit walk: p50 {c['baseline_p50_ms']:.0f} ms | {c['baseline_p50_ms'] / c['p50_ms']:.0f}× |",
    ]


def main() -> None:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {dt.date.today():%Y-%m-%d}. Machine: {machine()}.",
        "",
        "Each figure is measured in the same run as its naive baseline. Performance targets live here, never in",
        "timed tests. Earlier runs, measured script by script, and the analysis of where the time goes are kept in",
        "[benchmarks-history.md](benchmarks-history.md).",
        "",
    ]
    org = [read_json(p) for p in sys.argv[1:] if os.path.basename(p).startswith("org-")]
    if org:
        d = org[0]
        lines += [
            "## Organisation hierarchy (`bench/bench_org.py`)",
            "",
            f"Data: `mattran generate --scale national` on the real divisions — {d['units']:,} units in all "
            f"(legacy 63 provinces / 696 districts / 10,051 communes, 2025 34 provinces / 3,321 communes, "
            f"{d['residential_areas']:,} synthetic residential areas).",
            "",
            "| database | measure | result | naive baseline (same run) | ratio (p50) |",
            "|---|---|---|---|---|",
        ]
        for data in org:
            lines += org_rows(data)
        lines.append("")
    for p in sys.argv[1:]:
        base = os.path.basename(p)
        if base.endswith(".md"):
            lines += [Path(p).read_text(encoding="utf-8").rstrip(), ""]
        elif base.endswith(".json") and not base.startswith("org-"):
            data = read_json(p)
            markdown = data.get("markdown", "").rstrip()
            title = data.get("title", "" if markdown.startswith("#") else base.removesuffix(".json"))
            if title:
                lines += [f"## {title}", ""]
            lines += [markdown, ""]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
