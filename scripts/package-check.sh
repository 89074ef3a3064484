#!/usr/bin/env bash
# `make package`: the published crates package, and build from their .crate files alone, as
# `cargo publish` would build them — without touching the user's cargo home.
#
# `cargo package`'s own verification of several crates that depend on each other goes through a
# local registry overlay that cargo extracts under ~/.cargo/registry and then treats as immutable
# (same name, same version): a warm machine would verify yesterday's code unless that global
# state were deleted. Instead, the crates are packaged unverified and built here, in a workspace
# of their extracted .crate files under target/package-check, where `[patch.crates-io]` points
# each one's dependency on the others at its extracted copy. Everything this writes is under
# target/package-check; the cargo home is only read from (and its download cache filled, as any
# build does).
set -euo pipefail
cd "$(dirname "$0")/.."

CRATES=(stripe-js stripe-checkout-wire stripe-checkout)
DIR=target/package-check
VERIFY=$DIR/verify

# Publish metadata must be true: no crate names a URL until there is a real one to name.
urls=$(cargo metadata --format-version 1 --no-deps | node -e '
  const crates = process.argv.slice(1);
  const meta = JSON.parse(require("fs").readFileSync(0, "utf8"));
  for (const p of meta.packages.filter((p) => crates.includes(p.name)))
    for (const key of ["repository", "homepage", "documentation"])
      if (p[key]) console.log(`${p.name}: ${key} = ${p[key]}`);
' "${CRATES[@]}")
if [ -n "$urls" ]; then
  printf 'package metadata names a URL (leave it out until it exists):\n%s\n' "$urls" >&2
  exit 1
fi

packages=()
for crate in "${CRATES[@]}"; do packages+=(-p "$crate"); done
cargo package --quiet --allow-dirty --no-verify --target-dir "$DIR" "${packages[@]}"

version=$(cargo metadata --format-version 1 --no-deps | node -e '
  const meta = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(meta.packages.find((p) => p.name === process.argv[1]).version);
' stripe-js)

rm -rf "$VERIFY/crates"
mkdir -p "$VERIFY/crates"
{
  echo '# Written by scripts/package-check.sh: the packaged crates, built from their .crate files.'
  echo '[workspace]'
  echo 'resolver = "2"'
  printf 'members = [%s]\n' "$(printf '"crates/%s",' "${CRATES[@]}")"
  echo '[patch.crates-io]'
  for crate in "${CRATES[@]}"; do
    # -m: fresh mtimes. A .crate keeps fixed ones, and cargo fingerprints path crates by mtime:
    # restored, they would make it reuse the last verification's build of older code.
    tar -xzmf "$DIR/package/$crate-$version.crate" -C "$VERIFY/crates"
    mv "$VERIFY/crates/$crate-$version" "$VERIFY/crates/$crate"
    echo "$crate = { path = \"crates/$crate\" }"
  done
} > "$VERIFY/Cargo.toml"
# The workspace's lock file, so the verification builds the versions the workspace tests.
cp Cargo.lock "$VERIFY/Cargo.lock"

cargo build --quiet --manifest-path "$VERIFY/Cargo.toml" --target-dir "$DIR/target" --workspace
echo "packaged and built from their .crate files: ${CRATES[*]} $version"
