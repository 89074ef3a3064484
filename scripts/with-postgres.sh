#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster and TEST_DATABASE_URL pointing at it:
#   scripts/with-postgres.sh cargo test --workspace
# The cluster (Debian's postgresql package, installed by scripts/setup.sh) gets its own data
# folder in a temp dir, a free port on 127.0.0.1 and its socket in that folder; it is stopped
# and removed when the command ends, also when it fails or is interrupted. initdb and postgres
# refuse to run as root: as root they run as the `postgres` user the package creates.
# The command's exit status is the script's.
set -euo pipefail

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin); run scripts/setup.sh" >&2
  exit 1
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/checkout-pg.XXXXXX")
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi

# A free port: one nothing answers on, from a range the kernel does not hand out itself.
port=
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 10000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || { echo "with-postgres: no free port found" >&2; exit 1; }

stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: a test cluster thrown away afterwards need not survive a power cut.
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (TEST_DATABASE_URL)" >&2
set +e
"$@"
status=$?
set -e
exit $status
