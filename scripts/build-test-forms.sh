#!/usr/bin/env bash
# The release site with the test form in two versions (cargo feature `test-forms`,
# src/forms/test_forms.rs) in target/dist-test-forms, for tests/e2e/versions.test.mjs. People
# never get it: dist/ is built without the feature. Two pages carry the feature: the collector
# (it migrates the test form's drafts) and the transfer page (it exports a record of version 1);
# the secretariat's and the rapporteur's are the ones scripts/build.sh built, which must have run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
for page in secretariat report; do
  [[ -f "target/$page/index.html" ]] || { echo "target/$page is missing: run scripts/build.sh first" >&2; exit 1; }
done
trunk build transfer.html --release --features test-forms --dist target/test-forms/transfer
# index.html copies in target/transfer, the page without the feature. Trunk takes the pages it
# copies from the HTML and reads paths from the HTML's folder, so a copy of index.html beside it
# names the test build's transfer page instead (and is removed whatever happens).
page=index-test-forms.html
trap 'rm -f "$ROOT/$page"' EXIT
sed 's#href="target/transfer"#href="target/test-forms/transfer"#' index.html > "$page"
grep -q 'href="target/test-forms/transfer"' "$page" || { echo "index.html no longer copies target/transfer: update $0" >&2; exit 1; }
trunk build "$page" --release --features test-forms --dist target/dist-test-forms
