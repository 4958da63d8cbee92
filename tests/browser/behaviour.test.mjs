// Behaviour in a real browser (issue 8): builds the fixture with every page
// kind (tests/fixtures/every-kind/) and the example site with the kette
// binary, serves each under its base path and drives headless Chromium:
// month navigation in the calendar by clicking, search finding an article
// (whose title carries markup that must stay text), alias redirects, the
// offer filter, no horizontal scrolling at 360 px on any page, and
// screenshots of the home page, an article, a municipality profile and a
// calendar month in target/screenshots/ for review.
//
// Needs: the kette binary (KETTE_BIN, else target/debug/kette), Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium) and `npm ci` in this folder
// (playwright-core). When one is missing the tests are skipped with the
// reason, unless CI=true: then they fail.
//
// Run: cargo build && (cd tests/browser && npm ci && node --test behaviour.test.mjs)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { EXAMPLE, FIXTURE, SCREENSHOTS, build, filesUnder, launchChromium, serve, skipUnless, tempDir, watchErrors } from "./support.mjs";

const skip = await skipUnless(["chromium", "playwright"]);

let tmp, browser;
const servers = {};
const out = {};

before(async () => {
  if (skip) return;
  tmp = tempDir("kette-behaviour-");
  out.fixture = build(FIXTURE, path.join(tmp.dir, "fixture"));
  out.example = build(EXAMPLE, path.join(tmp.dir, "example"));
  servers.fixture = await serve(out.fixture, FIXTURE.basePath);
  servers.example = await serve(out.example, EXAMPLE.basePath);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
  tmp?.remove();
});

const fixtureUrl = (relative) => servers.fixture.origin + FIXTURE.basePath + relative;
const heading = (page) => page.textContent("h1").then((text) => text.trim());

test("the calendar's previous and next month links navigate by clicking", { skip }, async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(fixtureUrl("calendar/2024/05/"));
  assert.equal(await heading(page), "May 2024");

  await page.click(".month-nav a[rel=next]");
  await page.waitForURL(fixtureUrl("calendar/2024/06/"));
  assert.equal(await heading(page), "June 2024");
  // The multi-day learning week (27 May – 2 June) goes on in June.
  assert.match(await page.textContent('td:has(time[datetime="2024-06-02"])'), /Learning week/);
  // The build date (SOURCE_DATE_EPOCH, 15 June 2024) is today, for the eye and for screen readers.
  assert.equal(await page.getAttribute(".calendar td.today time", "datetime"), "2024-06-15");
  assert.equal(await page.getAttribute('.calendar td[aria-current="date"] time', "datetime"), "2024-06-15");

  await page.click(".month-nav a[rel=prev]");
  await page.waitForURL(fixtureUrl("calendar/2024/05/"));
  assert.equal(await heading(page), "May 2024");
  await page.click(".month-nav a[rel=prev]");
  await page.waitForURL(fixtureUrl("calendar/2024/04/"));
  assert.equal(await heading(page), "April 2024");

  // A day's entry leads to the event.
  await page.goto(fixtureUrl("calendar/2023/03/"));
  await page.click('td:has(time[datetime="2023-03-08"]) a');
  await page.waitForURL(fixtureUrl("events/workshop/"));
  assert.equal(await heading(page), "Planning workshop Nordstadt");

  // The first month has no previous link, the last no next link.
  await page.goto(fixtureUrl("calendar/2022/02/"));
  assert.equal(await page.locator(".month-nav a[rel=prev]").count(), 0);
  await page.goto(fixtureUrl("calendar/2024/09/"));
  assert.equal(await page.locator(".month-nav a[rel=next]").count(), 0);

  // The calendar's start page leads to this month.
  await page.goto(fixtureUrl("calendar/"));
  await page.click(`main a[href="${FIXTURE.basePath}calendar/2024/06/"] >> nth=0`);
  await page.waitForURL(fixtureUrl("calendar/2024/06/"));
  assert.deepEqual(errors, []);
  await page.close();
});

test("search finds an article, and a title with <script> in it stays text", { skip }, async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss();
  });
  await page.goto(fixtureUrl("search/"));
  await page.waitForSelector("#search[data-ready=true]", { timeout: 10000 });
  await page.fill("#search-input", "quuxescape");
  const link = `#search-results a[href="${FIXTURE.basePath}news/script-title/"]`;
  await page.waitForSelector(link, { timeout: 5000 });
  assert.match(await page.textContent(link), /Escaping test: <script>alert\("boom"\)<\/script> & "quotes"/);
  assert.equal(await page.locator("#search-results script").count(), 0, "no script element in the results");
  await page.click(link);
  await page.waitForURL(fixtureUrl("news/script-title/"));
  assert.equal(await heading(page), 'Escaping test: <script>alert("boom")</script> & "quotes"');

  await page.goto(fixtureUrl("search/?q=parents%20caf%C3%A9"));
  await page.waitForSelector(`#search-results a[href="${FIXTURE.basePath}news/photo-report/"]`, { timeout: 5000 });
  assert.deepEqual(dialogs, [], "no script from content ran");
  assert.deepEqual(errors, []);
  await page.close();
});

