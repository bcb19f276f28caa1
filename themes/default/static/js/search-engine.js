// Queries one language's search index (format: src/search/mod.rs, one
// type per file in src/search/format.rs, one decoder per file here),
// fetching only the files a query needs, each once.
//
// Results are final: every result holds the query as a phrase, which the
// index answers without positions. A Khmer phrase of three clusters is one
// cluster trigram, a longer one is held where all of its trigrams are (see
// `phraseSlots`), two clusters are a pair, one cluster any term starting
// with it. Latin words must all be present. Khmer typed with spaces between
// its words ("គណបក្ស នយោបាយ") is one phrase; the documents holding those
// words only apart are counted and listed apart (`apart`).
import { clusters, isClusterPrefix, normalize, tokenize } from "./tokenize.js";

export const FACETS = ["type", "organization", "year", "tag"];
export const VERSION = 7;
const TRIGRAM = "~"; // starts every trigram term (src/search/tokens.rs)
const JUNCTION = "#"; // starts every junction term: a number against a Khmer run (ditto)
const PREFIX = 0.5; // weight of a term matched only as a prefix of the typed word
// A phrase of up to this many trigrams is looked up with all of them;
// a longer one with every other one (each overlapping the next by a
// cluster) and the last, so that a query fetches few chunks.
const ALL_TRIGRAMS = 4;
// A one-cluster query takes the terms starting with the cluster from at
// most the first this many postings chunks holding them, in term order: a
// frequent cluster (ជា) starts terms in dozens of chunks. A document where
// the cluster is only followed by clusters of later chunks is missed: a
// one-cluster query is a browse, not a proof.
const CLUSTER_CHUNKS = 2;
// The word being typed also matches the longer terms it starts, from at
// most this many chunks: a word's first letters ("e", "el") start terms in
// dozens of chunks, and fetching them all at each keystroke would cost the
// link several times what the finished query does.
const TYPING_CHUNKS = 1;
// A query looks up at most this many terms, the first ones (repeats
// counted once), and reads at most this many characters: a shared link
// with a query thousands of clusters long would otherwise fetch most of
// the index on a reader's mobile data. A term takes at most two postings
// chunks (CLUSTER_CHUNKS, or its own and TYPING_CHUNKS), and the word
// being typed up to four more for its shorter stems: a query fetches at
// most 2 × MAX_TERMS + 4 of them, whatever its length.
export const MAX_TERMS = 12;
export const MAX_QUERY_CHARS = 200;
const DIGIT = new Int8Array(128).fill(-1);
[..."0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"].forEach((c, i) => (DIGIT[c.charCodeAt(0)] = i));

// One decoder per file kind, giving named fields.
export const decode = {
  manifest: (m) => ({
    version: m.version,
    lang: m.lang,
    docs: m.docs,
    chunks: m.chunks.f.map((first, i) => ({ first, file: `p-${m.chunks.hashes[Math.floor(i / m.chunks.group)]}-${i % m.chunks.group}.json` })),
    display: m.display,
    meta: m.meta,
  }),
  meta: (m) => {
    const c = m.docs;
    let entry = 0;
    let record = 0;
    const sections = new Set(c.sections.map((d) => (record += d)));
    return {
      types: m.types,
      organizations: m.organizations,
      tags: m.tags,
      docs: c.types.map((type, doc) => ({ type, organization: c.organizations[doc], year: c.years[doc], tags: c.tags[doc], entry: (entry += c.entries[doc]), section: sections.has(doc) })),
    };
  },
  // term → its encoded postings, decoded by `postings` when asked for.
  chunk: (terms) => terms,
  // "<unit>:<digits>" → {docs, weights}: see EncodedPostings in format.rs.
  postings: (text) => {
    const colon = text.indexOf(":");
    const unit = Number(text.slice(0, colon));
    const numbers = [];
    for (let i = colon + 1, value = 0; i < text.length; i++) {
      const digit = DIGIT[text.charCodeAt(i)];
      value = value * 32 + (digit & 31);
      if (digit < 32) numbers.push(value), (value = 0);
    }
    const docs = new Uint32Array(numbers.length / 2);
    const weights = new Float32Array(numbers.length / 2);
    for (let k = 0, doc = 0; k < docs.length; k++) {
      docs[k] = doc += numbers[2 * k];
      weights[k] = numbers[2 * k + 1] * unit;
    }
    return { docs, weights };
  },
  display: (rows) => rows.map((r) => ({ url: r.u, title: r.t, lang: r.l, date: r.d, isoDate: r.i, type: r.y, organization: r.o, excerpt: r.x, place: r.w ?? null, excerptLang: r.xl ?? null })),
};

