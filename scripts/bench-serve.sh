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
# The edits and the polling run in one Python process over one kept-alive
# connection: starting curl every few milliseconds would take the CPU the
# rebuild needs (the machine may have only two cores).
python3 - "$addr" "news/$slug/" "$article" "$rounds" <<'PY'
import http.client, sys, time, random, urllib.parse
addr, page, article, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
url = urllib.parse.urlparse(addr)
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
def served():
    conn.request("GET", "/" + page)
    return conn.getresponse().read().decode("utf-8", "replace")
times = []
for i in range(1, rounds + 1):
    marker = "Benchmarkmarke%d%d" % (i, random.randrange(10**6))
    start = time.monotonic()
    with open(article, "a", encoding="utf-8") as f:
        f.write("\n%s\n" % marker)
    while marker not in served():
        time.sleep(0.005)
    ms = (time.monotonic() - start) * 1000
    times.append(ms)
    print("  round %d: %.0f ms" % (i, ms), flush=True)
    time.sleep(1)
times.sort()
print("  median %.0f ms, min %.0f ms, max %.0f ms" % (times[len(times) // 2], times[0], times[-1]))
PY
