#!/usr/bin/env bash
# How long `make run` takes from a fresh clone to the first page, phase by phase (docs/operations.md).
#
# Clones this repository (its committed HEAD) into a temporary directory, runs `make run` there on a free
# port (PORT, 9850 by default), stamps every line make prints with the seconds since the start, polls the
# login page until it answers, then stops the server and prints each phase's duration, the total and the
# load average before and after (the figure means little on a busy machine: give the load with it).
# The pip cache is left as it is (a warm cache is the case measured); KEEP=1 keeps the clone.
set -euo pipefail
src=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
port="${PORT:-9850}"
work=$(mktemp -d)
log="$work/make-run.log"
cleanup() {
  [ -n "${pgid:-}" ] && kill -TERM -- "-$pgid" 2>/dev/null && sleep 2 && kill -KILL -- "-$pgid" 2>/dev/null
  [ -z "${KEEP:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

git clone -q "$src" "$work/mattran"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date +%s.%N)
stamp() { while IFS= read -r line; do printf '%8.1f %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$line"; done; }

# make in its own process group, so the server and the worker it starts are stopped together afterwards.
setsid bash -c "cd '$work/mattran' && exec make run HOST=127.0.0.1 PORT=$port" > >(stamp > "$log") 2>&1 &
pgid=$!
until curl -fsL -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; do
  if ! kill -0 "$pgid" 2>/dev/null; then echo "make run stopped before serving:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.5
done
first_page=$(echo "$(date +%s.%N) - $start" | bc)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
sleep 0.5  # let the stamping catch up

# A phase starts at the line make echoes for its command and ends where the next one starts.
phases=(
  "python3 -m venv|virtual environment"
  "pip install --quiet -e|install mattran and its runtime dependencies"
  "vietnam-provinces==|install vietnam-provinces"
  "mattran migrate|migrate (empty database)"
  "mattran load-demo|load-demo (both division structures, the demo) and demo-logins"
  "bash scripts/run.sh|collectstatic, gunicorn and worker up, first page"
)
printf '%-58s %8s\n' "phase" "seconds"
prev_t=""; prev_name=""
for phase in "${phases[@]}"; do
  pattern=${phase%%|*}; name=${phase#*|}
  t=$(grep -F -m1 -- "$pattern" "$log" | awk '{print $1}' || true)
  [ -z "$t" ] && continue
  [ -n "$prev_t" ] && printf '%-58s %8.1f\n' "$prev_name" "$(echo "$t - $prev_t" | bc)"
  prev_t=$t; prev_name=$name
done
[ -n "$prev_t" ] && printf '%-58s %8.1f\n' "$prev_name" "$(echo "$first_page - $prev_t" | bc)"
printf '%-58s %8.1f\n' "total: clone to the first page" "$first_page"
echo "load average (1, 5, 15 min): before $load_before, at the first page $load_after; $(nproc) cores"
