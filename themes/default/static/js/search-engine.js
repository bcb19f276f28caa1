// Queries one language's chunked search index (format: src/search/mod.rs),
// fetching only the chunks a query needs, each once.
import { clusters, isClusterPrefix, tokenize } from "./tokenize.js";

export const FACETS = ["type", "organization", "year", "tag"];
const KHMER = /[\u1780-\u17ff]/;
const PREFIX = 0.5; // weight of a term matched only as a prefix of the typed word
const PHRASE = 100; // per verified phrase: above any sum of term weights

export async function openIndex(base, fetchFn = fetch) {
  const files = new Map();
  const json = (name) => {
    if (!files.has(name)) {
      const p = fetchFn(base.replace(/\/?$/, "/") + name).then((r) => {
        if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
        return r.json();
      });
      p.catch(() => files.delete(name)); // offline for a moment: retry next time
      files.set(name, p);
    }
    return files.get(name);
  };
  const manifest = await json("manifest.json");
  if (manifest.version !== 1) throw new Error(`unsupported search index version ${manifest.version}`);
  const meta = await json(manifest.meta);
  const keys = { type: meta.types, organization: meta.organizations, tag: meta.tags };
  const { postings, display: chunks } = manifest;

  const lookup = async (term) => {
    const chunk = await json(postings[chunkIndex(postings, term)].file);
    return Object.hasOwn(chunk, term) ? chunk[term] : null;
  };
  const withPrefix = async (prefix) => {
    const from = chunkIndex(postings, prefix);
    const to = chunkIndex(postings, prefix + "\uffff");
    const all = await Promise.all(postings.slice(from, to + 1).map((c) => json(c.file)));
    return all.flatMap((chunk) => Object.entries(chunk).filter(([t]) => t.startsWith(prefix)));
  };

  // [postings, factor] of every term the slot accepts.
  async function resolve({ term, kind }) {
    if (kind === "cluster") return (await withPrefix(term)).filter(([t]) => isClusterPrefix(t, term)).map(([, p]) => [p, 1]);
    const exact = await lookup(term);
    const found = exact ? [[exact, 1]] : [];
    if (kind !== "typing") return found;
    for (const [t, p] of await withPrefix(term)) if (t !== term) found.push([p, PREFIX]);
    if (found.length || KHMER.test(term)) return found;
    // A half-typed word's stem can run past the indexed stem ("registra" vs
    // "registr"): try its shorter prefixes.
    for (let n = term.length - 1; n >= Math.max(3, term.length - 4); n--) {
      const p = await lookup(term.slice(0, n));
      if (p) return [[p, PREFIX]];
    }
    return [];
  }

  // Map doc → {score, phrase}; an empty query matches every document.
  async function match(query) {
    if (!query.trim()) return new Map(meta.docs.map((_, doc) => [doc, { score: 0, phrase: false }]));
    const parts = parseQuery(query);
    const slots = parts.flat();
    if (!slots.length) return new Map();
    await Promise.all(slots.map(async (s) => (s.hits = byDoc(await resolve(s)))));
    const phrases = parts.filter((part) => part.phrase);
    const out = new Map();
    const rarest = slots.reduce((a, b) => (b.hits.size < a.hits.size ? b : a));
    for (const doc of rarest.hits.keys()) {
      if (!slots.every((s) => s.hits.has(doc))) continue;
      const verified = phrases.filter((part) => isPhraseAt(part, doc)).length;
      const score = slots.reduce((sum, s) => sum + s.hits.get(doc).score, verified * PHRASE);
      out.set(doc, { score, phrase: verified > 0 && verified === phrases.length });
    }
    return out;
  }

  // filters: {type: [key], organization: [key], year: [year], tag: [key]},
  // OR within a facet, AND across. Facet counts (by key) are standard: over
  // the matches passing every filter but that facet's own.
  async function search(query, { filters = {}, limit = 20, offset = 0 } = {}) {
    const wanted = FACETS.filter((f) => filters[f]?.length).map((f) => [f, new Set(filters[f].map(String))]);
    const facets = Object.fromEntries(FACETS.map((f) => [f, {}]));
    const results = [];
    for (const [doc, hit] of await match(query)) {
      const values = docValues(meta.docs[doc], keys);
      const failing = wanted.filter(([f, set]) => !values[f].some((v) => set.has(String(v)))).map(([f]) => f);
      for (const f of FACETS) {
        if (failing.length > (failing[0] === f ? 1 : 0)) continue;
        for (const v of values[f]) facets[f][v] = (facets[f][v] || 0) + 1;
      }
      if (!failing.length) results.push({ doc, ...hit });
    }
    results.sort((a, b) => b.phrase - a.phrase || b.score - a.score || a.doc - b.doc);
    return { total: results.length, results: results.slice(offset, offset + limit), facets };
  }

  // Display rows of the documents, in order; fetches only their chunks.
  const display = (docs) => Promise.all(docs.map(async (doc) => {
    const chunk = chunks[chunkIndex(chunks, doc)];
    return (await json(chunk.file))[doc - chunk.first];
  }));

  const labels = Object.fromEntries(Object.entries(keys).map(([f, list]) => [f, new Map(list)]));
  return { lang: manifest.lang, meta, labels, search, display };
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

const isCluster = (term) => KHMER.test(term) && clusters(term).length === 1;

// Parts of the query (split on spaces), each a list of slots {term, offset,
// kind}: "cluster", a one-cluster Khmer part, any term starting with that
// cluster; "typing", the last term typed, also as a prefix; else "term".
// part.phrase: its terms must be adjacent (one Khmer pair is by itself).
export function parseQuery(query) {
  const texts = query.split(/\s+/).filter(Boolean);
  return texts.map((text, p) => {
    // A run's last cluster alone is indexed only where a run ends; in the
    // query it is covered by the pair before it.
    const tokens = tokenize(text).filter((t, i, all) => !(i && all[i - 1].pos === t.pos - 1 && isCluster(t.term)));
    const slots = tokens.map((t, i) => ({
      term: t.term,
      offset: t.pos - tokens[0].pos,
      kind: tokens.length === 1 && isCluster(t.term) ? "cluster" : p === texts.length - 1 && i === tokens.length - 1 ? "typing" : "term",
    }));
    slots.phrase = slots.length > 1 || (slots.length === 1 && KHMER.test(slots[0].term) && slots[0].kind !== "cluster");
    return slots;
  }).filter((slots) => slots.length);
}

// Map doc → {score, postings} over [postings, factor] pairs.
function byDoc(found) {
  const docs = new Map();
  for (const [postings, factor] of found) {
    for (const posting of postings) {
      const hit = docs.get(posting[0]) || { score: 0, postings: [] };
      hit.score += posting[1] * factor;
      hit.postings.push(posting);
      docs.set(posting[0], hit);
    }
  }
  return docs;
}

// Positions of a hit, decoded from [doc, weight, p0, d1, …] on first use.
function positions(hit) {
  if (!hit.positions) {
    hit.positions = new Set();
    for (const posting of hit.postings) {
      for (let i = 2, p = 0; i < posting.length; i++) hit.positions.add((p += posting[i]));
    }
  }
  return hit.positions;
}

// Whether the part's terms occur at p + offset in doc, for some p.
function isPhraseAt([first, ...rest], doc) {
  if (!rest.length) return true;
  for (const p of positions(first.hits.get(doc))) {
    if (rest.every((s) => positions(s.hits.get(doc)).has(p - first.offset + s.offset))) return true;
  }
  return false;
}

function docValues([type, org, year, tags], keys) {
  return {
    type: [keys.type[type][0]],
    organization: org >= 0 ? [keys.organization[org][0]] : [],
    year: year ? [year] : [],
    tag: tags.map((t) => keys.tag[t][0]),
  };
}
