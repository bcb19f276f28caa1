// Search results are final when shown, and documents holding the words of
// the query only apart follow under their own count.
import { join } from "node:path";
import { assert, check, open, settle } from "./lib/harness.mjs";

// Two Khmer words typed apart: one sample document holds them together
// (សិទ្ធិបោះឆ្នោត), another only apart.
const QUERY = "សិទ្ធិ បោះឆ្នោត";
const TOGETHER = "km/reports/anfrel-2017-commune-sangkat-elections-report/";
const APART = "km/news/nec-should-be-impartial-and-independent/";

// The list as a reader sees it: each item's link or the apart label, and the status.
const snapshot = (page) => page.evaluate(() => ({
  status: document.getElementById("search-status").textContent,
  items: [...document.querySelectorAll("#search-list > li")].map((li) =>
    li.classList.contains("search-apart") ? `label: ${li.textContent}` : li.querySelector("a").getAttribute("href")),
}));

export async function searchFinalChecks(env) {
  const { url, desktop, clean } = env;
  const { page, record } = await open(desktop, url("km/search/"));
  let first;
  await check(`search-final: "${QUERY}" lists the phrase hit, then the words-apart label, then the document holding them apart`, async () => {
    await page.fill("#q", QUERY);
    await page.waitForSelector("#search-list > li", { timeout: 10_000 });
    first = await snapshot(page);
    const at = (path) => first.items.findIndex((item) => item.endsWith(path));
    const label = first.items.findIndex((item) => item.startsWith("label: "));
    assert(at(TOGETHER) >= 0, `${TOGETHER} is not listed`, first.items);
    assert(label > at(TOGETHER), "no words-apart label after the phrase hits", first.items);
    assert(/contain|មានពាក្យ/.test(first.items[label]) && /[0-9០-៩]/.test(first.items[label]), `the label says no count: ${first.items[label]}`);
    assert(at(APART) > label, `${APART} is not listed after the label`, first.items);
    return `${first.items.length} items; ${first.items[label]}`;
  });
  await check("search-final: the results shown first are final (count, order and label unchanged once the network is quiet)", async () => {
    await page.waitForTimeout(1_500);
    await settle(page);
    const later = await snapshot(page);
    assert(JSON.stringify(later) === JSON.stringify(first), "the list changed after it was shown", [JSON.stringify(first), JSON.stringify(later)]);
    await page.screenshot({ path: join(env.artifacts, "search-final-km.png"), fullPage: true });
    return later.status;
  });
  await check("search-final: a single Khmer word lists no words-apart label", async () => {
    await page.fill("#q", "សិទ្ធិបោះឆ្នោត");
    await page.waitForFunction(() => !document.querySelector("#search-list .search-apart") && document.querySelector("#search-list > li"), null, { timeout: 10_000 });
    const shown = await snapshot(page);
    assert(shown.items.some((item) => item.endsWith(TOGETHER)), `${TOGETHER} is not listed`, shown.items);
    assert(!shown.items.some((item) => item.endsWith(APART)), `${APART} holds the words apart only`, shown.items);
  });
  await check("search-final: /sastra/km/search/ had no errors, failed requests or CSP violations", () => {
    const found = clean(record);
    assert(found.length === 0, "problems on the page", found);
  });
}
