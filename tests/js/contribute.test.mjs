// The contribute page's rules that mirror Rust: YAML quoting as serde_yaml
// writes it (the expected values are `sastra new`'s output), dates as
// `PartialDate::parse` reads them, and the new-file URL as
// `NewFileForm::url` builds it.
import { test } from "node:test";
import assert from "node:assert/strict";

import { isDate, newFileUrl, scalar, slugOf } from "../../themes/default/static/js/contribute.js";

test("strings are quoted as serde_yaml quotes them", () => {
  for (const [given, written] of [
    ["Ballot: draw for 'order'", "'Ballot: draw for ''order'''"],
    ["សេចក្តីប្រកាស", "សេចក្តីប្រកាស"],
    ["សេចក្តីប្រកាស: ក", "'សេចក្តីប្រកាស: ក'"],
    ["TODO: សេចក្តីប្រកាស", "'TODO: សេចក្តីប្រកាស'"],
    ["2023", "'2023'"],
    ["2023-06", "2023-06"],
    ["2023-06-22", "2023-06-22"],
    ['Report #2 - "final" [draft], yes', `'Report #2 - "final" [draft], yes'`],
    ["- yes", "'- yes'"],
    ["announcement", "announcement"],
    ["true", "'true'"],
    ["", "''"],
    ["a\u0007b", '"a\\u0007b"'],
  ]) {
    assert.equal(scalar(given), written, given);
  }
});

test("dates as PartialDate::parse reads them", () => {
  for (const ok of ["2023", "2023-06", "2024-02-29", "2023-12-31"]) assert.ok(isDate(ok), ok);
  for (const bad of ["2023-02-29", "2023-13", "2023-6", "0999", "22/06/2023", "2023-06-22 ", "២០២៣"]) assert.ok(!isDate(bad), bad);
});

test("the slug comes from the first title with ASCII words, else the date and type", () => {
  const languages = ["km", "en"];
  assert.equal(slugOf({ date: "2023-06", type: "statement", titles: { km: "សេចក្តីប្រកាស", en: "" } }, languages), "2023-06-statement");
  assert.equal(slugOf({ date: "2023", type: "report", titles: { km: "របាយការណ៍", en: "Report: one two three four five six seven eight nine" } }, languages), "2023-report-one-two-three-four-five-six-seven");
  assert.equal(slugOf({ date: "2023", type: "report", titles: { km: "គ.ជ.ប NEC", en: "Other" } }, languages), "2023-nec");
});

test("the new-file URL is NewFileForm::url's", () => {
  const form = { prefix: "https://github.com/owner/archive/new/main/", name: "filename", content: "value" };
  assert.equal(
    newFileUrl(form, "content/news", "2023-statement.km.md", "---\ntitle: ក & b?\n"),
    "https://github.com/owner/archive/new/main/content/news?filename=2023-statement.km.md&value=---%0Atitle%3A%20%E1%9E%80%20%26%20b%3F%0A",
  );
});
