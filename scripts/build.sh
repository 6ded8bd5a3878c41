#!/usr/bin/env bash
# The release build in dist/: the secretariat's page first (its own wasm, in target/secretariat),
# then the collector, which copies it in and lists both for the service worker.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
trunk build secretariat.html --release --dist target/secretariat
trunk build --release
