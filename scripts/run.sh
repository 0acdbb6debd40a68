#!/usr/bin/env bash
# Serve mattran with its background worker (statement imports run there); Ctrl-C stops both.
set -euo pipefail
MATTRAN=.venv/bin/mattran
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DEBUG="${DEBUG:-1}"
"$MATTRAN" db_worker --queue-name '*' --no-reload &
worker=$!
trap 'kill $worker 2>/dev/null || true; wait $worker 2>/dev/null || true' EXIT INT TERM
"$MATTRAN" runserver "$HOST:$PORT"
