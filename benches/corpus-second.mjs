// A second generated archive, made unlike sastra-corpus's so that search is
// not tuned to one generator: different sources, different mixing, a
// different length distribution. Used to check figures measured on
// sastra-corpus archives, never to tune for.
//
//   node benches/corpus-second.mjs --documents 10000 --output /dev/shm/second-10000
//
// - Khmer: every unit of the workplace's Khmer corpus (../shared/khmer-corpus,
//   read from there at run time: its khPOS units are CC BY-NC-SA and never
//   enter this repository), 30% of paragraphs a unit as it is, the rest words
//   drawn one by one by their frequency (khPOS's gold words, VOA's words
//   between zero-width spaces, the UDHR's between spaces), with numbers.
// - English: the words of benches/corpus/english.txt by their frequency, and
//   one word in ten from a dictionary (/usr/share/dict/words, Debian's
//   wamerican) by a Zipf law over a fixed shuffle, so rare words keep coming.
// - Lengths: log-normal, median 250 words, from a 40-word note up to reports
//   of 40,000 words; 5 organisations, 60 tags, years 1993–2025.
// Deterministic for a given --seed and inputs.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ZWSP = "\u200b";

function parseArgs(argv) {
  const args = {
    documents: 1000,
    output: null,
    seed: 7,
    khmer: path.resolve(REPO, "../shared/khmer-corpus/paragraphs.jsonl"),
    dictionary: "/usr/share/dict/words",
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const key = { "--documents": "documents", "--output": "output", "--seed": "seed", "--khmer": "khmer", "--dictionary": "dictionary" }[flag];
    if (!key || value === undefined) usage(`unknown or incomplete argument ${flag}`);
    args[key] = ["documents", "seed"].includes(key) ? Number(value) : value;
  }
  if (!args.output) usage("--output is required");
  for (const file of [args.khmer, args.dictionary]) if (!existsSync(file)) usage(`${file} is missing (see the comment at the top)`);
  return args;
}

function usage(problem) {
  console.error(`${problem}\nusage: node benches/corpus-second.mjs --documents N --output DIR [--seed N] [--khmer paragraphs.jsonl] [--dictionary words]`);
  process.exit(2);
}

// A 32-bit xorshift generator: small, and the same everywhere.
function generator(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
  return {
    next,
    below: (n) => Math.floor(next() * n),
    pick: (items) => items[Math.floor(next() * items.length)],
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  };
}

function khmerSource(file) {
  const units = readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line));
  const words = units.flatMap((u) => u.words ?? (u.text_zwsp ?? u.text).split(/[\u200b ]+/)).filter(Boolean);
  return { paragraphs: units.map((u) => u.text), words };
}

function englishSource(dictionaryFile, rng) {
  const text = readFileSync(path.join(REPO, "benches/corpus/english.txt"), "utf8");
  const words = text.split("\n").filter((l) => l && !l.startsWith("#")).flatMap((l) => l.split(/\s+/)).filter(Boolean);
  const dictionary = readFileSync(dictionaryFile, "utf8").split("\n").filter((w) => /^[A-Za-z]+$/.test(w));
  for (let i = dictionary.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [dictionary[i], dictionary[j]] = [dictionary[j], dictionary[i]];
  }
  return { words, dictionary };
}

// Rank r with P(r) ∝ 1/r over 1..n (a Zipf law), by inverting its CDF.
const zipfIndex = (rng, n) => Math.min(n - 1, Math.floor(Math.exp(rng.next() * Math.log(n + 1))) - 1);

// A number as log-uniform over 1..10^6, in Khmer or ASCII digits.
function number(rng, khmer) {
  const n = String(Math.floor(Math.exp(rng.next() * Math.log(1e6))));
  return khmer ? n.replace(/\d/g, (d) => String.fromCharCode(0x17e0 + Number(d))) : n;
}

function khmerParagraph(rng, source, words) {
  if (rng.next() < 0.3) return rng.pick(source.paragraphs);
  const zwsp = rng.next() < 0.2;
  let out = "";
  for (let i = 0; i < words; i++) {
    const word = rng.next() < 0.02 ? number(rng, rng.next() < 0.7) : rng.pick(source.words);
    out += word + (rng.next() < 0.12 ? " " : zwsp ? ZWSP : "");
  }
  return out.trim() + "។";
}

