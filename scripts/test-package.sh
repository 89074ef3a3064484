#!/usr/bin/env bash
# Test: `make package` leaves the user's cargo home alone. Sentinel folders are put where cargo
# keeps registry sources and downloads (named like the local-registry folders cargo makes for
# `cargo package`), the package check runs, and every entry that was there before must still be.
set -euo pipefail
cd "$(dirname "$0")/.."

home=${CARGO_HOME:-$HOME/.cargo}
sentinels=("$home/registry/src/-package-check-sentinel" "$home/registry/cache/-package-check-sentinel")
trap 'rm -rf "${sentinels[@]}"' EXIT
mkdir -p "${sentinels[@]}"

listing() { find "$home/registry" -mindepth 2 -maxdepth 2 | sort; }
before=$(listing)
make --no-print-directory package
gone=$(comm -23 <(echo "$before") <(listing))
if [ -n "$gone" ]; then
  printf 'FAIL: make package removed from the cargo home:\n%s\n' "$gone" >&2
  exit 1
fi
echo "ok: make package left $home/registry as it was"
