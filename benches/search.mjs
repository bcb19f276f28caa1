// Measures what a reader's browser transfers and computes for a search on
// a built site: compressed bytes of the first query (script, manifest,
// filter data, postings, display data for the first page of results), of
// each further query, and the time from data in hand to results.
//
//   node benches/search.mjs SITE_DIR [lang query]...
//   node benches/search.mjs /tmp/bench/archive-10000/public en "election committee" km សន្លឹកឆ្នោត
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [site, ...pairs] = process.argv.slice(2);
if (!site || pairs.length % 2) {
  console.error("usage: node benches/search.mjs SITE_DIR [lang query]...");
  process.exit(2);
}
const theme = path.join(path.dirname(fileURLToPath(import.meta.url)), "../themes/default/static/js");
const { openIndex } = await import(path.join(theme, "search-engine.js"));

const gz = (bytes) => gzipSync(bytes, { level: 6 }).length;
let transferred = 0;
const fetchFile = async (url) => {
  const bytes = await readFile(path.join(site, url));
  transferred += gz(bytes);
  return { ok: true, status: 200, json: async () => JSON.parse(bytes.toString("utf8")) };
};

let scripts = 0;
for (const name of ["search.js", "search-engine.js", "tokenize.js"]) scripts += gz(await readFile(path.join(theme, name)));
const queries = [];
for (let i = 0; i < pairs.length; i += 2) queries.push([pairs[i], pairs[i + 1]]);
const indexes = new Map();
const kb = (n) => (n / 1024).toFixed(1).padStart(7);
console.log("scripts (gzip):", kb(scripts).trim(), "KB, fetched once");
console.log("lang  query                           results  transfer KB  total KB  compute ms");
for (const [lang, query] of queries) {
  const first = !indexes.has(lang);
  transferred = 0;
  if (first) indexes.set(lang, await openIndex(`search/${lang}/`, fetchFile));
  const index = indexes.get(lang);
  // Fetch what the query needs, then time the computation on data in hand.
  const warm = await index.search(query, { limit: 10 });
  await index.display(warm.results.map((r) => r.doc));
  const started = performance.now();
  const result = await index.search(query, { limit: 10 });
  await index.display(result.results.map((r) => r.doc));
  const compute = performance.now() - started;
  const total = transferred + (first && indexes.size === 1 ? scripts : 0);
  console.log(`${lang.padEnd(5)} ${query.padEnd(32)} ${String(result.total).padStart(7)} ${kb(transferred)}     ${kb(total)} ${compute.toFixed(1).padStart(10)}${first ? "  (first in this language)" : ""}`);
}
