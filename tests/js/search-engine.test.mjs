// Queries the built sample site's search index (public/search/<lang>/) with
// the browser's search engine and checks which documents come back. Builds
// the site first when it is missing. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_TERMS, VERSION, memo, openIndex, parseQuery, phraseSlots } from "../../themes/default/static/js/search-engine.js";
import { normalize } from "../../themes/default/static/js/tokenize.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const searchDir = join(root, "public", "search");
// Written after each build this test runs: the build leaves unchanged files
// (the manifest too) as they were, so their dates do not tell when it ran.
const stamp = join(root, "target", "js-tests-site-built");

function cargo() {
  if (process.env.CARGO) return process.env.CARGO;
  const local = join(homedir(), ".cargo", "bin", "cargo");
  return existsSync(local) ? local : "cargo";
}

function indexIsBuilt() {
  return ["km", "en"].every((lang) => {
    const manifest = join(searchDir, lang, "manifest.json");
    try {
      return JSON.parse(readFileSync(manifest, "utf8")).version === VERSION;
    } catch {
      return false;
    }
  });
}

// Newest modification time of the files under the given paths.
function newest(paths) {
  let time = 0;
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else time = Math.max(time, stat.mtimeMs);
  };
  paths.forEach((p) => visit(join(root, p)));
  return time;
}

// Whether the index predates the content, configuration or code it is made from.
function indexIsStale() {
  const built = Math.max(...[join(searchDir, "km", "manifest.json"), stamp].map((p) => statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  return newest(["content", "site.toml", "src", "themes/default/i18n"]) > built;
}

// The sample site, built from the repository root when it is missing or
// stale. A failed rebuild of a stale site warns and tests the previous one
// (someone may be midway through an edit); a failed first build fails.
function ensureSite() {
  const built = indexIsBuilt();
  if (built && !indexIsStale()) return;
  try {
    execFileSync(cargo(), ["run", "--quiet", "--", "build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 20 * 60 * 1000,
      maxBuffer: 64 * 1024 * 1024,
    });
    mkdirSync(join(root, "target"), { recursive: true });
    writeFileSync(stamp, new Date().toISOString());
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim();
    const message = `building the sample site failed (${error.message}):\n${output}`;
    if (!built) throw new Error(message);
    console.warn(`${message}\nTesting the previous build in ${searchDir}.`);
  }
  assert.ok(indexIsBuilt(), `the build did not produce ${searchDir}/<lang>/manifest.json`);
}

// fetch() over the file system, counting what is read.
function fileFetch(log) {
  return async (path) => {
    log?.push(path);
    try {
      const text = await readFile(path, "utf8");
      return { ok: true, status: 200, json: async () => JSON.parse(text) };
    } catch {
      return { ok: false, status: 404, json: async () => { throw new Error("not found"); } };
    }
  };
}

ensureSite();
const open = (lang, log) => openIndex(join(searchDir, lang) + "/", fileFetch(log));
const km = await open("km");
const en = await open("en");

// The documents a query finds, best first, by URL (a result leading to a
// section or a PDF page is its document).
async function urls(index, query, options = {}) {
  const { results } = await index.search(query, { limit: 1000, ...options });
  return (await index.display(results.map((r) => r.doc))).map((row) => row.url.replace(/#.*$/, ""));
}

// The Khmer sample documents' text, normalised as the index reads it.
function khmerTexts() {
  const texts = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".km.md")) texts.push([path, normalize(readFileSync(path, "utf8"))]);
    }
  };
  walk(join(root, "content"));
  return texts;
}

const ZWSP = "\u200b";
const VOTER_REGISTRATION = "/km/announcements/2022-10-17-voter-registration-security-guidelines/";
const SPEU = [
  "/km/announcements/2023-01-16-journalist-registration-new-councils/",
  "/km/announcements/2023-01-16-new-councils-dissemination-meeting/",
];

