// Search as a reader on a phone meets it: headless Chromium on a modest
// phone's link and CPU (1.6 Mbit/s down, 150 ms round trip, CPU slowed 4×,
// through the DevTools protocol), the built site served gzip-compressed like
// a real host. Opens each language's search page cold, then types each query
// key by key like a person and records:
//
// - load: the search page's load event, bytes and requests until the network
//   is idle, and its cumulative layout shift (CLS) up to then;
// - per query, from the last keystroke (so any debounce counts): the first
//   result shown, and when the results were final (the list and the count
//   stopped changing and the network went idle); requests and bytes on the
//   wire from the first keystroke on (what typing cost the link); the layout
//   shift while the results came; the results shown and the count stated.
//
// A result counts as shown for the query once the page's URL says ?q=<query>
// (the page writes it when it starts that search): results of a shorter
// prefix still on screen, or arriving, do not count.
//
//   node benches/search-phone.mjs SITE_DIR [--label NAME] [--runs N] [lang query]...
//   node benches/search-phone.mjs /dev/shm/site-10000 --label "10,000 varied"
//
// Without queries: km ការបោះឆ្នោត, គណបក្សនយោបាយ, សេចក្តីប្រកាសព័ត៌មាន and
// en "election committee", "ballot". With --runs N (default 1) each language's
// session runs N times in fresh browser contexts; medians are printed.
// Environment: KBPS (1600), RTT_MS (150), CPU_SLOWDOWN (4), KEY_MS (pause
// between keystrokes, 180; 0 enters the query at once, as a paste does), TRACE (set:
// every request on stderr), CHROMIUM (/usr/bin/chromium). Markdown rows go
// to stdout, one JSON line per measurement to stderr.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, "../tests/browser/package.json"));
const { chromium } = require("playwright-core");

const DEFAULT_QUERIES = [
  ["km", "ការបោះឆ្នោត"],
  ["km", "គណបក្សនយោបាយ"],
  ["km", "សេចក្តីប្រកាសព័ត៌មាន"],
  ["en", "election committee"],
  ["en", "ballot"],
];
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const LINK = { kbps: env("KBPS", 1600), rtt: env("RTT_MS", 150), cpu: env("CPU_SLOWDOWN", 4), upKbps: 750 };
const KEY_MS = env("KEY_MS", 180);
const TRACE = Boolean(process.env.TRACE); // each request to stderr: file, duration, bytes
const QUIET_MS = 1500; // no change and no request for this long: final
const TIMEOUT_MS = 60_000;

function parseArgs(argv) {
  const args = { site: null, label: null, runs: 1, queries: [] };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--label") args.label = argv[++i];
    else if (argv[i] === "--runs") args.runs = Number(argv[++i]);
    else rest.push(argv[i]);
  }
  args.site = rest.shift();
  if (!args.site || rest.length % 2 || !(args.runs >= 1)) {
    console.error("usage: node benches/search-phone.mjs SITE_DIR [--label NAME] [--runs N] [lang query]...");
    process.exit(2);
  }
  for (let i = 0; i < rest.length; i += 2) args.queries.push([rest[i], rest[i + 1]]);
  if (!args.queries.length) args.queries = DEFAULT_QUERIES;
  args.label ??= path.basename(path.resolve(args.site));
  return args;
}

// ---- the host: the site under its base path, gzip for text ------------------

const TYPES = {
  ".html": "text/html; charset=utf-8", ".json": "application/json", ".js": "text/javascript",
  ".css": "text/css", ".xml": "application/xml", ".svg": "image/svg+xml", ".woff2": "font/woff2",
  ".png": "image/png", ".ico": "image/x-icon", ".txt": "text/plain; charset=utf-8",
};

// The path the site's pages expect to be served under (from its sitemap).
async function basePath(site) {
  const sitemap = await readFile(path.join(site, "sitemap.xml"), "utf8").catch(() => "");
  const loc = sitemap.match(/<loc>([^<]+)<\/loc>/)?.[1];
  return loc ? new URL(loc).pathname.replace(/(km|en)\/.*$/, "") : "/";
}

