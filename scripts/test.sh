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

echo "== cargo test"
cargo test --quiet 2>&1 | tee target/test-output.txt
