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
    from mattran.core.authz import IMPORTER
    from mattran.funds import actions
    from mattran.funds.models import BankAccount, BankStatement, Fund
    from mattran.org.divisions import ensure_central

    central = ensure_central()
    fund = Fund.objects.filter(
        unit=central, name="Quỹ Cứu trợ (benchmark)"
    ).first() or actions.do_create_fund(
        acting_user=IMPORTER, unit=central, kind="relief", name="Quỹ Cứu trợ (benchmark)"
    )
    account = BankAccount.objects.filter(bank_bin="970436", number=ACCOUNT).first() or (
        actions.do_create_bank_account(
            acting_user=IMPORTER,
            unit=central,
            fund=fund,
            bank_bin="970436",
            number=ACCOUNT,
            holder="MTTQ BENCH",
        )
    )
    statement = BankStatement.objects.filter(account=account, file_name="benchmark").first()
    if statement is None:
        statement = BankStatement.objects.create(account=account, file_name="benchmark", status="done")
    return account, statement


def _rows(lines: int, account_id: int, statement_id: int):
    from mattran.funds.reading import search_text_of
    from tests.funds.statement_generators import Options, transactions

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
        # for the load, then fill the index once and put the triggers back (bench only; the product's
        # import keeps them).
        fts = importlib.import_module("mattran.funds.migrations.0008_statement_pairs_table")
        marks = ", ".join(["%s"] * 16)
        batch: list[tuple] = []
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            for sql in fts.DROP_TRIGGERS:
                cursor.execute(sql)
            with transaction.atomic():
                for row in rows:
                    batch.append(row)
                    if len(batch) >= BATCH:
                        cursor.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES ({marks})", batch)
                        batch.clear()
                if batch:
                    cursor.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES ({marks})", batch)
            for sql in [*fts.DROP_TABLES, *fts.CREATE_TABLES, *fts.CREATE_TRIGGERS, *fts.FILL]:  # index once
                cursor.execute(sql)
            cursor.execute("ANALYZE")
    else:
        # COPY without the search indexes, then build them once: much faster than maintaining them per
        # row (search_vector is filled during the COPY by the trigger for writers other than the importer).
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS funds_statementline_search_gin")
            cursor.execute("DROP INDEX IF EXISTS funds_statementline_text_by_id")
            with cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute("SET maintenance_work_mem = '512MB'")
            cursor.execute(
                "CREATE INDEX funds_statementline_search_gin ON funds_statementline USING gin (search_vector)"
            )
            cursor.execute(
                "CREATE INDEX funds_statementline_text_by_id ON funds_statementline (id) "
                "INCLUDE (account_id, search_text)"
            )
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started


