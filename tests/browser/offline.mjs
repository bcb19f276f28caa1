// Offline reading (issue 18): the service worker, "save for offline", the
// saved page, search offline, a rebuild taking over, and the site without
// service workers or JavaScript. On its own copy of the sample archive,
// served under the same subpath as the other checks (/sastra/), since one
// check rebuilds it.

import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

import { assert, check, newContext, open } from "./lib/harness.mjs";
import { SUBPATH, build, serve } from "./lib/site.mjs";
import { PHONE } from "./cls.mjs";

const STRINGS = (lang) => `themes/default/i18n/${lang}.toml`;
const SEARCH_QUERY = "ballot";
const RESULT = "#search-list > li a";
const REBUILT_DOC = "announcements/2023-06-22-identification-documents-application";
// The worker and its scripts, and (issue 24) each language's saved page
// with the script listing what is saved, kept at once so that offline a page
// never visited shows the site's own page: about 3.5 KB of the 11.
const BUDGET = 11 * 1024;
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), "artifacts");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's violations on the page as it is now, as "id: target" lines. */
async function axe(page) {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}`));
}

/** A screenshot in tests/browser/artifacts/, and axe clean. */
async function look(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `offline-${name}.png`), fullPage: true });
  return axe(page);
}

const ready = (page) => page.waitForSelector("html[data-offline=ready]", { timeout: 15_000 });
const string = (repo, key, lang = "en") => new RegExp(`^${key} = "(.*)"$`, "m").exec(readFileSync(join(repo, STRINGS(lang)), "utf8"))[1];

/** What a reader sees of a page: its heading, whether its stylesheet applied, and its theme folders. */
function seen(page) {
  return page.evaluate(() => ({
    h1: document.querySelector("main h1")?.textContent.trim(),
    styled: getComputedStyle(document.body).margin === "0px" || [...document.styleSheets].some((s) => s.cssRules.length > 0),
    folders: [...new Set([...document.querySelectorAll("link[href], script[src]"), ...performance.getEntriesByType("resource")]
      .map((e) => e.href || e.src || e.name)
      .map((u) => /\/assets\/([0-9a-f]+)\//.exec(u)?.[1])
      .filter(Boolean))],
  }));
}

const results = (page) => page.$$eval(RESULT, (as) => as.map((a) => a.getAttribute("href")));

export async function offlineChecks(env) {
  const { browser, servers, tmp, bin, repo } = env;
  // An archive of its own: the sample, with a theme this check may change.
  const archive = join(tmp, "offline-archive");
  for (const part of ["content", "themes", "site.toml"]) cpSync(join(repo, part), join(archive, part), { recursive: true });
  const served = [];
  const site = await serve(join(tmp, "offline-site"), { log: (path) => served.push(path) });
  servers.push(site);
  const output = join(tmp, "offline-site/sastra");
  build({ bin, root: archive, output, baseUrl: site.url() });
  const url = site.url;
  const offlineNote = string(repo, "offline_search", "km");
  const savedNote = string(repo, "offline_saved");

  await check("offline: the service worker is served from the base path, and its scope is the base path", async () => {
    const context = await newContext(browser);
    const { page } = await open(context, url("en/"));
    await ready(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
    await context.close();
    assert(scope === url(""), `scope ${scope}, not ${url("")}`);
  });

  await check(`offline: a first visit adds at most ${BUDGET} bytes gzipped (worker, its scripts, manifest, icons, the saved pages, refetches)`, async () => {
    const context = await newContext(browser);
    served.length = 0;
    // A document page: the heaviest case, its save button loads the saving scripts.
    const { page } = await open(context, url("km/announcements/2023-05-29-ballot-order-draw-results/"));
    await ready(page);
    await page.waitForSelector("form.offline-save:not([hidden])");
    await page.waitForTimeout(300);
    await context.close();
    const ours = served.filter((u) => /\/sw\.js$|\/offline[^/]*\.js$|manifest\.json$|\/icons\/|\/saved\/$/.test(u));
    const again = served.filter((u, i) => served.indexOf(u) !== i);
    const sizes = [...ours, ...again].map((u) => {
      const file = join(output, decodeURIComponent(u.split("?")[0]).slice(SUBPATH.length)).replace(/\/$/, "/index.html");
      return [u, gzipSync(readFileSync(file)).length];
    });
    const total = sizes.reduce((s, [, n]) => s + n, 0);
    assert(total <= BUDGET, `${total} bytes`, sizes.map(([u, n]) => `${n} ${u}`));
    return `${total} bytes gzipped: ${sizes.map(([u, n]) => `${u} ${n}`).join(", ")}`;
  });

  const visits = ["en/", "km/announcements/2023-05-29-ballot-order-draw-results/", "en/tags/ballot/", "km/search/"];
  const context = await newContext(browser);
  const online = {};
  let searchPage;
  await check("offline: three pages and a search, visited online, show offline after a reload", async () => {
    for (const path of visits) {
      const { page } = await open(context, url(path));
      await ready(page);
      online[path] = await seen(page);
      await page.close();
    }
    ({ page: searchPage } = await open(context, url(`en/search/?q=${SEARCH_QUERY}`), { waitFor: RESULT }));
    await ready(searchPage);
    online.search = await results(searchPage);
    await context.setOffline(true);
    const wrong = [];
    for (const path of visits) {
      const page = await context.newPage();
      await page.goto(url(path));
      const now = await seen(page);
      if (now.h1 !== online[path].h1 || !now.styled) wrong.push(`${path}: ${JSON.stringify(now)}`);
      await page.close();
    }
    await searchPage.reload();
    const shown = await Promise.race([
      searchPage.waitForSelector(RESULT, { timeout: 10_000 }).then(async () => ({ results: await results(searchPage) })),
      searchPage.waitForSelector("#offline-search:not([hidden])", { timeout: 10_000 }).then(() => ({ note: true })),
    ]);
    if (!shown.note && JSON.stringify(shown.results) !== JSON.stringify(online.search)) {
      wrong.push(`search: ${JSON.stringify(shown.results)} offline, ${JSON.stringify(online.search)} online`);
    }
    assert(wrong.length === 0, "pages not as they were online", wrong);
    return shown.note ? "search: the offline note" : `search: the same ${shown.results.length} result(s)`;
  });

  await check(`offline: a search the kept files cannot answer says "${offlineNote}" and lists the kept documents that match`, async () => {
    // The Khmer search page was visited, but nothing was searched in Khmer:
    // no kept file can answer.
    const page = await context.newPage();
    await page.goto(url("km/search/"));
    await page.locator("#q").fill("ការបោះឆ្នោត");
    await page.locator("#q").press("Enter");
    const note = await page.waitForSelector("#offline-search:not([hidden]) #offline-search-note", { timeout: 10_000 });
    const text = (await note.textContent()).trim();
    const listed = await page.$$eval("#offline-search-list a", (as) => as.map((a) => a.getAttribute("href")));
    const status = (await page.textContent("#search-status")).trim();
    const violations = await look(page, "search-missed");
    await page.close();
    assert(violations.length === 0, "axe violations", violations);
    assert(text === offlineNote, `the note says ${JSON.stringify(text)}`);
    assert(status === "", `beside the note, the search says ${JSON.stringify(status)}`);
    assert(listed.includes(`${SUBPATH}${visits[1]}`), `the kept Khmer document ${visits[1]} is not among ${JSON.stringify(listed)}`);
    return `${listed.length} kept document(s) listed`;
  });
  await context.setOffline(false);
  await searchPage.close();
  await context.close();

  // Issue 24: offline, a page never visited (and the language switch) shows
  // the site's own page, in the page's language, at a phone's and a
  // desktop's size; never the browser's error.
  for (const [size, options] of [["phone", PHONE], ["desktop", { viewport: { width: 1280, height: 800 } }]]) {
    await check(`offline (${size}): pages never visited, and the language switch, show the site's "not saved on this device" page in their language`, async () => {
      const context = await newContext(browser, options);
      // The phone's reader came by the Khmer home page (its font is kept),
      // the desktop's by the English one.
      const first = size === "phone" ? "km" : "en";
      const { page } = await open(context, url(`${first}/`));
      await ready(page);
      await context.setOffline(true);
      const wrong = [];
      const shown = [];
      const expect = async (other, lang, how) => {
        const now = await other.evaluate(() => ({
          lang: document.documentElement.lang,
          h1: document.querySelector("main h1")?.textContent.trim(),
          note: !document.getElementById("saved-elsewhere")?.hidden && document.getElementById("saved-elsewhere")?.textContent.trim(),
          list: !!document.querySelector("#saved:not([hidden])"),
          styled: getComputedStyle(document.querySelector(".site-header") || document.body).borderBottomStyle === "solid",
        })).catch((e) => ({ error: String(e).split("\n")[0] }));
        const ok = now.lang === lang && now.h1 === string(repo, "saved_title", lang) && now.note === string(repo, "saved_not_here", lang) &&
          now.list && now.styled;
        (ok ? shown : wrong).push(`${how}: ${JSON.stringify(now)}`);
      };
      for (const [lang, path] of [["km", `km/${REBUILT_DOC}/`], ["en", "en/types/report/"], ["km", "km/search/?q=x"], ["km", ""]]) {
        const other = await context.newPage();
        await other.goto(url(path)).catch(() => {});
        await other.waitForSelector("html[data-offline=ready]", { timeout: 10_000 }).catch(() => {});
        await expect(other, lang, path || "the site's root");
        if (size === "phone" && lang === "km" && path.startsWith("km/announcements")) {
          await other.screenshot({ path: join(ARTIFACTS, "offline-not-saved-km-phone.png"), fullPage: true });
        }
        await other.close();
      }
      // The language switch of the (visited) home page.
      const other = first === "km" ? "en" : "km";
      await page.reload();
      await Promise.all([page.waitForURL(new RegExp(`/${other}/$`)), page.click(`.languages a[hreflang=${other}]`)]);
      await page.waitForSelector("html[data-offline=ready]", { timeout: 10_000 }).catch(() => {});
      await expect(page, other, `the language switch on ${first}/`);
      await context.close();
      assert(wrong.length === 0, "not the site's page", wrong);
      return shown.length + " pages";
    });
  }

  await check("offline: a tag page's documents, saved, open offline without having been visited", async () => {
    const context = await newContext(browser);
    const { page } = await open(context, url("en/tags/observers/"));
    await ready(page);
    const form = page.locator("form.offline-save");
    assert(await form.isVisible(), "no save button on the tag page");
    const label = (await form.locator("button").textContent()).trim();
    const set = JSON.parse(readFileSync(join(output, "en/tags/observers/offline.json"), "utf8"));
    await form.locator("button").click();
    await page.waitForFunction((t) => document.querySelector("form.offline-save [role=status]").textContent === t, savedNote, { timeout: 20_000 });
    const violations = await look(page, "tag-saved");
    await context.setOffline(true);
    const target = set.d[set.d.length - 1];
    const other = await context.newPage();
    await other.goto(`${site.origin}${target.u}`);
    const shown = await seen(other);
    const file = target.f[0] && (await other.evaluate(async (u) => (await fetch(u)).ok, target.f[0].u));
    await other.goto(url("en/saved/"));
    await other.waitForSelector("#saved-list li");
    const listed = await other.$$eval("#saved-list li", (lis) => lis.length);
    const total = await other.textContent("#saved-total");
    violations.push(...(await look(other, "saved-page")));
    await other.locator("#saved-list li button").first().click();
    await other.waitForFunction((n) => document.querySelectorAll("#saved-list li").length === n - 1, listed);
    await context.close();
    assert(shown.h1 === target.t && shown.styled, `${target.u} offline: ${JSON.stringify(shown)}`);
    assert(file !== false, `${target.f[0]?.u} not readable offline`);
    assert(listed === set.d.length, `the saved page lists ${listed} documents, the set has ${set.d.length}`);
    assert(violations.length === 0, "axe violations on the tag page or the saved page", violations);
    return `"${label}"; saved page: "${total}"`;
  });

  await check("offline: after a rebuild that changes a document and the theme, online shows the new version, with the new theme files only", async () => {
    const context = await newContext(browser);
    const docUrl = url(`en/${REBUILT_DOC}/`);
    const { page } = await open(context, docUrl);
    await ready(page);
    const before = await seen(page);
    const source = join(archive, `content/${REBUILT_DOC}.en.md`);
    writeFileSync(source, readFileSync(source, "utf8").replace(/^title: "?/m, (m) => `${m}Revised: `));
    const css = join(archive, "themes/default/static/css/site.css");
    writeFileSync(css, `${readFileSync(css, "utf8")}\n/* rebuilt */\n`);
    build({ bin, root: archive, output, baseUrl: site.url() });
    const folder = readdirSync(join(output, "assets"))[0];
    await page.reload();
    await ready(page);
    const after = await seen(page);
    await context.setOffline(true);
    await page.reload();
    const offline = await seen(page);
    await context.close();
    assert(before.folders.length === 1 && before.folders[0] !== folder, `before: ${before.folders}, new folder ${folder}`);
    assert(after.h1.startsWith("Revised: "), `online after the rebuild: ${after.h1}`);
    assert(after.folders.length === 1 && after.folders[0] === folder, `theme folders of the page: ${after.folders} (new: ${folder})`);
    assert(offline.h1 === after.h1 && offline.folders.join() === folder, `offline after the rebuild: ${JSON.stringify(offline)}`);
  });

  await check("offline: without service workers, and without JavaScript, the site works and offers no saving", async () => {
    const problems = [];
    for (const options of [{ serviceWorkers: "block" }, { javaScriptEnabled: false }]) {
      const context = await newContext(browser, options);
      const { page, record } = await open(context, url("en/tags/ballot/"));
      await page.waitForTimeout(300);
      const h1 = await page.textContent("main h1");
      const visible = await page.locator("form.offline-save, [data-offline]").evaluateAll((els) => els.filter((e) => !e.hidden).length);
      if (!h1 || visible) problems.push(`${JSON.stringify(options)}: h1 ${h1}, ${visible} offline control(s) shown`);
      if (record.errors.length) problems.push(`${JSON.stringify(options)}: ${record.errors}`);
      await context.close();
    }
    assert(problems.length === 0, "", problems);
  });
}
