// Browser tests of the built sastra site, in Debian's headless Chromium.
//
//   node tests/browser/run.mjs
//
// Builds the repository's archive (and a small hostile one) into a temporary
// folder, serves each under the subpath /sastra/ like a GitHub Pages project
// site, and checks in a real browser: the Khmer font, screenshots, axe-core
// accessibility, that no request leaves the site, page weight, the Content
// Security Policy, hostile documents, keyboard use, search and the 404 page.
// Prints one line per check and "N passed, N failed"; exits 1 on a failure.
// Screenshots go to tests/browser/artifacts/.
//
// `node tests/browser/run.mjs cls offline` runs only the named groups of
// checks (see `groups` in main); an unknown name is an error.
//
// Environment: CHROMIUM (default /usr/bin/chromium); SASTRA_BIN to use a
// built sastra binary instead of `cargo build`'s.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import {
  assert, check, describeCsp, faviconRequests, indent, launch, newContext, note, open, problems, summary, visited,
} from "./lib/harness.mjs";
import { SUBPATH, build, hostileArchive, sastraBinary, serve } from "./lib/site.mjs";
import { calendarChecks } from "./calendar.mjs";
import { aliasesChecks } from "./aliases.mjs";
import { attachmentsChecks } from "./attachments.mjs";
import { clsChecks } from "./cls.mjs";
import { contributeChecks } from "./contribute.mjs";
import { offlineChecks } from "./offline.mjs";
import { homeFooterChartChecks, pagesChecks } from "./pages.mjs";
import { searchFinalChecks } from "./search-final.mjs";
import { searchLayoutChecks } from "./search-layout.mjs";
import { timelineChecks } from "./timeline.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");
const ARTIFACTS = join(HERE, "artifacts");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
// The calendar, timeline, layout-shift, offline and attachment checks took
// it from 170 s to about 330 s on a loaded machine; the first-screen, home,
// footer and chart checks (pages.mjs) add about 60 s, layout shift on every
// kind of page with two sets of fonts about 60 s more.
const DEADLINE_MS = 540_000;

// ---- the pages under test ---------------------------------------------------

const DOC = "announcements/2023-06-22-identification-documents-application/";
const PAGES = {
  kmHome: "km/",
  enHome: "en/",
  kmDoc: `km/${DOC}`,
  enDoc: `en/${DOC}`,
  report: "en/reports/anfrel-2017-commune-sangkat-elections-report/",
  kmTimeline: "km/timeline/",
  kmTimelineYear: "km/timeline/2023/",
  kmContribute: "km/contribute/",
};
// Search: queries, and a document each must find.
const BALLOT_DOC = "announcements/2023-05-29-ballot-order-draw-results/";
const EN_QUERY = "ballot";
const KM_QUERY = "សន្លឹកឆ្នោត";
const RESULT = "#search-list > li"; // one search result
// Home, a document, a tag page, the timeline (overview and a year) and
// search, in both languages.
const AUDITED = ["km", "en"].flatMap((l) => [
  `${l}/`,
  `${l}/${DOC}`,
  `${l}/tags/ballot/`,
  `${l}/timeline/`,
  `${l}/timeline/2023/`,
  `${l}/search/`,
  `${l}/search/?q=${encodeURIComponent(l === "km" ? KM_QUERY : EN_QUERY)}`,
  `${l}/contribute/`,
]);

const KHMER = /[\u1780-\u17ff\u19e0-\u19ff]/;
const IN_KHMER_FONT_RANGE = /[\u1780-\u17ff\u19e0-\u19ff\u200c\u200d\u25cc]/u;
const KHMER_FONT_FILE = /\/assets\/[0-9a-f]+\/fonts\/[^/]*khmer[^/]*\.woff2$/i;
const DEFAULT_LANGUAGE = /^default_language\s*=\s*"([^"]+)"/m.exec(readFileSync(join(REPO, "site.toml"), "utf8"))[1];

// ---- helpers ----------------------------------------------------------------

/** The fonts Chromium really drew an element's own text with (DevTools protocol). */
async function platformFonts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector });
    assert(nodeId, `no element matches ${selector}`);
    return (await cdp.send("CSS.getPlatformFontsForNode", { nodeId })).fonts;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Asserts an element's Khmer text is drawn in the self-hosted Noto Sans Khmer, none in a fallback. */
