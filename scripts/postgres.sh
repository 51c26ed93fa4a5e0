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

# Run as root, the server runs as the postgres user, who may not reach PGDIR (a checkout in a
# private directory such as a mktemp -d or /root). Then PGDIR becomes a link to a fresh directory
# under /tmp named after it, and the server is given that directory's own path.
[ -L "$PGDIR" ] && PGDIR="$(readlink -f "$PGDIR")"
reachable_dir() {
  if [ "$(id -u)" != "0" ]; then mkdir -p "$PGDIR"; return; fi
  mkdir -p "$PGDIR" && chown postgres "$PGDIR"
  if runuser -u postgres -- test -w "$PGDIR"; then return; fi
  local real
  real="/tmp/trackline-pg-$(printf '%s' "$PGDIR" | sha1sum | cut -c1-12)"
  rm -rf "$real" && mkdir -p "$real" && chown postgres "$real"
  rmdir "$PGDIR" && ln -s "$real" "$PGDIR"
  PGDIR="$real"
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
    reachable_dir
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
