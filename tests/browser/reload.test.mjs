// Live reload of `kette serve` in a real browser (issue 5): writes a small
// site into a temporary folder, starts `kette serve --port 0` on it, opens an
// article in headless Chromium, and edits files while the page stays open:
// the page reloads by itself after an edit, a broken record shows the error
// overlay over the last good page and fixing it clears the overlay, and a
// stylesheet change applies without a reload.
//
// Needs: the kette binary (KETTE_BIN, else target/debug/kette), Chromium
// (CHROMIUM_PATH, else /usr/bin/chromium) and `npm ci` in this folder. When
// one is missing the tests are skipped with the reason, unless CI=true: then
// they fail.
//
// Run: cargo build && (cd tests/browser && npm ci && node --test reload.test.mjs)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { KETTE, launchChromium, skipUnless, tempDir } from "./support.mjs";

const DEADLINE_MS = 15000;

const skip = await skipUnless(["chromium", "playwright"]);

const RECORD = "name: Ahlen\nkind: Stadt\njoined: 2017\n";
const article = (text) => `---\ntitle: "Hallo Netz"\nmunicipalities: [ahlen]\n---\n${text} des Artikels.\n`;

let tmp, root, serve, serveLog = "", browser, origin;

function write(relative, text) {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Starts `kette serve` and resolves with its address once it prints it. */
function startServe() {
  return new Promise((resolve, reject) => {
    const child = spawn(KETTE, ["serve", "--port", "0", "--root", root], { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => reject(new Error(`kette serve printed no address:\n${serveLog}`)), DEADLINE_MS);
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => (serveLog += chunk));
    child.stdout.on("data", (chunk) => {
      serveLog += chunk;
      const found = /(?:Serving the site at|Vorschau unter) (http:\/\/[^/\s]+)\//.exec(serveLog);
      if (found) {
        clearTimeout(timer);
        resolve({ child, origin: found[1] });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`kette serve exited with ${code}:\n${serveLog}`)));
  });
}

/** Polls `check` (which may throw while the page navigates) until it is true. */
async function until(what, check) {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // The page is reloading; ask again.
    }
    if (Date.now() - started > DEADLINE_MS) throw new Error(`timed out waiting for ${what}; kette serve said:\n${serveLog}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  if (skip) return;
  tmp = tempDir("kette-reload-");
  root = path.join(tmp.dir, "site");
  write("site.yaml", 'title: "Testnetz"\nbase_url: "https://example.org/sub/"\nlanguage: de\n');
  write("content/municipalities/ahlen.yaml", RECORD);
  write("content/news/2024-05-02-hallo.md", article("Erste Fassung"));
  write("static/extra.css", "body { outline: 0 solid rgb(0, 0, 0); }\n");
  ({ child: serve, origin } = await startServe());
  browser = await launchChromium();
});

after(async () => {
  if (browser) await browser.close();
  if (serve && serve.exitCode === null) serve.kill("SIGINT");
  if (tmp) tmp.remove();
});

/** Opens the article and marks the page, so that a reload can be told apart. */
async function openArticle() {
  const page = await browser.newPage();
  await page.goto(`${origin}/news/hallo/`);
  assert.match(await page.textContent("body"), /Erste Fassung|Zweite Fassung/);
  await page.evaluate(() => (window.__marker = "not reloaded"));
  return page;
}

test("an open page reloads by itself after its article changes", { skip }, async () => {
  const page = await openArticle();
  write("content/news/2024-05-02-hallo.md", article("Zweite Fassung"));
  await until("the new text in the open page", async () => (await page.textContent("body")).includes("Zweite Fassung"));
  assert.equal(await page.evaluate(() => window.__marker), undefined, "the page was reloaded, not patched");
  await page.close();
});

test("a broken record shows the overlay over the last good page; fixing it clears it", { skip }, async () => {
  const page = await openArticle();
  write("content/municipalities/ahlen.yaml", `${RECORD}einwohner: 52000\n`);
  await until("the error overlay", async () => (await page.$("#__kette_overlay")) !== null);
  const overlay = await page.textContent("#__kette_overlay");
  assert.match(overlay, /content\/municipalities\/ahlen\.yaml:4:1/);
  assert.match(overlay, /einwohner/);
  assert.match(await page.textContent("main, body"), /Fassung des Artikels/, "the last good page stays");
  write("content/municipalities/ahlen.yaml", RECORD);
  await until("the overlay to go", async () => (await page.$("#__kette_overlay")) === null);
  await page.close();
});

test("a stylesheet change applies without a reload", { skip }, async () => {
  const page = await browser.newPage();
  // The theme does not link extra.css; a page of the site that does is not
  // needed: the script swaps whichever linked stylesheet changed, so link it.
  await page.goto(`${origin}/news/hallo/`);
  await page.evaluate(() => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/extra.css";
    document.head.appendChild(link);
    window.__marker = "not reloaded";
  });
  await until("the first stylesheet", async () => (await page.evaluate(() => getComputedStyle(document.body).outlineColor)) === "rgb(0, 0, 0)");
  write("static/extra.css", "body { outline: 3px solid rgb(1, 2, 3); }\n");
  await until("the new stylesheet", async () => (await page.evaluate(() => getComputedStyle(document.body).outlineColor)) === "rgb(1, 2, 3)");
  assert.equal(await page.evaluate(() => window.__marker), "not reloaded", "only the stylesheet was swapped");
  await page.close();
});