async function assertKhmerFont(page, selector) {
  const text = await page.$eval(selector, (el) =>
    [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join(""));
  assert(KHMER.test(text), `${selector} has no Khmer text of its own: ${JSON.stringify(text.slice(0, 80))}`);
  const fonts = await platformFonts(page, selector);
  const shown = fonts.map((f) => `${f.familyName}${f.isCustomFont ? " (web font)" : ""}: ${f.glyphCount} glyphs`);
  const noto = fonts.find((f) => f.familyName === "Noto Sans Khmer" && f.isCustomFont);
  assert(noto && noto.glyphCount > 0, `${selector}: Khmer text not drawn in the web font Noto Sans Khmer`, shown);
  // Whatever other fonts drew can only be the characters outside the Khmer
  // face's unicode-range (spaces, Latin, punctuation): else Khmer fell back.
  const nonKhmer = [...text].filter((c) => !IN_KHMER_FONT_RANGE.test(c)).length;
  const others = fonts.filter((f) => f !== noto).reduce((n, f) => n + f.glyphCount, 0);
  assert(others <= nonKhmer, `${selector}: ${others} glyphs drawn in other fonts, but only ${nonKhmer} non-Khmer characters`, shown);
  return `${selector}: ${shown.join(", ")}`;
}

async function fontFaces(page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].map((f) => ({ family: f.family.replace(/["']/g, ""), weight: f.weight, status: f.status }));
  });
}

/** Elements whose own text holds Khmer, as "tag.class: text". */
function khmerTextOn(page) {
  return page.evaluate(() => {
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const n = walk.currentNode;
      if (/[\u1780-\u17ff]/.test(n.data)) {
        const el = n.parentElement;
        out.push(`<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ""}${el.lang ? ` lang="${el.lang}"` : ""}> in ${el.closest("[class]")?.className || "body"}: ${n.data.trim().slice(0, 60)}`);
      }
    }
    return out;
  });
}

/**
 * Layout faults a screenshot may hide: parts of the header overlapping each
 * other, and text clipped by an element that hides its overflow.
 */
function layoutProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const name = (el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ""}>`;
    const parts = [...document.querySelectorAll(".site-name, .languages li, .main-nav li, .header-search")];
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i].getBoundingClientRect();
        const b = parts[j].getBoundingClientRect();
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
        if (overlap && !parts[i].contains(parts[j])) out.push(`${name(parts[i])} overlaps ${name(parts[j])}: "${parts[i].textContent.trim().slice(0, 30)}" / "${parts[j].textContent.trim().slice(0, 30)}"`);
      }
    }
    for (const el of document.body.querySelectorAll("*")) {
      const s = getComputedStyle(el);
      if (!/hidden|clip/.test(s.overflowX + s.overflowY) || el.matches(".visually-hidden, .skip-link") || !el.textContent.trim()) continue;
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        out.push(`${name(el)} clips its text (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}): "${el.textContent.trim().slice(0, 40)}"`);
      }
    }
    return out;
  });
}

/** Runs axe-core on the page; returns its violations. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { violations } = await window.axe.run(document, { resultTypes: ["violations"] });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 160), why: n.failureSummary })),
    }));
  });
}

function describeViolations(violations) {
  return violations.flatMap((v) => [
    `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})`,
    ...v.nodes.slice(0, 5).map((n) => `    ${n.target}  ${n.html}\n      ${(n.why || "").replace(/\n/g, " ")}`),
  ]);
}

/** Same-origin links and assets of a page: [attribute value, absolute URL]. */
function referencesOn(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("a[href], link[href], script[src], img[src], form[action]")]
      .map((el) => {
        const raw = el.getAttribute(el.matches("a, link") ? "href" : el.matches("form") ? "action" : "src");
        return [raw, new URL(raw, document.baseURI).href];
      })
      .filter(([, url]) => url.startsWith(location.origin)));
}

async function hrefs(page) {
  return page.$$eval(RESULT, (lis) => lis.map((li) => li.querySelector("a[href]")?.getAttribute("href")));
}

/** Waits until the search results hold `href` and the list has settled. */
async function waitForResult(page, href) {
  await page.waitForSelector(`#search-list a[href="${href}"]`, { timeout: 10_000 }).catch(async () => {
    const status = await page.$eval("#search-status", (s) => s.textContent).catch(() => "(no #search-status)");
    const js = existsSync(join(REPO, "themes/default/static/js/search.js"));
    throw new Error(`no search result linking ${href} within 10 s; status: ${JSON.stringify(status)}; results: ` +
      `${JSON.stringify(await hrefs(page).catch(() => []))}${js ? "" : "\n  themes/default/static/js/search.js does not exist"}`);
  });
  await settleList(page);
}