test("English: a word finds the documents about it, best first", async () => {
  const found = await urls(en, "registration");
  for (const url of [
    "/en/announcements/2023-05-01-candidate-registration-seven-parties/",
    "/en/announcements/2022-10-17-voter-registration-security-guidelines/",
    "/en/announcements/2023-02-03-party-and-candidate-registration/",
    "/en/announcements/2023-02-03-agent-and-observer-registration/",
    "/en/announcements/2023-01-16-journalist-registration-new-councils/",
  ]) assert.ok(found.slice(0, 6).includes(url), `${url} in the first results of ${found}`);
});

test("English: words are stemmed and every word must match", async () => {
  // As typed in the page: the last word may be the start of a longer one
  // ("registered" stems to "regist", "registration" to "registr").
  const found = await urls(en, "Voters REGISTERED", { prefix: true });
  assert.equal(found[0], "/en/announcements/2022-10-17-voter-registration-security-guidelines/");
  assert.ok(found.includes("/en/publications/2018-voter-list-audit-findings/"));
  assert.ok(!found.includes("/en/announcements/2023-05-01-candidate-registration-seven-parties/"),
    "a document about registration but not voters does not match");
});

test("English: the last word matches as a prefix while it is typed", async () => {
  const whole = await urls(en, "registration");
  for (const typed of ["regist", "registra", "registrati"]) {
    const found = await urls(en, typed, { prefix: true });
    for (const url of whole.slice(0, 5)) assert.ok(found.includes(url), `"${typed}" finds ${url}`);
  }
  // Only the last word: before another word, "registra" must be a whole word.
  assert.deepEqual(await urls(en, "registra voter", { prefix: true }), []);
  // Without the prefix option the words are whole.
  assert.deepEqual(await urls(en, "registra"), []);
});

test("English: stop words alone find nothing", async () => {
  assert.deepEqual(await urls(en, "the of and"), []);
});

test("Khmer: a phrase, and the same phrase typed with zero-width spaces", async () => {
  const plain = await urls(km, "ការចុះឈ្មោះ");
  assert.equal(plain[0], VOTER_REGISTRATION);
  assert.ok(plain.includes("/km/publications/2018-voter-list-audit-findings/"));
  const spaced = await urls(km, ["ការ", "ចុះ", "ឈ្មោះ"].join(ZWSP));
  assert.deepEqual(spaced, plain);
  const everyCluster = await urls(km, ["កា", "រ", "ចុះ", "ឈ្មោះ"].join(ZWSP));
  assert.deepEqual(everyCluster, plain);
});

test("Khmer: subscript DA (្ដ) finds text written with subscript TA (្ត)", async () => {
  const ta = await urls(km, "សេចក្តីថ្លែងការណ៍រួម");
  const da = await urls(km, "សេចក្ដីថ្លែងការណ៍រួម");
  assert.deepEqual(da, ta);
  for (const url of [
    "/km/publications/joint-statement-situation-after-2018-elections/",
    "/km/publications/joint-statement-eu-eba-suspension/",
    "/km/publications/joint-statement-constitution-criminal-code-amendments/",
  ]) assert.ok(ta.slice(0, 3).includes(url), `${url} first for the joint statements`);
});

test("Khmer: a vowel typed before the subscript (សិទិ្ធ) finds សិទ្ធិ", async () => {
  const canonical = await urls(km, "សិទ្ធិ");
  assert.deepEqual(await urls(km, "សិទិ្ធ"), canonical);
  assert.deepEqual(new Set(canonical), new Set([
    "/km/publications/joint-statement-eu-eba-suspension/",
    "/km/publications/joint-statement-constitution-criminal-code-amendments/",
    "/km/publications/joint-statement-situation-after-2018-elections/",
    "/km/reports/anfrel-2017-commune-sangkat-elections-report/",
    "/km/news/nec-should-be-impartial-and-independent/",
  ]));
});

test("Khmer: one cluster finds the words that start with it", async () => {
  // ស្ពឺ (as in កំពង់ស្ពឺ) occurs in exactly two documents.
  assert.deepEqual(new Set(await urls(km, "ស្ពឺ")), new Set(SPEU));
  assert.deepEqual(new Set(await urls(km, "កំពង់ស្ពឺ")), new Set(SPEU));
  // Cluster-aware: ប្រ is not a prefix of ប្រឹ (ប្រឹក្សា), so a document
  // must hold ប្រ itself; every result does.
  const texts = khmerTexts();
  for (const url of await urls(km, "ប្រ")) {
    const slug = url.split("/").at(-2);
    const text = texts.find(([path]) => path.includes(slug))[1];
    assert.match(text, /ប្រ(?![\u17b6-\u17d3])/u, `${url} holds the cluster ប្រ`);
  }
});

