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
import { VERSION, openIndex, parseQuery, proof } from "../../themes/default/static/js/search-engine.js";
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

// Result URLs of a query, best first.
async function urls(index, query, options = {}) {
  const { results } = await index.search(query, { limit: 1000, ...options });
  return (await index.display(results.map((r) => r.doc))).map((row) => row.u);
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
  const found = await urls(en, "Voters REGISTERED");
  assert.equal(found[0], "/en/announcements/2022-10-17-voter-registration-security-guidelines/");
  assert.ok(found.includes("/en/publications/2018-voter-list-audit-findings/"));
  assert.ok(!found.includes("/en/announcements/2023-05-01-candidate-registration-seven-parties/"),
    "a document about registration but not voters does not match");
});

test("English: the last word matches as a prefix while it is typed", async () => {
  const whole = await urls(en, "registration");
  for (const typed of ["regist", "registra", "registrati"]) {
    const found = await urls(en, typed);
    for (const url of whole.slice(0, 5)) assert.ok(found.includes(url), `"${typed}" finds ${url}`);
  }
  // Only the last word: before another word, "registra" must be a whole word.
  assert.deepEqual(await urls(en, "registra voter"), []);
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

test("Khmer: two words that are never adjacent do not match as a phrase", async () => {
  const [first, second] = ["បោះឆ្នោត", "សិទ្ធិ"];
  const texts = khmerTexts().map(([, text]) => text);
  assert.ok(texts.some((t) => t.includes(first)) && texts.some((t) => t.includes(second)));
  assert.ok(!texts.some((t) => t.includes(first + second)), "the pair never occurs in the sample");

  const { results } = await km.search(first + second, { limit: 100 });
  assert.ok(results.every((r) => !r.phrase), "no result is a phrase match");
  // The reverse order does occur, as a phrase, and ranks first.
  const reverse = await km.search(second + first, { limit: 100 });
  const [top] = await km.display([reverse.results[0].doc]);
  assert.equal(top.u, "/km/reports/anfrel-2017-commune-sangkat-elections-report/");
  assert.ok(reverse.results[0].phrase);
});

test("Khmer: separate parts must all match, anywhere", async () => {
  const found = await urls(km, "សិទ្ធិ បោះឆ្នោត");
  assert.ok(found.includes("/km/news/nec-should-be-impartial-and-independent/"));
  assert.ok(found.length >= (await urls(km, "សិទ្ធិបោះឆ្នោត")).length);
});

test("phrase hits rank before the others", async () => {
  const { results } = await km.search("បោះឆ្នោតសិទ្ធិ ការ", { limit: 100 });
  const firstLoose = results.findIndex((r) => !r.phrase);
  assert.ok(firstLoose === -1 || results.slice(firstLoose).every((r) => !r.phrase));
});

test("filters narrow the results; each facet counts ignore its own filter", async () => {
  const all = await en.search("registration", { limit: 100 });
  const filtered = await en.search("registration", { limit: 100, filters: { type: ["press-release"] } });
  assert.ok(filtered.total > 0 && filtered.total < all.total);
  assert.equal(filtered.total, all.facets.type["press-release"]);
  assert.deepEqual(filtered.facets.type, all.facets.type, "type counts are unchanged by the type filter");
  const rows = await en.display(filtered.results.map((r) => r.doc));
  assert.ok(rows.every((row) => row.y === "Press release"));
  assert.ok(rows.map((r) => r.u).includes("/en/announcements/2023-02-03-party-and-candidate-registration/"));

  const year = await en.search("registration", { limit: 100, filters: { year: [2022], organization: ["nec"] } });
  assert.deepEqual((await en.display(year.results.map((r) => r.doc))).map((r) => r.u),
    ["/en/announcements/2022-10-17-voter-registration-security-guidelines/"]);
  const tag = await en.search("", { limit: 100, filters: { tag: ["library"] } });
  assert.deepEqual((await en.display(tag.results.map((r) => r.doc))).map((r) => r.u), ["/en/pages/about-nec-e-library/"]);
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
  const { results } = await index.search("ស្ពឺ");
  await index.display(results.map((r) => r.doc));
  await index.search("ស្ពឺ");
  const postings = log.filter((p) => /\/p-[^/]+\.json$/.test(p));
  const display = log.filter((p) => /\/d-[^/]+\.json$/.test(p));
  assert.equal(new Set(log).size, log.length, "nothing is fetched twice");
  const chunks = manifest.postings.flatMap(([, table]) => JSON.parse(readFileSync(join(searchDir, "km", table), "utf8")));
  assert.ok(postings.length < chunks.length, "not every postings chunk");
  assert.ok(display.length <= results.length, "display rows of the shown results only");
});

test("query parsing: Khmer tail clusters are dropped, offsets kept", () => {
  const [part] = parseQuery("ការចុះឈ្មោះ");
  assert.deepEqual(part.map((s) => [s.term, s.offset]), [["ការ", 0], ["រចុះ", 1], ["ចុះឈ្មោះ", 2]]);
  assert.ok(part.phrase);
  const [one] = parseQuery("នៃ");
  assert.equal(one[0].kind, "cluster");
});

test("phrase proof: every cluster placed by an exact term, the word being typed kept", () => {
  const offsets = (query, n = 0) => proof(parseQuery(query)[n]).map((s) => s.offset);
  // រ ដ្ឋា ភិ បា ល: four pairs; the last is being typed, so it stays.
  assert.deepEqual(offsets("រដ្ឋាភិបាល"), [0, 2, 3]);
  // Not the last word: pairs 0 and 2 place clusters 0-3, pair 3 places 4.
  assert.deepEqual(offsets("រដ្ឋាភិបាល នៃ"), [0, 2, 3]);
  // Three pairs over four clusters: the middle one goes; of two pairs over
  // three clusters, neither can.
  assert.deepEqual(offsets("ការចុះឈ្មោះ នៃ"), [0, 2]);
  assert.deepEqual(offsets("ការចុះ នៃ"), [0, 1]);
  // Six clusters, five pairs: three suffice.
  const part = parseQuery("គណៈកម្មាធិការ នៃ")[0];
  const kept = proof(part);
  assert.ok(kept.length < part.length, `${kept.length} of ${part.length}`);
  const placed = new Set(kept.flatMap((s) => [s.offset, s.offset + 1]));
  for (const s of part) assert.ok(placed.has(s.offset) && placed.has(s.offset + 1), `pair at ${s.offset} is placed`);
});

test("Khmer: words that occur apart in a document are not a phrase hit there", async () => {
  // Both occur in this document, never adjacent in this order.
  const apart = "/km/news/nec-should-be-impartial-and-independent/";
  const { results, total, verified } = await km.search("បោះឆ្នោតសិទ្ធិ", { limit: 1000, verify: Infinity });
  assert.equal(verified, total, "every candidate verified");
  const rows = await km.display(results.map((r) => r.doc));
  const at = rows.findIndex((row) => row.u === apart);
  assert.ok(at >= 0, "a candidate: it holds every pair");
  assert.equal(results[at].phrase, false);
});

test("Khmer: phrases are verified across several positions files, as the text says", async () => {
  const log = [];
  const index = await open("km", log);
  const texts = khmerTexts();
  const kinds = new Set();
  for (const phrase of ["ការចុះឈ្មោះ", "សិទ្ធិបោះឆ្នោត", "បោះឆ្នោតសិទ្ធិ", "គណៈកម្មាធិការ"]) {
    const { results, total, verified } = await index.search(phrase, { limit: 1000, verify: Infinity });
    assert.equal(verified, total);
    const rows = await index.display(results.map((r) => r.doc));
    rows.forEach((row, i) => {
      // The text, and the tags' labels, which are indexed too.
      const tags = index.meta.docs[results[i].doc][3].map((t) => normalize(index.meta.tags[t][1]));
      const text = [texts.find(([path]) => path.includes(row.u.split("/").at(-2)))[1], ...tags].join("\n");
      assert.equal(results[i].phrase, text.includes(phrase), `${phrase} in ${row.u}: phrase hit iff the text holds it`);
      kinds.add(results[i].phrase);
    });
  }
  assert.deepEqual(kinds, new Set([true, false]), "phrase hits and other candidates");
  const positions = log.filter((p) => /\/q-[^/]+\.json$/.test(p)).map((p) => p.match(/q-(\w+)-(\d+)\.json$/));
  const files = (group) => positions.filter((m) => m[1] === group).length;
  assert.ok(positions.some((m) => files(m[1]) > 1), `a term's positions come from several files: ${log}`);
});

test("Khmer: only the best candidates are verified unless asked; counts stay exact", async () => {
  const all = await km.search("ការចុះឈ្មោះ", { limit: 1000, verify: Infinity });
  const few = await km.search("ការចុះឈ្មោះ", { limit: Infinity, verify: 2 });
  assert.equal(few.total, all.total);
  assert.equal(few.verified, 2);
  assert.equal(few.results.filter((r) => r.phrase === null).length, all.total - 2);
  // Paging asks for what it shows: the first page is verified.
  const page = await km.search("ការចុះឈ្មោះ", { limit: 3, offset: 0, verify: 0 });
  assert.ok(page.verified >= 3 && page.results.every((r) => r.phrase !== null));
});

test("both languages' indexes name the same archive entry for a document's versions", async () => {
  const entries = {};
  for (const lang of ["en", "km"]) {
    const ix = await open(lang);
    const rows = await ix.display(ix.meta.docs.map((_, doc) => doc));
    entries[lang] = new Map(rows.map((row, doc) => [row.u.replace(`/${lang}/`, "/"), ix.meta.docs[doc][4]]));
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
