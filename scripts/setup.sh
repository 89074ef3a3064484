#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test the checkout, from the package
# registries only (crates.io, Debian, npm). Idempotent: each step checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen CLI must match the crate version pinned in Cargo.lock exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
TRUNK_VERSION=0.21.14 # 0.22 needs a newer rustc than this machine's 1.95

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG_VERSION" ]; then
  step "cargo install wasm-bindgen-cli $WBG_VERSION (about 4 minutes on 2 cores)"
  # Not --locked: its lock file wants a webpki-roots version the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "cargo install trunk $TRUNK_VERSION (about 15 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

missing=()
for pair in chromium:/usr/bin/chromium chromium-driver:/usr/bin/chromedriver brotli:/usr/bin/brotli; do
  [ -x "${pair#*:}" ] || missing+=("${pair%%:*}")
done
# PostgreSQL's server binaries, for the store tests (scripts/with-postgres.sh runs a throwaway
# cluster; the package's own cluster and service are never used).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm: wasm-opt (binaryen 132: Debian's 108 corrupts wasm-bindgen output), esbuild, playwright-core.
if ! [ -x node_modules/.bin/wasm-opt ] || ! [ -x node_modules/.bin/esbuild ] \
   || ! [ -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
