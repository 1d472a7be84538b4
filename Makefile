# 职评 — the two commands of README.md, and the steps they are made of.
#   make run    build (release) and serve on SQLite with demo data for every role
#   make test   every test suite: Rust (domain, store on SQLite and, with TEST_DATABASE_URL,
#               PostgreSQL; server HTTP), Playwright against the release server, fmt and clippy
# Both install what is missing first (scripts/install-tools.sh); nothing else is assumed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

ZP_ADDR ?= 127.0.0.1:3000
ZP_DATA_DIR ?= data
export ZP_ADDR ZP_DATA_DIR

# The hydration script asks for /pkg/$(LEPTOS_OUTPUT_NAME).wasm only when leptos was compiled with
# this set (option_env!): one value for every cargo call, or the crates rebuild between them.
export LEPTOS_OUTPUT_NAME := zhiping
# Leptos's `erase_components`: each component returns a type-erased view instead of its whole
# nested view type. The server binary then no longer compiles every page's view tree anew
# (146 s → 29 s) and the browser bundle is 39 % smaller (BENCHMARKS.md). The server and the
# browser are built with it alike, so the HTML both sides agree on during hydration comes from the
# same code. (Set for every cargo call here: a change of flags rebuilds everything.)
ERASE := --cfg erase_components
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS := $(ERASE)
# Debian's mold links the server and the test binaries several times faster than ld.
ifneq ($(shell command -v mold 2>/dev/null),)
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS := -C link-arg=-fuse-ld=mold $(ERASE)
else
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS := $(ERASE)
endif

SITE ?= target/site
PKG = $(SITE)/pkg
# The browser build has a target directory of its own so that it can run beside a server or test
# build (cargo locks a target directory per invocation); the two share no artefacts anyway.
FRONT_TARGET ?= target/front
WASM_OUT = $(FRONT_TARGET)/wasm32-unknown-unknown/wasm-release/frontend.wasm

.PHONY: whole-app e2e-whole-app run test tools browser build server site wasm css assets test-build test-rust rust-checks lint clippy-hydrate test-e2e e2e wasm-size lighthouse clean-data

## build and serve with demo data (Ctrl-C stops it)
run: build
	ZP_DEMO=1 ./target/release/zhiping

## every test suite, in steps that print when they start and end (.ci/run collects the lines).
## The Rust tests are built in the release profile: their dependencies are then the release
## server's, compiled once instead of once per profile, and the same cargo invocation links the
## release server the end-to-end tests run against (its features unified with the tests' — the
## code and optimisation are the release build's). The browser bundle builds beside it in its own
## target directory, so both cores stay busy.
STEP = echo "[step] $(1) at +$$(( $$(date +%s) - $(T0) )) s"
T0 := $(shell date +%s)
test:
	@$(call STEP,tools start)
	@$(MAKE) --no-print-directory tools browser
	@$(call STEP,tools end)
	@$(call STEP,build start)
	@$(MAKE) --no-print-directory -j2 -O test-build site
	@$(call STEP,build end)
	@$(call STEP,e2e + rust tests + lint start)
	@$(MAKE) --no-print-directory -j2 -O e2e rust-checks
	@$(call STEP,e2e + rust tests + lint end)

## Playwright leaves a core idle most of the time (it waits on pages): the Rust tests and the
## formatting check run beside it. (Clippy ran in the builds already, for both feature sets: the
## server's in the test build, the browser's in the wasm build; see LINTED.)
rust-checks:
	@$(MAKE) --no-print-directory test-rust
	cargo fmt --check

## formatting and clippy, for the server (ssr, with the tests) and the browser (hydrate, wasm32):
## what `make test` checks, for use on its own
lint:
	cargo fmt --check
	cargo clippy -p app -p zhiping --all-targets --target-dir target/clippy -- -D warnings
	@$(MAKE) --no-print-directory clippy-hydrate

clippy-hydrate:
	cargo clippy -p app -p frontend --features app/hydrate --target wasm32-unknown-unknown --target-dir target/clippy -- -D warnings

tools:
	@scripts/install-tools.sh build

browser:
	@scripts/install-tools.sh browser

## release build of the server and the site (WASM optimised with wasm-opt -Oz, assets precompressed);
## the two halves build side by side (`make -j2 build`)
build: tools
	$(MAKE) -j2 server site

server:
	cargo build --release -p zhiping

## what cargo-leptos's `build --release --precompress --hash-files` did, in plain steps: the
## frontend for wasm32, wasm-bindgen, wasm-opt -Oz, the CSS through Lightning CSS, public/ copied;
## then the JS, WASM and CSS named after their content, listed in pkg/manifest.txt, and each
## gzip- and brotli-compressed beside itself (served by ServeDir's precompressed_*, `immutable`)
site: wasm css assets
	@scripts/name-assets.sh $(PKG) $(LEPTOS_OUTPUT_NAME)