// A function of one key whose answers (promises) are kept; a failed one is
// forgotten, so that a moment offline is retried next time.
export function memo(load) {
  const kept = new Map();
  return (key) => {
    if (!kept.has(key)) {
      const answer = load(key);
      answer.catch(() => kept.delete(key));
      kept.set(key, answer);
    }
    return kept.get(key);
  };
}

export async function openIndex(base, fetchFn = fetch) {
  const get = async (name, decoder) => {
    const response = await fetchFn(base.replace(/\/?$/, "/") + name);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    return decoder(await response.json());
  };
  const manifest = await get("manifest.json", decode.manifest);
  if (manifest.version !== VERSION) throw new Error(`unsupported search index version ${manifest.version}`);
  const meta = await get(manifest.meta, decode.meta);
  const chunk = memo((file) => get(file, decode.chunk));
  const postings = memo(async (term) => {
    const terms = await chunk(manifest.chunks[chunkIndex(manifest.chunks, term)].file);
    return Object.hasOwn(terms, term) ? decode.postings(terms[term]) : null;
  });
  const displayFile = memo((file) => get(file, decode.display));
  const keys = { type: meta.types, organization: meta.organizations, tag: meta.tags };

  // The terms starting with prefix, from at most the first max chunks
  // holding them.
  async function withPrefix(prefix, max = Infinity) {
    const { chunks } = manifest;
    let refs = chunks.slice(chunkIndex(chunks, prefix), chunkIndex(chunks, prefix + "\uffff") + 1);
    if (refs.length > max) refs = refs.slice(0, max);
    const all = await Promise.all(refs.map((r) => chunk(r.file)));
    return all.flatMap((terms) => Object.keys(terms).filter((t) => t.startsWith(prefix)));
  }

  // [term, factor] of every term the slot accepts.
  async function terms({ term, kind }) {
    if (kind === "cluster") return (await withPrefix(term, CLUSTER_CHUNKS)).filter((t) => isClusterPrefix(t, term)).map((t) => [t, 1]);
    const exact = (await postings(term)) ? [[term, 1]] : [];
    if (kind !== "typing") return exact;
    const longer = (await withPrefix(term, TYPING_CHUNKS)).filter((t) => t !== term).map((t) => [t, PREFIX]);
    if (exact.length || longer.length || /[\u1780-\u17ff]/.test(term)) return exact.concat(longer);
    // A half-typed word's stem can run past the indexed stem ("registra" vs
    // "registr"): try its shorter prefixes.
    for (let n = term.length - 1; n >= Math.max(3, term.length - 4); n--) {
      if (await postings(term.slice(0, n))) return [[term.slice(0, n), PREFIX]];
    }
    return [];
  }

  // Map doc → score of the documents some accepted term of the slot is in.
  async function slotHits(slot) {
    const hits = new Map();
    for (const [term, factor] of await terms(slot)) {
      const { docs, weights } = await postings(term);
      for (let k = 0; k < docs.length; k++) hits.set(docs[k], (hits.get(docs[k]) || 0) + weights[k] * factor);
    }
    return hits;
  }

  // Map doc → score of the documents every slot holds.
  async function allOf(slots) {
    if (!slots.length) return new Map();
    const each = await Promise.all(slots.map(slotHits));
    const rarest = each.reduce((a, b) => (b.size < a.size ? b : a));
    const hits = new Map();
    for (const [doc] of rarest) {
      let score = 0;
      for (const h of each) {
        const s = h.get(doc);
        if (s === undefined) { score = -1; break; }
        score += s;
      }
      if (score >= 0) hits.set(doc, score);
    }
    return hits;
  }

  // filters: {type: [key], organization: [key], year: [year], tag: [key]},
  // OR within a facet, AND across. Facet counts (by key) are standard: over
  // the results passing every filter but that facet's own. `entries` holds,
  // per facet value, the archive entries counted, so counts over several
  // languages' indexes can count a document once. `prefix`: the last word
  // is still being typed, and matches the terms it starts too.
  async function search(query, { filters = {}, limit = 20, offset = 0, prefix = false } = {}) {
    const wanted = FACETS.filter((f) => filters[f]?.length).map((f) => [f, new Set(filters[f].map(String))]);
    const facets = Object.fromEntries(FACETS.map((f) => [f, {}]));
    const entries = Object.fromEntries(FACETS.map((f) => [f, {}]));
    const plan = parseQuery(query, { prefix });
    // The empty query matches every document; stop words alone, none.
    const everything = () => new Map(query.trim() ? [] : meta.docs.map((_, doc) => [doc, 0]));
    const [together, words] = await Promise.all([
      plan.phrase.length ? allOf(plan.phrase) : everything(),
      plan.apart ? allOf(plan.apart) : new Map(),
    ]);
    // A document's records (its own, one per page of its PDFs' text, and
    // one per passage of a long body's sections) are one result: shown as
    // the best scoring of them, which says where the words are, and ranked
    // by the best of those that are not sections (a short passage would
    // outrank whole documents).
    const better = (a, b) => !b || a.score > b.score || (a.score === b.score && a.doc < b.doc);
    const passing = (hits, count) => {
      const best = new Map(); // entry → {shown, ranked}: its best record, its best not a section
      for (const [doc, score] of hits) {
        const { entry, section } = meta.docs[doc];
        const kept = best.get(entry) || { shown: null, ranked: null };
        const hit = { doc, score };
        if (better(hit, kept.shown)) kept.shown = hit;
        if (!section && better(hit, kept.ranked)) kept.ranked = hit;
        best.set(entry, kept);
      }
      const kept = [];
      for (const { shown, ranked } of best.values()) {
        const { doc } = shown;
        const { score } = ranked ?? shown;
        const values = docValues(meta.docs[doc], keys);
        const failing = wanted.filter(([f, set]) => !values[f].some((v) => set.has(String(v)))).map(([f]) => f);
        if (count) {
          for (const f of FACETS) {
            if (failing.length > (failing[0] === f ? 1 : 0)) continue;
            for (const v of values[f]) {
              facets[f][v] = (facets[f][v] || 0) + 1;
              (entries[f][v] ||= new Set()).add(meta.docs[doc].entry);
            }
          }
        }
        if (!failing.length) kept.push({ doc, score });
      }
      return kept.sort((a, b) => b.score - a.score || a.doc - b.doc);
    };
    const results = passing(together, true);
    const held = new Set([...together.keys()].map((doc) => meta.docs[doc].entry));
    const apart = passing(new Map([...words].filter(([doc]) => !held.has(meta.docs[doc].entry))), false);
    return {
      shortened: plan.shortened,
      total: results.length,
      results: results.slice(offset, offset + limit),
      apart: { total: apart.length, results: apart.slice(0, Math.max(0, offset + limit - results.length)) },
      facets,
      entries,
    };
  }

  // Display rows of the documents, in order; fetches only their files.
  const { size, group, hashes } = manifest.display;
  const display = (docs) => Promise.all(docs.map(async (doc) => {
    const file = `d-${hashes[Math.floor(doc / group)]}-${Math.floor((doc % group) / size)}.json`;
    return (await displayFile(file))[doc % size];
  }));

  // Starts fetching the postings chunks a query's terms are in, without
  // waiting for them: the page calls it at each keystroke, so the chunks
  // travel while it waits for the typing to pause.
  function warm(query) {
    for (const { term, kind } of parseQuery(query, { prefix: true }).phrase) {
      if (kind !== "cluster") chunk(manifest.chunks[chunkIndex(manifest.chunks, term)].file).catch(() => {});
    }
  }

  const labels = Object.fromEntries(Object.entries(keys).map(([f, list]) => [f, new Map(list)]));
  return { lang: manifest.lang, meta, labels, search, display, warm };
}