test("Khmer: two words that are never adjacent are not a phrase", async () => {
  const [first, second] = ["បោះឆ្នោត", "សិទ្ធិ"];
  const texts = khmerTexts().map(([, text]) => text);
  assert.ok(texts.some((t) => t.includes(first)) && texts.some((t) => t.includes(second)));
  assert.ok(!texts.some((t) => t.includes(first + second)), "the pair never occurs in the sample");
  assert.deepEqual(await urls(km, first + second), []);
  // The reverse order does occur, as a phrase, and ranks first.
  const reverse = await urls(km, second + first);
  assert.equal(reverse[0], "/km/reports/anfrel-2017-commune-sangkat-elections-report/");
});

test("Khmer: words typed apart are one phrase; documents holding them apart come after, counted apart", async () => {
  const together = await km.search("សិទ្ធិ បោះឆ្នោត", { limit: 1000 });
  const joined = await km.search("សិទ្ធិបោះឆ្នោត", { limit: 1000 });
  assert.deepEqual(together.results, joined.results);
  assert.equal(joined.apart.total, 0, "one word typed: nothing is apart");
  const apart = (await km.display(together.apart.results.map((r) => r.doc))).map((row) => row.url);
  assert.equal(together.apart.total, apart.length);
  assert.ok(apart.includes("/km/news/nec-should-be-impartial-and-independent/"), `${apart}`);
  const phrase = new Set(together.results.map((r) => r.doc));
  assert.ok(together.apart.results.every((r) => !phrase.has(r.doc)), "no document in both lists");
});

test("Khmer: the results are exactly the documents holding the phrase", async () => {
  const texts = khmerTexts();
  for (const phrase of ["ការចុះឈ្មោះ", "សិទ្ធិបោះឆ្នោត", "គណៈកម្មាធិការ", "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត", "ការបោះឆ្នោត", "ស្ពឺ", "ជាតិ"]) {
    const { results } = await km.search(phrase, { limit: 1000 });
    const found = new Set((await km.display(results.map((r) => r.doc))).map((row) => row.url.split("/").at(-2)));
    const tagged = (doc) => km.meta.docs[doc].tags.map((t) => normalize(km.meta.tags[t][1]));
    // The text, and the tags' labels, which are indexed too.
    const rows = await km.display(km.meta.docs.map((_, doc) => doc));
    const holding = new Set(rows.filter((row, doc) => {
      const text = texts.find(([path]) => path.includes(row.url.split("/").at(-2)))?.[1] ?? "";
      return [text, ...tagged(doc)].join("\n").includes(phrase);
    }).map((row) => row.url.split("/").at(-2)));
    if (phrase === "ស្ពឺ" || phrase === "ជាតិ") {
      for (const slug of found) assert.ok(holding.has(slug), `${phrase}: ${slug} holds it`);
    } else {
      assert.deepEqual([...found].sort(), [...holding].sort(), phrase);
    }
  }
});

test("filters narrow the results; each facet counts ignore its own filter", async () => {
  const all = await en.search("registration", { limit: 100 });
  const filtered = await en.search("registration", { limit: 100, filters: { type: ["press-release"] } });
  assert.ok(filtered.total > 0 && filtered.total < all.total);
  assert.equal(filtered.total, all.facets.type["press-release"]);
  assert.deepEqual(filtered.facets.type, all.facets.type, "type counts are unchanged by the type filter");
  const rows = await en.display(filtered.results.map((r) => r.doc));
  assert.ok(rows.every((row) => row.type === "Press release"));
  assert.ok(rows.map((r) => r.url).includes("/en/announcements/2023-02-03-party-and-candidate-registration/"));

  const year = await en.search("registration", { limit: 100, filters: { year: [2022], organization: ["nec"] } });
  assert.deepEqual((await en.display(year.results.map((r) => r.doc))).map((r) => r.url),
    ["/en/announcements/2022-10-17-voter-registration-security-guidelines/"]);
  const tag = await en.search("", { limit: 100, filters: { tag: ["library"] } });
  assert.deepEqual((await en.display(tag.results.map((r) => r.doc))).map((r) => r.url), ["/en/pages/about-nec-e-library/"]);
});

