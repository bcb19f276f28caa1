// Phrase queries against a built site's search index, through the search
// engine's public entry points (openIndex → search → display), as
// tests/js/search-quality.test.mjs queries them. Used by the legacy-font
// round trip (tests/it/attachments/legacy.rs).
//
//   node tests/legacy/search.mjs public/search/km < queries.jsonl
//
// Reads one JSON query a line on stdin; writes, for each, one line: the
// JSON list of the URLs of its results.
import { createInterface } from "node:readline";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { openIndex } from "../../themes/default/static/js/search-engine.js";

const [folder] = process.argv.slice(2);
const fileFetch = async (path) => {
  try {
    const text = await readFile(path, "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  } catch {
    return { ok: false, status: 404, json: async () => { throw new Error("not found"); } };
  }
};
const index = await openIndex(join(resolve(folder), "/"), fileFetch);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue;
  const { results } = await index.search(JSON.parse(line), { limit: Infinity });
  const rows = await index.display(results.map((r) => r.doc));
  process.stdout.write(JSON.stringify(rows.map((row) => row.url)) + "\n");
}