function englishSentence(rng, source, words) {
  const out = [];
  for (let i = 0; i < words; i++) {
    const roll = rng.next();
    out.push(roll < 0.1 ? source.dictionary[zipfIndex(rng, source.dictionary.length)] : roll < 0.12 ? number(rng, false) : rng.pick(source.words));
  }
  const sentence = out.join(" ").replace(/["\\]/g, "");
  return sentence[0].toUpperCase() + sentence.slice(1) + ".";
}

// Words in a document: log-normal around 250, 40 to 40,000.
const documentWords = (rng) => Math.max(40, Math.min(40_000, Math.round(250 * Math.exp(1.1 * rng.normal()))));

function englishBody(rng, source, words) {
  const paragraphs = [];
  for (let left = words; left > 0; ) {
    const sentences = [];
    for (let s = 1 + rng.below(6); s > 0 && left > 0; s--) {
      const n = Math.min(left, 6 + rng.below(25));
      sentences.push(englishSentence(rng, source, n));
      left -= n;
    }
    paragraphs.push(sentences.join(" "));
    if (left > 0 && rng.next() < 0.1) paragraphs.push(`### ${englishSentence(rng, source, 3 + rng.below(5)).slice(0, -1)}`);
  }
  return paragraphs.join("\n\n") + "\n";
}

function khmerBody(rng, source, chars) {
  const paragraphs = [];
  for (let written = 0; written < chars; ) {
    const paragraph = khmerParagraph(rng, source, 20 + rng.below(80));
    paragraphs.push(paragraph);
    written += paragraph.length;
  }
  return paragraphs.join("\n\n") + "\n";
}

const TYPES = ["notice", "decision", "letter", "minutes", "study"];

function siteToml() {
  const lines = [
    'base_url = "https://archive.example.net/"', 'default_language = "en"', "page_size = 30", "",
    '[[languages]]', 'code = "en"', 'name = "English"', 'title = "Second archive"', 'description = "A second generated archive"', "",
    '[[languages]]', 'code = "km"', 'name = "ខ្មែរ"', 'title = "បណ្ណសារទីពីរ"', 'description = "បណ្ណសារទីពីរ"', "", "[types]",
    ...TYPES.map((t) => `${t} = { km = "ប្រភេទ ${t}", en = "${t}" }`), "", "[organizations]",
    ...[0, 1, 2, 3, 4].map((i) => `body-${i} = { km = "អង្គភាព ${i}", en = "Body ${i}" }`), "", "[tags]",
    ...Array.from({ length: 60 }, (_, i) => `topic-${i} = { km = "ប្រធានបទ ${i}", en = "Topic ${i}" }`),
  ];
  return lines.join("\n") + "\n";
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const rng = generator(args.seed);
  const khmer = khmerSource(args.khmer);
  const english = englishSource(args.dictionary, rng);
  mkdirSync(args.output, { recursive: true });
  writeFileSync(path.join(args.output, "site.toml"), siteToml());
  cpSync(path.join(REPO, "themes"), path.join(args.output, "themes"), { recursive: true });
  for (let i = 0; i < args.documents; i++) {
    const type = rng.pick(TYPES);
    const year = 1993 + rng.below(33);
    const date = rng.next() < 0.1 ? `"${year}"` : `${year}-${String(1 + rng.below(12)).padStart(2, "0")}-${String(1 + rng.below(28)).padStart(2, "0")}`;
    const tags = [...new Set(Array.from({ length: rng.below(4) }, () => `topic-${zipfIndex(rng, 60)}`))];
    const organization = `body-${rng.below(5)}`;
    const front = (title) => `---\ntitle: "${title}"\ndate: ${date}\ntype: ${type}\norganization: ${organization}\ntags: [${tags.join(", ")}]\n---\n\n`;
    const folder = path.join(args.output, "content", `${type}-archive`);
    mkdirSync(folder, { recursive: true });
    const slug = `${year}-item-${String(i).padStart(6, "0")}`;
    const body = englishBody(rng, english, documentWords(rng));
    writeFileSync(path.join(folder, `${slug}.en.md`), front(englishSentence(rng, english, 4 + rng.below(8)).slice(0, -1)) + body);
    if (rng.next() < 0.85) {
      const title = khmerParagraph(rng, khmer, 4 + rng.below(6)).slice(0, 80).replace(/["\\]/g, "");
      writeFileSync(path.join(folder, `${slug}.km.md`), front(title) + khmerBody(rng, khmer, body.length));
    }
  }
}

main();
