# 职评 — the two commands of README.md, and the steps they are made of.
#   make run    build (release) and serve on SQLite with demo data for every role
#   make test   every test suite: Rust (domain, store on SQLite and, with TEST_DATABASE_URL,
#               PostgreSQL) and Playwright against the release server
# Both install what is missing first (scripts/install-tools.sh); nothing else is assumed.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(CARGO_HOME)/bin:$(PATH)

ZP_ADDR ?= 127.0.0.1:3000
ZP_DATA_DIR ?= data
export ZP_ADDR ZP_DATA_DIR

.PHONY: run test tools browser build test-rust test-e2e wasm-size clean-data

## build and serve with demo data (Ctrl-C stops it)
run: build
	ZP_DEMO=1 ./target/release/zhiping

## every test suite
test: tools browser test-rust build test-e2e

tools:
	@scripts/install-tools.sh build

browser:
	@scripts/install-tools.sh browser

## release build of the server and the site (WASM optimised with wasm-opt -Oz, assets precompressed)
build: tools
	cargo leptos build --release --precompress

## domain, store (SQLite; PostgreSQL when TEST_DATABASE_URL is set) and server unit tests
## (no incremental cache: one-off test builds gain nothing from it and it doubles target/)
test-rust: tools
	CARGO_INCREMENTAL=0 cargo test -p app --features ssr
	CARGO_INCREMENTAL=0 cargo test -p zhiping

## Playwright on a phone (JS on and off) and a desktop, against the release server on a free port
## (and the review chain, which moves its server's clock, against a second one)
FREE_PORT = python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
test-e2e: browser build
	cd end2end && E2E_PORT=$$($(FREE_PORT)) E2E_REVIEW_PORT=$$($(FREE_PORT)) E2E_CERT_PORT=$$($(FREE_PORT)) npx playwright test

## sizes of the release artefacts (raw and brotli)
wasm-size: build
	@ls -l target/site/pkg/zhiping.wasm target/release/zhiping | awk '{print $$5, $$9}'
	@python3 -c "import brotli" 2>/dev/null || pip install -q brotli
	@python3 -c "import brotli,sys; d=open('target/site/pkg/zhiping.wasm','rb').read(); print(len(brotli.compress(d, quality=11)), 'target/site/pkg/zhiping.wasm (brotli -11)')"

## forget the demo database (make run recreates it)
clean-data:
	rm -rf $(ZP_DATA_DIR)