/** Waits until the result list stops changing. */
async function settleList(page) {
  let last = "";
  for (let i = 0; i < 20; i++) {
    const now = JSON.stringify(await hrefs(page)) + (await page.$eval("#search-status", (s) => s.textContent));
    if (now === last) return;
    last = now;
    await page.waitForTimeout(250);
  }
}

async function marksIn(page, href) {
  return page.$$eval(`${RESULT}:has(a[href="${href}"]) mark`, (ms) => ms.map((m) => m.textContent));
}

// ---- the checks -------------------------------------------------------------

// 1. Khmer renders in the self-hosted Khmer font.
async function fontChecks(env) {
  const { site, url, desktop, tmp } = env;
  for (const [path, selectors] of [
    [PAGES.kmHome, [".site-name", "main h1", ".item-title a"]],
    [PAGES.kmDoc, ["main h1", ".document-kind a", ".body p"]],
  ]) {
    const { page } = await open(desktop, url(path));
    for (const selector of selectors) {
      await check(`font: ${path} ${selector} is drawn in Noto Sans Khmer`, () => assertKhmerFont(page, selector));
    }
    await check(`font: ${path} document.fonts has Noto Sans Khmer loaded`, async () => {
      const faces = await fontFaces(page);
      const loaded = faces.filter((f) => f.family === "Noto Sans Khmer Web" && f.status === "loaded");
      assert(loaded.length > 0, "no loaded Noto Sans Khmer face", faces.map((f) => `${f.family} ${f.weight}: ${f.status}`));
      return `weights ${loaded.map((f) => f.weight).join(", ")}`;
    });
    await page.close();
  }
  await check(`font: an English page (${PAGES.enDoc}) downloads no Khmer font, though it shows a few Khmer words`, async () => {
    const { page, record } = await open(desktop, url(PAGES.enDoc));
    const khmer = await khmerTextOn(page);
    await page.close();
    // The language switch "ខ្មែរ" and the date written the Khmer way are drawn
    // with the reader's own Khmer font (every phone has one): English readers
    // never pay for the web font.
    assert(khmer.length > 0, "the English page no longer shows any Khmer words; this check tests nothing");
    const fonts = record.requests.filter((u) => KHMER_FONT_FILE.test(new URL(u).pathname));
    assert(fonts.length === 0, `requested ${fonts.join(", ")}`);
    return `${khmer.length} Khmer fragments, no Khmer font requested`;
  });
}

// 2. Screenshots, desktop and mobile; no sideways scrolling, overlapping
// header parts or clipped text.
async function screenshotChecks(env) {
  const { browser, url, desktop } = env;
  const mobile = await newContext(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  for (const [name, path] of Object.entries(PAGES)) {
    for (const [device, context] of [["desktop", desktop], ["mobile", mobile]]) {
      await check(`screenshot: ${name} ${device} (${path})`, async () => {
        const { page } = await open(context, url(path));
        const file = join(ARTIFACTS, `${name}-${device}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth <= width) return [];
          return [...document.body.querySelectorAll("*")]
            .filter((el) => el.getBoundingClientRect().right > width + 1 &&
              !(el.parentElement.getBoundingClientRect().right > width + 1))
            .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> right edge at ${Math.round(el.getBoundingClientRect().right)}px`);
        });
        const layout = await layoutProblems(page);
        await page.close();
        assert(overflow.length === 0, `the page scrolls sideways at this width; wider than the viewport:`, overflow.slice(0, 8));
        assert(layout.length === 0, "layout problems", layout);
        return file.slice(REPO.length + 1);
      });
    }
  }
  await mobile.close();
}

