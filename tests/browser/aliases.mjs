// A document's old address (`aliases:`) in a real browser: opening it lands
// on the document, with no script, no CSP violation and no error, and the
// document page's JSON-LD breaks no policy either. Runs from run.mjs, or
// alone: node tests/browser/aliases.mjs

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { assert, check, launch, newContext, open, problems, summary } from "./lib/harness.mjs";
import { SUBPATH, build, hostileArchive, sastraBinary, serve } from "./lib/site.mjs";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DOCUMENT = "en/announcements/ballot-draw/";
const OLD = ["en/2023/ballot-draw-old/", "en/old/ballot.html"];

/** The basic fixture, its English ballot draw given two old addresses. */
function archiveWithAliases(dir) {
  hostileArchive(REPO, dir, []);
  const file = join(dir, "content/announcements/ballot-draw.en.md");
  const text = readFileSync(file, "utf8");
  const aliases = `aliases:\n${OLD.map((p) => `  - /${p}`).join("\n")}\n`;
  writeFileSync(file, text.replace(/^---\n/, `---\n${aliases}`));
  return dir;
}

export async function aliasesChecks({ browser, servers, tmp, bin }) {
  const server = await serve(join(tmp, "aliases-site"));
  servers.push(server);
  const archive = archiveWithAliases(join(tmp, "aliases"));
  build({ bin, root: archive, output: join(tmp, "aliases-site/sastra"), baseUrl: server.url() });
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  for (const old of OLD) {
    await check(`aliases: /${old} sends the reader to the document, running no script`, async () => {
      // Not harness.open: its settling runs script in a page that is
      // already leaving. Chromium logs a CSP violation as a console error.
      const page = await context.newPage();
      const seen = { errors: [], requests: [] };
      page.on("console", (m) => m.type() === "error" && seen.errors.push(m.text()));
      page.on("pageerror", (e) => seen.errors.push(e.message));
      page.on("request", (r) => seen.requests.push(r.url()));
      const firstHtml = await (await fetch(server.url(old))).text();
      await page.goto(server.url(old), { waitUntil: "commit" });
      await page.waitForURL(server.url(DOCUMENT), { timeout: 5_000 });
      await page.waitForLoadState("load");
      const heading = await page.textContent("h1");
      await page.close();
      assert(/ballot/i.test(heading), `landed on "${heading}"`);
      assert(!/<script/i.test(firstHtml), "the alias page has a script", [firstHtml]);
      assert(firstHtml.includes(`<link rel="canonical" href="${server.url(DOCUMENT)}">`), "no canonical link", [firstHtml]);
      assert(seen.errors.length === 0, "errors on the way", seen.errors);
      const outside = seen.requests.filter((u) => !u.startsWith(server.url("")) && !u.startsWith("data:"));
      assert(outside.length === 0, "requests outside the site", outside);
    });
  }
  await check("aliases: the document page's JSON-LD parses and breaks no Content-Security-Policy", async () => {
    const { page, record } = await open(context, server.url(DOCUMENT));
    const ld = await page.evaluate(() =>
      [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent)),
    );
    await page.close();
    assert(ld.length === 1 && ld[0]["@type"] === "DigitalDocument", "one DigitalDocument", [JSON.stringify(ld)]);
    const wrong = problems(record, server.origin, SUBPATH);
    assert(wrong.length === 0, "problems on the page", wrong);
  });
  await context.close();
}

// Alone: build, serve, check, report.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tmp = mkdtempSync(join(tmpdir(), "sastra-aliases-"));
  const servers = [];
  const browser = await launch();
  try {
    await aliasesChecks({ browser, servers, tmp, bin: sastraBinary(REPO) });
  } catch (error) {
    await check("the alias checks ran to the end", () => {
      throw error;
    });
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(summary() ? 1 : 0);
}