// The last chunk whose first key is <= key (JavaScript string order, as the
// index was cut).
function chunkIndex(list, key) {
  let lo = 0;
  for (let hi = list.length - 1; lo < hi; ) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].first <= key) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// Parts of a query, normalised: Khmer runs, spaces, and the rest.
const SEGMENTS = /([\u1780-\u17d3\u17dc\u17dd]+)|(\s+)|[^\u1780-\u17d3\u17dc\u17dd\s]+/gu;
// A number at the start or the end of a part that is neither Khmer nor
// space, as a word of its own (not the digits of a longer word).
const LEADING_NUMBER = /^\d+(?![\p{Alphabetic}\p{N}])/u;
const TRAILING_NUMBER = /(?<![\p{Alphabetic}\p{N}])\d+$/u;

// The slots {term, kind} whose documents hold the query as a phrase, and
// (when its Khmer was typed as several words) those holding the words
// anyway, `apart`, or null. kind: "cluster", any term starting with that
// cluster; "typing", the last term while it is typed, also as a prefix;
// else "term", the term itself. `shortened`: the query was longer than
// MAX_QUERY_CHARS or MAX_TERMS, and only its beginning is looked up.
export function parseQuery(query, { prefix = false } = {}) {
  const chars = [...query.slice(0, 2 * MAX_QUERY_CHARS)];
  const cut = chars.length > MAX_QUERY_CHARS;
  // Cut at a space where there is one, so that no word is looked up halved.
  const kept = chars.slice(0, MAX_QUERY_CHARS).join("");
  const head = cut ? kept.replace(/\s+\S*$/u, "") || kept : query;
  const plan = parseWhole(head, { prefix: prefix && !cut });
  const phrase = firstTerms(plan.phrase);
  const apart = plan.apart && firstTerms(plan.apart);
  const shortened = cut || phrase.length < plan.phrase.length || (apart?.length ?? 0) < (plan.apart?.length ?? 0);
  return { phrase, apart, shortened };
}

