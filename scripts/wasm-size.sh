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
bytes() { stat -c %s "$1"; }

echo "| file | raw B | brotli B |"
echo "|---|---|---|"
css=$(grep '^css=' "$pkg/manifest.txt" | cut -d= -f2)
echo "| $css | $(bytes "$pkg/$css") | $(bytes "$pkg/$css.br") |"
# bundle=<name> <js> <wasm> <islands…>: the script a page with those islands loads, in brotli
declare -A bundle_br bundle_islands
while read -r name js wasm islands; do
  echo "| $js | $(bytes "$pkg/$js") | $(bytes "$pkg/$js.br") |"
  echo "| $wasm | $(bytes "$pkg/$wasm") | $(bytes "$pkg/$wasm.br") |"
  bundle_br[$name]=$(($(bytes "$pkg/$js.br") + $(bytes "$pkg/$wasm.br")))
  bundle_islands[$name]=" $islands "
done < <(grep '^bundle=' "$pkg/manifest.txt" | cut -d= -f2)

data=$(mktemp -d)
ZP_DEMO=1 ZP_DATA_DIR="$data" ZP_ADDR="127.0.0.1:$port" ZP_SITE_ROOT="$site" RUST_LOG=warn "$server" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break; sleep 0.2; done

# a demo account's session cookie, as the login form gets it
sign_in() {
  curl -fsS -o /dev/null -c "$data/$1.jar" -H 'Accept: application/json' -H "Origin: $base" \
    --data-urlencode "account=$1" --data-urlencode 'password=Zhiping@2026' "$base/api/login"
}
sign_in shenbao
sign_in danwei
# the applicant's application (the demo's shenbao has none yet: started as the start form does)
app=$(curl -fsS -b "$data/shenbao.jar" -H 'Accept: application/json' -H "Origin: $base" \
  --data 'level=associate_senior&series=高等学校教育管理研究&specialty=高等教育管理&unit_id=org-unit-xju&current_level=intermediate&obtained_on=2020-03-01' \
  "$base/api/start_application" | tr -d '"')

echo
echo "| page | islands on it | bundle it loads | JS + WASM, brotli B |"
echo "|---|---|---|---|"
page() { # title, path, account or -
  local jar=() ids islands loads=— size=0
  [ "$3" = - ] || jar=(-b "$data/$3.jar")
  ids=$(curl -fsS "${jar[@]}" "$base$2" | grep -o 'data-component="[^"]*"' | sed -E 's/data-component="//; s/"$//' | sort -u || true)
  islands=$(echo "$ids" | sed -E 's/_[0-9]+$//' | paste -sd, -)
  if [ -n "$ids" ]; then
    # the bundle that holds every island of the page, as the page's script chooses it (boot.js)
    for name in "${!bundle_islands[@]}"; do
      local all=1
      for id in $ids; do [[ ${bundle_islands[$name]} == *" $id "* ]] || all=0; done
      if [ $all = 1 ]; then loads=$name; size=${bundle_br[$name]}; fi
    done
  fi
  echo "| $1 ${2//$app/\{id\}} | ${islands:-—} | $loads | $size |"
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
page 评审组织 /evaluation pingban
