#!/usr/bin/env bash
# Start (or stop) a PostgreSQL hot standby for the replica tests, on ports from 8790.
#   bash scripts/pg-standby.sh start PRIMARY_URL   → prints PRIMARY=… and REPLICA=… (base URLs, no database)
#   bash scripts/pg-standby.sh stop
# The standby is a pg_basebackup of the test server (PRIMARY_URL), streaming from it. A server that refuses
# replication connections (its pg_hba.conf has no "replication" line) is left as it is: a throwaway primary
# is started instead (initdb in a temp dir, replication allowed) with its standby, and the tests run on that
# pair. Everything runs as the postgres user; nothing stays behind after `stop` (no replication slot).
set -euo pipefail
STATE="${MATTRAN_STANDBY_STATE:-/tmp/mattran-standby}"
PAIR_PORT="${MATTRAN_PAIR_PORT:-8790}"
STANDBY_PORT="${MATTRAN_STANDBY_PORT:-8791}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

stop() {
  local bin; bin=$(pg_bin)
  for dir in "$STATE/standby" "$STATE/primary"; do
    [ -f "$dir/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$STATE"
}

start() {
  local url=$1 bin host port
  bin=$(pg_bin)
  if [ -z "$bin" ]; then echo "No PostgreSQL server binaries (/usr/lib/postgresql/*/bin): cannot start a standby." >&2; exit 3; fi
  stop
  mkdir -p "$STATE"; chmod 755 "$STATE"; [ "$(id -u)" = 0 ] && chown postgres "$STATE"
  host=$(echo "$url" | sed -E 's#^[a-z]+://([^@/]*@)?([^:/]+).*#\2#')
  port=$(echo "$url" | sed -E 's#^[a-z]+://([^@/]*@)?[^:/]+:?([0-9]*).*#\2#'); port=${port:-5432}
  local primary_host=$host primary_port=$port
  if ! as_postgres "$bin/pg_basebackup" -h "$host" -p "$port" -U postgres -D "$STATE/standby" -X stream -R \
       --checkpoint=fast >"$STATE/basebackup.log" 2>&1; then
    echo "The test server at $host:$port refuses a base backup ($(tail -n 1 "$STATE/basebackup.log"));" \
         "starting a throwaway primary on port $PAIR_PORT with its standby instead." >&2
    rm -rf "$STATE/standby"
    as_postgres "$bin/initdb" -D "$STATE/primary" -A trust -U postgres -E UTF8 >/dev/null
    echo "host replication all 127.0.0.1/32 trust" >> "$STATE/primary/pg_hba.conf"
    as_postgres "$bin/pg_ctl" -D "$STATE/primary" -w -l "$STATE/primary.log" \
      -o "-p $PAIR_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c wal_level=replica -c max_wal_senders=4" \
      start >/dev/null
    primary_host=127.0.0.1; primary_port=$PAIR_PORT
    as_postgres "$bin/pg_basebackup" -h 127.0.0.1 -p "$PAIR_PORT" -U postgres -D "$STATE/standby" -X stream -R \
      --checkpoint=fast >"$STATE/basebackup.log" 2>&1
  fi
  as_postgres "$bin/pg_ctl" -D "$STATE/standby" -w -l "$STATE/standby.log" \
    -o "-p $STANDBY_PORT -k /tmp -c listen_addresses=127.0.0.1 -c hot_standby=on -c fsync=off -c max_standby_streaming_delay=5s" \
    start >/dev/null
  echo "PRIMARY=postgres://postgres@$primary_host:$primary_port"
  echo "REPLICA=postgres://postgres@127.0.0.1:$STANDBY_PORT"
}

case "${1:-}" in
  start) start "${2:?primary URL}" ;;
  stop) stop ;;
  *) echo "usage: $0 start PRIMARY_URL | stop" >&2; exit 2 ;;
esac
