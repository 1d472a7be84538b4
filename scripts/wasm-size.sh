#!/usr/bin/env bash
# make wasm-size: what a browser is sent. First the files of pkg/ (raw and brotli, as served),
# then the main pages of an applicant, the public and a reviewer, each with the islands it holds
# and the script it loads: the JS glue and the WASM when it has an island, nothing when it has none
# (app/src/components/boot.js). Starts the release server with demo data on a fresh directory.
#   scripts/wasm-size.sh [SITE] (default target/site; WASM_SIZE_SERVER for another server binary)
set -euo pipefail
site=${1:-target/site}
pkg=$site/pkg
server=${WASM_SIZE_SERVER:-./target/release/zhiping}
port=${WASM_SIZE_PORT:-3019}
base=http://127.0.0.1:$port
name() { grep "^$1=" "$pkg/manifest.txt" | cut -d= -f2; }
bytes() { stat -c %s "$1"; }

echo "| file | raw B | brotli B |"
echo "|---|---|---|"
for kind in css js wasm; do
  f=$(name "$kind")
  echo "| $f | $(bytes "$pkg/$f") | $(bytes "$pkg/$f.br") |"
done
script_br=$(($(bytes "$pkg/$(name js).br") + $(bytes "$pkg/$(name wasm).br")))

data=$(mktemp -d)
ZP_DEMO=1 ZP_DATA_DIR="$data" ZP_ADDR="127.0.0.1:$port" ZP_SITE_ROOT="$site" RUST_LOG=warn "$server" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fsS -o /dev/null "$base/healthz" && break; sleep 0.2; done

# a demo account's session cookie, as the login form gets it
sign_in() {
  curl -fsS -o /dev/null -c "$data/$1.jar" -H 'Accept: application/json' -H "Origin: $base" \
    --data-urlencode "account=$1" --data-urlencode 'password=Zhiping@2026' "$base/api/login"
}
sign_in shenbao
sign_in danwei
# the applicant's application (the demo's shenbao has none yet: started as the start form does)
app=$(curl -fsS -b "$data/shenbao.jar" -H 'Accept: application/json' -H "Origin: $base" \
  --data 'level=associate_senior&series=高等学校教育管理研究&specialty=高等教育管理&unit_id=org-unit-xju' \
  "$base/api/start_application" | tr -d '"')

echo
echo "| page | islands on it | script it loads, brotli B |"
echo "|---|---|---|"
page() { # title, path, account or -
  local jar=()
  [ "$3" = - ] || jar=(-b "$data/$3.jar")
  local islands
  islands=$(curl -fsS "${jar[@]}" "$base$2" | grep -o 'data-component="[^"]*"' | sed -E 's/data-component="//; s/_[0-9]+"$//; s/"$//' | sort -u | paste -sd, - || true)
  echo "| $1 $2 | ${islands:-—} | $([ -n "$islands" ] && echo "$script_br" || echo 0) |"
}
page 首页 / -
page 登录 /login -
page 注册 /register -
page 公示 /gongshi -
page 证书查验 /verify -
page 我的申报 /applications shenbao
page 申报概览 "/applications/$app" shenbao
page 基本信息 "/applications/$app/basic" shenbao
page 学历学位 "/applications/$app/education" shenbao
page 提交 "/applications/$app/submit" shenbao
page 单位审核队列 /review danwei
