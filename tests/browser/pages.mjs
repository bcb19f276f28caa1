// What a reader sees first on a phone (390×844) and a desktop (1280×800):
// the document page's facts, PDF and "save for offline" inside the first
// screen, its PDF text as paragraphs with each page's language, the home
// page's account of the archive, the footer's links, and the charts.
//
// Run by run.mjs, or alone (builds the sample archive itself):
//   node tests/browser/pages.mjs

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { assert, check, launch, newContext, open, summary } from "./lib/harness.mjs";
import { SUBPATH, build, sastraBinary, serve } from "./lib/site.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");
const DOC = "announcements/2023-06-22-identification-documents-application/";
export const SIZES = [
  { width: 390, height: 844, isMobile: true },
  { width: 1280, height: 800 },
];
const sized = ({ width, height }) => `${width}×${height}`;

/** The boxes of the document page's first-screen parts, in page pixels. */
function firstScreen(page) {
  return page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: r.top + scrollY, bottom: r.bottom + scrollY, height: r.height, visible: r.width > 0 && r.height > 0 };
    };
    const pdf = [...document.querySelectorAll(".attachment")].find((li) => li.querySelector(".pdf-preview"));
    return {
      title: box(document.querySelector("main h1")),
      kind: box(document.querySelector(".document-kind")),
      date: box(document.querySelector(".document-date time")),
      lunar: box(document.querySelector(".document-date .lunar-date")),
      pdfLink: box(pdf?.querySelector("a[download]")),
      preview: box(pdf?.querySelector(".pdf-preview")),
      pages: box(pdf?.querySelector(".file-info")),
      pagesText: pdf?.querySelector(".file-info")?.textContent ?? "",
      save: box(document.querySelector("form.offline-save button")),
      permalink: box(document.querySelector("input.permalink")),
      copy: box(document.querySelector("button.copy-link:not([hidden])")),
      citation: box(document.querySelector(".citation")),
      otherDates: [...document.querySelectorAll(".other-date")].map((e) => e.textContent),
      height: document.documentElement.scrollHeight,
    };
  });
}

export async function pagesChecks(env) {
  const { browser, url } = env;
  for (const size of SIZES) {
    for (const lang of ["km", "en"]) {
      await check(`document page (${lang}, ${sized(size)}): title, date, type and organisation, the PDF and "save for offline" are in the first screen`, async () => {
        const context = await newContext(browser, { viewport: { width: size.width, height: size.height }, isMobile: size.isMobile });
        try {
          const { page } = await open(context, url(`${lang}/${DOC}`));
          await page.waitForSelector("html[data-offline=ready]", { timeout: 15_000 });
          const s = await firstScreen(page);
          const inside = ["title", "kind", "date", "pdfLink", "preview", "pages", "save"].concat(lang === "km" ? ["lunar"] : []);
          const outside = inside.filter((k) => !s[k]?.visible || s[k].bottom > size.height);
          assert(outside.length === 0, `below the first screen (${size.height} px) or missing: ${outside.map((k) => `${k} ${JSON.stringify(s[k])}`).join("; ")}`);
          assert(/[0-9០-៩]/.test(s.pagesText) && s.pagesText.includes(lang === "km" ? "ទំព័រ" : "pages"), `no page count: ${s.pagesText}`);
          if (lang === "km") assert(s.otherDates.length === 0, `the Khmer page repeats the date: ${s.otherDates}`);
          assert(s.citation.top > s.save.bottom && s.permalink.top > s.save.bottom, "the citation and permanent link come after the PDF and saving");
          assert(s.permalink.height < 60, `the permanent link is ${s.permalink.height} px high`);
          assert(s.copy?.visible, "no copy button beside the permanent link");
          await page.close();
          return `save button bottom ${Math.round(s.save.bottom)} px; page ${s.height} px`;
        } finally {
          await context.close();
        }
      });
    }
  }

  await check("document page: the copy button copies the permanent link; the save button's label changes once saved", async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url("")).origin });
    try {
      const { page } = await open(context, url(`km/${DOC}`));
      await page.waitForSelector("html[data-offline=ready]", { timeout: 15_000 });
      await page.click("button.copy-link");
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      const link = await page.inputValue("input.permalink");
      const button = page.locator("form.offline-save button");
      const before = (await button.textContent()).trim();
      await button.click();
      await page.waitForSelector("form.offline-save.is-saved", { timeout: 20_000 });
      const after = (await button.textContent()).trim();
      await page.reload();
      await page.waitForSelector("html[data-offline=ready]", { timeout: 15_000 });
      const again = (await page.locator("form.offline-save button").textContent()).trim();
      await page.close();
      assert(copied === link && link.endsWith(`/km/${DOC}`), `copied ${JSON.stringify(copied)}, the link is ${link}`);
      assert(after !== before && after.includes("✓"), `the label is ${JSON.stringify(after)} after saving (was ${JSON.stringify(before)})`);
      assert(again === after, `after a reload the label is ${JSON.stringify(again)}`);
      return `"${before}" → "${after}"`;
    } finally {
      await context.close();
    }
  });

  await check("document page: the PDF's text reads as paragraphs, each page marked in its own language", async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      const { page } = await open(context, url(`km/${DOC}`));
      const pages = await page.$$eval(".pdf-page", (sections) =>
        sections.map((s) => ({ lang: s.lang, heading: s.querySelector("h3").textContent, paragraphs: [...s.querySelectorAll("p")].map((p) => p.textContent) })));
      await page.close();
      assert(pages.length === 2, `${pages.length} pages`);
      assert(pages[0].lang === "km" && pages[1].lang === "en", `page languages: ${pages.map((p) => p.lang)}`);
      const english = pages[1].paragraphs.find((p) => p.startsWith("The spokesperson"));
      assert(english?.includes("press release about applying") && english.endsWith("July 2023."), `the English paragraph is broken: ${JSON.stringify(pages[1].paragraphs)}`);
      const khmer = pages[0].paragraphs.find((p) => p.includes("ស្តីពីការស្នើសុំឯកសារបញ្ជាក់អត្តសញ្ញាណ ដែល"));
      assert(khmer, `the Khmer lines are not joined: ${JSON.stringify(pages[0].paragraphs)}`);
      return pages.map((p) => `${p.heading}: ${p.paragraphs.length} paragraphs, lang=${p.lang}`).join("; ");
    } finally {
      await context.close();
    }
  });
}

// ---- alone ------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tmp = mkdtempSync(join(tmpdir(), "sastra-pages-"));
  const browser = await launch();
  const site = await serve(join(tmp, "site"));
  try {
    build({ bin: sastraBinary(REPO), root: REPO, output: join(tmp, "site/sastra"), baseUrl: site.url() });
    await pagesChecks({ browser, url: site.url, origin: site.origin, subpath: SUBPATH });
  } finally {
    await browser.close();
    await site.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(summary() ? 1 : 0);
}