// Serves the site like a static host that keeps compressed copies: each file
// is compressed once, so the server's own time stays out of the figures.
function host(site, base) {
  const root = path.resolve(site);
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://host").pathname);
    let file = pathname.startsWith(base) ? path.resolve(root, "." + pathname.slice(base.length - 1)) : null;
    if (!file || (file !== root && !file.startsWith(root + path.sep))) return res.writeHead(404).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      const type = TYPES[path.extname(file)] ?? "application/octet-stream";
      const gzip = /text|json|javascript|xml|svg/.test(type) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      let body = compressed.get(file);
      if (!gzip || !body) {
        body = await readFile(file);
        if (gzip) compressed.set(file, (body = gzipSync(body, { level: 6 })));
      }
      res.writeHead(200, { "Content-Type": type, "Cache-Control": "no-cache", ...(gzip && { "Content-Encoding": "gzip" }) });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// ---- the phone ---------------------------------------------------------------

// Layout shifts and changes to the results, timed in the page's clock.
function observe() {
  window.__cls = 0;
  window.__changes = [];
  window.__lastInput = 0;
  addEventListener("input", () => (window.__lastInput = performance.now()), true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
  const record = () => {
    const items = document.querySelectorAll("#search-list > li");
    window.__changes.push({
      t: performance.now(),
      q: new URLSearchParams(location.search).get("q") ?? "",
      items: items.length,
      first: items[0]?.querySelector("a")?.getAttribute("href") ?? null,
      status: document.getElementById("search-status")?.textContent ?? "",
    });
  };
  addEventListener("DOMContentLoaded", () => {
    const watched = ["search-list", "search-status"].map((id) => document.getElementById(id)).filter(Boolean);
    const observer = new MutationObserver(record);
    for (const node of watched) observer.observe(node, { childList: true, subtree: true, characterData: true });
  });
}

async function phone(browser) {
  // The service worker's own fetches escape the page's network accounting
  // (they would count as requests of 0 bytes): a first visit is measured
  // as a phone without it sees it, on the network.
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    serviceWorkers: "block",
  });
  await context.addInitScript(observe);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: LINK.rtt, downloadThroughput: (LINK.kbps * 1000) / 8, uploadThroughput: (LINK.upKbps * 1000) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: LINK.cpu });
  const wire = { requests: 0, bytes: 0, inFlight: new Set(), lastEvent: Date.now() };
  const touch = () => (wire.lastEvent = Date.now());
  const sent = new Map();
  cdp.on("Network.requestWillBeSent", (e) => {
    wire.requests++; wire.inFlight.add(e.requestId); touch();
    if (TRACE) sent.set(e.requestId, { url: e.request.url.replace(/^.*\//, ""), start: e.timestamp });
  });
  cdp.on("Network.loadingFinished", (e) => {
    wire.bytes += e.encodedDataLength; wire.inFlight.delete(e.requestId); touch();
    const request = sent.get(e.requestId);
    if (!request) return;
    wire.zero ??= request.start;
    const at = (t) => Math.round((t - wire.zero) * 1000);
    console.error(`  ${at(request.start)}–${at(e.timestamp)} ms  ${e.encodedDataLength} B  ${request.url}`);
  });
  cdp.on("Network.loadingFailed", (e) => { wire.inFlight.delete(e.requestId); touch(); });
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  return { context, page, wire };
}

// Resolves when nothing is in flight and nothing changed for QUIET_MS.
async function settle(page, wire) {
  const started = Date.now();
  let changes = -1;
  for (;;) {
    const now = await page.evaluate(() => window.__changes.length);
    if (now !== changes) { changes = now; touch(); }
    if (!wire.inFlight.size && Date.now() - wire.lastEvent >= QUIET_MS) return;
    if (Date.now() - started > TIMEOUT_MS) throw new Error("the page did not settle within 60 s");
    await page.waitForTimeout(100);
  }
  function touch() { wire.lastEvent = Math.max(wire.lastEvent, Date.now()); }
}

async function loadPage(page, wire, url) {
  const response = await page.goto(url, { waitUntil: "load", timeout: TIMEOUT_MS });
  if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
  const loadMs = await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventStart);
  await settle(page, wire);
  const cls = await page.evaluate(() => window.__cls);
  return { loadMs, cls, requests: wire.requests, bytes: wire.bytes };
}

async function typeQuery(page, wire, query) {
  await page.fill("#q", "");
  await settle(page, wire);
  const clsBefore = await page.evaluate(() => window.__cls);
  wire.requests = 0;
  wire.bytes = 0;
  wire.zero = null;
  if (TRACE) console.error(`query ${query}`);
  await page.focus("#q");
  const keys = [...query]; // code points: Khmer marks are typed one by one, as on a phone
  for (const [i, key] of keys.entries()) {
    await page.keyboard.insertText(key);
    if (i + 1 < keys.length) await page.waitForTimeout(KEY_MS);
  }
  await settle(page, wire);
  const lastKey = await page.evaluate(() => window.__lastInput);
  const changes = (await page.evaluate(() => window.__changes)).filter((c) => c.t >= lastKey);
  const mine = changes.filter((c) => c.q === query);
  const firstShown = mine.find((c) => c.items > 0);
  const final = mine.at(-1) ?? changes.at(-1);
  const cls = (await page.evaluate(() => window.__cls)) - clsBefore;
  return {
    firstMs: firstShown ? Math.round(firstShown.t - lastKey) : null,
    finalMs: final ? Math.round(final.t - lastKey) : null,
    requests: wire.requests,
    bytes: wire.bytes,
    shown: final?.items ?? 0,
    status: final?.status ?? "",
    cls,
  };
}

// One visit: the language's search page, then its queries in order.
async function session(browser, origin, base, lang, queries) {
  const { context, page, wire } = await phone(browser);
  try {
    const load = await loadPage(page, wire, `${origin}${base}${lang}/search/`);
    const answers = [];
    for (const query of queries) answers.push(await typeQuery(page, wire, query));
    return { load, answers };
  } finally {
    await context.close();
  }
}

// ---- figures -----------------------------------------------------------------

const median = (values) => {
  const sorted = values.filter((v) => v !== null).sort((a, b) => a - b);
  return sorted.length ? sorted[(sorted.length - 1) >> 1] : null;
};
const ms = (v) => (v === null ? "–" : `${Math.round(v).toLocaleString("en-US")}`);
const kb = (v) => (v / 1024).toFixed(1);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const base = await basePath(args.site);
  const server = await host(args.site, base);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
  });
  const langs = [...new Set(args.queries.map(([lang]) => lang))];
  console.log(`Link: ${LINK.kbps} kbit/s down, ${LINK.rtt} ms RTT, CPU ${LINK.cpu}× slower; ${KEY_MS} ms between keystrokes; ${args.runs} run(s), medians.\n`);
  console.log("| archive | page or query | load / first result ms | final ms | requests | KB on the wire | CLS | shown, count |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  try {
    for (const lang of langs) {
      const queries = args.queries.filter(([l]) => l === lang).map(([, q]) => q);
      const runs = [];
      for (let r = 0; r < args.runs; r++) {
        const run = await session(browser, origin, base, lang, queries);
        console.error(JSON.stringify({ archive: args.label, lang, run: r, ...run }));
        runs.push(run);
      }
      const load = (k) => median(runs.map((run) => run.load[k]));
      console.log(`| ${args.label} | ${lang} search page | ${ms(load("loadMs"))} | – | ${load("requests")} | ${kb(load("bytes"))} | ${load("cls").toFixed(3)} | |`);
      queries.forEach((query, i) => {
        const a = (k) => median(runs.map((run) => run.answers[i][k]));
        const last = runs.at(-1).answers[i];
        console.log(`| ${args.label} | ${lang} ${query} | ${ms(a("firstMs"))} | ${ms(a("finalMs"))} | ${a("requests")} | ${kb(a("bytes"))} | ${a("cls").toFixed(3)} | ${last.shown}, ${last.status} |`);
      });
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
