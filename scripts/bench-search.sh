#!/usr/bin/env bash
# Search in a browser (issue 27): for synthetic sites of N articles
# (default 1000 and 10000), what each query of a fixed list transfers
# (bytes as served and gzip-compressed) and how long its first results
# take, in headless Chromium from a fresh cache; and the size of the index.
# docs/performance.md records the results.
#
#   bash scripts/bench-search.sh 1000 10000
#   KETTE_BIN=/tmp/old/kette bash scripts/bench-search.sh 1000
#                       # the same with another kette (the one before, say)
#   BENCH_BUILD=debug bash scripts/bench-search.sh 200
#                       # a quick check that the script works
#
# Needs Chromium (/usr/bin/chromium or CHROMIUM_PATH) and `npm ci` in
# tests/browser (playwright-core). Sites are generated once into BENCH_DIR
# (default /tmp/kette-bench), as scripts/bench.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 10000); fi
work="${BENCH_DIR:-${TMPDIR:-/tmp}/kette-bench}"
mkdir -p "$work"
profile="${BENCH_BUILD:-release}"
if [ "$profile" = debug ]; then
  cargo build --quiet --bin kette --example synthetic_site
else
  cargo build --release --quiet --bin kette --example synthetic_site
fi
kette="${KETTE_BIN:-$PWD/target/$profile/kette}"
synth="$PWD/target/$profile/examples/synthetic_site"
tag="$(basename "$(dirname "$kette")")-$(sha256sum "$kette" | cut -c1-8)"

for n in "${sizes[@]}"; do
  site="$work/site-$n"
  if [ ! -f "$site/.generated" ]; then
    rm -rf "$site"
    "$synth" "$n" "$site" >/dev/null
    touch "$site/.generated"
  fi
  out="$work/search-out-$n-$tag"
  rm -rf "$out"
  SOURCE_DATE_EPOCH=1735689600 "$kette" build --quiet --root "$site" --output "$out" >/dev/null
  echo
  echo "== $n articles ($kette)"
  index_files=$( (ls "$out/search-index.json"; find "$out/search-index" -type f 2>/dev/null) | wc -l)
  echo "index: $index_files files, $(du -cb "$out/search-index.json" $( [ -d "$out/search-index" ] && echo "$out/search-index") | tail -1 | cut -f1) bytes in all; entry file $(stat -c %s "$out/search-index.json") bytes, gzip $(gzip -c "$out/search-index.json" | wc -c)"
  node scripts/bench-search.mjs "$out" /bench/
  rm -rf "$out"
done