def _queries(count: int, *, seed: int = 7) -> tuple[list[str], list[int]]:
    """Return ``count`` text queries and ``count`` exact amounts, drawn from the loaded lines.

    The text mix, in turn: a donor's full name ("nguyen van an"); the same with its last word cut by a
    letter ("nguyen van a"); two to four neighbouring words of the message of a random line, the last
    one cut to a prefix half the time (names, wishes, bank trace numbers, "ct tu …"); a middle and given
    name ("van an"). Names come from the generator's lists of family, middle and given names (every
    combination occurs in the data). Amounts: the amount of a random line (so common amounts come up as
    often as they occur), one in ten an amount that no line has.
    """
    from django.db import connection

    from mattran.core.text import fold
    from mattran.funds.models import StatementLine
    from tests.funds.statement_generators import FAMILY, GIVEN, MIDDLE

    rng = random.Random(seed)
    table = StatementLine._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {table}")
        low, high = cursor.fetchone()
        picks = sorted({rng.randint(low, high) for _ in range(count)})
        cursor.execute(f"SELECT search_text, amount FROM {table} WHERE id IN ({', '.join(map(str, picks))})")
        sample = cursor.fetchall()
    rng.shuffle(sample)
    texts, amounts = [], []
    for i in range(count):
        name = fold(f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
        kind = i % 4
        if kind == 0:
            texts.append(name)
        elif kind == 1:
            texts.append(name[:-1] if len(name.split()[-1]) > 2 else name)
        elif kind == 2:
            words = sample[i % len(sample)][0].split() or ["ung", "ho"]
            size = rng.randint(2, 4)
            begin = rng.randrange(max(1, len(words) - size + 1))
            chosen = words[begin : begin + size]
            if rng.random() < 0.5 and len(chosen[-1]) > 2:
                chosen[-1] = chosen[-1][: rng.randint(2, len(chosen[-1]) - 1)]
            texts.append(" ".join(chosen))
        else:
            texts.append(" ".join(name.split()[1:]))
        amount = sample[i % len(sample)][1]
        amounts.append(amount if rng.random() < 0.9 else rng.randrange(1, 10**6) * 1000 + 7)
    return texts, amounts


def _load_paths(count: int) -> list[str]:
    """Return ``count`` distinct-as-can-be API paths: three text searches to one exact amount, 20 a page."""
    import urllib.parse

    texts, amounts = _queries(count, seed=11)
    paths = []
    for i in range(count):
        params = {"q": texts[i]} if i % 4 else {"amount": amounts[i]}
        paths.append(
            "/api/v1/funds/public/statement-lines?" + urllib.parse.urlencode({**params, "limit": 20})
        )
    return paths


def _time(fn, items) -> list[float]:
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def worker(backend: str, lines: int, samples: int, baseline_samples: int, load_paths: int = 0) -> dict:
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
    kinds = ("full name", "name, last word cut", "words of a message", "middle and given name")
    by_kind = {
        label: round(percentile([t for i, t in enumerate(results["text"]) if i % 4 == k], 95), 2)
        for k, label in enumerate(kinds)
    }
    slowest = sorted(zip(results["text"], texts, strict=True), reverse=True)[:5]
    return {
        "backend": backend,
        "lines": total,
        "load_seconds": round(load_seconds, 1),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "queries_with_hits": found,
        "distinct_texts": len(set(texts)),
        "distinct_amounts": len(set(amounts)),
        "samples": samples,
        "baseline_samples": baseline_samples,
        "text_p95_by_kind": by_kind,
        "slowest_texts": [[round(t, 1), q] for t, q in slowest],
        "ms": {
            key: {
                "p50": round(statistics.median(values), 2),
                "p95": round(percentile(values, 95), 2),
                "max": round(max(values), 2),
            }
            for key, values in results.items()
        },
        "load_paths": _load_paths(load_paths) if load_paths else [],
    }


# --- load test ---------------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


WORKER_CLASS = os.environ.get("BENCH_WORKER_CLASS", "sync")
WORKER_ARGS = os.environ.get("BENCH_WORKER_ARGS", "").split()

WRK_SCRIPT = """
local paths, n = {}, 0
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local threads, index = 0, 0
function setup(thread) thread:set("first", threads); threads = threads + 1 end
function init(args) n = tonumber(first) * 7919 end
function request() n = n + 1; return wrk.format("GET", paths[(n % #paths) + 1]) end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nBENCH {"requests": %d, "micros": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


def _serve(backend: str, workers: int) -> tuple[subprocess.Popen, int]:
    import secrets

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
         f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", WORKER_CLASS, *WORKER_ARGS, "--backlog", "512",
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    return server, port


def _wait_for(server: subprocess.Popen, port: int, paths: list[str]) -> None:
    """Wait until gunicorn answers, then send each worker a few requests (imports, connections)."""
    import http.client

    deadline = time.monotonic() + 60
    while True:
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
    for path in paths[-40:]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path)
        conn.getresponse().read()
        conn.close()


def load_test(
    backend: str, paths: list[str], *, concurrency: int, workers: int, seconds: float, client: str
) -> dict:
    """Serve the app with gunicorn on 127.0.0.1 and send it public-search API calls for ``seconds``.

    The client is wrk (C, one thread, ``concurrency`` connections, the paths in turn from a Lua script)
    when it is installed, else ``concurrency`` Python threads with http.client. The public rate limit is
    off for the server (FUNDS_PUBLIC_RATE=off): one address sending hundreds of requests a second would
    otherwise be refused by design.
    """
    import tempfile

    server, port = _serve(backend, workers)
    try:
        _wait_for(server, port, paths)
        if client == "wrk":
            with tempfile.TemporaryDirectory() as tmp:
                (Path(tmp) / "paths.txt").write_text("\n".join(paths) + "\n")
                (Path(tmp) / "bench.lua").write_text(WRK_SCRIPT)
                load_before = os.getloadavg()[0]
                out = subprocess.run(
                    ["wrk", "-t1", f"-c{concurrency}", f"-d{int(seconds)}s", "--timeout", "10s",
                     "-s", str(Path(tmp) / "bench.lua"), f"http://127.0.0.1:{port}"],
                    capture_output=True, text=True, check=True,
                    env={**os.environ, "BENCH_PATHS": str(Path(tmp) / "paths.txt")},
                )  # fmt: skip
            line = next(x for x in out.stdout.splitlines() if x.startswith("BENCH "))
            data = json.loads(line.removeprefix("BENCH "))
            wall = data["micros"] / 1e6
            errors = {k: data[k] for k in ("connect", "read", "write", "status", "timeout") if data[k]}
            result = {
                "requests": data["requests"],
                "seconds": round(wall, 2),
                "rps": round(data["requests"] / wall, 1),
                "p50_ms": round(data["p50"], 1),
                "p95_ms": round(data["p95"], 1),
                "errors": sum(errors.values()),
                "error_kinds": errors,
            }
        else:
            load_before = os.getloadavg()[0]
            result = _python_client(port, paths, concurrency=concurrency, seconds=seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return {
        "backend": backend,
        **result,
        "distinct_paths": len(set(paths)),
        "workers": workers,
        "concurrency": concurrency,
        "client": client,
        "load_average_before": round(load_before, 1),
        "load_average_after": round(os.getloadavg()[0], 1),
    }


def _python_client(port: int, paths: list[str], *, concurrency: int, seconds: float) -> dict:
    """The fallback client: ``concurrency`` threads with http.client, each path in turn, for ``seconds``."""
    import http.client
    import threading

    latencies: list[float] = []
    errors: dict[str, int] = {}
    lock = threading.Lock()
    counter = iter(range(10**9))
    stop_at = time.monotonic() + seconds

    def run() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop_at:
            with lock:
                i = next(counter)
            started = time.perf_counter()
            try:
                conn.request("GET", paths[i % len(paths)])
                response = conn.getresponse()
                body = response.read()
                outcome = "ok" if response.status == 200 and body.startswith(b"{") else str(response.status)
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
    done = len(latencies) + sum(errors.values())
    return {
        "requests": done,
        "seconds": round(wall, 2),
        "rps": round(done / wall, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 95), 1) if latencies else None,
        "errors": sum(errors.values()),
        "error_kinds": errors,
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
    rows += [
        "",
        "| database | "
        + " | ".join(f"text p95 ms: {k}" for k in results[0]["text_p95_by_kind"])
        + " | slowest text queries (ms) |",
    ]
    rows.append("|---|" + "---:|" * len(results[0]["text_p95_by_kind"]) + "---|")
    for r in results:
        slow = ", ".join(f"`{q}` {t}" for t, q in r["slowest_texts"][:3])
        rows.append(
            f"| {r['backend']} | "
            + " | ".join(str(v) for v in r["text_p95_by_kind"].values())
            + f" | {slow} |"
        )
    loads = [r["load"] for r in results if r.get("load")]
    if loads:
        rows += [
            "",
            "| database | HTTP requests | seconds | errors | requests/s | p50 ms | p95 ms | load average before → after | target |",
            "|---|---:|---:|---:|---:|---:|---:|---|---|",
        ]
        for load in loads:
            ok = "✅" if load["rps"] >= 300 and not load["errors"] else "❌"
            rows.append(
                f"| {load['backend']} | {load['requests']:,} | {load['seconds']} | {load['errors']} | "
                f"{load['rps']} | {load['p50_ms']} | {load['p95_ms']} | {load['load_average_before']} → "
                f"{load['load_average_after']} | ≥ 300 requests/s, no errors {ok} |"
            )
        first = loads[0]
        client = (
            f"wrk 4.1 (Debian's `wrk`: one thread, {first['concurrency']} connections, a Lua script that "
            "sends the paths in turn)"
            if first["client"] == "wrk"
            else f"{first['concurrency']} Python threads with http.client (wrk was not installed)"
        )
        rows.append("")
        rows.append(
            "Load test: gunicorn (sync workers: "
            + ", ".join(f"{load['backend']} {load['workers']}" for load in loads)
            + f"; `DEBUG=0`) on 127.0.0.1 serving `GET /api/v1/funds/public/statement-lines?…&limit=20` "
            f"for {args.load_seconds:.0f} s per database, driven by {client} on the same 2 cores. The "
            f"mix: {args.load_paths:,} paths ({first['distinct_paths']:,} distinct) sent in turn, three "
            "text searches (the four kinds below, in turn, drawn afresh) to one exact amount (the amount "
            "of a random line: the generated data holds about 25 distinct amounts, so these repeat). "
            "Nothing is cached on the server between requests (each request runs its search; the "
            "responses carry `Cache-Control: public, max-age=60` and an `ETag` for browsers and proxies, "
            "which wrk ignores). The public rate limit is off for the run (`FUNDS_PUBLIC_RATE=off`): one "
            "address sending hundreds of requests a second is otherwise refused by design."
        )
    rows.append("")
    r0 = results[0]
    rows.append(
        f"Query timing: `{' '.join(['bench/bench_funds_search.py', *sys.argv[1:]])}` on {platform.node()} "
        f"({os.cpu_count()} CPU, Python {platform.python_version()}): {args.samples} indexed text queries "
        f"({r0['distinct_texts']} distinct) and {args.samples} exact amounts ({r0['distinct_amounts']} "
        f"distinct), {args.baseline_samples} baseline queries of each (LIMIT 51, statement order), each "
        "query timed once after one untimed run of the whole list; baseline: `LIKE '%…%'` on the folded "
        "text and a full scan for the amount (`amount + 0 = x`). Text queries, in turn: a donor's full "
        "name (`nguyen van an`); the same with its last word cut by a letter; two to four neighbouring "
        "words of the message of a random line (its last word cut to a prefix half the time); a middle "
        "and given name (`van an`). Amounts: the amount of a random line, one in ten an amount no line "
        "has. Load time (first run only): "
        + ", ".join(f"{r['backend']} {r['load_seconds']} s" for r in results)
        + ". Machine load average after each query run (other work shares the 2 cores): "
        + ", ".join(f"{r['backend']} {r.get('load_average', ['?'])[0]}" for r in results)
        + "."
    )
    return "\n".join(rows)


def main() -> None:
    import shutil

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--baseline-samples", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--worker", choices=["sqlite", "postgres"])
    parser.add_argument("--load-paths", type=int, default=8000, help="distinct API paths (0: no load test)")
    parser.add_argument("--load-concurrency", type=int, default=8)
    parser.add_argument(
        "--load-workers",
        default="sqlite=3,postgres=2",
        help="gunicorn worker processes per database (measured best on 2 cores: SQLite serves from the "
        "workers, PostgreSQL also needs a core for its backends)",
    )
    parser.add_argument("--load-seconds", type=float, default=30, help="length of the load test")
    parser.add_argument(
        "--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python"
    )
    args = parser.parse_args()
    if args.worker:
        print(
            json.dumps(worker(args.worker, args.lines, args.samples, args.baseline_samples, args.load_paths))
        )
        return
    results = []
    for backend in args.backends.split(","):
        if backend == "postgres" and not _postgres_up():
            print("PostgreSQL is not reachable; skipped", file=sys.stderr)
            continue
        out = subprocess.run(
            [sys.executable, __file__, "--worker", backend, "--lines", str(args.lines), "--samples",
             str(args.samples), "--baseline-samples", str(args.baseline_samples), "--load-paths",
             str(args.load_paths)],
            check=True, capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        result = json.loads(out.stdout.strip().splitlines()[-1])
        paths = result.pop("load_paths")
        if paths:
            workers = dict(item.split("=") for item in args.load_workers.split(","))
            result["load"] = load_test(
                backend, paths, concurrency=args.load_concurrency, workers=int(workers[backend]),
                seconds=args.load_seconds, client=args.client,
            )  # fmt: skip
        results.append(result)
    lines = results[0]["lines"] if results else args.lines
    title = f"Public statement search over {lines:,} lines (`bench/bench_funds_search.py`)"
    print(
        json.dumps(
            {"title": title, "markdown": markdown(results, args), "results": results}, ensure_ascii=False
        )
    )


if __name__ == "__main__":
    main()
