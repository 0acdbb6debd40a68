#!/usr/bin/env bash
# The whole suite: SQLite (with the browser tests), then PostgreSQL when a server is there.
# Called by `make test`; CI (CI=true) insists on both PostgreSQL and Chromium instead of skipping.
set -uo pipefail
PY=.venv/bin/python
PG_URL="${MATTRAN_PG_URL:-postgres://postgres@127.0.0.1:5432/mattran}"
strict="${CI:-}"
status=0

pytest_run() {  # pytest's exit 5 ("no tests collected") is a failure here: the suite must not be empty
  "$PY" -m pytest -p no:cacheprovider "$@"
  local rc=$?
  [ $rc -eq 5 ] && echo "pytest collected no tests" >&2
  return $rc
}

# Chromium for the browser tests; Pango and Liberation fonts for the PDF documents (scripts/debian-packages.txt).
bash scripts/install-debian-packages.sh chromium chromium-driver $(cat scripts/debian-packages.txt) || true
if { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  export MATTRAN_BROWSER=1
elif [ "$strict" = "true" ]; then
  echo "CI: Chromium is required for the browser tests and could not be installed." >&2
  exit 1
else
  echo "Browser tests skipped: Debian chromium/chromium-driver are not installed (root can: apt-get install chromium chromium-driver)."
fi

echo "== Test suite on SQLite =="
(unset DATABASE_URL; pytest_run -q) || status=1

pg_up() { "$PY" - "$1" <<'PYEOF' >/dev/null 2>&1
import sys, psycopg
url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
psycopg.connect(url, connect_timeout=3).close()
PYEOF
}

if pg_up "$PG_URL"; then
  echo "== Test suite on PostgreSQL ($PG_URL) =="
  DATABASE_URL="$PG_URL" pytest_run -q -m "not browser" --create-db || status=1
  # A real read replica: a hot standby of the test server (scripts/pg-standby.sh; a throwaway primary and
  # its standby when the server refuses replication), on ports 8790-8791.
  echo "== Read replica (PostgreSQL hot standby) =="
  if standby=$(bash scripts/pg-standby.sh start "$PG_URL"); then
    eval "$standby"  # PRIMARY=… REPLICA=…
    db="${PG_URL##*/}_replica"
    DATABASE_URL="$PRIMARY/$db" DATABASE_REPLICA_URL="$REPLICA/$db" pytest_run -q --create-db tests/replica || status=1
    bash scripts/pg-standby.sh stop
  elif [ "$strict" = "true" ]; then
    echo "CI: no hot standby could be started for the replica tests." >&2
    status=1
  else
    echo "Replica tests skipped: no PostgreSQL hot standby could be started (PostgreSQL server binaries needed)."
  fi
elif [ "$strict" = "true" ]; then
  echo "CI: no PostgreSQL server answers at $PG_URL." >&2
  status=1
else
  echo "PostgreSQL run skipped: no server answers at $PG_URL (set MATTRAN_PG_URL to use one)."
fi
exit $status
