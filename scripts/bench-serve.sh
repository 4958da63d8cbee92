#!/usr/bin/env bash
# Time from saving one article to `kette serve` serving the new text.
#   bash scripts/bench-serve.sh KETTE_BINARY SITE_DIR [ROUNDS]
# SITE_DIR is changed and restored (use a generated benchmark site).
set -euo pipefail
kette="$1"; site="$2"; rounds="${3:-5}"
log=$(mktemp)
"$kette" serve --root "$site" --port 0 >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
addr=""
for _ in $(seq 1 600); do
  addr=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$log" | head -1 || true)
  [ -n "$addr" ] && break
  sleep 0.5
done
[ -n "$addr" ] || { echo "serve did not start:"; cat "$log"; exit 1; }
article=$(find "$site/content/news" -maxdepth 1 -name "*.md" -print -quit)
slug=$(basename "$article" .md | sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}-//')
# The backup stays outside content/: a stray file there is an error.
backup=$(mktemp)
cp "$article" "$backup"
restore() { cp "$backup" "$article"; rm -f "$backup"; }
trap 'restore; kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
trap 'exit 1' INT TERM
echo "serve rebuild after a one-article edit ($site):"
for i in $(seq 1 "$rounds"); do
  marker="Benchmarkmarke$i$RANDOM"
  start=$(date +%s%N)
  printf '\n%s\n' "$marker" >> "$article"
  until curl -sf "${addr}news/$slug/" | grep -c "$marker" >/dev/null; do sleep 0.01; done
  end=$(date +%s%N)
  echo "  round $i: $(( (end - start) / 1000000 )) ms"
  sleep 1
done