// 3, 4, 6. Each audited page: requests stay on the site, nothing fails,
// no console or page errors, no CSP violations, no serious axe-core violations.
async function auditChecks(env) {
  const { site, url, desktop, clean } = env;
  const references = new Map(); // absolute URL → page it is on
  for (const path of AUDITED) {
    const { page, record } = await open(desktop, url(path));
    if (path.includes("?q=")) await page.waitForSelector(RESULT, { timeout: 10_000 }).catch(() => {});
    await page.waitForTimeout(200);
    await check(`requests/console/CSP: ${path}`, () => {
      const found = clean(record);
      assert(found.length === 0, `${found.length} problem(s)`, found);
      return `${record.requests.length} requests, all to ${site.origin}${SUBPATH}`;
    });
    for (const [raw, absolute] of await referencesOn(page)) {
      if (!references.has(absolute)) references.set(absolute, { raw, path });
    }
    for (const scheme of ["light", "dark"]) {
      await check(`axe (${scheme}): ${path}`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        const violations = await axe(page);
        const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        const minor = violations.filter((v) => !serious.includes(v));
        assert(serious.length === 0, `${serious.length} serious/critical violation(s)`,
          [...describeViolations(serious), ...minor.map((v) => `(also ${v.impact}: ${v.id})`)]);
        return minor.length ? `minor/moderate only: ${minor.map((v) => `${v.id} (${v.impact})`).join(", ")}` : "no violations";
      });
    }
    await page.close();
  }

  // Links and assets honour the subpath and resolve.
  await check(`links: every same-origin link and asset on the audited pages is under ${SUBPATH} and resolves`, async () => {
    const bad = [];
    for (const [absolute, { raw, path }] of references) {
      const u = new URL(absolute);
      if (!u.pathname.startsWith(SUBPATH)) bad.push(`${raw} on ${path}: outside ${SUBPATH}`);
      else {
        const status = (await fetch(absolute.split("#")[0], { redirect: "manual" })).status;
        if (status !== 200) bad.push(`${raw} on ${path}: HTTP ${status}`);
      }
    }
    assert(bad.length === 0, `${bad.length} broken reference(s)`, bad);
    return `${references.size} URLs checked`;
  });
}

// 5. Page weight of a document: HTML + CSS + JS, gzip-compressed.
async function weightChecks(env) {
  const { url, desktop } = env;
  for (const path of [PAGES.kmDoc, PAGES.enDoc]) {
    await check(`page weight: ${path} HTML+CSS+JS under 30 KB gzipped`, async () => {
      const { page, record } = await open(desktop, url(path));
      const parts = [];
      for (const r of record.responses) {
        if (!["document", "stylesheet", "script"].includes(r.request().resourceType())) continue;
        const body = await r.body();
        parts.push({ url: new URL(r.url()).pathname, raw: body.length, gz: gzipSync(body, { level: 9 }).length });
      }
      await page.close();
      const total = parts.reduce((n, p) => n + p.gz, 0);
      const lines = parts.map((p) => `${p.url}: ${p.raw} B raw, ${p.gz} B gzipped`);
      assert(total < 30 * 1024, `${total} B gzipped is over 30 KB`, lines);
      return `${(total / 1024).toFixed(1)} KB gzipped (${total} B):\n${indent(lines.join("\n"))}`;
    });
  }
}

// 8. Keyboard: the skip link, then #main; visible focus.
async function keyboardChecks(env) {
  const { url, desktop } = env;
  await check(`keyboard: Tab focuses a visible skip link, Enter moves focus to #main (${PAGES.enDoc})`, async () => {
    const { page } = await open(desktop, url(PAGES.enDoc));
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return {
        isSkip: el.matches(".skip-link"), html: el.outerHTML.slice(0, 100), href: el.getAttribute("href"),
        visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight &&
          s.visibility !== "hidden" && s.opacity !== "0" && s.clipPath === "none",
        rect: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`,
        outline: `${s.outlineStyle} ${s.outlineWidth}`,
      };
    });
    assert(skip.isSkip, `the first Tab focused ${skip.html}, not the skip link`);
    assert(skip.visible, `the focused skip link is not visible: at ${skip.rect}`);
    assert(skip.href === "#main", `the skip link points to ${skip.href}`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main", null, { timeout: 2_000 }).catch(() => {});
    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
    await page.close();
    assert(focused.startsWith('<main id="main"'), `after Enter the focus is on ${focused}, not #main`);
    return `skip link at ${skip.rect}, outline ${skip.outline}`;
  });
  await check(`keyboard: a link focused from the keyboard has a visible outline (${PAGES.enDoc})`, async () => {
    const { page } = await open(desktop, url(PAGES.enDoc));
    const seen = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        return { tag: el.tagName, text: el.textContent.trim().slice(0, 30), style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
      });
      seen.push(f);
    }
    await page.close();
    const links = seen.filter((f) => f.tag === "A");
    assert(links.length > 0, "Tab reached no link", seen.map((f) => `${f.tag} ${f.text}`));
    const invisible = links.filter((f) => f.style === "none" || !(f.width > 0));
    assert(invisible.length === 0, "focused link(s) without an outline", invisible.map((f) => `${f.text}: ${f.style} ${f.width}px`));
    return `${links.length} links: ${[...new Set(links.map((f) => `${f.style} ${f.width}px ${f.color}`))].join("; ")}`;
  });
}

