// Draws the OCR set's clean pages: real Khmer text (VOA news and the Khmer
// UDHR, `text.jsonl`, both free to copy) laid out as an office's papers are
// (a letter with a heading, plain prose, a form with a table), printed by
// Chromium at 300 dpi on A4 in Noto Sans Khmer. Each page's true text is
// the text Chromium itself laid out (`innerText`), so the truth and the
// picture cannot disagree.
//
//   node benches/ocr/render.mjs OUT_DIR
//
// writes OUT_DIR/<page>.png (grey, 300 dpi) and OUT_DIR/<page>.txt.
// `degrade.py` then scans them as an office would.

import { createRequire } from "node:module";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "../../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const out = process.argv[2];
if (!out) {
  console.error("usage: node benches/ocr/render.mjs OUT_DIR");
  process.exit(2);
}
mkdirSync(out, { recursive: true });

const units = readFileSync(join(here, "text.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const voa = units.filter((u) => u.id.startsWith("voa-")).map((u) => u.text);
const udhr = units.filter((u) => u.id.startsWith("udhr-")).map((u) => u.text);

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
// The first words of a text, at most `max` characters, cut at a space.
const opening = (text, max) => {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  if (space > max / 3) return cut.slice(0, space);
  // No space: cut between clusters (never before a mark, nor after a coeng).
  let end = Math.min(max, text.length);
  const mark = (c) => c && c >= "\u17b6" && c <= "\u17d3";
  while (end > 1 && (mark(text[end]) || text[end - 1] === "\u17d2")) end--;
  return text.slice(0, end);
};
// A text cut at spaces into `n` pieces of about equal length.
const pieces = (text, n) => {
  const words = text.split(" ");
  const size = Math.ceil(text.length / n);
  const parts = [""];
  for (const w of words) {
    if (parts.at(-1).length > size && parts.length < n) parts.push("");
    parts[parts.length - 1] += (parts.at(-1) ? " " : "") + w;
  }
  return parts;
};

const pages = {
  // A letter: two blocks side by side at the top (as a ministry's name
  // and the kingdom's motto are), a centred heading, a reference line on
  // the right, two paragraphs.
  letter: `<div class="head"><div>${escape(opening(voa[12], 26))}<br>${escape(opening(voa[13], 22))}</div>
    <div class="right">${escape(opening(voa[14], 24))}<br>${escape(opening(voa[15], 20))}</div></div>
    <h1>${escape(opening(voa[0], 40))}</h1>
    <p class="ref">${escape(opening(voa[1], 30))}</p>
    <p>${escape(voa[2])}</p><p>${escape(voa[3])}</p>`,
  // Running text, three paragraphs.
  prose: `<p>${escape(voa[4])}</p><p>${escape(voa[5])}</p><p>${escape(voa[6])}</p>`,
  // A form: a heading and a bordered table of labels and values.
  form: `<h2>${escape(opening(voa[7], 36))}</h2><table>${pieces(voa[8], 5)
    .map((label, i) => `<tr><th>${escape(opening(label, 24))}</th><td>${escape(opening(voa[9 + i], 90))}</td></tr>`)
    .join("")}</table>`,
  // The Declaration: a heading and two articles.
  declaration: `<h2>${escape(opening(udhr[0], 30))}</h2><p>${escape(udhr[1])}</p><p>${escape(udhr[2])}</p>`,
};

const style = `@page{size:A4;margin:0}
html,body{margin:0;background:#fff;color:#000}
body{width:210mm;min-height:297mm;box-sizing:border-box;padding:22mm 20mm;
  font-family:"Noto Sans Khmer",sans-serif;font-size:12pt;line-height:1.9}
h1{font-size:15pt;text-align:center;margin:0 0 8mm}
h2{font-size:14pt;margin:0 0 6mm}
.ref{text-align:right}
.head{display:flex;justify-content:space-between;margin:0 0 8mm}
.right{text-align:center}
p{text-align:justify;margin:0 0 4mm;text-indent:10mm}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:2mm 3mm;text-align:left;vertical-align:top;font-weight:normal}
th{width:35%}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
// A4 at CSS's 96 px an inch, drawn at 300 dpi.
const context = await browser.newContext({
  viewport: { width: 794, height: 1123 },
  deviceScaleFactor: 300 / 96,
});
const page = await context.newPage();
for (const [name, body] of Object.entries(pages)) {
  await page.setContent(
    `<!doctype html><html lang="km"><head><meta charset="utf-8"><style>${style}</style></head><body>${body}</body></html>`,
  );
  await page.evaluate(() => document.fonts.ready);
  const text = await page.evaluate(() => document.body.innerText);
  writeFileSync(join(out, `${name}.txt`), text.trim() + "\n");
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: false });
  console.log(name, text.length, "characters");
}
await browser.close();
