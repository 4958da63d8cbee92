// HTML validity (issue 8): builds the example site (the repository root),
// the fixture with every page kind (tests/fixtures/every-kind/) and the
// Arabic fixture (tests/fixtures/arabic/, right to left) with the kette
// binary, and runs the Nu Html Checker over every .html page and the
// stylesheet of each, in one JVM run (it is slow to start). Any error fails
// the test, listed as site:page:line.column: message. A planted broken page
// in the same run proves that the checker really reports errors.
//
// Needs: the kette binary (KETTE_BIN, else target/debug/kette), Java 17 or
// newer (JAVA, else java on PATH) and `npm ci` in this folder (vnu-jar).
// When one is missing the tests are skipped with the reason, unless CI=true:
// then they fail.
//
// Run: cargo build && (cd tests/browser && npm ci && node --test validate.test.mjs)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ARABIC, EXAMPLE, FIXTURE, FIXTURE_PAGES, JAVA, LANGUAGES, VNU_JAR, build, filesUnder, skipUnless, tempDir } from "./support.mjs";

const skip = await skipUnless(["java", "vnu"]);

let tmp;
const out = {};

before(() => {
  if (skip) return;
  tmp = tempDir("kette-validate-");
  out.example = build(EXAMPLE, path.join(tmp.dir, "example"));
  out.fixture = build(FIXTURE, path.join(tmp.dir, "fixture"));
  out.arabic = build(ARABIC, path.join(tmp.dir, "arabic"));
  out.languages = build(LANGUAGES, path.join(tmp.dir, "languages"));
  fs.mkdirSync(path.join(tmp.dir, "planted"));
  fs.writeFileSync(
    path.join(tmp.dir, "planted", "broken.html"),
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>x</title></head>\n<body><p><div>block in p</p></body></html>\n',
  );
});

after(() => tmp?.remove());

test("the fixture has a page of every kind", { skip }, () => {
  for (const [kind, page] of Object.entries(FIXTURE_PAGES)) {
    const file = path.join(out.fixture, page.endsWith(".html") ? page : path.join(page, "index.html"));
    assert.ok(fs.existsSync(file), `${kind}: no ${path.relative(out.fixture, file)}`);
  }
  assert.ok(fs.existsSync(path.join(out.fixture, "2022", "02", "first", "index.html")), "the alias page");
  const images = fs.readdirSync(path.join(out.fixture, "news", "photo-report")).filter((name) => name.endsWith(".png"));
  assert.ok(images.length > 0, "the folder article's image");
  assert.ok(!fs.existsSync(path.join(out.fixture, "news", "draft")), "the draft is not built");
});

test("the Nu Html Checker finds no error in any page of the example site and the fixtures", { skip, timeout: 300000 }, () => {
  const files = [
    ...filesUnder(out.example, [".html", ".css"]),
    ...filesUnder(out.fixture, [".html", ".css"]),
    ...filesUnder(out.arabic, [".html", ".css"]),
    // Every page of every language of the multilingual fixture.
    ...filesUnder(out.languages, [".html"]),
    path.join(tmp.dir, "planted", "broken.html"),
  ];
  const pages = files.filter((file) => file.endsWith(".html"));
  assert.ok(pages.length > 200, `only ${pages.length} pages`);
  const run = spawnSync(JAVA, ["-jar", VNU_JAR, "--errors-only", "--also-check-css", "--format", "gnu", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ifError(run.error);
  // gnu format: "file:/path/page.html":line.col-line.col: error: message
  const lines = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => line.trim() !== "");
  const names = [
    [`file:${out.example}/`, "example:"],
    [`file:${out.fixture}/`, "fixture:"],
    [`file:${out.arabic}/`, "arabic:"],
    [`file:${out.languages}/`, "languages:"],
    [`file:${tmp.dir}/planted/`, "planted:"],
  ];
  const readable = lines.map((line) => names.reduce((text, [from, to]) => text.split(from).join(to), line));
  const planted = readable.filter((line) => line.includes("planted:broken.html"));
  const errors = readable.filter((line) => !line.includes("planted:broken.html"));
  assert.ok(planted.some((line) => line.includes("error")), `the checker did not report the planted error:\n${readable.join("\n")}`);
  assert.equal(run.status, 1, "the checker's exit status with the planted error");
  assert.deepEqual(errors, [], `${errors.length} errors in ${pages.length - 1} pages:\n${errors.join("\n")}`);
});
