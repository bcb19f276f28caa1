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

export async function homeFooterChartChecks(env) {
  const { browser, url } = env;
  const catalog = await (await fetch(url("catalog.json"))).json();
  const total = (Array.isArray(catalog) ? catalog : catalog.documents ?? Object.values(catalog)[0]).length;
  for (const size of SIZES) {
    for (const lang of ["km", "en"]) {
      await check(`home page (${lang}, ${sized(size)}): its heading and first screen say what the archive holds, counted by type, organisation and year`, async () => {
        const context = await newContext(browser, { viewport: { width: size.width, height: size.height }, isMobile: size.isMobile });
        try {
          const { page } = await open(context, url(`${lang}/`));
          const home = await page.evaluate(() => {
            const counts = (id) => [...document.querySelectorAll(`#${id} + .counts li`)].map((li) => ({
              href: li.querySelector("a").href,
              n: li.querySelector(".count").textContent,
            }));
            return {
              h1: document.querySelector("main h1").textContent.trim(),
              name: document.querySelector(".site-name").textContent.trim(),
              lead: document.querySelector("main .lead").textContent,
              leadBottom: document.querySelector("main .lead").getBoundingClientRect().bottom,
              types: counts("by-types"),
              organizations: counts("by-organizations"),
              years: counts("by-years"),
              latest: document.querySelectorAll("#latest ~ .items > li").length,
              height: document.documentElement.scrollHeight,
            };
          });
          await page.close();
          const digits = (t) => Number(t.replace(/[០-៩]/g, (d) => "០១២៣៤៥៦៧៨៩".indexOf(d)));
          const sum = (list) => list.reduce((s, c) => s + digits(c.n), 0);
          const local = lang === "km" ? String(total).replace(/[0-9]/g, (d) => "០១២៣៤៥៦៧៨៩"[d]) : String(total);
          assert(home.h1 && home.h1 !== home.name && !home.name.includes(home.h1), `the heading repeats the site's name: ${home.h1}`);
          assert(home.lead.includes(local), `the summary does not give the ${total} documents: ${home.lead}`);
          assert(home.leadBottom <= size.height, "the summary is below the first screen");
          assert(sum(home.types) === total && sum(home.years) === total, `types add up to ${sum(home.types)}, years to ${sum(home.years)}, not ${total}`);
          assert(home.organizations.length > 0 && home.latest > 0 && home.latest <= 5, `${home.organizations.length} organisations, ${home.latest} latest`);
          const links = [...home.types, ...home.organizations, ...home.years].map((c) => c.href);
          const bad = [];
          for (const link of links) if (!(await fetch(link)).ok) bad.push(link);
          assert(bad.length === 0, "count links that do not resolve", bad);
          return `${total} documents; ${home.types.length} types, ${home.organizations.length} organisations, ${home.years.length} years; page ${home.height} px`;
        } finally {
          await context.close();
        }
      });
    }
  }

  await check("footer: on every kind of page, in both languages, it links the data page, the about page, how to contribute, catalog.csv, catalog.json and the feed, and each resolves", async () => {
    const pages = ["", DOC, "tags/ballot/", "tags/", "timeline/", "timeline/2023/", "search/", "about/", "saved/"];
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    const bad = [];
    const seen = new Set();
    try {
      for (const lang of ["km", "en"]) {
        for (const path of pages) {
          const { page } = await open(context, url(`${lang}/${path}`));
          const links = await page.$$eval("footer .footer-links li:not([hidden]) a", (as) => as.map((a) => a.href));
          await page.close();
          const wanted = [/\/data\/$/, /\/about\/$/, /\/contribute\/$/, /\/catalog\.csv$/, /\/catalog\.json$/, /\/atom\.xml$|feed/];
          const missing = wanted.filter((w) => !links.some((l) => w.test(l)));
          if (missing.length) bad.push(`${lang}/${path}: no link matching ${missing.join(", ")} in ${links}`);
          for (const link of links) {
            if (seen.has(link)) continue;
            seen.add(link);
            const response = await fetch(link);
            if (!response.ok) bad.push(`${lang}/${path}: ${link} → ${response.status}`);
            if (link.includes("#")) {
              const id = link.split("#")[1];
              if (!(await response.text()).includes(`id="${id}"`)) bad.push(`${link}: no element #${id}`);
            }
          }
        }
      }
    } finally {
      await context.close();
    }
    assert(bad.length === 0, "", bad);
    return `${seen.size} distinct footer links resolve`;
  });

  await check("charts: a tag of documents from one year draws no chart; year labels stay apart at 390 px; Khmer charts use ៖, not \":\"", async () => {
    const context = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    const problems = [];
    try {
      const tags = await (async () => {
        const { page } = await open(context, url("en/tags/"));
        const list = await page.$$eval(".terms li a", (as) => as.map((a) => a.getAttribute("href")));
        await page.close();
        return list;
      })();
      let single = 0;
      let charted = 0;
      for (const href of tags) {
        const { page } = await open(context, new URL(href, url("")).href.replace("/en/", "/km/"));
        const seen = await page.evaluate(() => {
          const years = new Set([...document.querySelectorAll(".items time")].map((t) => t.getAttribute("datetime").slice(0, 4)));
          const labels = [...document.querySelectorAll(".chart-label")].map((t) => t.getBoundingClientRect()).map((r) => [r.left, r.right]);
          const figure = document.querySelector(".chart-figure");
          return { years: years.size, chart: Boolean(figure), labels, text: figure?.textContent ?? "", paged: Boolean(document.querySelector(".pagination")) };
        });
        await page.close();
        if (seen.years === 1 && !seen.paged) {
          single += 1;
          if (seen.chart) problems.push(`${href}: documents of one year, and a chart`);
        }
        if (seen.chart) {
          charted += 1;
          for (let i = 1; i < seen.labels.length; i++) {
            if (seen.labels[i][0] < seen.labels[i - 1][1] + 4) problems.push(`${href}: year labels ${i - 1} and ${i} are ${Math.round(seen.labels[i][0] - seen.labels[i - 1][1])} px apart`);
          }
          if (seen.text.includes(":")) problems.push(`${href}: an ASCII colon in the Khmer chart: ${seen.text.slice(0, 80)}`);
        }
      }
      const { page } = await open(context, url("km/timeline/"));
      const timeline = await page.$eval(".chart-figure", (f) => f.textContent);
      await page.close();
      if (timeline.includes(":")) problems.push("km/timeline/: an ASCII colon in the chart's legend");
      assert(single > 0 && charted > 0, `${single} tags of one year, ${charted} charts: nothing to check`);
      assert(problems.length === 0, "", problems);
      return `${single} tags of one year without a chart, ${charted} charts checked`;
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
    const env = { browser, url: site.url, origin: site.origin, subpath: SUBPATH };
    await pagesChecks(env);
    await homeFooterChartChecks(env);
  } finally {
    await browser.close();
    await site.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(summary() ? 1 : 0);
}
