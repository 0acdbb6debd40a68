#!/usr/bin/env bash
# `make bench`: prepare national-scale data on SQLite (and PostgreSQL when a server answers), run every
# benchmark against its naive baseline in the same run, and write docs/benchmarks.md.
set -euo pipefail
PY=.venv/bin/python
OUT=var/bench
mkdir -p "$OUT"
PG_URL="${MATTRAN_PG_URL:-postgres://postgres@127.0.0.1:5432/mattran}"
PG_BENCH_URL="${PG_URL%/*}/mattran_bench"
export DEBUG=1

prepare() {  # $1 = DATABASE_URL
  DATABASE_URL="$1" .venv/bin/mattran migrate -v0 --noinput
  DATABASE_URL="$1" .venv/bin/mattran import-divisions --structure legacy
  DATABASE_URL="$1" .venv/bin/mattran import-divisions --structure 2025
  DATABASE_URL="$1" .venv/bin/mattran generate --scale national
}

results=()
echo "== SQLite =="
SQLITE_URL="sqlite:///$(pwd)/$OUT/bench.sqlite3"
prepare "$SQLITE_URL"
DATABASE_URL="$SQLITE_URL" $PY bench/bench_org.py > "$OUT/org-sqlite.json"
results+=("$OUT/org-sqlite.json")

if $PY -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "${PG_URL%/*}/postgres" 2>/dev/null; then
  echo "== PostgreSQL =="
  $PY -c "import psycopg,sys
c=psycopg.connect(sys.argv[1], autocommit=True)
if not c.execute(\"select 1 from pg_database where datname='mattran_bench'\").fetchone(): c.execute('create database mattran_bench')" "${PG_URL%/*}/postgres"
  prepare "$PG_BENCH_URL"
  DATABASE_URL="$PG_BENCH_URL" $PY -c "import django,os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','mattran.settings'); django.setup()
from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
  DATABASE_URL="$PG_BENCH_URL" $PY bench/bench_org.py > "$OUT/org-postgresql.json"
  results+=("$OUT/org-postgresql.json")
  PG_READY=1
else
  echo "PostgreSQL benchmarks skipped: no server at $PG_URL"
fi

echo "== Bank statements =="
{ echo "## Bank statement import (\`bench/bench_statements.py\`)"; echo; $PY bench/bench_statements.py; } > "$OUT/statements.md"
results+=("$OUT/statements.md")
echo "== Statement import into the databases =="
{ echo "## Bank statement import into the database (\`bench/bench_statement_import.py\`)"; echo
  BENCH_POSTGRES_URL="${PG_URL%/*}" $PY bench/bench_statement_import.py --backends "sqlite${PG_READY:+,postgres}"
} > "$OUT/statement-import.md"
results+=("$OUT/statement-import.md")

# The public statement search runs both databases itself (its own data: var/bench-funds.sqlite3 and
# the PostgreSQL database mattran_funds) and load-tests the API with wrk (Debian's package) when it can
# be installed, else with Python threads.
echo "== bench_funds_search =="
bash scripts/install-debian-packages.sh wrk || echo "wrk not installed: the load test uses Python threads"
MATTRAN_PG_BASE="${PG_URL%/*}"
BENCH_POSTGRES_URL="$MATTRAN_PG_BASE" $PY bench/bench_funds_search.py \
  --backends "sqlite${PG_READY:+,postgres}" > "$OUT/bench_funds_search.json"
results+=("$OUT/bench_funds_search.json")

# Citizens' cases: its own data (var/bench-petitions.sqlite3; PostgreSQL database mattran_petitions_bench),
# 10 million cases by default (PETITIONS_BENCH_CASES to change it).
echo "== bench_petitions (SQLite) =="
$PY bench/bench_petitions.py --cases "${PETITIONS_BENCH_CASES:-10000000}" > "$OUT/petitions-sqlite.json"
results+=("$OUT/petitions-sqlite.json")
if [ -n "${PG_READY:-}" ]; then
  $PY -c "import psycopg,sys
c=psycopg.connect(sys.argv[1], autocommit=True)
if not c.execute(\"select 1 from pg_database where datname='mattran_petitions_bench'\").fetchone(): c.execute('create database mattran_petitions_bench')" "${PG_URL%/*}/postgres"
  echo "== bench_petitions (PostgreSQL) =="
  $PY bench/bench_petitions.py --cases "${PETITIONS_BENCH_CASES:-10000000}" \
    --database-url "${PG_URL%/*}/mattran_petitions_bench" > "$OUT/petitions-postgresql.json"
  results+=("$OUT/petitions-postgresql.json")
fi

# Module benchmarks that measure against a database print one JSON object with a "markdown" key.
for script in bench/bench_reports.py; do
  [ -f "$script" ] || continue
  name=$(basename "$script" .py)
  echo "== $name (SQLite) =="
  DATABASE_URL="$SQLITE_URL" $PY "$script" > "$OUT/$name-sqlite.json"
  results+=("$OUT/$name-sqlite.json")
  if [ -n "${PG_READY:-}" ]; then
    echo "== $name (PostgreSQL) =="
    DATABASE_URL="$PG_BENCH_URL" $PY "$script" > "$OUT/$name-postgresql.json"
    results+=("$OUT/$name-postgresql.json")
  fi
done

# Load: the public search and the main staff pages under 50 concurrent clients for 60 s, served by gunicorn
# with DEBUG off and the rate limit in Redis (database 7), beside the single-client figures.
if command -v wrk >/dev/null && redis-cli -n 7 ping >/dev/null 2>&1; then
  echo "== bench_load (SQLite) =="
  $PY bench/bench_load.py --database-url "sqlite:///$(pwd)/$OUT/load.sqlite3" > "$OUT/load-sqlite.json"
  results+=("$OUT/load-sqlite.json")
  if [ -n "${PG_READY:-}" ]; then
    echo "== bench_load (PostgreSQL) =="
    $PY -c "import psycopg,sys
c=psycopg.connect(sys.argv[1], autocommit=True)
if not c.execute(\"select 1 from pg_database where datname='mattran_load'\").fetchone(): c.execute('create database mattran_load')" "${PG_URL%/*}/postgres"
    $PY bench/bench_load.py --database-url "${PG_URL%/*}/mattran_load" > "$OUT/load-postgresql.json"
    results+=("$OUT/load-postgresql.json")
  fi
else
  echo "Load benchmark skipped: it needs wrk and a Redis server at 127.0.0.1:6379."
fi

$PY bench/report.py "${results[@]}" > docs/benchmarks.md
echo "Wrote docs/benchmarks.md"
