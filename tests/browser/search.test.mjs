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
import path from "node:path";

import { EXAMPLE, build, launchChromium, serve, skipUnless, tempDir, watchErrors } from "./support.mjs";

const BASE_PATH = EXAMPLE.basePath;
const ARTICLE = `${BASE_PATH}news/lernnetzwerk/`;

const skip = await skipUnless(["chromium", "playwright"]);

let tmp, server, browser, origin;

before(async () => {
  if (skip) return;
  tmp = tempDir("kette-browser-");
  server = await serve(build(EXAMPLE, path.join(tmp.dir, "public")), BASE_PATH);
  origin = server.origin;
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (tmp) tmp.remove();
});

/** Opens `url`, failing on script errors, and waits for the index. */
async function open(url) {
  const page = await browser.newPage();
  // Every file the page loads must exist, and no script may fail.
  const errors = watchErrors(page);
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

/** Types `query`, waits for its results, returns their links. */
async function searchFor(page, query) {
  await page.fill("#search-input", query);
  await page.press("#search-input", "Enter");
  await page.waitForFunction((q) => document.querySelector("#search").dataset.done === q, query, { timeout: 10000 });
  return resultLinks(page);
}

test("singular and plural find the same; a compound part finds the compound (issue 27)", { skip }, async () => {
  const { page, errors } = await open(`${BASE_PATH}search/`);
  const singular = await searchFor(page, "Präventionskette");
  assert.ok(singular.length > 3, singular.join(" "));
  assert.deepEqual((await searchFor(page, "Präventionsketten")).sort(), [...singular].sort());
  const amt = await searchFor(page, "Gesundheitsamt");
  assert.ok(amt.length > 0);
  assert.deepEqual((await searchFor(page, "Gesundheitsämter")).sort(), [...amt].sort());
  // "Wohlfahrtsverbände" is in the Ahlen workshop article, its event and profile.
  const parts = await searchFor(page, "verbände");
  assert.ok(parts.includes(`${BASE_PATH}news/planungsworkshop-ahlen/`), parts.join(" "));
  assert.ok(parts.includes(`${BASE_PATH}municipalities/ahlen/`), parts.join(" "));
  assert.deepEqual(errors, []);
  await page.close();
});
