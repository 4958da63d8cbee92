// The browser half of scripts/bench-search.sh: serves a built site under
// its base path and, for each query, opens the search page with ?q=… in a
// fresh browser context (empty cache), and measures the bytes of every
// index file fetched (as served and gzip-compressed at level 6, as a static
// host would send them) and the time from navigation to the first results
// (the status line saying how many). Median of three runs per query.
//
//   node scripts/bench-search.mjs OUTPUT_DIR BASE_PATH [QUERY …]

import zlib from "node:zlib";

import { launchChromium, serve } from "../tests/browser/support.mjs";

const [out, basePath, ...given] = process.argv.slice(2);
const QUERIES = given.length
  ? given
  : ["Präventionsketten", "Übergänge", "Kinder", "verbände", "Familien Schule", "xyzzyquux"];
const RUNS = Number(process.env.BENCH_RUNS || 3);

const server = await serve(out, basePath);
const browser = await launchChromium();

async function once(query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = [];
  page.on("response", async (response) => {
    if (!response.url().includes("/search-index")) return;
    try {
      bodies.push(await response.body());
    } catch {
      // A response the page no longer needs.
    }
  });
  await page.goto(`${server.origin}${basePath}search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction(
    () => /Treffer|result/.test(document.querySelector("#search-status")?.textContent || ""),
    null,
    { timeout: 120000, polling: 5 },
  );
  const ms = await page.evaluate(() => performance.now());
  const shown = await page.$$eval("#search-results li", (items) => items.length);
  const status = await page.textContent("#search-status");
  await new Promise((resolve) => setTimeout(resolve, 50));
  await context.close();
  const raw = bodies.reduce((sum, b) => sum + b.length, 0);
  const gz = bodies.reduce((sum, b) => sum + zlib.gzipSync(b, { level: 6 }).length, 0);
  return { ms, files: bodies.length, raw, gz, shown, status };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(
  ["query".padEnd(20), "files".padStart(5), "KB".padStart(9), "KB gz".padStart(8), "ms".padStart(7), "  shown, status"].join(" "),
);
for (const query of QUERIES) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(query));
  const last = runs[runs.length - 1];
  console.log(
    [
      query.padEnd(20),
      String(last.files).padStart(5),
      (last.raw / 1024).toFixed(1).padStart(9),
      (last.gz / 1024).toFixed(1).padStart(8),
      median(runs.map((r) => r.ms)).toFixed(0).padStart(7),
      ` ${last.shown}, ${last.status}`,
    ].join(" "),
  );
}
await browser.close();
await server.close();
