#!/usr/bin/env bash
# Every test: native engine and forms, in-browser IndexedDB, size budget, end-to-end in Chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
start=$SECONDS
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"

echo "== native tests (cargo test)"
cargo test --quiet
python3 tests/read_csv.py target/bundle-samples
python3 tests/analysis_duckdb.py target/analysis-sample

echo "== in-browser tests (wasm-bindgen-test, headless Chromium, real IndexedDB)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test web_store --test web_loaded

echo "== release build"
bash scripts/build.sh
node scripts/size-budget.mjs dist

echo "== release build with the test form in two versions (target/dist-test-forms, for tests/e2e/versions.test.mjs)"
bash scripts/build-test-forms.sh

echo "== end-to-end tests (playwright-core driving /usr/bin/chromium)"
node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/

echo "== all tests passed in $((SECONDS - start)) s"
