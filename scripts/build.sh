#!/usr/bin/env bash
# The release build in dist/: the pages with a wasm of their own first (the secretariat's in
# target/secretariat, the rapporteur's in target/report, transfer in target/transfer), then the collector, which copies them in
# and lists them all for the service worker; last, a .gz and a .br beside every compressible file
# of dist/ for hosts that send them (scripts/precompress.mjs).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
trunk build secretariat.html --release --dist target/secretariat
trunk build report.html --release --dist target/report
trunk build transfer.html --release --dist target/transfer
trunk build --release
node scripts/precompress.mjs dist
