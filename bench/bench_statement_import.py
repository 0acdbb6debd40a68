"""Benchmark the whole statement import — parse, balance check and writing every line into the database.

    .venv/bin/python bench/bench_statement_import.py                      # 12,000 pages, SQLite and PostgreSQL
    .venv/bin/python bench/bench_statement_import.py --pages 500 --backends sqlite

`bench/bench_statements.py` times the parsers alone. This one runs what `mattran import-statement` runs
(``actions.do_import_statement``: one transaction, lines written in batches with their search index —
FTS5 on SQLite, GIN on PostgreSQL — and the duplicate check by fingerprint) on a generated Vietcombank
PDF the size of the September 2024 relief statement, into a fresh database per backend, then imports the
same file again (it must add nothing); --repeat times per backend, each into a fresh database, because the
machine's speed varies from minute to minute. Baseline, same run: a pdfplumber page loop over the first
--baseline-pages pages (text extraction only, nothing written), as citizens' scripts did.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from bench_funds_search import POSTGRES, _postgres_up  # noqa: E402 — the same server and the same check

DB_NAME = "mattran_bench_import"


def _database(backend: str, folder: Path) -> str:
    """A fresh, empty database for ``backend``; return its URL."""
    if backend == "sqlite":
        path = folder / "import.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    return f"{POSTGRES}/{DB_NAME}"


def worker(path: Path) -> dict:
    """In a process set up for one database: import the file twice, return the timings."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from mattran.core.authz import IMPORTER
    from mattran.funds import actions
    from mattran.funds.models import StatementLine
    from mattran.org.divisions import ensure_central

    central = ensure_central()
    fund = actions.do_create_fund(
        acting_user=IMPORTER, unit=central, kind="relief", name="Quỹ Cứu trợ (benchmark)"
    )
    account = actions.do_create_bank_account(
        acting_user=IMPORTER, unit=central, fund=fund, bank_bin="970436", number="0011001932418",
        holder="MAT TRAN TO QUOC VN - BAN CUU TRO TW",
    )  # fmt: skip
    runs = []
    for _ in range(2):
        start = time.perf_counter()
        statement = actions.do_import_statement(acting_user=IMPORTER, account=account, path=str(path))
        seconds = time.perf_counter() - start
        if statement.status != "done":
            raise SystemExit(f"import failed: {statement.error}")
        runs.append({"seconds": seconds, "read": statement.lines_read, "added": statement.lines_added})
    return {
        "runs": runs,
        "lines_in_database": StatementLine.objects.count(),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        # the largest child process: the reader that parses a large file (funds.reading)
        "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def speed_probe() -> float:
    """Seconds a fixed pure-Python loop takes: how fast the shared machine is at the moment."""
    start = time.perf_counter()
    total = 0
    for n in range(20_000_000):
        total += n
    return time.perf_counter() - start


def pdfplumber_baseline(path: Path, pages: int) -> float:
    """Seconds the usual pdfplumber text extraction takes for the first ``pages`` pages."""
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:pages]:
            page.extract_text()
            page.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=12_000)
    parser.add_argument("--baseline-pages", type=int, default=200)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="fresh databases per backend; the first import's median is the figure",
    )
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return

    from tests.funds.statement_generators import Options, generate

    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    pdf = folder / f"vcb-{args.pages}-pages.pdf"
    generate("vcb_pdf", pdf, Options(pages=args.pages, lines=None, collect=False))
    baseline_pages = min(args.baseline_pages, args.pages)
    baseline_seconds = pdfplumber_baseline(pdf, baseline_pages)
    baseline_rate = baseline_pages / baseline_seconds
    rows = []
    for backend in args.backends.split(","):
        if backend == "postgres" and not _postgres_up():
            print("PostgreSQL is not reachable; skipped", file=sys.stderr)
            continue
        results = []
        probes = [speed_probe()]
        for _ in range(args.repeat):
            # DEBUG off, as in production: with it on, Django keeps the SQL of every batch in memory.
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mattran.settings", "DEBUG": "0",
                   "SECRET_KEY": secrets.token_urlsafe(50), "DATABASE_URL": _database(backend, folder)}  # fmt: skip
            load_before = os.getloadavg()[0]
            out = subprocess.run(
                [sys.executable, __file__, "--worker", str(pdf)], env=env, cwd=ROOT, check=True,
                capture_output=True, text=True,
            )  # fmt: skip
            result = json.loads(out.stdout.strip().splitlines()[-1])
            result["load"] = (load_before, os.getloadavg()[0])
            results.append(result)
        probes.append(speed_probe())
        firsts = sorted(r["runs"][0]["seconds"] for r in results)
        rows.append(
            {
                "backend": backend,
                "first": firsts[len(firsts) // 2],
                "range": (firsts[0], firsts[-1]),
                "again": statistics.median(r["runs"][1]["seconds"] for r in results),
                "read": results[0]["runs"][0]["read"],
                "added": [r["runs"][0]["added"] for r in results],
                "added_again": [r["runs"][1]["added"] for r in results],
                "lines_in_database": results[0]["lines_in_database"],
                "peak_mb": max(r["peak_mb"] for r in results),
                "child_peak_mb": max(r["child_peak_mb"] for r in results),
                "load": (results[0]["load"][0], results[-1]["load"][1]),
                "probes": probes,
            }
        )
        if backend == "postgres":
            import psycopg

            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')

    print(f"Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"command: {' '.join(['bench/bench_statement_import.py', *sys.argv[1:]])}")  # fmt: skip
    print(f"File: generated Vietcombank PDF, {args.pages:,} pages ({pdf.stat().st_size / 1e6:.0f} MB)")
    print()
    print(
        f"| database | import | lines read | lines added | seconds (median of {args.repeat}) | fastest – slowest "
        "| pages/s | vs baseline | peak memory: importer + largest child process | load average before → after | target |"
    )
    print("|---|---|---:|---:|---:|---|---:|---:|---:|---|---|")
    for r in rows:
        for label, seconds, spread, added in (
            ("first", r["first"], f"{r['range'][0]:.1f} – {r['range'][1]:.1f}", r["added"]),
            ("same file again", r["again"], "", r["added_again"]),
        ):
            rate = args.pages / seconds
            if label == "first":
                target = "≤ 30 s ✅" if seconds <= 30 else "≤ 30 s ❌"
            else:
                target = "adds nothing ✅" if not any(added) else "adds nothing ❌"
            print(
                f"| {r['backend']} | {label} | {r['read']:,} | {max(added):,} | {seconds:.1f} | {spread} | "
                f"{rate:,.0f} | {rate / baseline_rate:.0f}× | {r['peak_mb']:,.0f} + {r['child_peak_mb']:,.0f} MB | "
                f"{r['load'][0]:.1f} → {r['load'][1]:.1f} | {target} |"
            )
    print(
        f"| baseline: pdfplumber extract_text loop (nothing written) | first {baseline_pages:,} pages | | | "
        f"{baseline_seconds:.1f} | | {baseline_rate:,.1f} | 1× | | | |"
    )
    print()
    for r in rows:
        print(f"Lines in the {r['backend']} database after both imports: {r['lines_in_database']:,}.")
    for r in rows:
        print(
            f"Speed probe (a 20,000,000-step Python loop; lower is faster) before and after the {r['backend']} "
            f"runs: {r['probes'][0]:.2f} s and {r['probes'][1]:.2f} s."
        )
    for suffix in ("", "-wal", "-shm"):
        Path(f"{folder / 'import.sqlite3'}{suffix}").unlink(missing_ok=True)
    pdf.unlink(missing_ok=True)
    folder.rmdir()


if __name__ == "__main__":
    main()
