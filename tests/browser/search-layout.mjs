// The search page on a phone and a desktop (issue 24): the first result
// inside the first screen, the filters folded with the count of those
// ticked, a hint to the other language's hits when this one has none, the
// language switch keeping the query, and a result from a long document
// leading to the section that holds the words.
import { join } from "node:path";

import { assert, check, newContext, open } from "./lib/harness.mjs";
import { PHONE } from "./cls.mjs";

const SIZES = [["phone", PHONE], ["desktop", { viewport: { width: 1280, height: 800 } }]];
const QUERIES = { en: "ballot", km: "សន្លឹកឆ្នោត" };
const RESULT = "#search-list > li";

/** The first result's box, and the viewport. */
const firstBox = (page) => page.$eval(RESULT, (li) => {
  const r = li.getBoundingClientRect();
  return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: innerHeight };
});

export async function searchLayoutChecks(env) {
  const { browser, url, clean, artifacts } = env;
  for (const [size, options] of SIZES) {
    const context = await newContext(browser, options);
    for (const lang of ["en", "km"]) {
      await check(`search layout (${size}): on ${lang}/search/?q=… the first result lies inside the first screen, the filters folded`, async () => {
        const { page, record } = await open(context, url(`${lang}/search/?q=${encodeURIComponent(QUERIES[lang])}`), { waitFor: RESULT });
        await page.waitForTimeout(300);
        const box = await firstBox(page);
        const folded = await page.$eval("#search-filters", (d) => !d.open);
        const count = await page.textContent("#search-filters-count");
        if (size === "phone") await page.screenshot({ path: join(artifacts, `search-layout-${lang}-phone.png`) });
        const found = clean(record);
        await page.close();
        assert(box.top >= 0 && box.bottom <= box.height, `first result at y ${box.top}–${box.bottom}, the screen is ${box.height} px tall`);
        assert(folded, "the filters are open");
        assert(count === "", `the filters' summary counts ${JSON.stringify(count)} with none ticked`);
        assert(found.length === 0, "problems on the page", found);
        return `first result y ${box.top}–${box.bottom} of ${box.height}`;
      });
    }
    await check(`search layout (${size}): ticking a filter is counted on the folded summary, and the switch to Khmer keeps query and filter`, async () => {
      const { page } = await open(context, url(`en/search/?q=${QUERIES.en}`), { waitFor: RESULT });
      await page.click("#search-filters summary");
      await page.locator('#search-filters [data-facet="type"] input[value="announcement"]').check({ timeout: 5_000 });
      await page.waitForFunction(() => /[?&]type=announcement/.test(location.search));
      await page.click("#search-filters summary");
      const count = (await page.textContent("#search-filters-count")).trim();
      const href = await page.getAttribute(".languages a[hreflang=km]", "href");
      await Promise.all([page.waitForURL(/\/km\/search\//), page.click(".languages a[hreflang=km]")]);
      await page.waitForSelector("#search-app:not([hidden])");
      const kept = await page.inputValue("#q");
      const ticked = await page.isChecked('#search-filters [data-facet="type"] input[value="announcement"]').catch(() => false);
      const kmCount = (await page.textContent("#search-filters-count")).trim();
      await page.close();
      assert(count === "(1)", `the summary says ${JSON.stringify(count)}`);
      assert(kept === QUERIES.en, `the Khmer search page holds ${JSON.stringify(kept)} (the switch led to ${href})`);
      assert(ticked && kmCount === "(១)", `on the Khmer page the filter is ${ticked ? "" : "not "}ticked, the summary says ${JSON.stringify(kmCount)}`);
      return `switch: ${href.replace(/^.*\/km\//, "km/")}`;
    });
    await check(`search layout (${size}): "${QUERIES.en}" on the Khmer page, with no Khmer hits, says how many English documents match; one tap shows them`, async () => {
      const { page, record } = await open(context, url("km/search/"));
      await page.fill("#q", QUERIES.en);
      const hint = await page.waitForSelector("#search-other-hits:not([hidden])", { timeout: 10_000 });
      const text = (await hint.textContent()).trim();
      const listed = await page.$$eval(RESULT, (lis) => lis.length);
      if (size === "phone") await page.screenshot({ path: join(artifacts, "search-layout-other-km-phone.png") });
      await page.click("#search-show-other");
      await page.waitForSelector(`${RESULT} a[hreflang=en]`, { timeout: 10_000 });
      const shown = await page.$$eval(RESULT, (lis) => lis.length);
      const all = await page.isChecked("#search-all");
      const found = clean(record);
      await page.close();
      assert(listed === 0, `${listed} Khmer result(s) listed`);
      assert(/[០-៩]/.test(text), `the hint gives no count: ${text}`);
      assert(shown > 0 && all, `after the tap: ${shown} result(s), the other language ${all ? "" : "not "}ticked`);
      assert(found.length === 0, "problems on the page", found);
      return `"${text}" → ${shown} results`;
    });
    for (const [lang, query, anchor] of DEEP) {
      await check(`search layout (${size}): "${query}", deep in a long ${lang} document, leads to the section holding it and shows the word marked`, async () => {
        const { page, record } = await open(context, url(`${lang}/search/?q=${encodeURIComponent(query)}`), { waitFor: RESULT });
        await page.waitForTimeout(300);
        const hit = await page.$$eval(RESULT, (lis, doc) => lis.map((li) => ({
          href: li.querySelector("a").getAttribute("href"),
          place: li.querySelector(".item-place")?.textContent,
          marks: [...li.querySelectorAll(".item-summary mark")].map((m) => m.textContent),
          excerpt: li.querySelector(".item-summary").textContent,
        })).find((r) => r.href.includes(doc)), DEEP_DOC);
        if (size === "phone" && lang === "km") await page.screenshot({ path: join(artifacts, "search-layout-section-km-phone.png") });
        const found = clean(record);
        let target = null;
        if (hit) {
          await Promise.all([page.waitForURL(/#/), page.click(`${RESULT} a[href="${hit.href}"]`)]);
          target = await page.evaluate(() => {
            const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
            return el && { tag: el.tagName, top: Math.round(el.getBoundingClientRect().top) };
          });
        }
        await page.close();
        assert(hit, `${DEEP_DOC} is not among the results`);
        assert(decodeURIComponent(hit.href).endsWith(`#${anchor}`), `it leads to ${decodeURIComponent(hit.href)}, not #${anchor}`);
        assert(hit.place && hit.marks.some((m) => m.toLowerCase().includes(query.slice(0, 6).toLowerCase())), `no place or no mark holding the word`, [JSON.stringify(hit)]);
        assert(!/[A-Za-z][…]$|\S…$/.test(hit.excerpt.replace(/ …$/, "")), `the excerpt ends mid-word: ${hit.excerpt.slice(-30)}`);
        assert(target && /^H[23]$/.test(target.tag) && target.top >= 0 && target.top < 200, `the link lands on ${JSON.stringify(target)}`);
        assert(found.length === 0, "problems on the page", found);
        return `${decodeURIComponent(hit.href).replace(/^.*#/, "#")}, ${hit.place}, marks ${JSON.stringify(hit.marks)}`;
      });
    }
    await context.close();
  }
}

// Words far into the sample's long news article, under its second heading.
const DEEP_DOC = "news/nec-should-be-impartial-and-independent/";
const DEEP = [
  ["en", "grassroots", "political-parties-candidacy-and-civic-space"],
  ["km", "គំរាមកំហែង", "គណបក្សនយោបាយ-សិទ្ធិឈរឈ្មោះជាបេក្ខជន-និងលំហពលរដ្ឋ"],
];
