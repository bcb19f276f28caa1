// Precision and recall of Khmer phrase search on real text: an archive of
// VOA news and UDHR paragraphs (tests/fixtures/khmer-real/), built with the
// real `sastra build`, queried through the search engine's public entry
// point (openIndex → search → display) with queries cut from the text:
// as written, with zero-width spaces, with marks typed in another order
// (សិទិ្ធ for សិទ្ធិ), with ្ដ for ្ត, and phrases holding digits (Khmer and
// ASCII). The truth is computed here, independently of the index: the
// documents whose normalised text holds the normalised query as consecutive
// clusters.
//
//   node --test tests/js/search-quality.test.mjs
//   SASTRA_QUALITY_CORPUS=../shared/khmer-corpus/paragraphs.jsonl QUERIES=400 node --test tests/js/search-quality.test.mjs
//
// The second form measures the whole corpus, khPOS included, in a temporary
// folder (khPOS is CC BY-NC-SA: read from where it is, never copied here).
// SASTRA_BIN: a built sastra binary to use instead of `cargo run`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openIndex } from "../../themes/default/static/js/search-engine.js";
import { clusters, normalize } from "../../themes/default/static/js/tokenize.js";
import { documents, readUnits, writeArchive } from "../fixtures/khmer-real/make.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const corpus = process.env.SASTRA_QUALITY_CORPUS;
const QUERIES = Number(process.env.QUERIES ?? 120); // per kind
const ZWSP = "\u200b";
const KHMER_RUN = /[\u1780-\u17d3\u17dc\u17dd]+/g;
const isMark = (c) => /[\u17b4-\u17d3\u17dd]/.test(c ?? "");

// ---- the archive, built -------------------------------------------------------

function sastra(args) {
  if (process.env.SASTRA_BIN) return execFileSync(process.env.SASTRA_BIN, args, { stdio: "pipe" });
  const local = join(homedir(), ".cargo", "bin", "cargo");
  const cargo = process.env.CARGO ?? (existsSync(local) ? local : "cargo");
  return execFileSync(cargo, ["run", "--quiet", "--bin", "sastra", "--", ...args], { cwd: root, stdio: "pipe", timeout: 20 * 60 * 1000, maxBuffer: 64 << 20 });
}