test("an alias redirects to the article", { skip }, async () => {
  const page = await browser.newPage();
  await page.goto(fixtureUrl("2022/02/first/"));
  await page.waitForURL(fixtureUrl("news/first-steps/"));
  assert.equal(await heading(page), "First steps of the network");
  await page.close();
});

test("the offer directory filters by topic and municipality", { skip }, async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(fixtureUrl("offers/"));
  const visible = () => page.locator(".offer-list > li.offer:visible").count();
  const all = await page.locator(".offer-list > li.offer").count();
  assert.ok(all >= 7, `${all} offers`);
  assert.equal(await visible(), all);
  // Nordstadt has three offers over five stages: an offer is listed once per stage.
  await page.selectOption(".offer-filter [name=municipality]", "nordstadt");
  assert.equal(await visible(), 5);
  assert.match(page.url(), /\?municipality=nordstadt$/);
  await page.selectOption(".offer-filter [name=topic]", "transitions");
  assert.equal(await visible(), 3, "school social work (2 stages) and language support");
  assert.match(page.url(), /\?topic=transitions&municipality=nordstadt$/);
  await page.reload();
  assert.equal(await visible(), 3, "the filter survives a reload");
  await page.selectOption(".offer-filter [name=topic]", "");
  await page.selectOption(".offer-filter [name=municipality]", "");
  assert.equal(await visible(), all);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the images of a folder article load", { skip }, async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(fixtureUrl("news/photo-report/"));
  const images = page.locator("main img");
  assert.equal(await images.count(), 2, "the lead image and the one in the text");
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction((element) => element.complete, await image.elementHandle());
    assert.ok(await image.evaluate((element) => element.naturalWidth > 0), await image.getAttribute("src"));
  }
  assert.deepEqual(errors, []);
  await page.close();
});

/** Every HTML page of a build except redirects (aliases), relative to its root. */
function pagesOf(root) {
  return filesUnder(root, [".html"])
    .filter((file) => !fs.readFileSync(file, "utf8").includes('http-equiv="refresh"'))
    .map((file) => path.relative(root, file).split(path.sep).join("/").replace(/(^|\/)index\.html$/, "$1"));
}

for (const site of [FIXTURE, EXAMPLE]) {
  test(`no page of the ${site.name} scrolls sideways at 360 px`, { skip, timeout: 240000 }, async () => {
    const key = site === FIXTURE ? "fixture" : "example";
    const pages = pagesOf(out[key]);
    assert.ok(pages.length > 50, `${pages.length} pages`);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const wide = [];
    for (const relative of pages) {
      await page.goto(servers[key].origin + site.basePath + relative);
      const { scrollWidth, culprits } = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const culprits = [];
        for (const element of document.querySelectorAll("body *")) {
          const box = element.getBoundingClientRect();
          if (box.right > width + 0.5 && box.width > 0) {
            culprits.push(`${element.tagName.toLowerCase()}${element.className ? "." + String(element.className).trim().split(/\s+/).join(".") : ""} (right edge ${Math.round(box.right)})`);
          }
        }
        return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 3) };
      });
      if (scrollWidth > 360) wide.push(`${site.basePath}${relative}: scrollWidth ${scrollWidth}: ${culprits.join(", ")}`);
    }
    await context.close();
    assert.deepEqual(wide, [], `${wide.length} of ${pages.length} pages are wider than 360 px:\n${wide.join("\n")}`);
  });
}

test("screenshots of the home page, an article, a profile and a calendar month", { skip, timeout: 120000 }, async () => {
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const shots = {
    home: "",
    article: "news/lernnetzwerk/",
    profile: "municipalities/ahlen/",
    "calendar-month": "calendar/2017/03/",
  };
  const looks = {
    desktop: { viewport: { width: 1280, height: 900 }, colorScheme: "light" },
    mobile: { viewport: { width: 360, height: 740 }, colorScheme: "light", deviceScaleFactor: 2 },
    dark: { viewport: { width: 1280, height: 900 }, colorScheme: "dark" },
  };
  const written = [];
  for (const [look, options] of Object.entries(looks)) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const errors = watchErrors(page);
    for (const [name, relative] of Object.entries(shots)) {
      await page.goto(servers.example.origin + EXAMPLE.basePath + relative);
      const file = path.join(SCREENSHOTS, `${name}-${look}.png`);
      await page.screenshot({ path: file, fullPage: true });
      written.push(file);
    }
    assert.deepEqual(errors, [], look);
    await context.close();
  }
  for (const file of written) assert.ok(fs.statSync(file).size > 10000, `${file} is (nearly) empty`);
  console.log(`# ${written.length} screenshots in ${path.relative(process.cwd(), SCREENSHOTS) || SCREENSHOTS}`);
});
