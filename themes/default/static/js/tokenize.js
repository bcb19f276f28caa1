// Khmer/English search tokenizer for the browser.
// A port of src/khmer/{normalize,cluster}.rs and src/search/tokens.rs: the
// two must produce identical output, which tests/vectors/tokenizer.jsonl
// checks. See the Rust files for why each rule exists.

const COENG = 0x17d2;
const isBase = (c) => (c >= 0x1780 && c <= 0x17b3) || c === 0x17dc;
const isMark = (c) => (c >= 0x17b4 && c <= 0x17d3) || c === 0x17dd;
const isKhmer = (c) => isBase(c) || isMark(c);
const KHMER_RUNS = /[\u1780-\u17d3\u17dc\u17dd]+/g;

// ---- normalisation ------------------------------------------------------

export function normalize(text) {
  const folded = text
    .replace(/[\u200b-\u200d\u2060\ufeff\u17b4\u17b5]/g, "") // invisible
    .replace(/\u17d2\u178a/g, "\u17d2\u178f") // subscript DA -> TA
    .replace(/\u17b2/g, "\u17b1") // ឲ -> ឱ
    .replace(/[\u17e0-\u17e9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0x17b0))
    .toLowerCase();
  return reorderMarks(joinAbbreviations(folded));
}

// Khmer runs of 1–2 clusters joined by single dots (គ.ជ.ប, ស.រ.អា.), unless
// the first follows "Khmer + '.'"; a closing dot not followed by Khmer goes too.
function joinAbbreviations(s) {
  const runs = [...s.matchAll(KHMER_RUNS)].map((m) => [m.index, m.index + m[0].length]);
  const dotBetween = (a, b) => b[0] - a[1] === 1 && s[a[1]] === ".";
  const isShort = (r) => clusters(s.slice(r[0], r[1])).length <= 2;
  let out = "";
  let copied = 0;
  for (let i = 0; i < runs.length; ) {
    const startsChain = isShort(runs[i]) && !(i > 0 && dotBetween(runs[i - 1], runs[i]));
    let last = i;
    while (startsChain && last + 1 < runs.length && dotBetween(runs[last], runs[last + 1]) &&
      isShort(runs[last + 1])) last++;
    if (last > i) {
      out += s.slice(copied, runs[i][0]);
      for (let k = i; k <= last; k++) out += s.slice(runs[k][0], runs[k][1]);
      copied = runs[last][1];
      if (s[copied] === "." && !isKhmer(s.charCodeAt(copied + 1))) copied++;
    }
    i = last + 1;
  }
  return out + s.slice(copied);
}

// Canonical order: subscripts (and stray COENG), subscript RO, vowels,
// register shifters and robat, other signs; stable within each class.
function markClass(unit) {
  const c = unit.charCodeAt(0);
  if (c === COENG) return unit.charCodeAt(1) === 0x179a ? 1 : 0;
  if (c >= 0x17b6 && c <= 0x17c5) return 2;
  return c === 0x17c9 || c === 0x17ca || c === 0x17cc ? 3 : 4;
}

function canonicalCluster(cluster) {
  const parts = units(cluster);
  const fixed = isMark(cluster.charCodeAt(0)) ? [] : parts.splice(0, 1);
  const marks = parts.map((u, i) => [markClass(u), i, u]);
  marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return fixed.join("") + marks.map((m) => m[2]).join("");
}

function reorderMarks(s) {
  return s.replace(KHMER_RUNS, (run) => clusters(run).map(canonicalCluster).join(""));
}

// ---- clusters -----------------------------------------------------------

// Length in UTF-16 units of the unit at s[i]: COENG + base, or one character.
function unitLength(s, i) {
  const c = s.codePointAt(i);
  if (c === COENG && isBase(s.charCodeAt(i + 1))) return 2;
  return c > 0xffff ? 2 : 1;
}

function units(cluster) {
  const out = [];
  for (let i = 0; i < cluster.length; ) {
    const n = unitLength(cluster, i);
    out.push(cluster.slice(i, i + n));
    i += n;
  }
  return out;
}

// Splits a Khmer run into clusters; a mark with no base starts its own.
export function clusters(run) {
  const out = [];
  for (let i = 0; i < run.length; ) {
    let end = i + unitLength(run, i);
    while (end < run.length && isMark(run.charCodeAt(end))) end += unitLength(run, end);
    out.push(run.slice(i, end));
    i = end;
  }
  return out;
}

// ---- tokens -------------------------------------------------------------

// Khmer runs, and words of non-Khmer letters/digits (the Khmer blocks are
// excluded: ៗ and the lunar-date signs count as letters/numbers in Unicode).
const RUNS = /([\u1780-\u17d3\u17dc\u17dd]+)|(?:(?![\u1780-\u17ff\u19e0-\u19ff])[\p{Alphabetic}\p{N}])+/gu;

export function tokenize(text) {
  const tokens = [];
  let pos = -1; // so that the first run starts at 0 after the gap
  for (const m of normalize(text).matchAll(RUNS)) {
    pos++; // the gap between runs
    if (m[1]) {
      const parts = clusters(m[1]);
      parts.forEach((c, i) => tokens.push({ term: i + 1 < parts.length ? c + parts[i + 1] : c, pos: pos++ }));
    } else {
      const term = wordTerm(m[0]);
      if (term !== null) tokens.push({ term, pos });
      pos++;
    }
  }
  return tokens;
}