// The first MAX_TERMS distinct slots.
function firstTerms(slots) {
  const seen = new Set();
  return slots.filter((s) => !seen.has(s.term) && seen.add(s.term)).slice(0, MAX_TERMS);
}

function parseWhole(query, { prefix }) {
  const text = normalize(query);
  const phrases = []; // each a list of Khmer runs (lists of clusters) typed with spaces between
  const words = [];
  const junctions = [];
  let open = null; // the phrase a Khmer run after spaces joins
  let last = null; // what the query ends with: a phrase or a word
  let touched = false; // the next Khmer run touches a number before it
  const segments = [...text.matchAll(SEGMENTS)];
  const typed = prefix && !/\s$/.test(query); // the last segment is still being typed
  segments.forEach((m, i) => {
    if (m[1]) {
      if (!open) phrases.push((open = []));
      const run = clusters(m[1]);
      run.touched = touched;
      open.push(run);
      last = open;
      touched = false;
    } else if (!m[2]) {
      const before = segments[i - 1]?.[1] && open.at(-1);
      open = null;
      for (const t of tokenize(m[0])) words.push((last = { term: t.term, kind: "term" }));
      // A number against a Khmer run: the junction term (src/search/tokens.rs)
      // holds them and the run's one or two clusters nearest it together.
      const lead = before && m[0].match(LEADING_NUMBER)?.[0];
      if (lead) {
        before.touched = true;
        const kind = typed && i === segments.length - 1 && lead === m[0] ? "typing" : "term";
        junctions.push({ term: JUNCTION + before.slice(-2).join("") + lead, kind });
      }
      const trail = segments[i + 1]?.[1] && m[0].match(TRAILING_NUMBER)?.[0];
      if (trail) {
        touched = true;
        const next = clusters(segments[i + 1][1]);
        const kind = typed && i + 1 === segments.length - 1 && next.length <= 2 ? "typing" : "term";
        junctions.push({ term: JUNCTION + trail + next.slice(0, 2).join(""), kind });
      }
    }
  });
  const typing = typed ? last : null;
  if (typing && !Array.isArray(typing)) typing.kind = "typing";
  // A phrase of one or two clusters against a number is in its junction already.
  const standing = (runs) => !(runs.length === 1 && runs[0].length <= 2 && runs[0].touched);
  const together = phrases.filter(standing).flatMap((runs) => phraseSlots(runs.flat(), runs === typing)).concat(junctions);
  const split = phrases.filter((runs) => runs.length > 1);
  const apart = split.length
    ? phrases.flatMap((runs) => runs.flatMap((run, i) => phraseSlots(run, runs === typing && i === runs.length - 1)))
    : null;
  return { phrase: together.concat(words), apart: apart && apart.concat(words) };
}

// The slots of a Khmer phrase of clusters cs: one cluster, a pair, or
// trigrams, the last one typed if the phrase is.
export function phraseSlots(cs, typing) {
  const n = cs.length;
  if (n === 1) return [{ term: cs[0], kind: "cluster" }];
  if (n === 2) return [{ term: cs[0] + cs[1], kind: typing ? "typing" : "term" }];
  const offsets = [];
  const step = n - 2 <= ALL_TRIGRAMS ? 1 : 2;
  for (let i = 0; i < n - 3; i += step) offsets.push(i);
  offsets.push(n - 3);
  return offsets.map((i) => ({ term: TRIGRAM + cs.slice(i, i + 3).join(""), kind: typing && i === n - 3 ? "typing" : "term" }));
}

function docValues({ type, organization, year, tags }, keys) {
  return {
    type: [keys.type[type][0]],
    organization: organization >= 0 ? [keys.organization[organization][0]] : [],
    year: year ? [year] : [],
    tag: tags.map((t) => keys.tag[t][0]),
  };
}
