#!/usr/bin/env bash
# Benchmarks of kette (issue 7): full builds of synthetic sites of N articles
# (default 1000, 10000 and 100000), with wall time, CPU time and peak memory,
# side by side with Hugo when it is installed (Debian: apt-get install hugo),
# and the time `kette serve` takes from saving one article to serving it.
#
#   bash scripts/bench.sh                 # all sizes
#   bash scripts/bench.sh 1000 10000      # chosen sizes
#   bash scripts/bench.sh photos [N]      # N phone photos (default 100)
#   BENCH_DIR=/dev/shm/kette-bench BENCH_ROUNDS=5 bash scripts/bench.sh 10000
#                                         # on a RAM disk, five runs each
#   BENCH_BUILD=debug BENCH_ROUNDS=1 bash scripts/bench.sh 200
#                                         # a quick check that the script works
#
# Results are printed as a table; docs/performance.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(1000 10000 100000); fi
work="${BENCH_DIR:-${TMPDIR:-/tmp}/kette-bench}"
mkdir -p "$work"

# Photos (issue 11): `bash scripts/bench.sh photos [N]` builds a site of N
# articles (default 100), each with a 4000 × 3000 phone photo (EXIF
# orientation, GPS), from an empty image cache and again with the cache
# filled. See "Photos" in docs/performance.md.
if [ "${1:-}" = photos ]; then
  n="${2:-100}"
  if ! [ -x /usr/bin/time ]; then
    echo "bench: /usr/bin/time is needed (Debian: apt-get install time)" >&2
    exit 2
  fi
  echo "Building kette (release)…"
  cargo build --release --quiet --bin kette --example photo_site
  kette="$PWD/target/release/kette"
  site="$work/photos-$n"
  if [ ! -f "$site/.generated" ]; then
    rm -rf "$site"
    "$PWD/target/release/examples/photo_site" "$n" "$site"
    touch "$site/.generated"
  fi
  find "$site/content" -type f -exec cat {} + >/dev/null
  sync
  photo_run() {
    /usr/bin/time -f "%e %U %S %M" "$kette" build --quiet --root "$site" --output "$work/photos-out-$n" \
      >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; return 1; }
    awk '{ printf "%10.2f %10.2f %10.0f\n", $1, $2 + $3, $4 / 1024 }' < <(tail -1 "$work/time.txt")
  }
  printf "\n%-34s %10s %10s %10s\n" "$n photos of 4000 × 3000" "wall s" "cpu s" "peak MiB"
  rm -rf "$site/.kette-cache" "$work/photos-out-$n"
  printf "%-34s %s\n" "first build (empty cache)" "$(photo_run)"
  printf "%-34s %s\n" "rebuild (cache filled)" "$(photo_run)"
  rm -rf "$work/photos-out-$n"
  printf "%-34s %s\n" "fresh output (cache filled)" "$(photo_run)"
  echo "sources: $(du -sh "$site/content" | cut -f1), cache: $(du -sh "$site/.kette-cache" | cut -f1), output: $(du -sh "$work/photos-out-$n" | cut -f1)"
  rm -rf "$work/photos-out-$n"
  exit 0
fi

