#!/usr/bin/env bash
# Build time of a multilingual site (issue 26): the synthetic site of N
# articles (default 10000; see scripts/bench.sh) built as it is, and again
# with `languages: {en: {}}` and an English translation of every article
# (`x.en.md` beside `x.md`: its own title, summary and the same body), in
# alternating rounds; prints each median and the ratio. docs/performance.md
# records the figures.
#
#   bash scripts/bench-languages.sh            # 10,000 articles, 3 rounds
#   BENCH_ROUNDS=5 bash scripts/bench-languages.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-10000}"
work="${BENCH_DIR:-${TMPDIR:-/tmp}/kette-bench}"
rounds="${BENCH_ROUNDS:-3}"
mkdir -p "$work"
if ! [ -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is needed (Debian: apt-get install time)" >&2
  exit 2
fi
profile="${BENCH_BUILD:-release}"
echo "Building kette ($profile)…"
if [ "$profile" = debug ]; then
  cargo build --quiet --bin kette --example synthetic_site
else
  cargo build --release --quiet --bin kette --example synthetic_site
fi
kette="$PWD/target/$profile/kette"
synth="$PWD/target/$profile/examples/synthetic_site"

site="$work/site-$n"
translated="$work/site-$n-en"
if [ ! -f "$site/.generated" ]; then
  rm -rf "$site"
  "$synth" "$n" "$site" >/dev/null
  touch "$site/.generated"
fi
if [ ! -f "$translated/.generated" ]; then
  rm -rf "$translated"
  cp -r "$site" "$translated"
  printf 'languages:\n  en:\n    title: "Synthetic network"\n' >>"$translated/site.yaml"
  python3 - "$translated/content/news" <<'PY'
import pathlib, sys
for original in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    if original.name.count(".") > 1:
        continue
    text = original.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    title = next(l for l in front.splitlines() if l.startswith("title:"))[len("title:"):].strip().strip('"')
    name = original.name[:-3] + ".en.md"
    translation = f'---\ntitle: "EN {title}"\nsummary: "An English summary."\n---\n{body}'
    original.with_name(name).write_text(translation, encoding="utf-8")
PY
  touch "$translated/.generated"
fi
find "$site" "$translated" -type f -exec cat {} + >/dev/null
sync

measure_once() {
  /usr/bin/time -f "%e %U %S %M" "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; return 1; }
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' < <(tail -1 "$work/time.txt")
}
median() { printf '%s\n' "$@" | sort -n | awk -v n="$#" '{ row[NR] = $0 } END { print row[int((n + 1) / 2)] }'; }

one=(); two=()
for _ in $(seq "$rounds"); do
  rm -rf "$work/out-lang"
  one+=("$(measure_once "$kette" build --quiet --root "$site" --output "$work/out-lang")")
  rm -rf "$work/out-lang"
  two+=("$(measure_once "$kette" build --quiet --root "$translated" --output "$work/out-lang")")
  rm -rf "$work/out-lang"
done
printf "\n%-34s %10s %10s %10s\n" "$n articles" "wall s" "cpu s" "peak MiB"
read -r w1 c1 m1 < <(median "${one[@]}")
read -r w2 c2 m2 < <(median "${two[@]}")
printf "%-34s %10s %10s %10s\n" "German only" "$w1" "$c1" "$m1"
printf "%-34s %10s %10s %10s\n" "German and English (translated)" "$w2" "$c2" "$m2"
awk -v a="$w1" -v b="$w2" -v c="$c1" -v d="$c2" 'BEGIN { printf "ratio: wall %.2f, cpu %.2f\n", b / a, d / c }'
echo "load: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
