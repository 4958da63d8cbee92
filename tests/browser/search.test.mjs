// The search page in a real browser (issue 4): builds the example site (the
// repository root) with the kette binary, serves the output from a tiny
// static server on a free loopback port under the site's base path
// (/praevention/), opens /praevention/search/ in headless Chromium, types a
// word that appears only in an article's body, and expects a result that
// links to that article.
//
// Needs: the kette binary (KETTE_BIN, else target/debug/kette), Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium) and `npm ci` in this folder. When
// one is missing the tests are skipped with the reason, unless CI=true: then
// they fail.
//
// Run: cargo build && (cd tests/browser && npm ci && node --test)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const KETTE = process.env.KETTE_BIN || path.join(repo, "target", "debug", "kette");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CI = process.env.CI === "true";
const BASE_PATH = "/praevention/"; // the path of base_url in the example site.yaml
const ARTICLE = `${BASE_PATH}news/lernnetzwerk/`;

const playwright = await import("playwright-core").catch(() => null);

function missing() {
  const reasons = [];
  if (!fs.existsSync(KETTE)) reasons.push(`no kette binary at ${KETTE} (run cargo build or set KETTE_BIN)`);
  if (!fs.existsSync(CHROMIUM)) reasons.push(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!playwright) reasons.push("playwright-core is not installed (run npm ci in tests/browser)");
  return reasons;
}

const reasons = missing();
if (reasons.length && CI) {
  throw new Error(`browser tests cannot run with CI=true: ${reasons.join("; ")}`);
}
const skip = reasons.length ? `skipped: ${reasons.join("; ")}` : false;
if (skip) console.log(`# ${skip}`);

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
};

/** A static server for `root` mounted at BASE_PATH, on 127.0.0.1 only. */
function serve(root) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = "";
    }
    let file = null;
    if (pathname.startsWith(BASE_PATH)) {
      const candidate = path.resolve(root, "." + pathname.slice(BASE_PATH.length - 1));
      if (candidate === root || candidate.startsWith(root + path.sep)) {
        file = fs.existsSync(candidate) && fs.statSync(candidate).isDirectory() ? path.join(candidate, "index.html") : candidate;
      }
    }
    if (file && fs.existsSync(file) && fs.statSync(file).isFile()) {
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(response);
    } else {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let tmp, server, browser, origin;

before(async () => {
  if (skip) return;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kette-browser-"));
  const out = path.join(tmp, "public");
  const build = spawnSync(KETTE, ["build", "--root", repo, "--output", out], { encoding: "utf8" });
  assert.equal(build.status, 0, `kette build failed:\n${build.stdout}\n${build.stderr}`);
  server = await serve(out);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) await new Promise((resolve) => server.close(resolve));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Opens `url`, failing on script errors, and waits for the index. */
async function open(url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  // Every file the page loads must exist; the browser's own /favicon.ico
  // probe at the server root is not the site's.
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  await page.goto(origin + url);
  await page.waitForSelector("#search[data-ready=true]", { timeout: 10000 });
  return { page, errors };
}

async function resultLinks(page) {
  return page.$$eval("#search-results a", (links) => links.map((a) => a.getAttribute("href")));
}

test("typing a word from an article's body finds the article", { skip }, async () => {
  const { page, errors } = await open(`${BASE_PATH}search/`);
  await page.fill("#search-input", "Neuendorf");
  await page.waitForSelector(`#search-results a[href="${ARTICLE}"]`, { timeout: 5000 });
  assert.deepEqual(await resultLinks(page), [ARTICLE]);
  const status = await page.textContent("#search-status");
  assert.match(status, /1 Treffer/);
  const result = await page.textContent("#search-results li");
  assert.match(result, /Lernnetzwerk: Neue und erfahrene Kommunen treffen sich/, "the title");
  assert.match(result, /Nachricht/, "the kind");
  assert.match(result, /3\. April 2017/, "the date");
  assert.match(result, /Lernnetzwerktreffen/, "a snippet of the summary");
  assert.match(page.url(), /\?q=Neuendorf$/, "the query is kept in the address");
  // The link leads to the article.
  await page.click(`#search-results a[href="${ARTICLE}"]`);
  await page.waitForURL(origin + ARTICLE);
  assert.deepEqual(errors, []);
  await page.close();
});

test("German spellings find the same words, and the query survives a reload", { skip }, async () => {
  // "Familienstaatssekretär" is in the body; "…staatssekretaer" and "…staatssekretar" find it.
  for (const query of ["familienstaatssekretaer", "FAMILIENSTAATSSEKRETAR", "Familienstaatssekretär"]) {
    const { page, errors } = await open(`${BASE_PATH}search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector("#search-results a", { timeout: 5000 });
    assert.equal(await page.inputValue("#search-input"), query);
    assert.deepEqual(await resultLinks(page), [ARTICLE], query);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test("municipalities, topics and offers are found, and nothing is reported as such", { skip }, async () => {
  const { page } = await open(`${BASE_PATH}search/`);
  await page.fill("#search-input", "Ahlen");
  await page.waitForSelector(`#search-results a[href="${BASE_PATH}municipalities/ahlen/"]`, { timeout: 5000 });
  const kinds = await page.$$eval("#search-results li .meta", (metas) => metas.map((m) => m.textContent));
  assert.ok(kinds.some((k) => k.startsWith("Kommune")), kinds.join(" | "));
  assert.ok(kinds.some((k) => k.startsWith("Nachricht")), kinds.join(" | "));
  await page.fill("#search-input", "xyzzyquux");
  await page.waitForFunction(() => document.querySelector("#search-status").textContent.includes("Keine Treffer"), null, { timeout: 5000 });
  assert.equal((await resultLinks(page)).length, 0);
  await page.close();
});