const dir = mkdtempSync(join(tmpdir(), "sastra-quality-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
if (corpus) writeArchive(documents(readUnits(resolve(corpus))), dir);
else cpSync(join(root, "tests/fixtures/khmer-real"), dir, { recursive: true });
cpSync(join(root, "themes"), join(dir, "themes"), { recursive: true });
sastra(["--root", dir, "build", "--output", join(dir, "public")]);

const fileFetch = async (path) => {
  try {
    const text = await readFile(path, "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  } catch {
    return { ok: false, status: 404, json: async () => { throw new Error("not found"); } };
  }
};
const km = await openIndex(join(dir, "public/search/km") + "/", fileFetch);

// Every document: its URL's slug and its normalised title and text.
const docs = [];
for (const section of readdirSync(join(dir, "content"))) {
  for (const name of readdirSync(join(dir, "content", section))) {
    const source = readFileSync(join(dir, "content", section, name), "utf8");
    const [, front, body] = source.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
    const title = front.match(/^title: "(.*)"$/m)[1];
    docs.push({ slug: name.replace(/\.km\.md$/, ""), text: normalize(`${title}\n${body}`) });
  }
}

// ---- the truth ----------------------------------------------------------------

// Whether normalised text holds normalised query on cluster (and number)
// boundaries: not starting inside a cluster or a number, not ending before
// a mark or a subscript's consonant, or inside a number.
function holds(text, query) {
  for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + 1)) {
    const before = text[at - 1];
    const after = text[at + query.length];
    const startsClean = !isMark(text[at]) && before !== "\u17d2" && !(/\d/.test(query[0]) && /\d/.test(before ?? ""));
    const endsClean = !isMark(after) && !(query.at(-1) === "\u17d2") && !(/\d/.test(query.at(-1)) && /\d/.test(after ?? ""));
    if (startsClean && endsClean) return true;
  }
  return false;
}

const truth = (query) => new Set(docs.filter((d) => holds(d.text, normalize(query))).map((d) => d.slug));

// The documents search answers as holding the phrase: its results (the
// documents holding the words only apart come separately, in `apart`).
// Only public entry points, so that a new index format keeps this test.
async function answer(query) {
  const { results } = await km.search(query, { limit: Infinity });
  const rows = await km.display(results.map((r) => r.doc));
  // A section's record leads to its heading: the document is the same.
  return new Set(rows.map((row) => row.url.split("#")[0].split("/").filter(Boolean).at(-1)));
}

// ---- the queries ---------------------------------------------------------------

// A 32-bit xorshift generator, so that the queries are the same every run.
function generator(seed) {
  let x = seed;
  return (n) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

// Runs of 2–6 clusters cut from the documents' normalised text, at random.
function phrases(random, count, accept = () => true) {
  const runs = docs.flatMap((d) => d.text.match(KHMER_RUN) ?? []).map(clusters).filter((c) => c.length >= 2);
  const out = new Set();
  for (let tries = 0; out.size < count && tries < count * 200; tries++) {
    const run = runs[random(runs.length)];
    const length = 2 + random(Math.min(5, run.length - 1));
    const start = random(run.length - length + 1);
    const phrase = run.slice(start, start + length).join("");
    if (accept(phrase)) out.add(phrase);
  }
  return [...out];
}

// The same phrase with zero-width spaces between some of its clusters.
function withZwsp(random, phrase) {
  return clusters(phrase).map((c, i) => (i && random(2) ? ZWSP + c : c)).join("");
}

// A vowel typed before the subscript it follows in canonical order (សិទិ្ធ).
const SUBSCRIPT_THEN_VOWEL = /(\u17d2[\u1780-\u17b3])([\u17b6-\u17c5])/;
const vowelFirst = (phrase) => phrase.replace(SUBSCRIPT_THEN_VOWEL, "$2$1");

// A Khmer run touching a number in the text, as Khmer digits and as ASCII.
function digitPhrases(random, count) {
  const found = docs.flatMap((d) => d.text.match(/[\u1780-\u17d3\u17dc\u17dd]{2,12}\d+|\d+[\u1780-\u17d3\u17dc\u17dd]{2,12}/g) ?? []);
  const out = new Set();
  for (let tries = 0; out.size < count && tries < count * 50 && found.length; tries++) {
    const phrase = found[random(found.length)];
    // Cut the Khmer side to whole clusters, 1–3 of them.
    const trimmed = phrase.replace(/^[\u1780-\u17dd]+|[\u1780-\u17dd]+$/, (run) => {
      const parts = clusters(run);
      const keep = 1 + random(Math.min(3, parts.length));
      return (/^\d/.test(phrase) ? parts.slice(0, keep) : parts.slice(-keep)).join("");
    });
    if (!isMark(trimmed[0])) out.add(trimmed);
  }
  return [...out];
}

function kinds() {
  const random = generator(20260);
  const toKhmerDigits = (s) => s.replace(/\d/g, (d) => String.fromCharCode(0x17e0 + Number(d)));
  return {
    plain: phrases(random, QUERIES),
    "zero-width spaces": phrases(random, QUERIES).map((p) => withZwsp(random, p)),
    "vowel before subscript": phrases(random, QUERIES, (p) => SUBSCRIPT_THEN_VOWEL.test(p)).map(vowelFirst),
    "្ដ for ្ត": phrases(random, QUERIES, (p) => p.includes("\u17d2\u178f")).map((p) => p.replaceAll("\u17d2\u178f", "\u17d2\u178a")),
    "Khmer digits": digitPhrases(random, QUERIES).map(toKhmerDigits),
    "ASCII digits": digitPhrases(random, QUERIES),
  };
}

// ---- the measurement -------------------------------------------------------------

// Micro-averaged over the queries: every (query, document) pair counts once.
async function measure(queries) {
  let found = 0;
  let right = 0;
  let expected = 0;
  const misses = [];
  for (const query of queries) {
    const [want, got] = [truth(query), await answer(query)];
    const hits = [...got].filter((slug) => want.has(slug)).length;
    found += got.size;
    right += hits;
    expected += want.size;
    if (hits < got.size || hits < want.size) misses.push(`${query}: ${got.size - hits} wrong, ${want.size - hits} missed of ${want.size}`);
  }
  return { queries: queries.length, precision: found ? right / found : 1, recall: expected ? right / expected : 1, expected, misses };
}

const measured = {};
for (const [kind, queries] of Object.entries(kinds())) measured[kind] = await measure(queries);
const label = corpus ? `the whole corpus (${docs.length} documents)` : `tests/fixtures/khmer-real (${docs.length} documents)`;
console.log(`Khmer phrase search on ${label}:`);
console.log("| queries | n | expected hits | precision | recall |\n| --- | ---: | ---: | ---: | ---: |");
for (const [kind, m] of Object.entries(measured)) {
  console.log(`| ${kind} | ${m.queries} | ${m.expected} | ${m.precision.toFixed(4)} | ${m.recall.toFixed(4)} |`);
}

// Where today's engine falls short of the target (issue 15), and why; the
// measurement still runs and prints, and a shortfall fixed shows as a
// passing todo, to be moved out of this list.
const SHORT_TODAY = {};

for (const [kind, m] of Object.entries(measured)) {
  for (const measure of ["precision", "recall"]) {
    const todo = SHORT_TODAY[`${kind} ${measure}`] ?? (corpus ? "measured, not asserted, on the whole corpus" : false);
    test(`Khmer phrase search, ${kind}: ${measure} at least 0.99`, { todo }, () => {
      assert.ok(m.queries >= Math.min(QUERIES, 20), `only ${m.queries} queries of this kind could be drawn`);
      assert.ok(m.expected > m.queries, "the queries find documents");
      assert.ok(m[measure] >= 0.99, `${measure} ${m[measure].toFixed(4)}; misses:\n${m.misses.slice(0, 15).join("\n")}`);
    });
  }
}

test("the truth is the text's: a phrase cut from a document is found in it", () => {
  const [doc] = docs;
  const run = clusters(doc.text.match(KHMER_RUN).find((r) => clusters(r).length >= 3));
  assert.ok(truth(run.slice(0, 3).join("")).has(doc.slug));
  assert.ok(!truth(run.slice(0, 3).join("") + "ឃ្ញ").has(doc.slug));
});
