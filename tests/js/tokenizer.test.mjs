// Checks the browser tokenizer against the shared vectors in
// tests/vectors/tokenizer.jsonl (tests/it/tokenizer_vectors.rs checks the Rust
// side against the same file). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { normalize, clusters, tokenize, isClusterPrefix } from "../../themes/default/static/js/tokenize.js";

const vectors = readFileSync(new URL("../vectors/tokenizer.jsonl", import.meta.url), "utf8")
  .split("\n")
  .map((line, i) => [i + 1, line])
  .filter(([, line]) => line.trim() !== "")
  .map(([line, text]) => ({ line, ...JSON.parse(text) }));

const pairs = (text) => tokenize(text).map((t) => [t.term, t.pos]);

test("there are several hundred vectors, each with a note", () => {
  assert.ok(vectors.length >= 300, `only ${vectors.length} vectors`);
  for (const v of vectors) assert.ok(v.note, `line ${v.line} has no note`);
});

test("every vector matches", () => {
  const failures = [];
  for (const v of vectors) {
    const normalized = normalize(v.input);
    const tokens = pairs(v.input);
    try {
      assert.equal(normalized, v.normalized);
      assert.deepEqual(tokens, v.tokens);
    } catch {
      failures.push(`line ${v.line} (${v.note}): ${JSON.stringify(v.input)}\n` +
        `  normalized ${JSON.stringify(normalized)}\n  tokens ${JSON.stringify(tokens)}`);
    }
  }
  assert.equal(failures.length, 0, `${failures.length} vectors fail:\n${failures.join("\n")}`);
});

test("normalizing twice changes nothing", () => {
  for (const v of vectors) {
    assert.equal(normalize(v.normalized), v.normalized, `line ${v.line}`);
    assert.deepEqual(pairs(v.normalized), v.tokens, `line ${v.line}`);
  }
});

test("clusters of a run concatenate back to the run", () => {
  for (const v of vectors) {
    for (const run of v.normalized.match(/[\u1780-\u17d3\u17dc\u17dd]+/g) ?? []) {
      assert.equal(clusters(run).join(""), run);
    }
  }
});

// The same table is in tests/it/tokenizer_vectors.rs.
const CLUSTER_PREFIX_CASES = [
  ["ប្រជា", "ប្រ", true], // the next cluster starts with ជ
  ["ប្រ", "ប្រ", true], // whole term
  ["ប្រា", "ប្រ", false], // ា belongs to the cluster ប្រា
  ["ប្រឹ", "ប្រ", false], // so does ឹ
  ["ប្រជា", "ប", false], // ្រ is a subscript of ប
  ["ស្ត្រី", "ស្ត", false], // ្រ is another subscript
  ["នៃការ", "នៃ", true],
  ["នេះ", "នៃ", false], // not a prefix at all
  ["ជាតិ", "ជា", true],
  ["ជាំ", "ជា", false], // a sign continues the cluster
  ["ប្", "ប", false], // a stray COENG continues the cluster
  ["ប្ក", "ប្", false], // a base after COENG is its subscript
  ["ក", "ក", true],
  ["election", "elect", true],
  ["", "ក", false],
];

test("isClusterPrefix", () => {
  for (const [term, query, expected] of CLUSTER_PREFIX_CASES) {
    assert.equal(isClusterPrefix(term, query), expected, `${term} / ${query}`);
  }
});