if ! command -v /usr/bin/time >/dev/null 2>&1 && ! [ -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is needed (Debian: apt-get install time)" >&2
  exit 2
fi

# BENCH_BUILD=debug uses an unoptimised build: only to check that the
# script works (the test command does that), never for figures.
profile="${BENCH_BUILD:-release}"
echo "Building kette ($profile)…"
if [ "$profile" = debug ]; then
  cargo build --quiet --bin kette --example synthetic_site
else
  cargo build --release --quiet --bin kette --example synthetic_site
fi
kette="$PWD/target/$profile/kette"
synth="$PWD/target/$profile/examples/synthetic_site"
have_hugo=0
if command -v hugo >/dev/null 2>&1; then have_hugo=1; fi

# Runs a command and prints "wall cpu rss" (seconds, seconds, MiB).
measure_once() {
  /usr/bin/time -f "%e %U %S %M" "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; return 1; }
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' < <(tail -1 "$work/time.txt")
}

# Prints the run of median wall time of the given runs ("wall cpu rss"
# each) as "wall cpu rss range" (range: fastest–slowest).
rounds="${BENCH_ROUNDS:-3}"
summarize() {
  printf '%s\n' "$@" | sort -n | awk -v n="$#" '
    NR == 1 { lo = $1 } { hi = $1; row[NR] = $0 }
    END { print row[int((n + 1) / 2)], lo "–" hi }'
}

printf "\n%-10s %-8s %10s %10s %10s %12s\n" "articles" "tool" "wall s" "cpu s" "peak MiB" "wall range"
for n in "${sizes[@]}"; do
  site="$work/site-$n"
  hugo_site="$work/hugo-$n"
  if [ ! -f "$site/.generated" ]; then
    rm -rf "$site" "$hugo_site"
    "$synth" "$n" "$site" --hugo "$hugo_site" >/dev/null
    touch "$site/.generated"
  fi
  out="$work/out-$n"
  hugo_out="$work/hugo-out-$n"
  rm -rf "$out" "$hugo_out"
  # Sources in the page cache for both tools alike.
  find "$site" "$hugo_site" -type f -exec cat {} + >/dev/null 2>&1 || true
  sync
  # Each round builds with every tool in turn (kette into a fresh folder,
  # kette over its own output, Hugo into a fresh folder), so that a shared
  # machine's drift in speed weighs on all of them alike.
  kette_runs=(); rebuild_runs=(); hugo_runs=(); ratios=()
  for _ in $(seq "$rounds"); do
    rm -rf "$out"
    kette_runs+=("$(measure_once "$kette" build --quiet --root "$site" --output "$out")")
    rebuild_runs+=("$(measure_once "$kette" build --quiet --root "$site" --output "$out")")
    # Neither tool's output is left on a RAM disk while the other builds
    # (Hugo needs 13 GiB for 100,000 articles).
    rm -rf "$out"
    if [ $have_hugo -eq 1 ]; then
      rm -rf "$hugo_out"
      hugo_runs+=("$(cd "$hugo_site" && measure_once hugo --quiet -d "$hugo_out")")
      rm -rf "$hugo_out"
      ratios+=("$(awk -v k="${kette_runs[-1]%% *}" -v h="${hugo_runs[-1]%% *}" 'BEGIN { printf "%.3f", k / h }')")
    fi
  done
  read -r wall cpu rss range < <(summarize "${kette_runs[@]}")
  printf "%-10s %-8s %10s %10s %10s %12s\n" "$n" "kette" "$wall" "$cpu" "$rss" "$range"
  read -r wall cpu rss range < <(summarize "${rebuild_runs[@]}")
  printf "%-10s %-8s %10s %10s %10s %12s\n" "$n" "kette*" "$wall" "$cpu" "$rss" "$range"
  if [ $have_hugo -eq 1 ]; then
    read -r wall cpu rss range < <(summarize "${hugo_runs[@]}")
    printf "%-10s %-8s %10s %10s %10s %12s\n" "$n" "hugo" "$wall" "$cpu" "$rss" "$range"
    read -r ratio _ _ ratio_range < <(summarize "${ratios[@]/%/ 0 0}")
    printf "%-10s kette's wall time / Hugo's, round by round: median %s, range %s\n" "$n" "$ratio" "$ratio_range"
  fi
  rm -rf "$out" "$hugo_out"
done
echo "kette* = a rebuild that replaces the previous output (old files are deleted)"
if [ $have_hugo -eq 0 ]; then echo "(hugo not installed: no comparison; Debian: apt-get install hugo)"; fi

# Serve: time from saving one article to the new text being served.
if [ -x scripts/bench-serve.sh ]; then
  bash scripts/bench-serve.sh "$kette" "$work/site-${sizes[-1]}"
fi
