// The search of a site too large for one index file (issue 27): the entry
// file plus shards fetched on demand. Writes a site of 700 articles (so
// that the index is cut into shards) under a sub-path base URL, builds it
// with the kette binary, serves it, and searches in headless Chromium:
// an umlaut query, a plural whose singular alone is in the text, a
// compound part, filters, a query without results, more results on
// request, marked snippets, the keyboard, axe, and that nothing is fetched
// from another host or beyond what the query needs.
//
// Needs what search.test.mjs needs (and axe-core for the axe check).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

import { AXE_JS, build, launchChromium, serve, skipUnless, tempDir, watchErrors } from "./support.mjs";

const BASE_PATH = "/sub/netz/";
const skip = await skipUnless(["chromium", "playwright", "axe"]);
const ARTICLES = 700;

// Filler words: enough of them that the shards are many and small.
const FILLER = (
  "Kinder Jugendliche Familien Schule Kita Netzwerk Gesundheit Bildung Jugendhilfe Beratung Förderung Angebot " +
  "Stadtteil Eltern Projekt Treffen Fachkräfte Landkreis Gemeinde Arbeit Zukunft Unterstützung Alltag Sprache " +
  "Sport Musik Kultur Freizeit Ausbildung Beruf Zusammenarbeit Planung Konzept Bericht Ergebnis " +
  "Workshop Tagung Vortrag Gespräch Austausch Programm Haushalt Verwaltung Sozialraum Quartier Begegnung"
).split(" ");

