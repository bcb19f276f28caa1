// Counts the distinct search terms of an archive, as the search tokenizer
// (themes/default/static/js/tokenize.js) makes them: Khmer cluster pairs
// (and a run's last cluster), numbers and words in the .km.md files,
// stemmed words and numbers in the .en.md files (front matter included), over the first N documents in file-name order. Whatever the
// index format, this is the vocabulary an index has to hold; real text
// keeps adding to it as an archive grows, a corpus repeating itself does not.
//
//   node benches/corpus-terms.mjs ARCHIVE [N...]        # default: 1000 10000
//   node benches/corpus-terms.mjs --jsonl FILE [CHARS...]  # real text: the "text" of each line
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const theme = fileURLToPath(new URL("../themes/default/static/js/", import.meta.url));
const { tokenize } = await import(join(theme, "tokenize.js"));

function documents(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(km|en)\.md$/.test(entry.name)) files.push(path);
    }
  };
  walk(join(root, "content"));
  const byDoc = new Map();
  for (const path of files.sort()) {
    const doc = path.replace(/\.(km|en)\.md$/, "");
    if (!byDoc.has(doc)) byDoc.set(doc, []);
    byDoc.get(doc).push(path);
  }
  return [...byDoc.values()];
}

// Distinct terms (all of them: in Khmer text, numbers and Latin words as
// well as cluster pairs) and characters of the text seen so far.
function counter() {
  const terms = new Set();
  let chars = 0;
  return {
    add(text) {
      chars += text.length;
      for (const { term } of tokenize(text)) terms.add(term);
    },
    row: () => ({ chars, terms: terms.size }),
  };
}

const fmt = (n) => n.toLocaleString("en-US");
const args = process.argv.slice(2);
if (args[0] === "--jsonl") {
  // Real text, units in a fixed shuffled order so sources mix.
  const units = readFileSync(args[1], "utf8").trim().split("\n").map((l) => JSON.parse(l).text);
  let seed = 1;
  const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let i = units.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [units[i], units[j]] = [units[j], units[i]];
  }
  const marks = (args.length > 2 ? args.slice(2) : ["25000", "50000", "100000", "200000"]).map(Number);
  const c = counter();
  console.log("| characters | distinct terms |\n| ---: | ---: |");
  for (const text of units) {
    c.add(text);
    const { chars, terms } = c.row();
    while (marks.length && chars >= marks[0]) console.log(`| ${fmt(marks.shift())} | ${fmt(terms)} |`);
  }
  const { chars, terms } = c.row();
  console.log(`| ${fmt(chars)} (all) | ${fmt(terms)} |`);
} else {
  const [root, ...sizes] = args;
  if (!root) {
    console.error("usage: node benches/corpus-terms.mjs ARCHIVE [N...] | --jsonl FILE [CHARS...]");
    process.exit(2);
  }
  const marks = (sizes.length ? sizes : ["1000", "10000"]).map(Number);
  const docs = documents(root);
  const km = counter();
  const en = counter();
  console.log("| documents | Khmer characters | distinct Khmer terms | English characters | distinct English terms |");
  console.log("| ---: | ---: | ---: | ---: | ---: |");
  docs.forEach((paths, i) => {
    for (const path of paths) (path.endsWith(".km.md") ? km : en).add(readFileSync(path, "utf8"));
    if (marks.includes(i + 1) || i + 1 === docs.length) {
      const k = km.row();
      const e = en.row();
      console.log(`| ${fmt(i + 1)} | ${fmt(k.chars)} | ${fmt(k.terms)} | ${fmt(e.chars)} | ${fmt(e.terms)} |`);
    }
  });
}
