// The Khmer lunar date beside the Gregorian one on document pages.
//
// The expected lines come from momentkh 3.0.3 run on 2023-06-22 (see
// tests/vectors/khmer-calendar.tsv), not from sastra.

import { join } from "node:path";

import { assert, check, newContext, open } from "./lib/harness.mjs";

const DOC = "announcements/2023-06-22-identification-documents-application/";
const KHMER_LINE = "ថ្ងៃព្រហស្បតិ៍ ៥កើត ខែបឋមាសាឍ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧";
const ENGLISH_LINE = "5th waxing day of Pathamasadh, Year of the Rabbit, B.E. 2567";

/** The lunar line of the page's date: its text and where it sits against the Gregorian date. */
function lunarLine(page) {
  return page.evaluate(() => {
    const line = document.querySelector(".document-date .lunar-date");
    const time = line?.parentElement.querySelector("time");
    if (!line || !time) return null;
    const l = line.getBoundingClientRect();
    const t = time.getBoundingClientRect();
    return { text: line.textContent.trim(), below: l.top >= t.bottom - 1, height: l.height, width: l.width };
  });
}

export async function calendarChecks(env) {
  const { url, desktop, browser, artifacts } = env;
  await check(`calendar: the Khmer page of ${DOC} shows its lunar date under the Gregorian one`, async () => {
    const mobile = await newContext(browser, { viewport: { width: 360, height: 740 }, isMobile: true });
    try {
      const { page } = await open(mobile, url(`km/${DOC}`));
      const line = await lunarLine(page);
      assert(line, "no .lunar-date beside the <time> of the date line");
      assert(line.text === KHMER_LINE, `shows ${JSON.stringify(line.text)}, expected ${JSON.stringify(KHMER_LINE)}`);
      assert(line.height > 0 && line.width > 0, "the lunar line is not visible");
      assert(line.below, "the lunar line does not sit on its own line under the Gregorian date");
      const citation = await page.$eval(".citation", (el) => el.textContent);
      assert(citation.includes(`(${KHMER_LINE})`), "the citation does not give the lunar date", [citation]);
      const file = join(artifacts, "calendar-km-mobile.png");
      await page.locator(".document-date").screenshot({ path: file });
      await page.close();
      return file;
    } finally {
      await mobile.close();
    }
  });
  await check(`calendar: the English page of ${DOC} gives the short English form`, async () => {
    const { page } = await open(desktop, url(`en/${DOC}`));
    const line = await lunarLine(page);
    const citation = await page.$eval(".citation", (el) => el.textContent);
    await page.close();
    assert(line, "no .lunar-date beside the <time> of the date line");
    assert(line.text === ENGLISH_LINE, `shows ${JSON.stringify(line.text)}, expected ${JSON.stringify(ENGLISH_LINE)}`);
    assert(!citation.includes("ព.ស."), "the English citation carries the Khmer line", [citation]);
  });
}
