// The small test harness of the browser tests: named checks that collect
// failures, and a record of everything each page did (requests, failures,
// console errors, page errors, CSP violations).

import { chromium } from "playwright-core";

// ---- checks ---------------------------------------------------------------

const results = [];

/** Runs one named check; a thrown error fails it, the run goes on. */
export async function check(name, fn) {
  const started = Date.now();
  try {
    const note = await fn();
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${Date.now() - started} ms)${note ? ` — ${note}` : ""}`);
  } catch (error) {
    results.push({ name, ok: false, error });
    const message = error?.message || String(error);
    console.log(`FAIL  ${name}\n${indent(message)}`);
  }
}

/** A finding that does not fail the run. */
export function note(text) {
  console.log(`note  ${text}`);
}

export function summary() {
  const failed = results.filter((r) => !r.ok);
  console.log("");
  if (failed.length) {
    console.log("Failed checks:");
    for (const r of failed) console.log(`  - ${r.name}`);
  }
  // The plain closing line that CI reads.
  console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length;
}

export function indent(text, by = "      ") {
  return String(text)
    .split("\n")
    .map((line) => by + line)
    .join("\n");
}

/** Throws `message` (with optional details, one per line) unless `ok`. */
export function assert(ok, message, details = []) {
  if (!ok) throw new Error([message, ...[].concat(details).map((d) => `  ${d}`)].join("\n"));
}

// ---- the browser ------------------------------------------------------------

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

// Reports every CSP violation of a page to the test (through a binding, so
// that it survives navigation and is counted even if the page goes away).
const CSP_LISTENER = `
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__sastraCsp?.({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
    });
  }, true);
`;

const records = new WeakMap(); // page → record
export const visited = []; // every record, in order

/** A browser context whose pages record what they do. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext(options);
  await context.exposeBinding("__sastraCsp", ({ page }, violation) => {
    records.get(page)?.csp.push({ url: page.url(), ...violation });
  });
  await context.addInitScript(CSP_LISTENER);
  return context;
}

/** Opens `url` in a new page of `context`, recording everything it does. */
export async function open(context, url, { waitFor, prepare } = {}) {
  const page = await context.newPage();
  if (prepare) await prepare(page);
  const record = {
    url,
    requests: [],
    responses: [],
    failed: [],
    bad: [],
    console: [],
    errors: [],
    csp: [],
    expected404: new Set(),
  };
  records.set(page, record);
  visited.push(record);
  page.on("request", (r) => record.requests.push(r.url()));
  page.on("response", (r) => {
    record.responses.push(r);
    if (r.status() >= 400) record.bad.push(`${r.status()} ${r.url()}`);
  });
  page.on("requestfailed", (r) => record.failed.push(`${r.url()} (${r.failure()?.errorText})`));
  page.on("console", (m) => {
    if (m.type() === "error") record.console.push(`${m.text()} @ ${m.location()?.url || "?"}`);
  });
  page.on("pageerror", (e) => record.errors.push(e.message));
  const response = await page.goto(url, { waitUntil: "load" });
  await settle(page);
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 10_000 });
  return { page, record, response };
}

/** Waits until the fonts are in and the network is quiet. */
export async function settle(page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
}

/**
 * What is wrong with a record: a request that leaves the test server or its
 * subpath, a failed request, an HTTP status ≥ 400 (except expected ones), a
 * console error, a page error, a CSP violation.
 */
export function problems(record, origin, subpath) {
  const out = [];
  for (const url of record.requests) {
    if (url.startsWith("data:") || url.startsWith("blob:")) continue;
    const u = new URL(url);
    if (u.origin !== origin) out.push(`external request: ${url}`);
    else if (!u.pathname.startsWith(subpath)) out.push(`request outside ${subpath}: ${url}`);
  }
  for (const f of record.failed) out.push(`failed request: ${f}`);
  for (const b of record.bad) {
    if (![...record.expected404].some((u) => b.endsWith(` ${u}`))) out.push(`HTTP error: ${b}`);
  }
  for (const c of record.console) {
    // Chromium logs every HTTP error response too: the expected ones are fine,
    // and so is its own request for /favicon.ico at the server's root (see
    // faviconRequests), which is outside the site.
    if (/status of 404/.test(c) && [...record.expected404].some((u) => c.endsWith(`@ ${u}`))) continue;
    if (FAVICON.test(c)) continue;
    out.push(`console error: ${c}`);
  }
  for (const e of record.errors) out.push(`page error: ${e}`);
  for (const v of record.csp) out.push(`CSP violation: ${describeCsp(v)}`);
  return out;
}

const FAVICON = /status of 404 .*@ https?:\/\/[^/]+\/favicon\.ico$/;

/** The console errors of Chromium's own /favicon.ico requests. */
export function faviconRequests(records) {
  return records.flatMap((r) => r.console.filter((c) => FAVICON.test(c)).map(() => r.url));
}

export function describeCsp(v) {
  return `${v.directive} blocked ${v.blocked || "(inline)"} from ${v.source || "?"}:${v.line || "?"}` +
    `${v.sample ? ` sample=${JSON.stringify(v.sample)}` : ""} on ${v.url}`;
}
