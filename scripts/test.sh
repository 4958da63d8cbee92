#!/usr/bin/env bash
# The test command of kette (README): formatting, lints, and every test.
# Browser and validator tests need Chromium, Java and npm packages; .ci/run
# installs them. On a developer machine without them those tests say so and
# skip; with CI=true they fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings

# The API documentation without broken or private links (rustdoc's lints
# as errors); the library's own docs only, so it stays cheap.
echo "== cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

echo "== cargo test"
cargo test --quiet 2>&1 | tee target/test-output.txt

# The benchmark script (docs/performance.md) end to end on a small site with
# the debug build: that it runs on a fresh machine, not how fast.
echo "== benchmark script (200 articles, debug build)"
bench_dir=$(mktemp -d)
BENCH_BUILD=debug BENCH_ROUNDS=1 BENCH_DIR="$bench_dir" bash scripts/bench.sh 200
rm -rf "$bench_dir"

# Calendars and feeds as subscribers' programs read them: a site whose text
# holds every kind of line break and every character iCalendar and XML
# escape, built with the debug binary, read by Python's icalendar and
# feedparser (tests/validate_feeds.py; .ci/run installs them).
echo "== calendars and feeds in Python icalendar and feedparser"
cargo build --quiet
if python3 -c "import icalendar, feedparser" 2>/dev/null; then
  feeds_dir=$(mktemp -d)
  target/debug/kette build --root tests/fixtures/hostile-text --output "$feeds_dir/out" >/dev/null
  python3 tests/validate_feeds.py "$feeds_dir/out" tests/fixtures/hostile-text/expected.json
  rm -rf "$feeds_dir"
elif [ "${CI:-}" = "true" ]; then
  echo "error: CI=true, but python3 lacks icalendar and feedparser (.ci/run installs them)" >&2
  exit 1
else
  echo "skipped: the calendar and feed readers need: python3 -m pip install icalendar feedparser"
fi

# The generated site in a browser and through validators (tests/browser/):
# the Nu Html Checker over every page, axe-core in headless Chromium over
# every page kind, behaviour (calendar, search, offers, 360 px, screenshots
# in target/screenshots/) and live reload. They use the debug kette binary.
echo "== browser and validator tests (tests/browser)"
cargo build --quiet
missing=()
command -v node >/dev/null 2>&1 || missing+=("node")
[ -d tests/browser/node_modules ] || missing+=("tests/browser/node_modules (run: cd tests/browser && npm ci)")
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=("Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium)")
command -v "${JAVA:-java}" >/dev/null 2>&1 || missing+=("java (apt-get install default-jre-headless)")
if [ ${#missing[@]} -gt 0 ]; then
  printf -v list '%s; ' "${missing[@]}"
  if [ "${CI:-}" = "true" ]; then
    echo "error: CI=true, but the browser and validator tests lack: ${list%; } (.ci/run installs them)" >&2
    exit 1
  fi
  echo "skipped: the browser and validator tests that need: ${list%; } (bash .ci/run installs everything)"
fi
if command -v node >/dev/null 2>&1 && [ -d tests/browser/node_modules ]; then
  # Each test file skips, with a reason, only what lacks its tools.
  (cd tests/browser && node --test)
fi
