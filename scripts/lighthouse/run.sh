#!/usr/bin/env bash
# make lighthouse: installs Lighthouse (npm, beside this script) when missing, starts the release
# server with demo data on a fresh data directory, runs run.mjs against it, stops the server.
# LIGHTHOUSE_SERVER (and ZP_SITE_ROOT) measure another build, e.g. the whole-app one (make whole-app):
#   LIGHTHOUSE_SERVER=./target/whole/release/zhiping ZP_SITE_ROOT=target/whole/site scripts/lighthouse/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ -x "$here/node_modules/.bin/lighthouse" ] || (cd "$here" && npm ci --no-audit --no-fund)
port=${LIGHTHOUSE_PORT:-3017}
data=$(mktemp -d)
(cd "$root" && ZP_DEMO=1 ZP_DATA_DIR="$data" ZP_ADDR="127.0.0.1:$port" RUST_LOG=warn "${LIGHTHOUSE_SERVER:-./target/release/zhiping}") &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
node "$here/run.mjs" "http://127.0.0.1:$port"
