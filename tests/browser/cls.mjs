// Layout shift and largest paint on a phone's slow link: the Khmer web font
// must not move the text when it arrives.
//
// Each page is opened in a fresh, cache-less context with the network of a
// fair provincial mobile link (1.6 Mbit/s down, 150 ms round trip) and the
// CPU slowed 4×, from a server that sends text gzipped as real hosts do.
// Cumulative Layout Shift is counted the way Chromium's Web Vitals count it
// (the worst session window of shifts not caused by input); a page fails
// above MAX_CLS.
//
// Two sets of fonts. A device whose Khmer font is not ours, or none: the
// browser runs with a fontconfig that hides the machine's Khmer fonts. And
// the machine's own fonts as they are: with the QA kit's (fonts-khmeros and
// fonts-noto-core, ../shared/qa/install.sh) that is Khmer OS as the
// fallback and Noto Sans Khmer installed, the very family the site serves;
// set FONTCONFIG_FILE to a config naming those fonts where they are not
// installed system-wide. Every page kind is measured in both languages as
// it comes, and with the font files held back 1.5 s, as on a lossy link,
// so that the font surely arrives after the first paint.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { chromium } from "playwright-core";

import { CHROMIUM, assert, check } from "./lib/harness.mjs";
import { serve } from "./lib/site.mjs";

export const MAX_CLS = 0.05;
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const SLOW_LINK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
export const CPU_SLOWDOWN = 4;

const DOC = "announcements/2023-06-22-identification-documents-application/";
// Every kind of page: home, document, search, the tag, type and
// organisation lists, the timeline and one of its years.
const KINDS = [
  "", DOC, "search/", "tags/ballot/", "types/announcement/", "organizations/nec/", "timeline/", "timeline/2023/",
];
const PAGES = ["km", "en"].flatMap((l) => KINDS.map((k) => `${l}/${k}`));

// Runs before any of the page's own code: records every layout shift and
// largest-contentful-paint candidate from the first frame on.
const OBSERVER = `
  window.__vitals = { shifts: [], lcp: 0 };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) {
        window.__vitals.shifts.push({
          t: e.startTime,
          value: e.value,
          nodes: (e.sources || []).map((s) => s.node ? (s.node.nodeType === 1 ? s.node : s.node.parentElement) : null)
            .filter(Boolean).map((n) => n.tagName.toLowerCase() + (n.className ? "." + String(n.className).split(" ")[0] : "")),
        });
      }
    }
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__vitals.lcp = e.renderTime || e.loadTime || e.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

/** The worst session window: shifts less than 1 s apart, a window at most 5 s long. */
export function cumulativeLayoutShift(shifts) {
  let worst = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const s of shifts) {
    if (s.t - last > 1000 || s.t - first > 5000) {
      sum = 0;
      first = s.t;
    }
    sum += s.value;
    last = s.t;
    worst = Math.max(worst, sum);
  }
  return worst;
}

/** Loads `url` once on the phone profile; returns CLS, LCP (ms) and the shifts. */
export async function measure(browser, url) {
  const context = await browser.newContext(PHONE);
  try {
    await context.addInitScript(OBSERVER);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", SLOW_LINK);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: "load", timeout: 30_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => {});
    // A late font or script may still move things after the network is quiet.
    await page.waitForTimeout(500);
    const vitals = await page.evaluate(() => ({
      ...window.__vitals,
      fonts: [...document.fonts].map((f) => `${f.family.replace(/"/g, "")} ${f.weight} ${f.status}`),
      timing: [...performance.getEntriesByType("paint"), ...performance.getEntriesByType("resource")]
        .map((e) => `${e.name.split("/").pop()}: ${Math.round(e.startTime)}-${Math.round(e.responseEnd || e.startTime)}`),
    }));
    return { cls: cumulativeLayoutShift(vitals.shifts), lcp: vitals.lcp, shifts: vitals.shifts, fonts: vitals.fonts, timing: vitals.timing };
  } finally {
    await context.close();
  }
}

const FONT_HELD_BACK_MS = 1500;

/** Whether fontconfig (as this process's environment sets it up) knows a Khmer font. */
function khmerFontsInstalled() {
  const found = spawnSync("fc-list", [":lang=km", "family"], { encoding: "utf8" });
  return found.status === 0 && found.stdout.trim() !== "";
}

/** A browser with the machine's fonts as they are. */
function launchWithInstalledFonts() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
  });
}

/** A browser that cannot see this machine's Khmer fonts. */
export function launchWithoutKhmerFonts(tmp) {
  const config = join(tmp, "fonts-without-khmer.conf");
  writeFileSync(config, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Khmer*</glob></rejectfont></selectfont>
</fontconfig>
`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"],
    env: { ...process.env, FONTCONFIG_FILE: config },
  });
}

export async function clsChecks(env) {
  const { servers, tmp } = env;
  const root = join(tmp, "site");
  const gz = await serve(root, { gzip: true });
  const late = await serve(root, { gzip: true, delay: (file) => (file.endsWith(".woff2") ? FONT_HELD_BACK_MS : 0) });
  servers.push(gz, late);
  const setups = [["no Khmer font installed", () => launchWithoutKhmerFonts(tmp)]];
  if (khmerFontsInstalled()) setups.push(["the machine's Khmer fonts", launchWithInstalledFonts]);
  else console.log("# layout shift: no Khmer font installed here (the QA kit's fonts-khmeros, fonts-noto-core): measured without only");
  // Every page as it comes once; the Khmer pages with the font late with
  // each set of fonts (English pages never load the Khmer web font).
  const khmer = PAGES.filter((p) => p.startsWith("km/"));
  const runs = (first) => [
    ...(first ? PAGES : []).map((path) => ({ path, server: gz, how: "" })),
    ...khmer.map((path) => ({ path, server: late, how: `, font ${FONT_HELD_BACK_MS} ms late` })),
  ];
  for (const [i, [fonts, launchBrowser]] of setups.entries()) {
    const browser = await launchBrowser();
    try {
      for (const { path, server, how } of runs(i === 0)) {
        await check(`layout shift: ${path} on a slow phone (1.6 Mbit/s, 150 ms, CPU ${CPU_SLOWDOWN}×${how}; ${fonts}) has CLS ≤ ${MAX_CLS}`, async () => {
          const { cls, lcp, shifts, fonts: faces } = await measure(browser, server.url(path));
          const shown = shifts.map((s) => `${Math.round(s.t)} ms: ${s.value.toFixed(4)} ${s.nodes.join(", ")}`);
          assert(cls <= MAX_CLS, `CLS ${cls.toFixed(3)}`, [...shown, `fonts: ${faces.join("; ")}`]);
          return `CLS ${cls.toFixed(3)}, LCP ${Math.round(lcp)} ms`;
        });
      }
    } finally {
      await browser.close();
    }
  }
}
