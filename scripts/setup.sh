#!/usr/bin/env bash
# Installs what building and testing need, and only what is missing: safe to run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

step() { printf '[setup] %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Chromium and its driver for the browser tests; poppler-utils (pdftotext) reads the printed PDFs.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! command -v pdftotext >/dev/null; then
  step "installing Debian chromium, chromium-driver and poppler-utils"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
fi

# python-docx reads the draft report back (an independent reader), for the `python3` the tests run.
if ! python3 -c 'import docx' 2>/dev/null; then
  step "installing python-docx from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check python-docx \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages python-docx
fi

# Python's `cryptography` seals test envelopes and runs scripts/decrypt_envelope.py (the
# recipe that opens an encrypted submission outside the app), for the same `python3`.
if ! python3 -c 'import cryptography' 2>/dev/null; then
  step "installing cryptography from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check cryptography \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages cryptography
fi

# Python's `duckdb` runs the analysis recipes of docs/analysis.md on a consolidated export
# (tests/analysis_duckdb.py), for the same `python3`.
if ! python3 -c 'import duckdb' 2>/dev/null; then
  step "installing duckdb from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check duckdb \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages duckdb
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

TRUNK_VERSION=0.21.14
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (several minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# Trunk runs offline, so the wasm-bindgen CLI must match Cargo.lock's wasm-bindgen exactly.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG_VERSION" ]; then
  step "installing wasm-bindgen-cli $WBG_VERSION (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

# wasm-opt (npm binaryen; Debian's is too old and breaks the build), Zopfli for the .gz copies
# (npm @gfx/zopfli, in wasm: nothing to compile), playwright-core, and
# lighthouse with chrome-launcher for the bench (both drive Debian's Chromium, never download one).
# package.json's "overrides" pin third-party-web under lighthouse's trace engine, which asks for
# the `latest` tag: without the pin, `npm ci` refuses the lockfile whenever that tag moves on.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/lighthouse ] \
  || [ ! -d node_modules/@gfx/zopfli ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
step "ready"
