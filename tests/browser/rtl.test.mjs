// Right-to-left pages (issue 26): builds the Arabic fixture
// (tests/fixtures/arabic/, `language: ar`), serves it under its base path
// and measures in headless Chromium that the layout is mirrored: the
// navigation, the calendar grid, the chain table and the chain diagram run
// from right to left, text sits on the right, the arrows of the month and
// page navigation point outwards, and no page scrolls sideways at 360 px.
// Screenshots of the chain page, a calendar month and a profile's chain
// diagram (1280 px) go to target/screenshots/; with KETTE_BLESS=1 also to
// docs/screenshots/ (rtl-chain.png, rtl-calendar.png,
// rtl-profile-chain.png, shown in docs/templates.md).
//
// The theme's words of an Arabic site may still be English: nothing here
// asserts words, only geometry and the arrows.
//
// Needs: the kette binary (KETTE_BIN, else target/debug/kette), Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium) and `npm ci` in this folder
// (playwright-core). When one is missing the tests are skipped with the
// reason, unless CI=true: then they fail.
//
// Run: cargo build && (cd tests/browser && npm ci && node --test rtl.test.mjs)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ARABIC, SCREENSHOTS, build, filesUnder, launchChromium, repo, serve, skipUnless, tempDir, watchErrors } from "./support.mjs";

const skip = await skipUnless(["chromium", "playwright"]);

const PHONE = { viewport: { width: 360, height: 740 } };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

let tmp, browser, server, out;

before(async () => {
  if (skip) return;
  tmp = tempDir("kette-rtl-");
  out = build(ARABIC, path.join(tmp.dir, "arabic"));
  server = await serve(out, ARABIC.basePath);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  tmp?.remove();
});

const url = (relative) => server.origin + ARABIC.basePath + relative;

/** Opens `relative` in a fresh page of `look`; returns { page, errors, close }. */
async function open(relative, look) {
  const context = await browser.newContext(look);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url(relative));
  return { page, errors, close: () => context.close() };
}

/** The bounding box of the first element matching `selector`. */
async function box(page, selector) {
  const found = await page.locator(selector).first().boundingBox();
  assert.ok(found, `${selector}: not rendered`);
  return found;
}

/**
 * Where the text of the first element matching `selector` sits inside its
 * content box: the gaps between the text and the box's left and right.
 */
function textGaps(page, selector) {
  return page.$eval(selector, (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    const outer = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const left = outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
    const right = outer.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
    return { left: text.left - left, right: right - text.right };
  });
}

/** Asserts that the text of `selector` is set flush right, not left. */
async function assertFlushRight(page, selector, look) {
  const gaps = await textGaps(page, selector);
  assert.ok(Math.abs(gaps.right) <= 1.5, `${selector} (${look}): the text is ${gaps.right.toFixed(1)} px from the right edge`);
  assert.ok(gaps.left > 5, `${selector} (${look}): the text fills the line or sits on the left (${gaps.left.toFixed(1)} px from the left edge)`);
}

test("Arabic pages say dir=rtl on <html>, with lang=ar", { skip }, () => {
  const home = fs.readFileSync(path.join(out, "index.html"), "utf8");
  assert.match(home, /^<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n/);
  for (const file of filesUnder(out, [".html"])) {
    const html = fs.readFileSync(file, "utf8");
    if (html.includes('http-equiv="refresh"')) continue;
    assert.match(html, /<html lang="ar" dir="rtl">/, path.relative(out, file));
  }
});

