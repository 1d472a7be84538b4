#!/usr/bin/env bash
# Installs, once per machine, the tools the build needs and cannot get from Cargo.lock alone.
# Every step is skipped when its tool is already present at the pinned version, so this is cheap to
# call from every `make` target. Only the package registries are used (crates, npm, Debian):
# nothing here downloads a binary from anywhere else.
set -euo pipefail

WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock 2>/dev/null | sed -n 's/^version = "\(.*\)"/\1/p' || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export PATH="$CARGO_HOME/bin:$PATH"
what=${1:-all}   # all | build | browser

say() { printf '[install-tools] %s\n' "$*"; }

# A crate whose own Cargo.lock no longer builds on this rustc or against this registry: fetch its
# source through a failed `cargo install`, fix the one lock entry, and install from the copy.
install_patched() { # crate version "pkg@precise ..." [cargo install flags...]
  local crate=$1 version=$2 updates=$3
  shift 3
  local flags=("$@")
  local src
  cargo install "$crate@$version" --locked "${flags[@]}" >/dev/null 2>&1 && return 0
  src=$(ls -d "$CARGO_HOME"/registry/src/*/"$crate-$version" 2>/dev/null | head -1)
  if [ -z "$src" ]; then
    # the failed attempt may not have unpacked it; `cargo fetch` of a scratch crate does
    local scratch; scratch=$(mktemp -d)
    (cd "$scratch" && cargo init -q --name scratch && echo "$crate = \"=$version\"" >> Cargo.toml && cargo fetch -q)
    src=$(ls -d "$CARGO_HOME"/registry/src/*/"$crate-$version" | head -1)
  fi
  local work; work=$(mktemp -d)
  cp -r "$src/." "$work/"
  for u in $updates; do (cd "$work" && cargo update -q -p "${u%@*}" --precise "${u#*@}"); done
  cargo install --path "$work" --locked "${flags[@]}"
  rm -rf "$work"
}

rust_tools() {
  rustup target list --installed | grep -q wasm32-unknown-unknown || { say "adding wasm32 target"; rustup target add wasm32-unknown-unknown; }
  for c in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$c" || { say "adding $c"; rustup component add "$c"; }
  done
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
    # without its default TLS feature: the build never lets it download anything, and rustls/ring
    # were a third of its compile time
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
    install_patched wasm-bindgen-cli "$WASM_BINDGEN_VERSION" "webpki-roots@1.0.10" --no-default-features
  fi
}

node_tools() {
  # wasm-opt from npm's binaryen: Debian's binaryen 108 breaks hydration (TOOLCHAIN.md).
  if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ ! -x end2end/node_modules/.bin/lightningcss ] || [ ! -d end2end/node_modules/@playwright/test ]; then
    say "installing end2end npm packages (playwright, binaryen, lightningcss)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

apt_install() { # packages...
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
}

# The SMTP server the mail tests deliver to (server/tests/api/mail.rs): aiosmtpd from PyPI, pinned,
# into target/py (no virtualenv needed; the tests put it on PYTHONPATH).
AIOSMTPD_VERSION=1.4.6
mail_tools() {
  [ -f "target/py/aiosmtpd-$AIOSMTPD_VERSION.dist-info/METADATA" ] && return 0
  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip
  say "installing aiosmtpd $AIOSMTPD_VERSION (the mail tests' SMTP server) into target/py"
  rm -rf target/py
  python3 -m pip install -q --root-user-action=ignore --disable-pip-version-check --no-warn-script-location --target target/py "aiosmtpd==$AIOSMTPD_VERSION"
}
# mold links the test and server binaries in a fraction of ld's time; brotli precompresses the site.
case "$what" in
  build)   apt_install mold brotli; rust_tools; node_tools; mail_tools ;;
  browser) apt_install chromium fonts-noto-cjk ;;
  all)     apt_install mold brotli chromium fonts-noto-cjk; rust_tools; node_tools; mail_tools ;;
esac
