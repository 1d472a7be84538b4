#!/usr/bin/env bash
# Names each browser file after its content and writes the names down (`make site`'s last step):
#   pkg/zhiping.css                      →  pkg/zhiping.<16 hex of its sha256>.css
#   pkg/zhiping-<bundle>.{js,wasm}       →  pkg/zhiping-<bundle>.<hash>.{js,wasm}   (each bundle `make wasm` built)
#   pkg/manifest.txt                     →  css=<name>, and a line per bundle:
#                                           bundle=<bundle> <js> <wasm> <the islands it exports…>
# each with .gz and .br beside it. The server's shell reads the manifest (components/assets.rs);
# a new build is a new name, so the files are served `immutable` for a year. The names of the
# build before are removed, so pkg/ holds one build.
set -euo pipefail
pkg=$1
name=${2:-zhiping}
shopt -s nullglob
for f in "$pkg/$name".* "$pkg/$name"-*; do
  # only what an earlier run named (<name>[-bundle].<16 hex>.ext[.gz|.br])
  [[ $(basename "$f") =~ ^$name(-[a-z]+)?\.[0-9a-f]{16}\. ]] && rm -f "$f"
done
manifest=$(mktemp)
# renames $1 after its content, compresses it, prints the new name
hashed() {
  local f=$1 base ext hash
  base=$(basename "$f")
  ext=${base##*.}
  hash=$(sha256sum "$f" | cut -c1-16)
  mv "$f" "$pkg/${base%.*}.$hash.$ext"
  gzip -9 -k -f -n "$pkg/${base%.*}.$hash.$ext"
  brotli -q 11 -f "$pkg/${base%.*}.$hash.$ext"
  rm -f "$f.gz" "$f.br"
  echo "${base%.*}.$hash.$ext"
}
echo "css=$(hashed "$pkg/$name.css")" >> "$manifest"
for js in "$pkg/$name"-*.js; do
  bundle=$(basename "$js" .js)
  bundle=${bundle#"$name"-}
  # the islands the bundle can bring to life: wasm-bindgen's exports named <Component>_<id>
  islands=$(grep -o 'export function [A-Z][A-Za-z]*_[0-9]\+' "$js" | cut -d' ' -f3 | sort | paste -sd' ' - || true)
  echo "bundle=$bundle $(hashed "$js") $(hashed "$pkg/$name-$bundle.wasm") $islands" >> "$manifest"
done
mv "$manifest" "$pkg/manifest.txt"
chmod 644 "$pkg/manifest.txt"