for (const [look, options] of Object.entries({ "360 px": PHONE, "1280 px": DESKTOP })) {
  test(`home page (${look}): the navigation runs from the right, text is flush right`, { skip }, async () => {
    const { page, errors, close } = await open("", options);
    const first = await box(page, ".nav > li:nth-child(1)");
    const second = await box(page, ".nav > li:nth-child(2)");
    assert.ok(Math.abs(first.y - second.y) < 2, `the first two menu items are on one line (${first.y}, ${second.y})`);
    assert.ok(first.x > second.x + second.width - 1, `the first menu item (x ${first.x}) is right of the second (x ${second.x})`);
    // The site title starts at the right edge of the header.
    const title = await box(page, ".site-title");
    const header = await box(page, ".site-header .wrap");
    assert.ok(header.x + header.width - (title.x + title.width) < 40, `the site title is on the right (${title.x}+${title.width} in ${header.x}+${header.width})`);
    // A card's title and summary are set from the right.
    await assertFlushRight(page, ".card .meta", look);
    assert.deepEqual(errors, []);
    await close();
  });

  test(`chain page (${look}): the stages run from right to left`, { skip }, async () => {
    const { page, errors, close } = await open("chain/", options);
    const names = await box(page, ".chain-table thead th:nth-child(1)");
    const firstStage = await box(page, ".chain-table thead th:nth-child(2)");
    const secondStage = await box(page, ".chain-table thead th:nth-child(3)");
    assert.ok(names.x >= firstStage.x + firstStage.width - 1, "the municipality column is right of the first stage");
    assert.ok(firstStage.x >= secondStage.x + secondStage.width - 1, `the first stage (x ${firstStage.x}) is right of the second (x ${secondStage.x})`);
    // Headings of the columns and of the rows start at the right.
    await assertFlushRight(page, ".chain-table tbody th:first-child", look);
    // The scroll box starts at the right, with the names in view.
    const width = options.viewport.width;
    assert.ok(names.x + names.width <= width && names.x >= 0, `the municipality column is in view (x ${names.x}, width ${names.width})`);
    // The line between names and numbers, and the total column's rule, are
    // on the inner sides: left of the names, right of the totals (whose
    // left is the table's thin outer edge).
    const rules = await page.$eval(".chain-table tbody tr", (row) => {
      const name = getComputedStyle(row.firstElementChild);
      const total = getComputedStyle(row.lastElementChild);
      return { nameShadow: name.boxShadow, totalLeft: total.borderLeftWidth, totalRight: total.borderRightWidth };
    });
    assert.match(rules.nameShadow, /\) 2px 0px 0px 0px inset/, `the names' rule: ${rules.nameShadow}`);
    assert.equal(rules.totalRight, "2px", "the total column's rule is on its right");
    assert.equal(rules.totalLeft, "1px", "the table's outer edge is on the total column's left");
    assert.deepEqual(errors, []);
    await close();
  });

  test(`calendar month (${look}): Monday is the rightmost column, entries are mirrored`, { skip }, async () => {
    const { page, errors, close } = await open("calendar/2024/05/", options);
    const monday = await box(page, ".calendar thead th:nth-child(1)");
    const tuesday = await box(page, ".calendar thead th:nth-child(2)");
    const sunday = await box(page, ".calendar thead th:nth-child(7)");
    assert.ok(monday.x >= tuesday.x + tuesday.width - 1, `Monday (x ${monday.x}) is right of Tuesday (x ${tuesday.x})`);
    assert.ok(tuesday.x > sunday.x, "Sunday is the leftmost column");
    // A day's number starts at the right of its cell.
    const cell = await box(page, 'td:has(time[datetime="2024-05-08"])');
    const number = await box(page, 'time[datetime="2024-05-08"]');
    const cellRight = cell.x + cell.width;
    assert.ok(cellRight - (number.x + number.width) < 12, `the day number is on the right of its cell (${number.x}+${number.width} in ${cell.x}+${cell.width})`);
    // An entry's colour bar is on its right.
    const bar = await page.$eval('td:has(time[datetime="2024-05-06"]) li', (li) => [getComputedStyle(li).borderRightWidth, getComputedStyle(li).borderLeftWidth]);
    assert.deepEqual(bar, ["3px", "0px"], "the entry's bar (right, left)");
    // The breadcrumb starts at the right: its link is right of the month.
    await assertFlushRight(page, ".breadcrumb", look);
    // Previous month on the right, next on the left, arrows pointing
    // outwards (May 2024 is the last month: April has both links).
    await page.goto(url("calendar/2024/04/"));
    const nav = await box(page, ".month-nav ul");
    const previous = await box(page, ".month-nav a[rel=prev]");
    const next = await box(page, ".month-nav a[rel=next]");
    assert.ok(nav.x + nav.width - (previous.x + previous.width) < 2, "the previous month is at the right end");
    assert.ok(next.x - nav.x < 2, `the next month is at the left end (x ${next.x}, the list's ${nav.x})`);
    assert.match((await page.textContent(".month-nav a[rel=prev]")).trim(), /^→ /);
    assert.match((await page.textContent(".month-nav a[rel=next]")).trim(), / ←$/);
    assert.deepEqual(errors, []);
    await close();
  });

  test(`municipality profile (${look}): the chain diagram is mirrored`, { skip }, async () => {
    const { page, errors, close } = await open("municipalities/nordstadt/", options);
    const list = await box(page, ".chain");
    const first = await box(page, ".chain > .stage:nth-child(1)");
    const second = await box(page, ".chain > .stage:nth-child(2)");
    const node = await page.$eval(".chain > .stage:nth-child(1)", (stage) => {
      const style = getComputedStyle(stage, "::before");
      return { left: parseFloat(style.left), right: parseFloat(style.right), width: parseFloat(style.width) };
    });
    if (options === DESKTOP) {
      // One column per stage, the first on the right; the node sits above
      // the right edge of its box, the arrow points left.
      assert.ok(first.x >= second.x + second.width - 1, `the first stage (x ${first.x}) is right of the second (x ${second.x})`);
      assert.ok(node.left > node.right, `the node is over the right half of its stage (left ${node.left}, right ${node.right})`);
      const arrow = await page.$eval(".chain > .stage:nth-child(1)", (stage) => getComputedStyle(stage, "::after").transform);
      assert.equal(arrow, "matrix(-1, 0, 0, 1, 0, 0)", "the arrow is mirrored");
    } else {
      // Top to bottom; the nodes run down the right side.
      assert.ok(second.y > first.y, "the stages run down");
      assert.ok(list.x + list.width - (first.x + first.width) > 30, "room for the nodes on the right");
      assert.ok(first.x - list.x < 2, "the boxes reach the left edge");
      assert.ok(node.right < 0, `the node is right of its box (right ${node.right})`);
    }
    // An offer's bar is on its right.
    const bar = await page.$eval(".offer", (offer) => [getComputedStyle(offer).borderRightWidth, getComputedStyle(offer).borderLeftWidth]);
    assert.deepEqual(bar, ["4px", "1px"], "the offer's bar (right, left)");
    assert.deepEqual(errors, []);
    await close();
  });
}

