// Shared helpers of the validator and browser tests (validate, a11y and
// behaviour .test.mjs): where the tools are, the skip rule, building a site
// with the kette binary, a static server under the site's base path, and
// launching headless Chromium.
//
// The skip rule: when a tool is missing the tests are skipped with a
// "skipped: …" line naming it, unless CI=true: then the test file fails.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "..", "..");
export const KETTE = process.env.KETTE_BIN || path.join(repo, "target", "debug", "kette");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const JAVA = process.env.JAVA || "java";
export const VNU_JAR = path.join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
export const AXE_JS = path.join(here, "node_modules", "axe-core", "axe.min.js");
export const CI = process.env.CI === "true";
export const SCREENSHOTS = path.join(repo, "target", "screenshots");

/** The example site (the repository root), built at a fixed date. */
export const EXAMPLE = {
  name: "example site",
  root: repo,
  basePath: "/praevention/", // the path of base_url in site.yaml
  epoch: "1735689600", // 2025-01-01T00:00:00Z
};

/** The fixture with every page kind, built at a fixed date. */
export const FIXTURE = {
  name: "every-kind fixture",
  root: path.join(repo, "tests", "fixtures", "every-kind"),
  basePath: "/sub/site/", // the path of base_url in its site.yaml
  epoch: "1718445600", // 2024-06-15T10:00:00Z: the conference of 2024-09-18 is upcoming
};

/**
 * The Arabic fixture: a site written right to left (`language: ar`), built
 * on a day of its calendar month with events.
 */
export const ARABIC = {
  name: "Arabic fixture",
  root: path.join(repo, "tests", "fixtures", "arabic"),
  basePath: "/ar/site/", // the path of base_url in its site.yaml
  epoch: "1715767200", // 2024-05-15T10:00:00Z: the open day is today
};

/** The multilingual fixture (German, English, Arabic), built at a fixed date. */
export const LANGUAGES = {
  name: "languages fixture",
  root: path.join(repo, "tests", "fixtures", "languages"),
  basePath: "/netz/", // the path of base_url in its site.yaml
  epoch: "1717200000", // 2024-06-01T00:00:00Z: the summer party is upcoming
};

/** Every page of a built site (`out`), relative to its base path: "" for
 * the home page, "en/news/x/" for a pretty URL, "404.html". */
export function pagesOf(out) {
  const pages = {};
  for (const file of filesUnder(out, [".html"])) {
    const relative = path.relative(out, file).split(path.sep).join("/");
    pages[relative] = relative.endsWith("/index.html") || relative === "index.html" ? relative.slice(0, -"index.html".length) : relative;
  }
  return pages;
}

/** One page of each kind of the fixture, relative to its base path. */
export const FIXTURE_PAGES = {
  home: "",
  "news list": "news/",
  "news page 2": "news/page/2/",
  article: "news/first-steps/",
  "article with image": "news/photo-report/",
  "article with <script> title": "news/script-title/",
  "article with a wide table, code and a long address": "news/annual-report/",
  "event list": "events/",
  "event (timed)": "events/workshop/",
  "event (all-day, external url)": "events/open-day/",
  "event (multi-day)": "events/learning-week/",
  "event (upcoming)": "events/conference/",
  "municipality list": "municipalities/",
  "profile (Kreis with members)": "municipalities/kreis-sued/",
  "profile (member)": "municipalities/sued-dorf/",
  "profile (all gaps)": "municipalities/sued-stadt/",
  topics: "topics/",
  topic: "topics/networking/",
  archive: "archive/",
  "archive year": "archive/2023/",
  "archive month": "archive/2023/05/",
  calendar: "calendar/",
  "calendar month": "calendar/2024/05/",
  chain: "chain/",
  offers: "offers/",
  "offers stage": "offers/0-3/",
  search: "search/",
  "standalone page": "about/",
  "page without menu": "privacy/",
  404: "404.html",
};

function commandWorks(command, args) {
  const run = spawnSync(command, args, { encoding: "utf8" });
  return !run.error && run.status === 0;
}

/**
 * What the tests need that is missing: `needs` lists "chromium", "java",
 * "playwright", "axe", "vnu" (the kette binary is always needed).
 */
export async function missing(needs) {
  const reasons = [];
  if (!fs.existsSync(KETTE)) reasons.push(`no kette binary at ${KETTE} (run cargo build or set KETTE_BIN)`);
  if (needs.includes("chromium") && !fs.existsSync(CHROMIUM)) {
    reasons.push(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  if (needs.includes("java") && !commandWorks(JAVA, ["-version"])) {
    reasons.push("no Java runtime (apt-get install default-jre-headless, or set JAVA)");
  }
  if (needs.includes("vnu") && !fs.existsSync(VNU_JAR)) reasons.push("vnu-jar is not installed (run npm ci in tests/browser)");
  if (needs.includes("axe") && !fs.existsSync(AXE_JS)) reasons.push("axe-core is not installed (run npm ci in tests/browser)");
  if (needs.includes("playwright") && !(await loadPlaywright())) {
    reasons.push("playwright-core is not installed (run npm ci in tests/browser)");
  }
  return reasons;
}

let playwright;
export async function loadPlaywright() {
  if (playwright === undefined) playwright = await import("playwright-core").catch(() => null);
  return playwright;
}

/**
 * The `skip` option of the tests of a file: false when everything is there;
 * else a "skipped: …" reason, printed once. With CI=true a missing tool is
 * an error instead.
 */
export async function skipUnless(needs) {
  const reasons = await missing(needs);
  if (reasons.length && CI) {
    throw new Error(`these tests cannot run with CI=true: ${reasons.join("; ")}`);
  }
  const skip = reasons.length ? `skipped: ${reasons.join("; ")}` : false;
  if (skip) console.log(`# ${skip}`);
  return skip;
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Builds `site` into `out` with the kette binary at the site's fixed date. */
export function build(site, out) {
  const run = spawnSync(KETTE, ["build", "--root", site.root, "--output", out], {
    encoding: "utf8",
    env: { ...process.env, SOURCE_DATE_EPOCH: site.epoch },
  });
  assert.equal(run.status, 0, `kette build of the ${site.name} failed:\n${run.stdout}\n${run.stderr}`);
  return out;
}

/** Every file under `dir` whose name ends with one of `extensions`, sorted. */
export function filesUnder(dir, extensions) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension))) {
      found.push(path.join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  return found.sort();
}

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

/**
 * Serves the folder `root` at `basePath` on a free loopback port, like a
 * static host: a folder gives its index.html, anything else 404. Resolves
 * with { origin, close }.
 */
export async function serve(root, basePath) {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://127.0.0.1");
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = "";
    }
    let file = null;
    if (pathname.startsWith(basePath)) {
      const candidate = path.resolve(root, "." + pathname.slice(basePath.length - 1));
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
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Headless Chromium from the system, driven by playwright-core. */
export async function launchChromium() {
  const { chromium } = await loadPlaywright();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * Collects what goes wrong on a page: script errors, and responses of 400
 * and above (the browser's own /favicon.ico probe at the server root is not
 * the site's).
 */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (error) => errors.push(`script error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) {
      errors.push(`${response.status()} ${response.url()}`);
    }
  });
  return errors;
}
