// The independent Unicode → Limon converter the legacy round-trip tests use
// as an oracle: npm's khmer-unicode-converter (a devDependency of
// tests/browser, installed by `scripts/test`). Reads one JSON string a line
// on stdin, writes the Limon text of each as one JSON string a line.
//
//   printf '"បោះឆ្នោត"\n' | node tests/legacy/oracle.mjs    # "e)aHeqñat"
//
// Its defects, which the tests work around or the README states:
// - ៕ comes out ">" (its ៕ → "." is replaced again by its "." → ">"),
//   where Limon draws ៕ and ។ alike with ".";
// - ASCII text is rewritten too ("1" → "!"), as if typed in Limon.
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(fileURLToPath(new URL("../browser/package.json", import.meta.url)));
const { limon } = require("khmer-unicode-converter");

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue;
  process.stdout.write(JSON.stringify(limon(JSON.parse(line))) + "\n");
}
