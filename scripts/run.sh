#!/usr/bin/env bash
# `make run`: serve mattran as in production — gunicorn with DEBUG off, a secret key generated once and kept
# in var/secret_key, and the background worker (statement imports) — each restarted if it stops. Ctrl-C
# stops everything. Plain HTTP on HOST:PORT (MATTRAN_HTTPS=off) unless MATTRAN_HTTPS=on (behind a TLS proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
MATTRAN=.venv/bin/mattran
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
VAR="${MATTRAN_VAR_DIR:-var}"
mkdir -p "$VAR"

export DEBUG=0
if [ -z "${SECRET_KEY:-}" ] && [ ! -s "$VAR/secret_key" ]; then
  (umask 077; .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))' > "$VAR/secret_key")
  echo "A new secret key is kept in $VAR/secret_key (keep it with the backups)."
fi
export MATTRAN_HTTPS="${MATTRAN_HTTPS:-off}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-$HOST,127.0.0.1,localhost}"
WEB_WORKERS="${WEB_WORKERS:-$(( $(nproc) * 2 ))}"

"$MATTRAN" collectstatic --noinput -v0

pids=()
stopping=""
stop() {
  [ -n "$stopping" ] && return
  stopping=1
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 0' INT TERM

# Run a command again whenever it exits, until this script stops (a pause after a quick failure).
supervise() {
  local name=$1; shift
  local child=""
  trap 'stopping=1; [ -n "$child" ] && kill -TERM "$child" 2>/dev/null' TERM INT
  while [ -z "$stopping" ]; do
    local started=$SECONDS
    "$@" &
    child=$!
    echo "$child" > "$VAR/$name.pid"
    wait "$child" && rc=0 || rc=$?
    if [ -n "$stopping" ]; then wait "$child" 2>/dev/null || true; break; fi
    echo "$name stopped (exit $rc); restarting." >&2
    [ $((SECONDS - started)) -lt 10 ] && sleep 5
  done
}

supervise web .venv/bin/gunicorn mattran.wsgi:application --bind "$HOST:$PORT" --workers "$WEB_WORKERS" \
  --timeout 300 --graceful-timeout 30 --no-control-socket --access-logfile - --error-logfile - &
pids+=($!)
supervise worker "$MATTRAN" worker &
pids+=($!)

for _ in $(seq 1 120); do
  [ -n "$stopping" ] && break
  if .venv/bin/python -c "import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://127.0.0.1:$PORT/suc-khoe/" 2>/dev/null || \
     .venv/bin/python -c "import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" \
      "http://$HOST:$PORT/suc-khoe/" 2>/dev/null; then
    if [ "$HOST" = "0.0.0.0" ]; then
      for address in $(hostname -I 2>/dev/null) 127.0.0.1; do echo "mattran is serving on http://$address:$PORT/"; done
    else
      echo "mattran is serving on http://$HOST:$PORT/"
    fi
    break
  fi
  sleep 1
done
wait
