#!/usr/bin/env bash
# Builds a release and serves it on http://127.0.0.1:8080 until stopped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
bash scripts/build.sh
exec node scripts/static-server.mjs dist "${PORT:-8080}"
