#!/usr/bin/env node
// Draws the share images that link previews (Facebook, Telegram, X) show
// for a page: 1200x630 PNGs in headless Chromium, so Khmer is shaped by a
// real text engine with the theme's own Noto Sans Khmer. Writes
// themes/default/static/share/site.png and one type-<key>.png per document
// type of the archive's site.toml (default: this repository's, the sample
// archive). A page of a type without an image shows the site's image.
//
//   node scripts/share-images.mjs [path/to/site.toml]
//
// Needs /usr/bin/chromium and tests/browser's npm packages (scripts/test
// installs both). The images are committed: a build never runs a browser.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(repo, "tests/browser/package.json"));
const { chromium } = require("playwright-core");

const siteToml = resolve(process.argv[2] ?? join(repo, "site.toml"));
const site = JSON.parse(
  execFileSync("python3", [
    "-c",
    "import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], 'rb'))))",
    siteToml,
  ]),
);
const theme = join(repo, "themes/default/static");
const out = join(theme, "share");
// Inline, so the card needs no file access from its blank page.
const font = (weight) =>
  "data:font/woff2;base64," +
  readFileSync(join(theme, `fonts/noto-sans-khmer-khmer-${weight}-normal.woff2`)).toString("base64");
const language = (code) => site.languages.find((l) => l.code === code);
const km = language("km");
const en = language("en");

const escape = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

// One card: the archive's name above, the subject in Khmer and English.
const card = (khmer, english, small) => `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
@font-face { font-family: "Share Khmer"; src: url("${font(400)}") format("woff2"); font-weight: 400; }
@font-face { font-family: "Share Khmer"; src: url("${font(700)}") format("woff2"); font-weight: 700; }
html, body { margin: 0; width: 1200px; height: 630px; }
body { box-sizing: border-box; padding: 64px 80px; display: flex; flex-direction: column;
  justify-content: space-between; background: #fbeee6; color: #1d1d1f;
  font-family: "Share Khmer", "DejaVu Sans", sans-serif; border-left: 28px solid #8a2a0a; }
.site { font-size: 30px; line-height: 1.6; color: #545459; }
.site span { display: block; }
h1 { margin: 0; font-size: ${small ? 60 : 76}px; line-height: 1.7; font-weight: 700; color: #8a2a0a; }
h2 { margin: 0; font-size: ${small ? 40 : 48}px; line-height: 1.4; font-weight: 400; }
</style></head><body>
<div class="site"><span lang="km">${escape(km.title)}</span><span lang="en">${escape(en.title)}</span></div>
<div><h1 lang="km">${escape(khmer)}</h1><h2 lang="en">${escape(english)}</h2></div>
</body></html>`;

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const draw = async (file, khmer, english, small) => {
  await page.setContent(card(khmer, english, small), { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() => document.fonts.check('700 76px "Share Khmer"', "ក"));
  if (!loaded) throw new Error("the Khmer font did not load");
  await page.screenshot({ path: join(out, file), type: "png" });
};
await draw("site.png", km.short_title ?? km.title, en.description, true);
for (const [key, labels] of Object.entries(site.types ?? {})) {
  if (!/^[a-z0-9-]+$/.test(key)) throw new Error(`unexpected type key ${key}`);
  await draw(`type-${key}.png`, labels.km, labels.en, false);
}
await browser.close();
let total = 0;
for (const file of readdirSync(out).sort()) {
  const bytes = statSync(join(out, file)).size;
  total += bytes;
  console.log(`${file}\t${bytes} bytes`);
}
console.log(`total\t${total} bytes`);