/** A small deterministic random number generator. */
function random(seed) {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

/**
 * Writes the site. Article 1 is the only one with "Präventionskette"
 * (singular only); 2 the only one with "Gesundheitsamt"; 3 with
 * "Wohlfahrtsverbände"; 4 with "Übergänge"; they name Ahlen. Every
 * article has the word "Netzwerkarbeit"; every third names Gummersbach.
 */
function writeSite(root) {
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write("site.yaml", 'title: "Netz"\nbase_url: "https://example.org/sub/netz/"\nlanguage: de\n');
  write("content/municipalities/ahlen.yaml", "name: Ahlen\nkind: Stadt\n");
  write("content/municipalities/gummersbach.yaml", "name: Gummersbach\nkind: Stadt\n");
  const special = {
    1: "Die Präventionskette in Ahlen wächst weiter.",
    2: "Das Gesundheitsamt berät junge Familien.",
    3: "Die Wohlfahrtsverbände laden zum Fest.",
    4: "Übergänge zwischen Kita und Schule gestalten.",
  };
  const next = random(7);
  for (let i = 1; i <= ARTICLES; i++) {
    const year = 2019 + (i % 6);
    const month = String(1 + (i % 12)).padStart(2, "0");
    const day = String(1 + (i % 28)).padStart(2, "0");
    const municipality = special[i] ? "ahlen" : i % 3 === 0 ? "gummersbach" : "ahlen";
    const words = Array.from({ length: 60 }, () => FILLER[next(FILLER.length)]).join(" ");
    write(
      `content/news/${year}-${month}-${day}-meldung-${i}.md`,
      `---\ntitle: "Meldung ${i}"\nmunicipalities: [${municipality}]\ntopics: [Thema ${i % 5}]\n---\n` +
        `${special[i] || "Netzwerkarbeit im Alltag."} Netzwerkarbeit ${words}.\n`,
    );
  }
}

let tmp, server, browser, origin;

before(async () => {
  if (skip) return;
  tmp = tempDir("kette-search-sharded-");
  const root = path.join(tmp.dir, "site");
  writeSite(root);
  const out = build({ name: "sharded search site", root, epoch: "1735689600" }, path.join(tmp.dir, "public"));
  assert.ok(fs.existsSync(path.join(out, "search-index", "t")), "the index is in shards");
  server = await serve(out, BASE_PATH);
  origin = server.origin;
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
  if (tmp) tmp.remove();
});

/** Opens the search page (with `query` as ?q=…), waits for its results. */
async function open(query = "") {
  const context = await browser.newContext();
  await context.addInitScript({ path: AXE_JS });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(`${origin}${BASE_PATH}search/${query}`);
  await page.waitForSelector("#search[data-ready=true]", { timeout: 10000 });
  return { page, errors, requests, close: () => context.close() };
}

/** Types `query` and waits until its results are shown. */
async function search(page, query) {
  await page.fill("#search-input", query);
  await page.press("#search-input", "Enter");
  await page.waitForFunction((q) => document.querySelector("#search").dataset.done === q, query, { timeout: 10000 });
}

async function titles(page) {
  return page.$$eval("#search-results h2 a", (links) => links.map((a) => a.textContent));
}

test("an umlaut query, in any spelling, finds the article", { skip }, async () => {
  const { page, errors, close } = await open();
  for (const query of ["Übergänge", "uebergaenge", "UEBERGANG"]) {
    await search(page, query);
    assert.deepEqual(await titles(page), ["Meldung 4"], query);
  }
  assert.deepEqual(errors, []);
  await close();
});

test("a plural finds the article with only its singular, and both find the same", { skip }, async () => {
  const { page, errors, close } = await open();
  for (const [singular, plural, title] of [
    ["Präventionskette", "Präventionsketten", "Meldung 1"],
    ["Gesundheitsamt", "Gesundheitsämter", "Meldung 2"],
  ]) {
    await search(page, plural);
    const fromPlural = await titles(page);
    assert.deepEqual(fromPlural, [title], plural);
    await search(page, singular);
    assert.deepEqual(await titles(page), fromPlural, singular);
  }
  // The query's word is marked in the snippet.
  const marks = await page.$$eval("#search-results mark", (m) => m.map((x) => x.textContent));
  assert.deepEqual(marks, ["Gesundheitsamt"]);
  assert.deepEqual(errors, []);
  await close();
});

test("a part of a compound finds the compound", { skip }, async () => {
  const { page, errors, close } = await open();
  for (const query of ["verbände", "Verband", "wohlfahrt"]) {
    await search(page, query);
    assert.deepEqual(await titles(page), ["Meldung 3"], query);
  }
  assert.deepEqual(errors, []);
  await close();
});

test("filters narrow the results and stay in the address", { skip }, async () => {
  const { page, errors, close } = await open();
  await search(page, "Netzwerkarbeit");
  assert.equal((await titles(page)).length, 20, "the first 20 of 700");
  assert.match(await page.textContent("#search-status"), /Treffer für „Netzwerkarbeit“/);
  // Municipality: every third article names Gummersbach.
  await page.selectOption("#search-municipality", { label: "Gummersbach" });
  await page.waitForFunction(() => location.search.includes("m="), null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector("#search").dataset.done === "Netzwerkarbeit", null, { timeout: 10000 });
  const shown = await titles(page);
  assert.equal(shown.length, 20);
  for (const title of shown) {
    assert.equal(Number(title.split(" ")[1]) % 3, 0, `${title} names Gummersbach`);
  }
  // Year: only articles of 2022 (i % 6 == 3) that name Gummersbach.
  await page.selectOption("#search-year", "2022");
  await page.waitForFunction(() => location.search.includes("year=2022"), null, { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector("#search").dataset.done === "Netzwerkarbeit", null, { timeout: 10000 });
  for (const title of await titles(page)) {
    const i = Number(title.split(" ")[1]);
    assert.ok(i % 3 === 0 && i % 6 === 3, title);
  }
  assert.ok((await page.$$eval("#search-results time", (t) => t.map((x) => x.getAttribute("datetime")))).every((d) => d.startsWith("2022-")));
  // Kind: no municipality pages among news.
  await page.selectOption("#search-year", "");
  await page.selectOption("#search-municipality", "");
  await page.selectOption("#search-kind", "m");
  await search(page, "Ahlen");
  assert.deepEqual(await titles(page), ["Ahlen"]);
  assert.deepEqual(errors, []);
  await close();
});

test("a query without results says so", { skip }, async () => {
  const { page, errors, close } = await open();
  await search(page, "xyzzyquux");
  assert.equal((await titles(page)).length, 0);
  assert.match(await page.textContent("#search-status"), /Keine Treffer für „xyzzyquux“/);
  assert.equal(await page.isHidden("#search-more"), true);
  assert.deepEqual(errors, []);
  await close();
});

test("more results on request, by keyboard; only the site is asked; axe finds nothing serious", { skip }, async () => {
  const { page, errors, requests, close } = await open("?q=Netzwerkarbeit");
  await page.waitForFunction(() => document.querySelector("#search").dataset.done === "Netzwerkarbeit", null, { timeout: 10000 });
  assert.equal((await titles(page)).length, 20);
  const fetched = requests.filter((url) => url.includes("/search-index"));
  // The entry, the word's shard and the result lines: not the whole index.
  const shardFiles = fs.readdirSync(path.join(tmp.dir, "public", "search-index", "t")).length;
  assert.ok(fetched.filter((u) => u.includes("/t/")).length <= 2, fetched.join("\n"));
  assert.ok(shardFiles > 20, `${shardFiles} shards`);
  // Keyboard: from the input, Tab reaches the filters, then the button.
  await page.focus("#search-more");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length === 40, null, { timeout: 10000 });
  const titlesShown = await titles(page);
  assert.equal(new Set(titlesShown).size, 40, "no result twice");
  for (const url of requests) assert.ok(url.startsWith(origin + BASE_PATH), `only the site is asked: ${url}`);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
  });
  assert.deepEqual(violations, []);
  assert.deepEqual(errors, []);
  await close();
});