test("limit and offset page through the results", async () => {
  const all = await en.search("election", { limit: 100 });
  const page = await en.search("election", { limit: 3, offset: 3 });
  assert.equal(page.total, all.total);
  assert.deepEqual(page.results, all.results.slice(3, 6));
});

test("only the chunks a query needs are fetched, each once", async () => {
  const log = [];
  const index = await open("km", log);
  const manifest = JSON.parse(readFileSync(join(searchDir, "km", "manifest.json"), "utf8"));
  const { results } = await index.search("ការបោះឆ្នោត");
  await index.display(results.map((r) => r.doc));
  await index.search("ការបោះឆ្នោត");
  const postings = log.filter((p) => /\/p-[^/]+\.json$/.test(p));
  const display = log.filter((p) => /\/d-[^/]+\.json$/.test(p));
  assert.equal(new Set(log).size, log.length, "nothing is fetched twice");
  assert.ok(postings.length <= 3 && postings.length < manifest.chunks.f.length, `${postings.length} postings chunks`);
  assert.ok(!log.some((p) => /\/q-/.test(p)), "no positions");
  assert.ok(display.length <= results.length, "display rows of the shown results only");
});

// A shared link km/search/?q= with thousands of Khmer clusters, or
// thousands of words, must not fetch the index on a reader's mobile data:
// a query looks up its first MAX_TERMS terms, and says it was shortened.
test("a very long query fetches a bounded number of files and says it was shortened", async () => {
  const clusters = ["ក", "ខ", "គ", "ឃ", "ង", "ច", "ឆ", "ជ", "ឈ", "ញ", "ដ", "ឋ", "ឌ", "ឍ", "ណ", "ត", "ថ", "ទ", "ធ", "ន", "ប", "ផ", "ព", "ភ", "ម", "យ", "រ", "ល", "វ", "ស", "ហ", "ឡ", "អ"];
  const vowels = ["ា", "ិ", "ី", "ឹ", "ឺ", "ុ", "ូ", "ួ", "ើ", "ឿ", "ៀ", "េ", "ែ", "ៃ", "ោ", "ៅ"];
  const many = (n, join) => Array.from({ length: n }, (_, i) => clusters[(i * 7) % clusters.length] + vowels[(i * 5) % vowels.length]).join(join);
  const queries = {
    "3,000 clusters in one phrase": many(3000, ""),
    "3,000 clusters typed apart": many(3000, " "),
    "3,000 one-cluster words": Array.from({ length: 3000 }, (_, i) => clusters[i % clusters.length]).join(" "),
    "3,000 English words": Array.from({ length: 3000 }, (_, i) => `word${i.toString(36)}`).join(" "),
    "Latin and Khmer words in turn": Array.from({ length: 500 }, (_, i) => `w${i} ${clusters[i % clusters.length]}`).join(" "),
    "numbers against Khmer": Array.from({ length: 1000 }, (_, i) => `${i}${clusters[i % clusters.length]}ា`).join(" "),
    "one word of 100,000 letters": "a".repeat(100000),
  };
  for (const [name, query] of Object.entries(queries)) {
    const plan = parseQuery(query, { prefix: true });
    assert.ok(plan.phrase.length <= MAX_TERMS, `${name}: ${plan.phrase.length} terms`);
    assert.ok((plan.apart?.length ?? 0) <= MAX_TERMS, `${name}: ${plan.apart?.length} terms apart`);
    for (const prefix of [false, true]) {
      const log = [];
      const index = await open("km", log);
      const answer = await index.search(query, { prefix });
      index.warm(query);
      const postings = new Set(log.filter((p) => /\/p-[^/]+\.json$/.test(p)));
      assert.ok(answer.shortened, `${name}: the answer says it was shortened`);
      assert.ok(postings.size <= 2 * MAX_TERMS + 4, `${name}: ${postings.size} postings chunks fetched`);
    }
  }
  // An ordinary query is not shortened, and a long one's beginning still
  // finds what it holds.
  assert.equal((await km.search("ការបោះឆ្នោត")).shortened, false);
  assert.equal((await en.search("election observers and the ballot")).shortened, false);
  const long = await en.search(`election ${"observers ".repeat(100)}`);
  assert.ok(long.shortened && long.total > 0, `${long.total} results`);
});

