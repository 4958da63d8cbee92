// Accessibility (issue 8): builds the fixture with every page kind
// (tests/fixtures/every-kind/), the example site and the Arabic fixture
// (tests/fixtures/arabic/, right to left), serves each under its base path,
// opens one page of each kind (every page of the Arabic fixture) in
// headless Chromium, injects
// axe-core (node_modules/axe-core/axe.min.js) and runs it: light and dark colour scheme at 1280 px, and light
// at 360 px. A violation
// of impact "serious" or "critical" fails the test, listed with rule id,
// target and help URL; lesser ones are printed as notes.
//
// Needs: the kette binary (KETTE_BIN, else target/debug/kette), Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium) and `npm ci` in this folder
// (playwright-core, axe-core). When one is missing the tests are skipped
// with the reason, unless CI=true: then they fail.
//
// Run: cargo build && (cd tests/browser && npm ci && node --test a11y.test.mjs)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ARABIC, AXE_JS, EXAMPLE, FIXTURE, FIXTURE_PAGES, LANGUAGES, build, serve, filesUnder, launchChromium, pagesOf, skipUnless, tempDir, watchErrors } from "./support.mjs";

const skip = await skipUnless(["chromium", "playwright", "axe"]);

/** Pages of the example site whose content differs most from the fixture's. */
const EXAMPLE_PAGES = {
  home: "",
  article: "news/lernnetzwerk/",
  profile: "municipalities/ahlen/",
  chain: "chain/",
  offers: "offers/",
  "calendar month": "calendar/2017/03/",
};

let tmp, browser, languagePages;
const servers = {};
/** Every page of the Arabic fixture (redirects aside), by its path. */
const arabicPages = {};

before(async () => {
  if (skip) return;
  tmp = tempDir("kette-a11y-");
  servers.fixture = await serve(build(FIXTURE, path.join(tmp.dir, "fixture")), FIXTURE.basePath);
  servers.example = await serve(build(EXAMPLE, path.join(tmp.dir, "example")), EXAMPLE.basePath);
  const arabic = build(ARABIC, path.join(tmp.dir, "arabic"));
  for (const file of filesUnder(arabic, [".html"])) {
    if (fs.readFileSync(file, "utf8").includes('http-equiv="refresh"')) continue;
    const relative = path.relative(arabic, file).split(path.sep).join("/").replace(/(^|\/)index\.html$/, "$1");
    arabicPages[relative || "home"] = relative;
  }
  servers.arabic = await serve(arabic, ARABIC.basePath);
  const languages = build(LANGUAGES, path.join(tmp.dir, "languages"));
  languagePages = pagesOf(languages);
  servers.languages = await serve(languages, LANGUAGES.basePath);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
  tmp?.remove();
});

/** How the pages are looked at: colour scheme and viewport. */
const LOOKS = {
  "light, 1280 px": { colorScheme: "light", viewport: { width: 1280, height: 900 } },
  "dark, 1280 px": { colorScheme: "dark", viewport: { width: 1280, height: 900 } },
  "light, 360 px": { colorScheme: "light", viewport: { width: 360, height: 740 } },
};

/** Runs axe over every page of `pages` as `look`; returns the problems. */
async function audit(site, server, pages, look) {
  const context = await browser.newContext(LOOKS[look]);
  // axe-core goes into every page of the context before the page's own
  // scripts (one transfer, not one addScriptTag per page).
  await context.addInitScript({ path: AXE_JS });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const failures = [];
  const notes = [];
  for (const [kind, relative] of Object.entries(pages)) {
    const url = server.origin + site.basePath + relative;
    errors.length = 0;
    await page.goto(url);
    const violations = await page.evaluate(async () => {
      const results = await window.axe.run(document, { resultTypes: ["violations"] });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((node) => {
          // "Fix any of the following:\n  reason\n  reason": the first reason is enough.
          const reason = (node.failureSummary || "").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("Fix "))[0];
          return `${node.target.join(" ")}${reason ? ` (${reason})` : ""}`;
        }),
      }));
    });
    for (const v of violations) {
      const line = `${kind} (${site.basePath}${relative}, ${look}): ${v.impact} ${v.id}: ${v.help} ${v.helpUrl}\n    ${v.targets.slice(0, 5).join("\n    ")}${v.targets.length > 5 ? `\n    … ${v.targets.length - 5} more` : ""}`;
      (v.impact === "serious" || v.impact === "critical" ? failures : notes).push(line);
    }
    failures.push(...errors.map((error) => `${kind} (${site.basePath}${relative}): ${error}`));
  }
  await context.close();
  for (const note of notes) console.log(`# note: ${note.split("\n")[0]}`);
  return failures;
}

test("axe reports a planted serious violation (the gate is not empty)", { skip }, async () => {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html lang="en"><title>x</title><main><h1>x</h1><p style="color:#bbb;background:#fff">faint text</p><a href="/"><img src="data:,"></a></main></html>');
  await page.addScriptTag({ path: AXE_JS });
  const ids = await page.evaluate(async () => (await window.axe.run()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id));
  await page.close();
  assert.ok(ids.includes("color-contrast"), ids.join(", "));
  assert.ok(ids.includes("image-alt") || ids.includes("link-name"), ids.join(", "));
});

for (const look of Object.keys(LOOKS)) {
  test(`axe finds nothing serious or critical on any page kind of the fixture (${look})`, { skip, timeout: 180000 }, async () => {
    const failures = await audit(FIXTURE, servers.fixture, FIXTURE_PAGES, look);
    assert.deepEqual(failures, [], `${failures.length} serious or critical violations:\n${failures.join("\n")}`);
  });

  test(`axe finds nothing serious or critical on the example site's main pages (${look})`, { skip, timeout: 180000 }, async () => {
    const failures = await audit(EXAMPLE, servers.example, EXAMPLE_PAGES, look);
    assert.deepEqual(failures, [], `${failures.length} serious or critical violations:\n${failures.join("\n")}`);
  });

  test(`axe finds nothing serious or critical on any page of the Arabic fixture (${look})`, { skip, timeout: 180000 }, async () => {
    assert.ok(Object.keys(arabicPages).length > 20, `${Object.keys(arabicPages).length} pages`);
    const failures = await audit(ARABIC, servers.arabic, arabicPages, look);
    assert.deepEqual(failures, [], `${failures.length} serious or critical violations:\n${failures.join("\n")}`);
  });

  test(`axe finds nothing serious or critical on any page of any language of the languages fixture (${look})`, { skip, timeout: 600000 }, async () => {
    assert.ok(Object.keys(languagePages).length > 100, `only ${Object.keys(languagePages).length} pages`);
    const failures = await audit(LANGUAGES, servers.languages, languagePages, look);
    assert.deepEqual(failures, [], `${failures.length} serious or critical violations:\n${failures.join("\n")}`);
  });
}
