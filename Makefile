# Two commands do everything: `make demo` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
WASM := --target wasm32-unknown-unknown
# Every crate that runs in the browser (the server is native only).
WASM_CRATES := --workspace --exclude checkout-server

.PHONY: setup demo test dist examples server sim lint package test-package test-native test-wasm test-sim test-e2e size bench clean

setup:
	@scripts/setup.sh

## Build the storefront embed into dist/ (release, wasm-opt -Oz, minified glue), then write a
## .br (brotli -q 11) and a .gz (gzip -9) next to each .js/.wasm/.css/.svg for the server to send
## as is (server/README.md, "Serving and caching"). Rewritten on every run: idempotent.
## Three builds of the wasm, which embed.js picks from the page's hosts
## (stripe-checkout-embed/README.md, "Builds"): the smaller ones
## (stripe-checkout-embed/builds/*.html) go to target/embed-builds/<name>/ first (trunk empties
## its dist), then the default build and the demo go to dist/, and their glue and wasm are copied
## in beside it. Each is a fat-LTO -Oz link and wasm-opt: ≈ 15 s after an edit, idle, on 2 cores.
EMBED_BUILDS := card status
dist: setup
	@set -e; for b in $(EMBED_BUILDS); do \
	  trunk --quiet build --release --dist target/embed-builds/$$b stripe-checkout-embed/builds/$$b.html; \
	done
	@trunk --quiet build --release
	@set -e; for b in $(EMBED_BUILDS); do \
	  cp target/embed-builds/$$b/stripe-checkout-$$b.js target/embed-builds/$$b/stripe-checkout-$${b}_bg.wasm dist/; \
	done
	@set -e; find dist -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.wasm' \
		-o -name '*.css' -o -name '*.svg' \) | while read -r f; do \
		brotli -q 11 -f -o "$$f.br" "$$f"; \
		gzip -9 -n -c "$$f" > "$$f.gz"; \
	done

## Build every example app (examples/*/, each a folder with its Trunk.toml) into its own dist/.
## Debug, not release: the tests only need the apps to work, and a debug build skips the
## fat-LTO, codegen-units=1, -Oz release profile, the slow part of a wasm build on 2 cores.
EXAMPLES := $(wildcard examples/*/Trunk.toml)
examples: setup
	@set -e; for config in $(EXAMPLES); do trunk --quiet --config $$config build; done

server:
	cargo build -p checkout-server

## Rebuild sim/stripe.js (the simulated Stripe.js, one classic script) from the modules in sim/src/.
sim:
	node sim/build.mjs

## Serve the demo storefront with the reference server (simulator unless Stripe keys are set).
demo: dist
	@DIST_DIR=dist cargo run -q -p checkout-server

## Every test: lint, native unit + server tests, browser tests, end-to-end tests.
test: setup lint test-native test-wasm test-package dist examples server test-sim test-e2e

## sim/stripe.js is generated from the ES modules in sim/src/ (sim/README.md, "Layout"); lint
## fails when the committed file is not a fresh build of them.
lint:
	node sim/build.mjs --check
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy $(WASM) $(WASM_CRATES) --all-targets -- -D warnings
	cargo clippy $(WASM) -p stripe-checkout-embed --bins --no-default-features --features checkout -- -D warnings
	cargo clippy $(WASM) -p stripe-checkout-embed --bins --no-default-features --features status -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --workspace

## The published crates package and build from their .crate files alone (as `cargo publish` would),
## in a workspace of their own under target/package-check: the cargo home is left alone.
package:
	@scripts/package-check.sh

## The same, checked to leave the cargo home as it was (sentinel folders must survive it).
test-package:
	@scripts/test-package.sh

## The server's store tests run on SQLite and on a throwaway PostgreSQL cluster that
## scripts/with-postgres.sh starts (own temp data folder, a free port) and always stops; it
## exports TEST_DATABASE_URL, without which those tests fail (SKIP_POSTGRES=1 skips them).
test-native:
	scripts/with-postgres.sh cargo test --workspace

test-wasm:
	cargo test $(WASM) $(WASM_CRATES)

test-sim:
	node sim/check.mjs

test-e2e:
	node --test --test-concurrency=1 e2e/

## Brotli sizes of the deployable embed, per page: what a customer downloads for a default
## checkout (wallets on), a card-only one (data-express-checkout="off", no email, payment mode) and
## a return page's status host — embed.js, then the glue and wasm of the build it picks.
size: dist
	@set -e; for build in default:embed card-only:card status-page:status; do \
	  name=$${build%%:*}; wasm=stripe-checkout-$${build#*:}; total=0; echo "$$name"; \
	  for f in dist/embed.js dist/$$wasm.js dist/$${wasm}_bg.wasm; do \
	    n=$$(brotli -q 11 -c $$f | wc -c); total=$$((total + n)); printf '  %-36s %7d bytes\n' $$f $$n; \
	  done; \
	  printf '  %-36s %7d bytes (brotli -q 11)\n' "$$name total" $$total; \
	done

## Size and speed against a React + react-stripe-js build of the same checkout.
bench: dist
	cd bench && npm ci --no-audit --no-fund --loglevel=error && npm run build && node run.mjs --ours-dist ../dist

clean:
	rm -rf dist examples/*/dist target node_modules