test("a phrase found only in an attached PDF's text is one result, saying on which page", async () => {
  for (const lang of ["en", "km"]) {
    const ix = await open(lang);
    const rows = await ix.display(ix.meta.docs.map((_, doc) => doc));
    const pages = rows.map((row, doc) => [row, doc]).filter(([row, doc]) => row.place && !ix.meta.docs[doc].section);
    assert.ok(pages.length > 0, `${lang}: the sample's real PDF has page records`);
    for (const [row, doc] of pages) {
      assert.match(row.url, /#pdf-\d+-page-\d+$/, "a page record leads to its page");
      const own = rows.findIndex((r, d) => !r.place && ix.meta.docs[d].entry === ix.meta.docs[doc].entry);
      assert.ok(own >= 0, "a page record's document has its own record");
      assert.equal(rows[own].url, row.url.replace(/#.*$/, ""));
    }
    // A Khmer run or an English word of the page's excerpt, as a query:
    // the document is found once.
    const [row, doc] = pages[0];
    const words = row.excerpt.match(/[\u1780-\u17d3]{8,}|[A-Za-z]{6,}/)[0];
    const { results, total } = await ix.search(words, { limit: Infinity });
    const entry = ix.meta.docs[doc].entry;
    assert.equal(results.filter((r) => ix.meta.docs[r.doc].entry === entry).length, 1, `${lang} "${words}": one result for the document`);
    assert.equal(total, new Set(results.map((r) => ix.meta.docs[r.doc].entry)).size, "the count counts documents");
  }
});

test("words deep in a long document lead to the section holding them, shown in its excerpt", async () => {
  for (const lang of ["en", "km"]) {
    const ix = await open(lang);
    const rows = await ix.display(ix.meta.docs.map((_, doc) => doc));
    const sections = rows.map((row, doc) => [row, doc]).filter(([, doc]) => ix.meta.docs[doc].section);
    assert.ok(sections.length > 0, `${lang}: the sample's long documents have section records`);
    // A passage past the document's own excerpt.
    const [row, doc] = sections.find(([r, d]) => {
      const own = rows.find((o, k) => !o.place && ix.meta.docs[k].entry === ix.meta.docs[d].entry);
      return !own.excerpt.includes(r.excerpt.slice(0, 40));
    });
    assert.match(row.url, /#[^#]+$/, "a section record leads to its heading");
    assert.ok(row.place, "a section record says where it is");
    const words = row.excerpt.match(/[\u1780-\u17d3]{10,}|(?:[A-Za-z]{4,} ){3}[A-Za-z]{4,}/)?.[0];
    if (!words) continue;
    const { results } = await ix.search(words, { limit: Infinity });
    const found = results.find((r) => ix.meta.docs[r.doc].entry === ix.meta.docs[doc].entry);
    assert.ok(found, `${lang} "${words}": the document is found`);
    const shown = (await ix.display([found.doc]))[0];
    assert.ok(shown.excerpt.includes(words), `${lang} "${words}": the excerpt shown holds the words: ${shown.excerpt}`);
    assert.ok(shown.url.includes("#"), `${lang} "${words}": the result leads into the document: ${shown.url}`);
  }
});

test("warming a query fetches the postings its search reads, so the search fetches none", async () => {
  for (const [lang, query] of [["km", "សេចក្តីប្រកាសព័ត៌មាន"], ["km", "ការបោះឆ្នោ"], ["en", "election commi"]]) {
    const log = [];
    const index = await open(lang, log);
    index.warm(query);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const warmed = log.filter((p) => /\/p-[^/]+\.json$/.test(p)).length;
    assert.ok(warmed > 0, `${query}: warming fetched postings`);
    await index.search(query, { prefix: true });
    const fetched = log.filter((p) => /\/p-[^/]+\.json$/.test(p)).length;
    assert.equal(fetched, warmed, `${query}: the search fetched ${fetched - warmed} postings chunks more`);
  }
});

test("query parsing: a Khmer phrase is its trigrams, a short one a pair or a cluster", () => {
  const terms = (query, options) => parseQuery(query, options).phrase.map((s) => [s.term, s.kind]);
  assert.deepEqual(terms("ការចុះឈ្មោះ"), [["~ការចុះ", "term"], ["~រចុះឈ្មោះ", "term"]]);
  assert.deepEqual(terms("ការចុះឈ្មោះ", { prefix: true }), [["~ការចុះ", "term"], ["~រចុះឈ្មោះ", "typing"]]);
  assert.deepEqual(terms("ការចុះឈ្មោះ ", { prefix: true }), [["~ការចុះ", "term"], ["~រចុះឈ្មោះ", "term"]]);
  assert.deepEqual(terms("នៃ"), [["នៃ", "cluster"]]);
  assert.deepEqual(terms("ការ"), [["ការ", "term"]]);
  assert.deepEqual(terms("ការ ballots"), [["ការ", "term"], ["ballot", "term"]]);
  assert.equal(parseQuery("ការ ballots").apart, null);
  // Words typed apart: one phrase, and each word alone for the documents holding them apart.
  const split = parseQuery("ការ ចុះ");
  assert.deepEqual(split.phrase.map((s) => s.term), ["~ការចុះ"]);
  assert.deepEqual(split.apart.map((s) => s.term), ["ការ", "ចុះ"]);
});

test("query parsing: a long phrase looks up every other trigram and the last", () => {
  const cs = ["ក", "ខ", "គ", "ឃ", "ង", "ច", "ឆ", "ជ", "ឈ"];
  assert.deepEqual(phraseSlots(cs.slice(0, 6)).map((s) => s.term), ["~កខគ", "~ខគឃ", "~គឃង", "~ឃងច"]);
  assert.deepEqual(phraseSlots(cs).map((s) => s.term), ["~កខគ", "~គឃង", "~ងចឆ", "~ឆជឈ"]);
});

test("memo keeps answers and forgets failures", async () => {
  let calls = 0;
  const get = memo(async (key) => {
    calls++;
    if (key === "bad" && calls < 3) throw new Error("offline");
    return key.length;
  });
  assert.equal(await get("abc"), 3);
  assert.equal(await get("abc"), 3);
  assert.equal(calls, 1);
  await assert.rejects(get("bad"));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(await get("bad"), 3);
});

test("both languages' indexes name the same archive entry for a document's versions", async () => {
  const entries = {};
  for (const lang of ["en", "km"]) {
    const ix = await open(lang);
    const rows = await ix.display(ix.meta.docs.map((_, doc) => doc));
    // The documents' own records; those of their PDFs' pages share their entry.
    const own = rows.map((row, doc) => [row, doc]).filter(([row]) => !row.place);
    entries[lang] = new Map(own.map(([row, doc]) => [row.url.replace(`/${lang}/`, "/"), ix.meta.docs[doc].entry]));
  }
  assert.ok(entries.en.size >= 24);
  for (const [path, entry] of entries.en) {
    if (entries.km.has(path)) assert.equal(entries.km.get(path), entry, path);
  }
  // Different documents have different entries.
  assert.equal(new Set(entries.en.values()).size, entries.en.size);
});

test("facet entries let counts over both languages count a document once", async () => {
  const [en, km] = await Promise.all([open("en"), open("km")]);
  const [a, b] = await Promise.all([en.search("", { limit: Infinity }), km.search("", { limit: Infinity })]);
  const union = new Set([...a.entries.organization.nec, ...b.entries.organization.nec]);
  assert.equal(a.facets.organization.nec, a.entries.organization.nec.size);
  // Every NEC document of the sample exists in both languages.
  assert.equal(union.size, a.facets.organization.nec);
  assert.equal(b.facets.organization.nec, a.facets.organization.nec);
});
