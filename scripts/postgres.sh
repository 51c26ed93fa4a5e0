#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests, on 127.0.0.1 only.
#   scripts/postgres.sh install   install PostgreSQL from Debian when it is missing
#   scripts/postgres.sh start     start it (initialising a cluster on first use); prints its URI
#   scripts/postgres.sh stop      stop it
set -euo pipefail

PGPORT="${TRACKLINE_PG_PORT:-54329}"
PGDIR="${TRACKLINE_PG_DIR:-/tmp/trackline-pg-$PGPORT}"

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; fi
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd="${1:-}"
case "$cmd" in
  install)
    if [ -z "$(pg_bin)" ]; then
      echo "installing PostgreSQL from Debian" >&2
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    fi
    ;;
  start)
    bin="$(pg_bin)"
    if [ -z "$bin" ]; then echo "PostgreSQL is not installed: run '$0 install'" >&2; exit 1; fi
    if [ "$(id -u)" = "0" ]; then mkdir -p "$PGDIR" && chown postgres "$PGDIR"; else mkdir -p "$PGDIR"; fi
    if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c max_connections=200" start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$PGPORT/postgres"
    ;;
  stop)
    bin="$(pg_bin)"
    if [ -n "$bin" ] && [ -f "$PGDIR/data/PG_VERSION" ]; then
      as_owner "$bin/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