// 9. Search.
async function searchChecks(env) {
  const { site, url, desktop, tmp, clean } = env;
  await check("search: the search scripts are built into the site", () => {
    const assets = join(tmp, "site/sastra/assets", readdirSync(join(tmp, "site/sastra/assets"))[0], "js");
    const missing = ["search.js", "search-engine.js", "tokenize.js"].filter((f) => !existsSync(join(assets, f)));
    assert(missing.length === 0, `missing from assets/js: ${missing.join(", ")} ` +
      `(themes/default/static/js/search.js ${existsSync(join(REPO, "themes/default/static/js/search.js")) ? "exists" : "does not exist"})`);
  });
  {
    const { page, record } = await open(desktop, url("en/search/"));
    const expected = `${SUBPATH}en/${BALLOT_DOC}`;
    let narrowed = [];
    await check(`search: typing "${EN_QUERY}" on /sastra/en/search/ lists ${expected} with the word in <mark>`, async () => {
      await page.locator("#q").pressSequentially(EN_QUERY, { delay: 40 });
      await waitForResult(page, expected);
      const marks = await marksIn(page, expected);
      assert(marks.some((m) => m.toLowerCase().includes(EN_QUERY)), `no <mark> holding "${EN_QUERY}" in that result; marks: ${JSON.stringify(marks)}`);
      assert(page.url().includes(`q=${EN_QUERY}`), `the URL does not hold the query: ${page.url()}`);
      return `${(await hrefs(page)).length} results, marks ${JSON.stringify(marks.slice(0, 4))}`;
    });
    await check("search: ticking the organisation filter NEC narrows the results", async () => {
      const before = await hrefs(page);
      const box = page.locator('#search-filters [data-facet="organization"] input[value="nec"]');
      if (!(await page.$eval("#search-filters", (d) => d.open).catch(() => true))) await page.click("#search-filters summary");
      await box.check({ timeout: 5_000 });
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length !== n, [RESULT, before.length], { timeout: 5_000 })
        .catch(() => {});
      await settleList(page);
      narrowed = await hrefs(page);
      assert(narrowed.length > 0 && narrowed.length < before.length, `results went from ${before.length} to ${narrowed.length}`);
      assert(narrowed.every((h) => before.includes(h)), "the filtered results are not a subset of the unfiltered ones", narrowed);
      const orgs = await page.$$eval(`${RESULT} .item-meta`, (ps) => ps.map((p) => p.textContent));
      const notNec = orgs.filter((o) => !o.includes("National Election Committee"));
      assert(notNec.length === 0, "results not from the NEC remain", notNec);
      assert(/[?&]org=nec(&|$)/.test(page.url()), `the URL does not hold the filter: ${page.url()}`);
      return `${before.length} → ${narrowed.length} results`;
    });
    await check("search: reloading the URL (?q=…&org=…) shows the same results", async () => {
      const address = page.url();
      assert(address.includes("?q="), `the URL has no ?q=: ${address}`);
      await page.reload({ waitUntil: "load" });
      await waitForResult(page, expected);
      const again = await hrefs(page);
      assert(JSON.stringify(again) === JSON.stringify(narrowed), "different results after reloading",
        [`before: ${JSON.stringify(narrowed)}`, `after:  ${JSON.stringify(again)}`]);
      assert((await page.inputValue("#q")) === EN_QUERY, "the search box lost the query");
      assert(await page.isChecked('#search-filters [data-facet="organization"] input[value="nec"]'), "the NEC filter is no longer ticked");
      return `${again.length} results at ${address.slice(site.origin.length)}`;
    });
    await check("search: with the other language ticked, a document found in both is listed once, in English", async () => {
      const alone = await hrefs(page);
      // The other language is among the folded filters.
      if (!(await page.$eval("#search-filters", (d) => d.open))) await page.click("#search-filters summary");
      await page.check("#search-all");
      await page.waitForFunction(() => /[?&]all=1(&|$)/.test(location.search), null, { timeout: 5_000 });
      await settleList(page);
      const both = await hrefs(page);
      // Every sample document exists in both languages.
      assert(JSON.stringify(both) === JSON.stringify(alone), "the results changed", [`alone: ${JSON.stringify(alone)}`, `both:  ${JSON.stringify(both)}`]);
      await page.uncheck("#search-all");
      await settleList(page);
      return `${both.length} results either way`;
    });
    await check("search: /sastra/en/search/ had no errors, failed requests or CSP violations", () => {
      const found = clean(record);
      assert(found.length === 0, `${found.length} problem(s)`, found);
    });
    await page.close();
  }
  {
    const { page, record } = await open(desktop, url("km/search/"));
    const expected = `${SUBPATH}km/${BALLOT_DOC}`;
    await check(`search: typing "${KM_QUERY}" on /sastra/km/search/ lists ${expected} with the word in <mark>`, async () => {
      await page.locator("#q").pressSequentially(KM_QUERY, { delay: 40 });
      await waitForResult(page, expected);
      const marks = await marksIn(page, expected);
      assert(marks.some((m) => m.includes(KM_QUERY)), `no <mark> holding ${KM_QUERY} in that result; marks: ${JSON.stringify(marks)}`);
      return `${(await hrefs(page)).length} results, marks ${JSON.stringify(marks.slice(0, 4))}`;
    });
    await check("search: ticking the type filter Report narrows the Khmer results", async () => {
      const before = await hrefs(page);
      if (!(await page.$eval("#search-filters", (d) => d.open).catch(() => true))) await page.click("#search-filters summary");
      await page.locator('#search-filters [data-facet="type"] input[value="report"]').check({ timeout: 5_000 });
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length !== n, [RESULT, before.length], { timeout: 5_000 })
        .catch(() => {});
      await settleList(page);
      const after = await hrefs(page);
      assert(after.length > 0 && after.length < before.length, `results went from ${before.length} to ${after.length}`);
      assert(after.every((h) => h.startsWith(`${SUBPATH}km/reports/`)), "non-reports remain", after);
      assert(/[?&]type=report(&|$)/.test(page.url()), `the URL does not hold the filter: ${page.url()}`);
      return `${before.length} → ${after.length} results`;
    });
    await check("search: /sastra/km/search/ had no errors, failed requests or CSP violations", () => {
      const found = clean(record);
      assert(found.length === 0, `${found.length} problem(s)`, found);
    });
    await page.close();
  }
  for (const [lang, query] of [["en", EN_QUERY], ["km", KM_QUERY]]) {
    await check(`search: the header search box on /sastra/${lang}/${DOC} (type + Enter) lands on results`, async () => {
      const { page, record } = await open(desktop, url(`${lang}/${DOC}`));
      await page.locator("#header-q").pressSequentially(query, { delay: 20 });
      await Promise.all([page.waitForURL(/\/search\/\?q=/, { timeout: 5_000 }), page.keyboard.press("Enter")]);
      const landed = page.url();
      assert(landed.startsWith(url(`${lang}/search/?q=`)), `landed on ${landed}`);
      await waitForResult(page, `${SUBPATH}${lang}/${BALLOT_DOC}`);
      assert((await page.inputValue("#q")) === query, "the search page's box does not hold the query");
      const found = clean(record);
      await page.close();
      assert(found.length === 0, `${found.length} problem(s)`, found);
      return `${landed.slice(site.origin.length)}`;
    });
  }
}

