// The timeline's charts in a real browser: drawn, linked, readable at
// phone and desktop widths, in light and dark mode and in print, and light
// to send. Screenshots go to tests/browser/artifacts/timeline-*.png.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { assert, check, newContext, open } from "./lib/harness.mjs";

// A tag whose documents span years: one of a single year (ballot, all 2023)
// has no chart.
const CHARTED = ["km/timeline/", "en/timeline/", "en/timeline/2023/", "km/tags/observers/", "en/organizations/comfrel/"];
// Screenshots: the overview in Khmer, a year, a tag and an organisation.
const SHOWN = CHARTED.filter((p) => p !== "en/timeline/");
const MAX_GAIN = 8 * 1024;
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "artifacts");

/** What the chart of the open page looks like to a reader. */
function chartInfo(page) {
  return page.evaluate(() => {
    const svg = document.querySelector("svg.chart");
    if (!svg) return null;
    const box = svg.getBoundingClientRect();
    const day = svg.querySelector(".bar-day, .bar-year");
    return {
      width: box.width,
      height: box.height,
      right: box.right,
      viewport: document.documentElement.clientWidth,
      viewBox: svg.getAttribute("viewBox"),
      fixedSize: svg.hasAttribute("width") || svg.hasAttribute("height"),
      links: [...svg.querySelectorAll("a")].map((a) => a.href.baseVal ?? a.getAttribute("href")),
      barFill: day ? getComputedStyle(day).fill + " / " + getComputedStyle(day).stroke : null,
      background: getComputedStyle(document.documentElement).backgroundColor,
      months: document.querySelectorAll(".timeline-months li").length,
      tableRows: document.querySelectorAll(".chart-table tbody tr").length,
    };
  });
}

export async function timelineChecks(env) {
  const { browser, url, desktop } = env;
  const phone = { light: await newContext(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, colorScheme: "light" }),
    dark: await newContext(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, colorScheme: "dark" }) };
  const wide = { light: desktop, dark: await newContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: "dark" }) };

  for (const lang of ["km", "en"]) {
    await check(`timeline: /${lang}/timeline/ charts a bar for each month listed, each linking to a heading of its year's page`, async () => {
      const { page } = await open(desktop, url(`${lang}/timeline/`));
      const info = await chartInfo(page);
      await page.close();
      assert(info, "no svg.chart on the page");
      assert(info.links.length === info.months && info.months > 0, `${info.links.length} linked bars, ${info.months} months listed`);
      assert(info.tableRows === info.months, `the table has ${info.tableRows} rows for ${info.months} months`);
      const broken = [];
      for (const href of info.links) {
        const target = new URL(href, url(""));
        if (!target.pathname.startsWith(new URL(url("")).pathname)) broken.push(`${href}: outside the site's path`);
        const response = await fetch(target);
        const html = await response.text();
        if (response.status !== 200) broken.push(`${href}: HTTP ${response.status}`);
        else if (!html.includes(`id="${target.hash.slice(1)}"`)) broken.push(`${href}: no element ${target.hash}`);
      }
      assert(broken.length === 0, "links that lead nowhere", broken);
      return `${info.links.length} bars`;
    });
  }

  for (const path of SHOWN) {
    for (const [device, contexts] of [["phone", phone], ["desktop", wide]]) {
      for (const scheme of ["light", "dark"]) {
        await check(`timeline: chart of ${path} fits and is drawn (${device}, ${scheme})`, async () => {
          const { page } = await open(contexts[scheme], url(path));
          const info = await chartInfo(page);
          const file = join(ARTIFACTS, `timeline-${path.replace(/\W+/g, "-")}${device}-${scheme}.png`);
          await page.locator(".chart-figure").screenshot({ path: file });
          await page.close();
          assert(info && info.width > 200 && info.height > 40, `chart ${info?.width}×${info?.height}`);
          assert(info.viewBox && !info.fixedSize, "the chart must scale by its viewBox, without a fixed width or height");
          assert(info.right <= info.viewport + 1, `the chart overflows: right edge ${info.right} of ${info.viewport}`);
          return `${Math.round(info.width)}×${Math.round(info.height)}, bars ${info.barFill} on ${info.background}`;
        });
      }
    }
  }

  await check("timeline: bars are recoloured for dark mode and for print", async () => {
    const fills = {};
    for (const scheme of ["light", "dark"]) {
      const { page } = await open(wide[scheme], url("en/timeline/"));
      fills[scheme] = (await chartInfo(page)).barFill;
      if (scheme === "light") {
        await page.emulateMedia({ media: "print" });
        fills.print = (await chartInfo(page)).barFill;
        const printed = await chartInfo(page);
        assert(printed.width > 200, "the chart is not printed");
      }
      await page.close();
    }
    assert(fills.light !== fills.dark, `the same colours in light and dark mode: ${fills.light}`);
    assert(fills.print.startsWith("rgb(0, 0, 0)"), `print draws bars in ${fills.print}, not black`);
    return JSON.stringify(fills);
  });

  await check(`timeline: each chart adds at most ${MAX_GAIN / 1024} KB gzipped to its page`, async () => {
    const lines = [];
    for (const path of CHARTED) {
      const html = await (await fetch(url(path))).text();
      const without = html.replace(/<figure class="chart-figure">[\s\S]*?<\/figure>/, "");
      assert(without !== html, `${path} has no chart figure`);
      const gain = gzipSync(html, { level: 9 }).length - gzipSync(without, { level: 9 }).length;
      lines.push(`${path}: +${gain} B gzipped`);
      assert(gain <= MAX_GAIN, `${path}: the chart adds ${gain} B gzipped`, lines);
    }
    return lines.join(", ");
  });

  for (const c of [phone.light, phone.dark, wide.dark]) await c.close();
}
