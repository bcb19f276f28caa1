// Attached PDFs as a reader meets them: a Khmer and English PDF printed here
// by this Chromium (from HTML in the theme's Noto Sans Khmer), attached to a
// document of a small archive; a Khmer phrase only in the PDF, across the
// split vowels pdftotext opens (ឆ្នោ|ត, កម្មា|ធិការ), found through the real
// search page; the document page's preview and folded text on a phone, and
// a link to one page of the text opening it there.

import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { assert, check, newContext, open } from "./lib/harness.mjs";
import { build, serve } from "./lib/site.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const PHRASE = "គណៈកម្មាធិការត្រួតពិនិត្យសន្លឹកឆ្នោតខេត្តព្រះវិហារ";
const DOC = "km/announcements/pdf-minutes/";

/** Prints two pages of Khmer and English to `out` with `browser`. */
async function printPdf(browser, dir, out) {
  const font = join(REPO, "themes/default/static/fonts/noto-sans-khmer-khmer-400-normal.woff2");
  const html = join(dir, "minutes.html");
  writeFileSync(html, `<!doctype html><html><head><meta charset="utf-8"><style>
@font-face{font-family:K;src:url("file://${font}") format("woff2")}
body{font-family:K,sans-serif;font-size:14pt} .page{break-before:page}</style></head><body>
<p>សេចក្ដីប្រកាសព័ត៌មាន ស្ដីពីការបោះឆ្នោតជ្រើសរើសក្រុមប្រឹក្សា</p><p>Minutes of the provincial ballot review committee.</p>
<p class="page">ឯកសារនេះចេញដោយ ${PHRASE} នៅថ្ងៃទីមួយ</p></body></html>`);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`file://${html}`);
    await page.evaluate(() => document.fonts.ready);
    await page.pdf({ path: out, format: "A4" });
  } finally {
    await context.close();
  }
}

export async function attachmentsChecks(env) {
  const { browser, servers, tmp, bin } = env;
  const archive = join(tmp, "pdf-archive");
  cpSync(join(REPO, "tests/fixtures/basic"), archive, { recursive: true });
  cpSync(join(REPO, "themes"), join(archive, "themes"), { recursive: true });
  mkdirSync(join(archive, "content/announcements/files"), { recursive: true });
  await printPdf(browser, tmp, join(archive, "content/announcements/files/pdf-minutes.pdf"));
  writeFileSync(join(archive, "content/announcements/pdf-minutes.km.md"), `---
title: "កំណត់ហេតុប្រជុំ"
date: 2023-06-01
type: announcement
organization: nec
attachments:
  - file: files/pdf-minutes.pdf
    title: "កំណត់ហេតុ (PDF)"
    lang: km
---
កំណត់ហេតុនៃការប្រជុំ។
`);
  const site = await serve(join(tmp, "pdf-site"));
  servers.push(site);
  build({ bin, root: archive, output: join(tmp, "pdf-site/sastra"), baseUrl: site.url() });

  const phone = await newContext(browser, { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  await check("attachments: a Khmer phrase only in the PDF, across split vowels, is found by the search page, which says on which page of the PDF", async () => {
    const { page } = await open(phone, site.url(`km/search/?q=${encodeURIComponent(PHRASE)}`));
    await page.waitForSelector("#search-list > li a", { timeout: 10_000 });
    const results = await page.$$eval("#search-list > li", (lis) => lis.map((li) => ({
      text: li.textContent.replace(/\s+/g, " ").trim(),
      href: li.querySelector("a")?.getAttribute("href"),
      place: li.querySelector(".item-place")?.textContent ?? null,
      excerpt: li.querySelector(".item-summary")?.textContent ?? "",
    })));
    assert(results.length === 1, "the document is not the one result", results.map((r) => `${r.href}: ${r.text.slice(0, 120)}`));
    const [result] = results;
    // The phrase is on the PDF's second page.
    assert(/#pdf-0-page-2$/.test(result.href) && result.href.replace(/#.*$/, "").endsWith(DOC), "the result does not lead to the PDF's page", result.href);
    assert(result.place === "ក្នុង PDF ដែលបានភ្ជាប់ ទំព័រទី២", "the result does not say where the phrase is", result.place);
    assert(result.excerpt.includes(PHRASE), "the excerpt is not the page's text", result.excerpt.slice(0, 200));
    // The link opens the folded text at that page.
    await page.click("#search-list > li a");
    await page.waitForURL(/#pdf-0-page-2$/);
    const opened = await page.$eval("#pdf-0-page-2", (section) => section.closest("details")?.open ?? false);
    assert(opened, "the PDF's folded text is not opened at the page");
    return `${result.place}: ${result.excerpt.slice(0, 60)}`;
  });

  await check("attachments: on a phone the document page shows a sized preview and the text folded away", async () => {
    const { page, record } = await open(phone, site.url(DOC));
    const preview = await page.$eval("img.pdf-preview", (img) => ({
      width: img.getAttribute("width"),
      height: img.getAttribute("height"),
      loading: img.loading,
      alt: img.alt,
      src: img.getAttribute("src"),
      box: img.getBoundingClientRect().height,
    }));
    // Not lazy: the preview is in the first screen, where a lazy image comes late.
    assert(preview.width && preview.height && preview.loading !== "lazy" && preview.alt, `preview ${JSON.stringify(preview)}`);
    assert(/\/previews\/[0-9a-f]{32}\.png$/.test(preview.src), `preview not named by content: ${preview.src}`);
    assert(preview.box > 0, "the preview takes its room before it loads");
    const folded = await page.$eval("details.pdf-text", (d) => ({ open: d.open, text: d.textContent }));
    assert(!folded.open, "the text is open by default");
    assert(folded.text.includes(PHRASE), "the folded text lacks the phrase in one piece");
    assert(!folded.text.includes("ឆ្នោ ត") && !folded.text.includes("កម្មា ធិការ"), "a split vowel is left in the text");
    // Keyboard: the summary opens it.
    await page.focus("details.pdf-text summary");
    await page.keyboard.press("Enter");
    assert(await page.$eval("details.pdf-text", (d) => d.open), "Enter on the summary does not open the text");
    const pdfDownloaded = record.requests.some((u) => u.endsWith(".pdf"));
    assert(!pdfDownloaded, "reading the page downloaded the PDF");
    await page.screenshot({ path: join(REPO, "tests/browser/artifacts/attachment-km-phone.png"), fullPage: true });
  });

  await check("attachments: a link to one page of the PDF's text opens the folded text there", async () => {
    const { page } = await open(phone, site.url(`${DOC}#pdf-0-page-2`));
    await page.waitForFunction(() => document.getElementById("pdf-0-page-2")?.closest("details")?.open, null, { timeout: 5_000 })
      .catch(() => {});
    const shown = await page.evaluate(() => {
      const target = document.getElementById("pdf-0-page-2");
      const box = target?.getBoundingClientRect();
      return { open: !!target?.closest("details")?.open, top: box?.top, height: box?.height };
    });
    assert(shown.open && shown.height > 0 && shown.top < 740, `page 2 of the text is not shown: ${JSON.stringify(shown)}`);
  });
  await phone.close();
}