// 10. The 404 page.
async function notFoundChecks(env) {
  const { site, url, desktop, tmp, clean } = env;
  await check(`404: a missing page under ${SUBPATH} answers 404 with the site's 404 page (lang="${DEFAULT_LANGUAGE}")`, async () => {
    const missing = url("en/no/such/page/");
    const { page, record, response } = await open(desktop, missing);
    record.expected404.add(missing);
    const info = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      h1: document.querySelector("main h1")?.textContent,
      body: document.body.className,
      styled: getComputedStyle(document.querySelector(".site-header") || document.body).borderBottomStyle,
    }));
    const found = clean(record);
    await page.close();
    const expected = readFileSync(join(tmp, "site/sastra/404.html"), "utf8");
    assert(response.status() === 404, `HTTP ${response.status()}`);
    assert(info.lang === DEFAULT_LANGUAGE, `<html lang="${info.lang}">, expected "${DEFAULT_LANGUAGE}"`);
    assert(info.h1 && expected.includes(`<h1>${info.h1}</h1>`), `the heading ${JSON.stringify(info.h1)} is not the site's 404 page's`);
    assert(info.styled === "solid", "the 404 page is unstyled at a deep address (its stylesheet did not load)");
    assert(found.length === 0, `${found.length} problem(s)`, found);
    return `HTTP 404, lang="${info.lang}", "${info.h1}"`;
  });
}