## One browser bundle per group of islands (frontend's `bundle-<group>` features): a page loads the
## one that holds its islands, not every island's code. `BUNDLES=whole` is the whole-app bundle
## (`make whole-app`). Each is linted as it is built (LINTED), so clippy sees every group's code.
## The app crate's wasm32 build is one unit on one core; each bundle's wasm-opt (12–25 s, one core
## too) runs beside the next bundle's cargo build instead of after it, and the loop waits for all.
BUNDLES ?= account forms section review
WASM_OPT = wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue
wasm:
	@mkdir -p $(PKG)
	@set -e; optimising=""; for b in $(BUNDLES); do \
	  features="--no-default-features"; [ "$$b" = whole ] || features="$$features --features bundle-$$b"; \
	  echo "cargo build -p frontend --lib $$features (bundle $$b)"; \
	  $(LINTED) cargo build -p frontend --lib $$features --target wasm32-unknown-unknown --profile wasm-release --target-dir $(FRONT_TARGET); \
	  wasm-bindgen --target web --no-typescript --out-dir $(PKG) --out-name $(LEPTOS_OUTPUT_NAME)-$$b $(WASM_OUT); \
	  ( $(WASM_OPT) -o $(PKG)/$(LEPTOS_OUTPUT_NAME)-$$b.wasm $(PKG)/$(LEPTOS_OUTPUT_NAME)-$${b}_bg.wasm && rm $(PKG)/$(LEPTOS_OUTPUT_NAME)-$${b}_bg.wasm ) & \
	  optimising="$$optimising $$!"; \
	done; \
	for p in $$optimising; do wait $$p || { echo "wasm-opt failed"; exit 1; }; done

css:
	@mkdir -p $(PKG)
	lightningcss --minify --targets defaults style/main.css -o $(PKG)/$(LEPTOS_OUTPUT_NAME).css

assets:
	@mkdir -p $(SITE)
	cp -r public/. $(SITE)/

## domain, store (SQLite; PostgreSQL when TEST_DATABASE_URL is set), i18n and server HTTP tests:
## one cargo invocation, so the app crate is compiled once for both packages' tests (ssr and
## fixtures unified) instead of once per package. Doc tests are left out (the crate has none that
## run); the benchmark examples are built (so they keep compiling and are linted) but not run.
##
## LINTED: clippy rides on this build (and on the browser's, `wasm`, with the hydrate features).
## Cargo runs clippy-driver in place of rustc for the workspace's own crates (RUSTC_WORKSPACE_WRAPPER, as `cargo clippy` itself does), which lints
## them with `-D warnings` while it compiles them, so the lint costs the lint passes only instead
## of checking every dependency once more in a target directory of its own (the wasm32 one took
## 6 min 13 s of a CI run beside Playwright, BENCHMARKS.md). The dependencies are compiled by
## plain rustc as before.
LINTED = RUSTC_WORKSPACE_WRAPPER=$$(command -v clippy-driver) CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
RUST_TESTS = $(LINTED) cargo test --release -p app -p zhiping --lib --bins --tests --examples
test-build: tools
	$(RUST_TESTS) --no-run
test-rust: tools
	$(RUST_TESTS)

## Playwright on a phone (JS on and off) and a desktop, against the release server on a free port
## (and the review chain, which moves its server's clock, against a second one)
FREE_PORT = python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
test-e2e: browser build e2e
e2e:
	cd end2end && E2E_PORT=$$($(FREE_PORT)) E2E_REVIEW_PORT=$$($(FREE_PORT)) E2E_CERT_PORT=$$($(FREE_PORT)) E2E_SMTP_PORT=$$($(FREE_PORT)) npx playwright test

## The whole-app build (every page hydrated, client-side routing; the default before islands,
## issue 15), kept to measure against: server and bundle in target/whole, beside the default build.
## `make e2e-whole-app [SPECS=tests/x.spec.ts]` runs Playwright against it.
WHOLE := target/whole
whole-app: tools
	cargo build --release -p zhiping --no-default-features --target-dir $(WHOLE)
	$(MAKE) --no-print-directory site SITE=$(WHOLE)/site FRONT_TARGET=$(WHOLE)/front BUNDLES=whole
e2e-whole-app: browser whole-app
	cd end2end && E2E_SERVER=./$(WHOLE)/release/zhiping ZP_SITE_ROOT=$(WHOLE)/site \
	  E2E_PORT=$$($(FREE_PORT)) E2E_REVIEW_PORT=$$($(FREE_PORT)) E2E_CERT_PORT=$$($(FREE_PORT)) npx playwright test $(SPECS)

## what the browser is sent: the files of pkg/ (raw and brotli) and which pages load the bundle
wasm-size: build
	@scripts/wasm-size.sh $(SITE)

## Lighthouse in mobile mode on the pages an applicant and the public open (and one reviewer's
## queue), signed in where needed, against the release server with demo data; prints the four
## scores per page (Lighthouse is installed beside its script on first use, not for `make test`)
lighthouse: build browser
	@scripts/lighthouse/run.sh

## forget the demo database (make run recreates it)
clean-data:
	rm -rf $(ZP_DATA_DIR)
