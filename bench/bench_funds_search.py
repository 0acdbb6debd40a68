"""Benchmark the public statement search over generated statement lines, on SQLite and PostgreSQL.

    .venv/bin/python bench/bench_funds_search.py                 # 2,000,000 lines, both databases
    .venv/bin/python bench/bench_funds_search.py --lines 100000 --backends sqlite

Each backend runs in its own process (Django settings are per process): it migrates its database
(SQLite: var/bench-funds.sqlite3; PostgreSQL: database mattran_funds at $BENCH_POSTGRES_URL or
postgres://postgres@127.0.0.1:5432), bulk-loads the lines from the statement generators once (kept for
later runs; SQLite without its FTS triggers, then one index rebuild), then times the indexed queries of
mattran.funds.queries (FTS5 / a tsvector GIN index for text, the B-tree on amount for exact amounts)
against a naive baseline in the same run: LIKE '%…%' on the folded text and a full scan for the amount
(``amount + 0 = x``). Then it load-tests the public search API: gunicorn (the ``bench`` extra) on
127.0.0.1 and a bounded pool of client threads (--load-requests, --load-seconds; 0 requests skips it).
Prints one JSON object whose "markdown" key holds the result tables.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "mattran_funds"
ACCOUNT = "0011001932418"
BATCH = 20_000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _setup(backend: str) -> None:
    os.environ.setdefault("DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "mattran.settings"
    if backend == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench-funds.sqlite3'}"
    else:
        import psycopg

        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
                conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        os.environ["DATABASE_URL"] = f"{POSTGRES}/{DB_NAME}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _account():
    from mattran.funds import actions
    from mattran.funds.models import BankAccount, BankStatement, Fund
    from mattran.org.divisions import ensure_central

    central = ensure_central()
    fund = Fund.objects.filter(
        unit=central, name="Quỹ Cứu trợ (benchmark)"
    ).first() or actions.do_create_fund(
        acting_user=None, unit=central, kind="relief", name="Quỹ Cứu trợ (benchmark)"
    )
    account = BankAccount.objects.filter(bank_bin="970436", number=ACCOUNT).first() or (
        actions.do_create_bank_account(
            acting_user=None, unit=central, fund=fund, bank_bin="970436", number=ACCOUNT, holder="MTTQ BENCH"
        )
    )
    statement = BankStatement.objects.filter(account=account, file_name="benchmark").first()
    if statement is None:
        statement = BankStatement.objects.create(account=account, file_name="benchmark", status="done")
    return account, statement


def _rows(lines: int, account_id: int, statement_id: int):
    from mattran.funds.importing import search_text_of
    from mattran.funds.statements.generators import Options, transactions

    options = Options(lines=lines, days=30, seed=2024, collect=False)
    per_page = 17
    for txn in transactions(options, bank="VCB"):
        fingerprint = hashlib.sha256(
            f"{txn.index}\x1f{txn.reference}\x1f{txn.description}".encode()
        ).hexdigest()
        amount = txn.credit or txn.debit
        yield (
            account_id,
            statement_id,
            None,
            "VCB",
            fingerprint,
            txn.date,
            txn.reference,
            txn.debit,
            txn.credit,
            amount,
            txn.balance,
            txn.description,
            txn.counterparty,
            txn.index // per_page + 1,
            txn.index,
            search_text_of(txn.description, txn.counterparty),
        )


COLUMNS = (
    "account_id, statement_id, province_key, bank, fingerprint, date, reference, debit, credit, amount, "
    "balance, description, counterparty, page, line, search_text"
)


def _load(backend: str, lines: int) -> float:
    from django.db import connection, transaction

    from mattran.funds.models import StatementLine

    account, statement = _account()
    have = StatementLine.objects.filter(account=account).count()
    if have >= lines:
        return 0.0
    StatementLine.objects.filter(account=account).delete()
    started = time.perf_counter()
    rows = _rows(lines, account.pk, statement.pk)
    table = StatementLine._meta.db_table
    if backend == "sqlite":
        # The FTS5 triggers would update the index row by row (13 minutes for 2,000,000 lines): drop them
        # for the load, then rebuild the index once and put the triggers back (bench only; the product's
        # import keeps them).
        fts = importlib.import_module("mattran.funds.migrations.0004_statement_fts_prefixes")
        statements = fts._fts_sql(fts.PREFIXES)
        marks = ", ".join(["%s"] * 16)
        batch: list[tuple] = []
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            for sql in statements[:3]:  # drop the three triggers
                cursor.execute(sql)
            with transaction.atomic():
                for row in rows:
                    batch.append(row)
                    if len(batch) >= BATCH:
                        cursor.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES ({marks})", batch)
                        batch.clear()
                if batch:
                    cursor.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES ({marks})", batch)
            for sql in statements[3:]:  # recreate the FTS table and triggers, rebuild and optimize once
                cursor.execute(sql)
            cursor.execute("ANALYZE")
    else:
        # COPY without the GIN index, then build it once: much faster than maintaining it per row.
        # (The generated search_vector column is computed during the COPY.)
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS funds_statementline_search_gin")
            with cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(
                "CREATE INDEX funds_statementline_search_gin ON funds_statementline USING gin (search_vector)"
            )
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def _queries(count: int) -> tuple[list[str], list[int]]:
    from mattran.core.text import fold
    from mattran.funds.statements.generators import FAMILY, GIVEN, LARGE_AMOUNTS, MIDDLE, SMALL_AMOUNTS

    rng = random.Random(7)
    texts = []
    for i in range(count):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        kind = i % 4
        if kind == 0:
            texts.append(fold(name))  # a full name
        elif kind == 1:
            texts.append(
                fold(name)[:-1] if len(fold(name).split()[-1]) > 2 else fold(name)
            )  # partial last word
        elif kind == 2:
            texts.append(
                rng.choice(["ung ho dong bao", "lang nu lao cai", "bao yagi", "cuu tro", "xin cam on"])
            )
        else:
            texts.append(" ".join(fold(name).split()[1:]))  # middle and given name
    amounts = [rng.choice(SMALL_AMOUNTS + LARGE_AMOUNTS + (123_456, 7_777_000, 30_000)) for _ in range(count)]
    return texts, amounts


def _time(fn, items) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def worker(backend: str, lines: int, samples: int, baseline_samples: int) -> dict:
    _setup(backend)
    from django.db import connection

    from mattran.funds import queries
    from mattran.funds.models import StatementLine

    load_seconds = _load(backend, lines)
    account, _ = _account()
    total = StatementLine.objects.filter(account=account).count()
    texts, amounts = _queries(samples)
    table = StatementLine._meta.db_table

    def text_query(q):
        return queries.search_line_ids(queries.LineQuery(text=q, accounts=[account.pk]), limit=51)

    def amount_query(a):
        return queries.search_line_ids(queries.LineQuery(amount=a, accounts=[account.pk]), limit=51)

    def like_baseline(q):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {table} WHERE account_id = %s AND search_text LIKE %s ORDER BY id LIMIT 51",
                [account.pk, f"%{q}%"],
            )
            return cursor.fetchall()

    def amount_baseline(a):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {table} WHERE account_id = %s AND amount + 0 = %s ORDER BY id LIMIT 51",
                [account.pk, a],
            )
            return cursor.fetchall()

    for q in texts[:5]:  # warm the caches
        text_query(q)
    found = sum(1 for q in texts if text_query(q))
    results = {
        "text": _time(text_query, texts),
        "amount": _time(amount_query, amounts),
        "text_baseline": _time(like_baseline, texts[:baseline_samples]),
        "amount_baseline": _time(amount_baseline, amounts[:baseline_samples]),
    }
    return {
        "backend": backend,
        "lines": total,
        "load_seconds": round(load_seconds, 1),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "queries_with_hits": found,
        "samples": samples,
        "baseline_samples": baseline_samples,
        "ms": {
            key: {
                "p50": round(statistics.median(values), 2),
                "p95": round(percentile(values, 95), 2),
                "max": round(max(values), 2),
            }
            for key, values in results.items()
        },
    }


# --- load test ---------------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_test(backend: str, *, requests: int, concurrency: int, workers: int, seconds: float) -> dict:
    """Serve the app with gunicorn on 127.0.0.1 and send ``requests`` public-search API calls to it.

    A fixed number of requests from ``concurrency`` threads (http.client, loopback only), stopped early
    after ``seconds``. The public rate limit is turned off for the server (FUNDS_PUBLIC_RATE=off): one
    address sending hundreds of requests a second would otherwise be refused by design.
    """
    import http.client
    import secrets
    import threading
    import urllib.parse

    port = _free_port()
    database = (
        f"sqlite:///{ROOT / 'var' / 'bench-funds.sqlite3'}"
        if backend == "sqlite"
        else f"{POSTGRES}/{DB_NAME}"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mattran.settings",
        "DATABASE_URL": database,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "FUNDS_PUBLIC_RATE": "off",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "mattran.wsgi:application", "--bind",
         f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    texts, amounts = _queries(200)
    paths = []
    for i in range(requests):
        params = {"q": texts[i % len(texts)]} if i % 4 else {"amount": amounts[i % len(amounts)]}
        paths.append(
            "/api/v1/funds/public/statement-lines?" + urllib.parse.urlencode({**params, "limit": 20})
        )
    try:
        deadline = time.monotonic() + 60
        while True:  # wait for the server
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", paths[0])
                conn.getresponse().read()
                conn.close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    stderr = server.stderr.read() if server.poll() is not None else ""
                    raise RuntimeError(f"gunicorn did not start: {stderr}") from None
                time.sleep(0.2)
        latencies: list[float] = []
        errors: dict[str, int] = {}
        lock = threading.Lock()
        cursor = iter(range(requests))
        stop_at = time.monotonic() + seconds

        def run() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            while time.monotonic() < stop_at:
                with lock:
                    i = next(cursor, None)
                if i is None:
                    break
                started = time.perf_counter()
                try:
                    conn.request("GET", paths[i])
                    response = conn.getresponse()
                    body = response.read()
                    outcome = (
                        "ok" if response.status == 200 and body.startswith(b"{") else str(response.status)
                    )
                    if response.getheader("Connection", "").lower() == "close":
                        conn.close()
                except (OSError, http.client.HTTPException) as exc:
                    outcome = type(exc).__name__
                    conn.close()
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if outcome == "ok":
                        latencies.append(elapsed)
                    else:
                        errors[outcome] = errors.get(outcome, 0) + 1
            conn.close()

        threads = [threading.Thread(target=run) for _ in range(concurrency)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    done = len(latencies) + sum(errors.values())
    return {
        "backend": backend,
        "requests": done,
        "planned": requests,
        "seconds": round(wall, 2),
        "rps": round(done / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "workers": workers,
        "concurrency": concurrency,
    }


def _postgres_up() -> bool:
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
        return True
    except Exception:  # noqa: BLE001 — no server means the PostgreSQL column is skipped
        return False


def markdown(results: list[dict], args) -> str:
    rows = [
        "| database | lines | query | indexed p50 ms | indexed p95 ms | baseline p50 ms | baseline p95 ms | p95 speed-up | target |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        for key, label, target in (("text", "text (name / message)", 30), ("amount", "exact amount", 5)):
            ms, base = r["ms"][key], r["ms"][f"{key}_baseline"]
            ok = "✅" if ms["p95"] <= target else "❌"
            rows.append(
                f"| {r['backend']} | {r['lines']:,} | {label} | {ms['p50']} | {ms['p95']} | {base['p50']} | "
                f"{base['p95']} | ×{base['p95'] / max(ms['p95'], 0.01):,.0f} | p95 ≤ {target} ms {ok} |"
            )
    loads = [r["load"] for r in results if r.get("load")]
    if loads:
        rows += [
            "",
            "| database | HTTP requests | errors | requests/s | p50 ms | p95 ms | target |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for load in loads:
            ok = (
                "✅"
                if load["rps"] >= 300 and not load["errors"] and load["requests"] == load["planned"]
                else "❌"
            )
            rows.append(
                f"| {load['backend']} | {load['requests']:,} | {load['errors']} | {load['rps']} | "
                f"{load['p50_ms']} | {load['p95_ms']} | ≥ 300 requests/s, no errors {ok} |"
            )
        first = loads[0]
        rows.append("")
        rows.append(
            f"Load test: gunicorn ({first['workers']} sync workers) on 127.0.0.1 serving "
            "`GET /api/v1/funds/public/statement-lines` (3 text queries to 1 exact amount, 20 lines a page), "
            f"driven by {first['concurrency']} Python threads (http.client) on the same machine; the "
            "public rate limit is off for the run (`FUNDS_PUBLIC_RATE=off`), as one address sending hundreds "
            "of requests a second is otherwise refused by design."
        )
    rows.append("")
    rows.append(
        f"`{' '.join(['bench/bench_funds_search.py', *sys.argv[1:]])}` on {platform.node()} "
        f"({os.cpu_count()} CPU, Python {platform.python_version()}): {args.samples} indexed queries and "
        f"{args.baseline_samples} baseline queries per kind (LIMIT 51, statement order); baseline: "
        "`LIKE '%…%'` on the folded text and a full scan for the amount. Load time (first run only): "
        + ", ".join(f"{r['backend']} {r['load_seconds']} s" for r in results)
        + ". Machine load average after each query run (other work shares the 2 cores): "
        + ", ".join(f"{r['backend']} {r.get('load_average', ['?'])[0]}" for r in results)
        + "."
    )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--baseline-samples", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", choices=["sqlite", "postgres"])
    parser.add_argument("--load-requests", type=int, default=6000, help="HTTP requests per backend (0: none)")
    parser.add_argument("--load-concurrency", type=int, default=8)
    parser.add_argument("--load-workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--load-seconds", type=float, default=60, help="time cap of the load test")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.lines, args.samples, args.baseline_samples)))
        return
    results = []
    for backend in args.backends.split(","):
        if backend == "postgres" and not _postgres_up():
            print("PostgreSQL is not reachable; skipped", file=sys.stderr)
            continue
        out = subprocess.run(
            [sys.executable, __file__, "--worker", backend, "--lines", str(args.lines), "--samples",
             str(args.samples), "--baseline-samples", str(args.baseline_samples)],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        result = json.loads(out.stdout.strip().splitlines()[-1])
        if args.load_requests:
            result["load"] = load_test(
                backend, requests=args.load_requests, concurrency=args.load_concurrency,
                workers=args.load_workers, seconds=args.load_seconds,
            )  # fmt: skip
        results.append(result)
    print(json.dumps({"markdown": markdown(results, args), "results": results}, ensure_ascii=False))


if __name__ == "__main__":
    main()