// 6 (again), 4 (again): every page any check above opened.
async function wholeRunChecks(env) {
  const { site, clean } = env;
  await check(`CSP: no violation on any of the ${visited.length} pages visited`, () => {
    const all = visited.flatMap((r) => r.csp.map(describeCsp));
    assert(all.length === 0, `${all.length} violation(s)`, all);
  });
  await check(`requests: nothing external, failed or ≥ 400 on any of the ${visited.length} pages visited`, () => {
    const all = visited.flatMap((r) => clean(r).map((p) => `${r.url.slice(site.origin.length)}: ${p}`));
    assert(all.length === 0, `${all.length} problem(s)`, all);
  });
  const favicon = faviconRequests(visited);
  if (favicon.length) {
    note(`Chromium asked for ${site.origin}/favicon.ico (outside ${SUBPATH}, 404) on ${favicon.length} page(s), ` +
      `e.g. ${favicon[0].slice(site.origin.length)}: the pages declare no icon of their own`);
  }
}

// 7. Hostile documents run no script.
async function hostileChecks(env) {
  const { browser, servers, site, tmp, bin } = env;
  const hostileVisits = visited.length;
  const hostile = await serve(join(tmp, "hostile-site"));
  servers.push(hostile);
  const started = Date.now();
  const archive = hostileArchive(REPO, join(tmp, "hostile"), ["script-title.en.md", "script-body.en.md"]);
  build({ bin, root: archive, output: join(tmp, "hostile-site/sastra"), baseUrl: hostile.url() });
  console.log(`# built the hostile archive (${Date.now() - started} ms), serving ${hostile.url()}`);
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  for (const path of ["en/hostile/script-title/", "en/hostile/script-body/", "en/", "en/tags/ballot/", "en/types/announcement/",
    "en/timeline/", "en/search/?q=script"]) {
    await check(`hostile: ${path} runs no script`, async () => {
      const { page, record } = await open(context, hostile.url(path));
      await page.waitForTimeout(300);
      const pwned = () => page.evaluate(() => window.__pwned);
      assert((await pwned()) === undefined, `window.__pwned = ${await pwned()} after loading`);
      // Nothing executable may reach the DOM.
      const dangers = await page.evaluate((origin) => {
        const out = [];
        for (const s of document.scripts) {
          // A JSON-LD data block is never run; its text must not hold the
          // characters that could end it or open markup.
          if (s.type === "application/ld+json" && !s.src) {
            if (/[<>&]/.test(s.textContent)) out.push(`ld+json with markup characters: ${s.textContent.slice(0, 80)}`);
            continue;
          }
          if (!s.src.startsWith(`${origin}/sastra/assets/`)) out.push(`script: ${s.outerHTML.slice(0, 80)}`);
        }
        for (const el of document.querySelectorAll("*")) {
          for (const a of el.attributes) {
            if (/^on/i.test(a.name)) out.push(`${a.name} on <${el.tagName.toLowerCase()}>`);
            if (/^\s*javascript:/i.test(a.value)) out.push(`${a.name}="${a.value}" on <${el.tagName.toLowerCase()}>`);
          }
        }
        for (const el of document.querySelectorAll("iframe, object, embed, frame")) out.push(`<${el.tagName.toLowerCase()}>`);
        return out;
      }, hostile.origin);
      assert(dangers.length === 0, "executable markup in the page", dangers);
      // Click everything clickable in a document body.
      const clickable = ".body a, .body div, .body img";
      let clicked = 0;
      for (let i = 0; i < (await page.$$(clickable)).length; i++) {
        const target = (await page.$$(clickable))[i];
        if (await target?.click({ timeout: 1_000, noWaitAfter: true }).then(() => true, () => false)) clicked++;
        await page.waitForTimeout(150);
        if (!page.url().startsWith(hostile.url(path))) await page.goBack().catch(() => {});
        assert((await pwned()) === undefined, `window.__pwned = ${await pwned()} after clicking`);
      }
      if (path.includes("search")) {
        await page.waitForSelector(RESULT, { timeout: 10_000 });
        assert((await pwned()) === undefined, `window.__pwned = ${await pwned()} after the search results`);
      }
      if (path === "en/hostile/script-title/") {
        const h1 = await page.$eval("main h1", (h) => h.textContent);
        assert(h1.includes("<script>window.__pwned = 1</script>"), `the hostile title is not shown as text: ${JSON.stringify(h1)}`);
      }
      await page.close();
      const csp = record.csp.map(describeCsp);
      assert(csp.length === 0, "CSP violations (an own script broke the CSP, or hostile markup reached the page)", csp);
      return clicked ? `clicked ${clicked} elements of the body` : undefined;
    });
  }
  await check("hostile: no console or page errors from the site's own scripts", () => {
    const all = visited.slice(hostileVisits).flatMap((r) => [...r.errors, ...r.console.filter((c) => !/404|Not Found/i.test(c))]
      .map((p) => `${r.url.slice(hostile.origin.length)}: ${p}`));
    assert(all.length === 0, `${all.length} problem(s)`, all);
  });
  await context.close();
}

