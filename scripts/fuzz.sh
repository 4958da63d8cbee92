#!/usr/bin/env bash
# Runs each cargo-fuzz target of fuzz/ for a bounded time (issue 9); not
# part of CI.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Needs `cargo install cargo-fuzz`. On stable Rust, RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz use the nightly-only sanitizer flags. Crashing inputs land in
# fuzz/artifacts/<target>/; copy them to tests/fuzz_regressions/ so that
# `cargo test --test fuzz_regressions` replays them.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP="${RUSTC_BOOTSTRAP:-1}"
status=0
for target in front_matter record site; do
  mkdir -p "corpus/$target"
  # Seed every corpus with the stored regression inputs.
  cp -n ../tests/fuzz_regressions/* "corpus/$target/" 2>/dev/null || true
  echo "== $target: ${seconds}s"
  cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
    || status=1
done
exit $status
