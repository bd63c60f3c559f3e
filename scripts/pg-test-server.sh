#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: `start DIR` makes a cluster in DIR (initdb, as the
# postgres user when run as root: the server refuses to run as root), listening on 127.0.0.1 only
# on a free port, with one trusted role and database `swimline`, and prints its connection
# string; `stop DIR` stops it. Installs Debian's postgresql package when it is missing (as root).
# `start DIR CERT KEY` also turns TLS on (`ssl=on`) with that certificate and key (PEM files: the
# key is copied into the cluster, owned by the server's user with mode 0600, as PostgreSQL wants).
set -euo pipefail
cmd=${1:?start DIR [CERT KEY] or stop DIR}
dir=${2:?the folder of the cluster}
cert=${3:-}
key=${4:-}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing postgresql for the database tests" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  else
    echo "PostgreSQL's server is not installed and cannot be installed (not root): install the Debian package postgresql" >&2
    exit 1
  fi
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    port=""
    for _ in $(seq 1 50); do
      candidate=$(( 20000 + RANDOM % 30000 ))
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
      fi
    done
    [ -n "$port" ] || { echo "no free port for PostgreSQL" >&2; exit 1; }
    as_pg "$bindir/initdb" -D "$dir/data" -U swimline --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1
    tls=""
    if [ -n "$cert" ]; then
      [ -n "$key" ] || { echo "start DIR CERT KEY: the key file is missing" >&2; exit 2; }
      owner=()
      if [ "$(id -u)" = 0 ]; then owner=(-o postgres); fi
      install "${owner[@]}" -m 0644 "$cert" "$dir/data/server.crt"
      install "${owner[@]}" -m 0600 "$key" "$dir/data/server.key"
      tls="-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key"
    fi
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off $tls" start >/dev/null
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U swimline swimline
    echo "postgresql://swimline@127.0.0.1:$port/swimline"
    ;;
  stop)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start DIR [CERT KEY] | stop DIR" >&2
    exit 2
    ;;
esac