/** Fails the run if the checks (not counting the first build) take too long. */
function startDeadline() {
  setTimeout(() => {
    console.log(`FAIL  the browser tests took longer than ${DEADLINE_MS / 1000} s`);
    summary();
    process.exit(1);
  }, DEADLINE_MS).unref();
}

// ---- the run ----------------------------------------------------------------

const ONLY = process.argv.slice(2);

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), "sastra-browser-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  const servers = [];
  const browser = await launch();
  try {
    // The sample archive, under /sastra/ on a free port.
    const site = await serve(join(tmp, "site"));
    servers.push(site);
    const started = Date.now();
    const bin = sastraBinary(REPO);
    console.log(`# ${bin.startsWith(REPO) ? bin.slice(REPO.length + 1) : bin} ready (${Date.now() - started} ms)`);
    const built = build({ bin, root: REPO, output: join(tmp, "site/sastra"), baseUrl: site.url() });
    console.log(`# ${built.split("\n").pop()}, serving ${site.url()}`);
    startDeadline();

    const env = {
      browser,
      repo: REPO,
      servers,
      tmp,
      bin,
      site,
      url: site.url, // path under /sastra/ → absolute URL
      desktop: await newContext(browser, { viewport: { width: 1280, height: 900 } }),
      clean: (record) => problems(record, site.origin, SUBPATH), // what went wrong on a page
    };
    const groups = {
      font: fontChecks, // 1
      screenshots: screenshotChecks, // 2
      audit: auditChecks, // 3, 4, 6
      weight: weightChecks, // 5
      keyboard: keyboardChecks, // 8
      search: searchChecks, // 9
      "search-final": (e) => searchFinalChecks({ ...e, artifacts: ARTIFACTS }),
      "search-layout": (e) => searchLayoutChecks({ ...e, artifacts: ARTIFACTS }),
      "not-found": notFoundChecks, // 10
      calendar: (e) => calendarChecks({ ...e, artifacts: ARTIFACTS }),
      timeline: timelineChecks,
      cls: clsChecks,
      pages: pagesChecks,
      "home-footer-chart": homeFooterChartChecks,
      "whole-run": wholeRunChecks, // 4, 6 on every page visited
      hostile: hostileChecks, // 7
      attachments: attachmentsChecks,
      aliases: aliasesChecks,
      offline: (e) => offlineChecks({ ...e, artifacts: ARTIFACTS }), // issues 18, 24
      contribute: (e) => contributeChecks({ ...e, artifacts: ARTIFACTS }), // issue 26
    };
    const unknown = ONLY.filter((name) => !(name in groups));
    if (unknown.length) throw new Error(`no such group of checks: ${unknown.join(", ")} (groups: ${Object.keys(groups).join(", ")})`);
    for (const [name, run] of Object.entries(groups)) {
      if (ONLY.length === 0 || ONLY.includes(name)) await run(env);
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main()
  .catch((error) => check("the browser tests ran to the end", () => { throw error; }))
  .then(() => {
    const failed = summary();
    process.exit(failed ? 1 : 0);
  });