test("pagination and article navigation: previous on the right pointing right, next on the left pointing left", { skip }, async () => {
  const { page, errors, close } = await open("news/page/2/", DESKTOP);
  const list = await box(page, ".pagination ul");
  const previous = await box(page, ".pagination a[rel=prev]");
  const pageOne = await box(page, ".pagination li:nth-child(2) a");
  assert.ok(list.x + list.width - (previous.x + previous.width) < 2, "the previous page's link is at the right end");
  assert.ok(previous.x > pageOne.x, "page 1 follows on its left");
  assert.match((await page.textContent(".pagination a[rel=prev]")).trim(), /^→ /);
  // The oldest article links to the newer one only: on the left, pointing left.
  await page.goto(url("news/first-steps/"));
  const nav = await box(page, ".prev-next ul");
  const newer = await box(page, ".prev-next a[rel=next]");
  assert.equal(await page.locator(".prev-next a[rel=prev]").count(), 0);
  const text = await page.$eval(".prev-next a[rel=next]", (link) => {
    const range = document.createRange();
    range.selectNodeContents(link);
    return range.getBoundingClientRect();
  });
  assert.ok(text.x - nav.x < 2, `the newer article's link is set at the left end (text x ${text.x}, list x ${nav.x}, link x ${newer.x})`);
  assert.match((await page.textContent(".prev-next a[rel=next]")).trim(), / ←$/);
  assert.deepEqual(errors, []);
  await close();
});

test("no page of the Arabic fixture scrolls sideways at 360 px", { skip, timeout: 120000 }, async () => {
  const pages = filesUnder(out, [".html"])
    .filter((file) => !fs.readFileSync(file, "utf8").includes('http-equiv="refresh"'))
    .map((file) => path.relative(out, file).split(path.sep).join("/").replace(/(^|\/)index\.html$/, "$1"));
  assert.ok(pages.length > 20, `${pages.length} pages`);
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const wide = [];
  for (const relative of pages) {
    await page.goto(url(relative));
    // Right to left, a page overflows to the left: look at both sides.
    const { scrollWidth, culprits } = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const culprits = [];
      for (const element of document.querySelectorAll("body *")) {
        const rect = element.getBoundingClientRect();
        if (rect.width > 0 && (rect.right > width + 0.5 || rect.left < -0.5)) {
          // Inside a box that scrolls sideways is fine.
          let scroller = element.parentElement;
          while (scroller && !["auto", "scroll"].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
          if (!scroller || scroller === document.documentElement || scroller === document.body) {
            culprits.push(`${element.tagName.toLowerCase()}${element.className ? "." + String(element.className).trim().split(/\s+/).join(".") : ""} (${Math.round(rect.left)}…${Math.round(rect.right)})`);
          }
        }
      }
      return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 3) };
    });
    if (scrollWidth > 360 || culprits.length) wide.push(`${ARABIC.basePath}${relative}: scrollWidth ${scrollWidth}: ${culprits.join(", ")}`);
  }
  await context.close();
  assert.deepEqual(wide, [], `${wide.length} of ${pages.length} pages are wider than 360 px:\n${wide.join("\n")}`);
});

test("screenshots of the Arabic chain page, calendar month and chain diagram (1280 px)", { skip, timeout: 60000 }, async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const bless = process.env.KETTE_BLESS === "1";
  const docs = path.join(repo, "docs", "screenshots");
  const shots = {
    "rtl-chain": ["chain/", null],
    "rtl-calendar": ["calendar/2024/05/", null],
    // Of a profile only its chain diagram.
    "rtl-profile-chain": ["municipalities/nordstadt/", ".chain"],
  };
  for (const [name, [relative, part]] of Object.entries(shots)) {
    const { page, errors, close } = await open(relative, { ...DESKTOP, colorScheme: "light" });
    const file = path.join(SCREENSHOTS, `${name}.png`);
    if (part) await page.locator(part).screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 5000, `${file} is (nearly) empty`);
    if (bless) {
      fs.mkdirSync(docs, { recursive: true });
      fs.copyFileSync(file, path.join(docs, `${name}.png`));
    }
    assert.ok(fs.existsSync(path.join(docs, `${name}.png`)), `docs/screenshots/${name}.png is missing (run with KETTE_BLESS=1)`);
    assert.deepEqual(errors, []);
    await close();
  }
});