// True when term starts with query and the query ends on a cluster boundary.
export function isClusterPrefix(term, query) {
  if (!term.startsWith(query)) return false;
  if (term.length === query.length) return true;
  const next = term.charCodeAt(query.length);
  return !(isMark(next) || (query.charCodeAt(query.length - 1) === COENG && isBase(next)));
}

// ---- English: elasticlunr-rs 3.1 trimmer, stop words, Porter stemmer -----

const STOP_WORDS = new Set(("a able about across after all almost also am among an and any are as at " +
  "be because been but by can cannot could dear did do does either else ever every for from get got " +
  "had has have he her hers him his how however i if in into is it its just least let like likely may " +
  "me might most must my neither no nor not of off often on only or other our own rather said say " +
  "says she should since so some than that the their them then there these they this tis to too twas " +
  "us wants was we were what when where which while who whom why will with would yet you your")
  .split(" ").concat(""));

function wordTerm(word) {
  if (/^[0-9]+$/.test(word)) return word;
  const trimmed = word.replace(/^[^0-9A-Za-z_]+|[^0-9A-Za-z_]+$/gu, "");
  return STOP_WORDS.has(trimmed) ? null : stem(trimmed);
}

// Porter stemmer over UTF-8 bytes, step for step as elasticlunr-rs does it
// (byte lengths and byte positions matter for non-ASCII words).
function stem(word) {
  const b = new TextEncoder().encode(word);
  if (b.length <= 2) return word;
  let k = b.length;
  let j = 0;
  const ch = (i) => String.fromCharCode(b[i]);
  const cons = (i) => "aeiou".includes(ch(i)) ? false : ch(i) === "y" ? i === 0 || !cons(i - 1) : true;
  const measure = () => {
    let n = 0;
    let i = 0;
    for (; ; i++) { if (i >= j) return n; if (!cons(i)) break; }
    for (i++; ; i++) {
      for (; ; i++) { if (i >= j) return n; if (cons(i)) break; }
      n++;
      for (i++; ; i++) { if (i >= j) return n; if (!cons(i)) break; }
    }
  };
  const hasVowel = () => { for (let i = 0; i < j; i++) if (!cons(i)) return true; return false; };
  const doubleC = (i) => i >= 1 && b[i] === b[i - 1] && b[i] < 0x80 && cons(i);
  const cvc = (i) => i >= 2 && cons(i) && !cons(i - 1) && cons(i - 2) && !"wxy".includes(ch(i));
  const ends = (s) => {
    if (s.length > k) return false;
    for (let i = 0; i < s.length; i++) if (b[k - s.length + i] !== s.charCodeAt(i)) return false;
    j = k - s.length;
    return true;
  };
  const setTo = (s) => { for (let i = 0; i < s.length; i++) b[j + i] = s.charCodeAt(i); k = j + s.length; };
  const r = (s) => { if (measure() > 0) setTo(s); };
  // Each rule list: [suffix, replacement]; the first suffix that matches ends the step.
  const step = (rules) => { for (const [s, t] of rules) if (ends(s)) { r(t); return; } };

  // step 1ab
  if (ch(k - 1) === "s") {
    if (ends("sses")) k -= 2;
    else if (ends("ies")) setTo("i");
    else if (ch(k - 2) !== "s") k -= 1;
  }
  if (ends("eed")) {
    if (measure() > 0) k -= 1;
  } else if ((ends("ed") || ends("ing")) && hasVowel()) {
    k = j;
    if (ends("at")) setTo("ate");
    else if (ends("bl")) setTo("ble");
    else if (ends("iz")) setTo("ize");
    else if (doubleC(k - 1)) {
      k -= 1;
      if ("lsz".includes(ch(k - 1))) k += 1;
    } else if (measure() === 1 && cvc(k - 1)) setTo("e");
  }
  // step 1c
  if (k > 2 && ends("y") && !"aeiou".includes(ch(k - 2))) b[k - 1] = 0x69;
  // step 2
  if (k >= 2) {
    step({
      a: [["ational", "ate"], ["tional", "tion"]],
      c: [["enci", "ence"], ["anci", "ance"]],
      e: [["izer", "ize"]],
      l: [["bli", "ble"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"]],
      o: [["ization", "ize"], ["ation", "ate"], ["ator", "ate"]],
      s: [["alism", "al"], ["iveness", "ive"], ["fulness", "ful"], ["ousness", "ous"]],
      t: [["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]],
      g: [["logi", "log"]],
    }[ch(k - 2)] || []);
  }
  // step 3
  step({
    e: [["icate", "ic"], ["ative", ""], ["alize", "al"]],
    i: [["iciti", "ic"]],
    l: [["ical", "ic"], ["ful", ""]],
    s: [["ness", ""]],
  }[ch(k - 1)] || []);
  // step 4
  if (k >= 2) {
    const sufs = { a: ["al"], c: ["ance", "ence"], e: ["er"], i: ["ic"], l: ["able", "ible"],
      n: ["ant", "ement", "ment", "ent"], s: ["ism"], t: ["ate", "iti"], u: ["ous"], v: ["ive"],
      z: ["ize"] }[ch(k - 2)];
    const matched = sufs ? sufs.some(ends)
      : ch(k - 2) === "o" && ((ends("ion") && j > 0 && "st".includes(ch(j - 1))) || ends("ou"));
    if (matched && measure() > 1) k = j;
  }
  // step 5
  j = k;
  if (ch(k - 1) === "e") {
    const a = measure();
    if (a > 1 || (a === 1 && !cvc(k - 2))) k -= 1;
  }
  if (ch(k - 1) === "l" && doubleC(k - 1) && measure() > 1) k -= 1;
  return new TextDecoder().decode(b.subarray(0, k));
}
