#!/usr/bin/env python3
# Where a browser bundle's bytes go: the code section's function bodies summed by the crate their
# (mangled) name starts with, the data section's size, and optionally the largest functions.
# Needs a bundle that kept its names (not what `make site` serves, which is stripped):
#   CARGO_PROFILE_WASM_RELEASE_STRIP=false CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components" \
#     LEPTOS_OUTPUT_NAME=zhiping cargo build -p frontend --lib --no-default-features --features bundle-forms \
#     --target wasm32-unknown-unknown --profile wasm-release --target-dir target/twiggy
#   wasm-bindgen --target web --no-typescript --keep-debug --out-dir /tmp/tw --out-name forms \
#     target/twiggy/wasm32-unknown-unknown/wasm-release/frontend.wasm
#   scripts/wasm-crates.py /tmp/tw/forms_bg.wasm [crates to list, 25] [largest functions to list, 0]
# Sizes are before wasm-opt -Oz (which takes about three quarters off); the shares are what to read.
import sys, re, collections
data = open(sys.argv[1], 'rb').read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
i = 8; sections = []
while i < len(data):
    sid = data[i]; i += 1
    size, i = leb(data, i)
    sections.append((sid, i, size)); i += size
imports = 0; bodies = []; names = {}; datasize = 0
for sid, off, size in sections:
    b = data[off:off+size]
    if sid == 2:  # imports
        n, j = leb(b, 0)
        for _ in range(n):
            l, j = leb(b, j); j += l; l, j = leb(b, j); j += l
            kind = b[j]; j += 1
            if kind == 0: _, j = leb(b, j); imports += 1
            elif kind == 1: j += 1; fl = b[j]; j += 1; _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
            elif kind == 2: fl = b[j]; j += 1; _, j = leb(b, j); j = leb(b, j)[1] if fl & 1 else j
            elif kind == 3: j += 2
    if sid == 10:
        n, j = leb(b, 0)
        for _ in range(n):
            l, j2 = leb(b, j); bodies.append(l + (j2 - j)); j = j2 + l
    if sid == 11: datasize += size
    if sid == 0:
        l, j = leb(b, 0); nm = b[j:j+l].decode(); j += l
        if nm == 'name':
            while j < len(b):
                sub = b[j]; j += 1; sl, j = leb(b, j); end = j + sl
                if sub == 1:
                    n, k = leb(b, j)
                    for _ in range(n):
                        idx, k = leb(b, k); l, k = leb(b, k); names[idx] = b[k:k+l].decode('utf-8', 'replace'); k += l
                j = end
def crate(n):
    # "<T as tachys::view::…>::f", "<&mut serde_json::de::…", "core[c593…]::num::…" → the crate
    # whose code it is (for a trait impl, the trait's crate: where the generic code comes from)
    s = n.lstrip('<').replace('&mut ', '').lstrip('&')
    if s.startswith('T as '):
        s = s[5:]
    return re.split(r'::|\[|<| ', s)[0] or '?'
by = collections.Counter(); fn = []
for k, sz in enumerate(bodies):
    n = names.get(imports + k, '?')
    by[crate(n)] += sz; fn.append((sz, n))
total = sum(bodies)
print(f'code {total} B in {len(bodies)} functions; data {datasize} B')
for c, sz in by.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 25):
    print(f'{sz:>8} {100*sz/total:5.1f}%  {c}')
if len(sys.argv) > 3:
    for sz, n in sorted(fn, reverse=True)[:int(sys.argv[3])]:
        print(f'{sz:>8}  {n[:150]}')
