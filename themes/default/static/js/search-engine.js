// Queries one language's chunked search index (format: src/search/mod.rs),
// fetching only the files a query needs, each once.
//
// Counts are exact: a result is a document holding every term of the query
// (Khmer pairs, stemmed words), and `total` counts them. Phrases (a Khmer
// part of several pairs) are verified with positions, which are fetched
// only for the best candidates: the `verify` best by summed weight (20 by
// default, and at least offset + limit when the limit is finite), so a
// caller listing results page by page asks for more as it goes. Verified
// phrase hits rank first; `phrase` is true or false for verified results,
// null for the others, and `verified` says how many were.
import { clusters, isClusterPrefix, tokenize } from "./tokenize.js";

export const FACETS = ["type", "organization", "year", "tag"];
export const VERSION = 4;
const KHMER = /[\u1780-\u17ff]/;
const PREFIX = 0.5; // weight of a term matched only as a prefix of the typed word
const PHRASE = 100; // per verified phrase: above any sum of term weights
const VERIFY = 20; // candidates whose phrases are verified, at least
// A one-cluster query takes the terms starting with the cluster from at
// most this many postings chunks (about 15 KB compressed each), those
// holding the most frequent terms: a frequent cluster (ជា) starts terms in
// dozens of chunks, and the rarer terms left out change little.
const CLUSTER_CHUNKS = 6;

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
  if (manifest.version !== VERSION) throw new Error(`unsupported search index version ${manifest.version}`);
  const meta = await json(manifest.meta);
  // Rows [type, organization, year, tags] from the columns.
  const columns = meta.docs;
  // Rows: type, organisation, year, tags, and the archive entry (the same
  // for a document's versions in every language).
  let entry = 0;
  meta.docs = columns.types.map((type, doc) => [type, columns.organizations[doc], columns.years[doc], columns.tags[doc], (entry += columns.entries[doc])]);
  const keys = { type: meta.types, organization: meta.organizations, tag: meta.tags };
  const tables = manifest.postings.map(([first, file]) => ({ first, file }));

  // The postings chunks whose ranges meet [from, to]: {first, file, df}.
  const chunkRefs = async (from, to) => {
    const [a, b] = [chunkIndex(tables, from), chunkIndex(tables, to)];
    const rows = (await Promise.all(tables.slice(a, b + 1).map((t) => json(t.file)))).flat().map(([first, file, df]) => ({ first, file, df }));
    return rows.slice(chunkIndex(rows, from), chunkIndex(rows, to) + 1);
  };
  // A postings chunk, its positions files' first documents made absolute.
  const chunks = new Map();
  const chunk = ({ file }) => {
    if (!chunks.has(file)) {
      const p = json(file).then((c) => {
        let doc = 0;
        return { terms: c.t, group: c.q.h, firsts: c.q.f.map((d) => ({ first: (doc += d) })) };
      });
      p.catch(() => chunks.delete(file));
      chunks.set(file, p);
    }
    return chunks.get(file);
  };
  // {term, chunk, docs: [[doc, weight], …]}
  const found = (c, term) => {
    const flat = c.terms[term]; // [unit, Δdoc, steps, Δdoc, steps, …]
    const unit = flat[0];
    const docs = new Array((flat.length - 1) / 2);
    for (let i = 1, doc = 0; i < flat.length; i += 2) docs[(i - 1) / 2] = [(doc += flat[i]), flat[i + 1] * unit];
    return { term, chunk: c, docs };
  };
  const lookup = async (term) => {
    const c = await chunk((await chunkRefs(term, term))[0]);
    return Object.hasOwn(c.terms, term) ? found(c, term) : null;
  };
  // [chunk, term] of the terms starting with prefix, from at most max chunks
  // (those with the most frequent terms).
  const withPrefix = async (prefix, max = Infinity) => {
    let refs = await chunkRefs(prefix, prefix + "\uffff");
    if (refs.length > max) refs = refs.slice().sort((a, b) => b.df - a.df).slice(0, max);
    const all = await Promise.all(refs.map(chunk));
    return all.flatMap((c) => Object.keys(c.terms).filter((t) => t.startsWith(prefix)).map((t) => [c, t]));
  };

  // Positions of term in doc (a Set), or an empty set.
  const decoded = new Map();
  async function positionsOf({ term, chunk: c }, doc) {
    const k = chunkIndex(c.firsts, doc);
    const file = `q-${c.group}-${k}.json`;
    if (!decoded.has(file)) {
      const p = json(file).then((entries) => {
        const byTerm = new Map();
        for (const [t, list] of Object.entries(entries)) {
          const byDoc = new Map();
          let d = c.firsts[k].first;
          for (const [delta, ...deltas] of list) {
            let position = 0;
            byDoc.set((d += delta), new Set(deltas.map((x) => (position += x))));
          }
          byTerm.set(t, byDoc);
        }
        return byTerm;
      });
      p.catch(() => decoded.delete(file));
      decoded.set(file, p);
    }
    return (await decoded.get(file)).get(term)?.get(doc) ?? new Set();
  }

  // [found, factor] of every term the slot accepts.
  async function resolve({ term, kind }) {
    if (kind === "cluster") {
      return (await withPrefix(term, CLUSTER_CHUNKS)).filter(([, t]) => isClusterPrefix(t, term)).map(([c, t]) => [found(c, t), 1]);
    }
    const exact = await lookup(term);
    const hits = exact ? [[exact, 1]] : [];
    if (kind !== "typing") return hits;
    for (const [c, t] of await withPrefix(term)) if (t !== term) hits.push([found(c, t), PREFIX]);
    if (hits.length || KHMER.test(term)) return hits;
    // A half-typed word's stem can run past the indexed stem ("registra" vs
    // "registr"): try its shorter prefixes.
    for (let n = term.length - 1; n >= Math.max(3, term.length - 4); n--) {
      const p = await lookup(term.slice(0, n));
      if (p) return [[p, PREFIX]];
    }
    return [];
  }

  // Map doc → {score, phrase}; an empty query matches every document.
  // phrase: true or false when known without positions, else undefined,
  // and verify(doc) tells (adding PHRASE per verified phrase to the score).
  async function match(query) {
    if (!query.trim()) return { hits: new Map(meta.docs.map((_, doc) => [doc, { score: 0, phrase: false }])) };
    const parts = parseQuery(query);
    const slots = parts.flat();
    if (!slots.length) return { hits: new Map() };
    await Promise.all(slots.map(async (s) => (s.hits = byDoc(await resolve(s)))));
    const phrases = parts.filter((part) => part.phrase);
    // A phrase of one Khmer pair holds wherever the pair does.
    const long = phrases.filter((part) => part.length > 1);
    const short = phrases.length - long.length;
    const hits = new Map();
    const rarest = slots.reduce((a, b) => (b.hits.size < a.hits.size ? b : a));
    for (const doc of rarest.hits.keys()) {
      if (!slots.every((s) => s.hits.has(doc))) continue;
      const score = slots.reduce((sum, s) => sum + s.hits.get(doc).score, short * PHRASE);
      hits.set(doc, { score, phrase: long.length ? undefined : short > 0 && short === phrases.length });
    }
    const verify = async (doc, hit) => {
      const verified = (await Promise.all(long.map((part) => isPhraseAt(part, doc)))).filter(Boolean).length;
      hit.score += verified * PHRASE;
      hit.phrase = verified + short === phrases.length;
    };
    return { hits, verify: long.length ? verify : null };
  }

  // Whether the part's terms occur at p + offset in doc, for some p. Only
  // the slots of proof(part) are looked at: the candidates hold every term.
  async function isPhraseAt(part, doc) {
    part = (part.proof ||= proof(part));
    const sets = await Promise.all(part.map(async (s) => {
      const all = await Promise.all(s.hits.get(doc).terms.map((f) => positionsOf(f, doc)));
      return all.length === 1 ? all[0] : new Set(all.flatMap((set) => [...set]));
    }));
    const [first, ...rest] = part;
    for (const p of sets[0]) {
      if (rest.every((s, k) => sets[k + 1].has(p - first.offset + s.offset))) return true;
    }
    return false;
  }

  // filters: {type: [key], organization: [key], year: [year], tag: [key]},
  // OR within a facet, AND across. Facet counts (by key) are standard: over
  // the matches passing every filter but that facet's own. `entries` holds,
  // per facet value, the archive entries counted, so counts over several
  // languages' indexes can count a document once.
  async function search(query, { filters = {}, limit = 20, offset = 0, verify = VERIFY } = {}) {
    const wanted = FACETS.filter((f) => filters[f]?.length).map((f) => [f, new Set(filters[f].map(String))]);
    const facets = Object.fromEntries(FACETS.map((f) => [f, {}]));
    const entries = Object.fromEntries(FACETS.map((f) => [f, {}]));
    let results = [];
    const matched = await match(query);
    for (const [doc, hit] of matched.hits) {
      const values = docValues(meta.docs[doc], keys);
      const failing = wanted.filter(([f, set]) => !values[f].some((v) => set.has(String(v)))).map(([f]) => f);
      for (const f of FACETS) {
        if (failing.length > (failing[0] === f ? 1 : 0)) continue;
        for (const v of values[f]) {
          facets[f][v] = (facets[f][v] || 0) + 1;
          (entries[f][v] ||= new Set()).add(meta.docs[doc][4]);
        }
      }
      if (!failing.length) results.push({ doc, ...hit });
    }
    let verified = results.length;
    if (matched.verify) {
      results.sort((a, b) => b.score - a.score || a.doc - b.doc);
      verified = Math.min(results.length, Math.max(verify, Number.isFinite(limit) ? offset + limit : 0));
      await Promise.all(results.slice(0, verified).map((r) => matched.verify(r.doc, r)));
      for (const r of results.slice(verified)) r.phrase = null;
    }
    results.sort((a, b) => b.phrase - a.phrase || b.score - a.score || a.doc - b.doc);
    return { total: results.length, verified, results: results.slice(offset, offset + limit), facets, entries };
  }

  // Display rows of the documents, in order; fetches only their chunks.
  const { size, group, hashes } = manifest.display;
  const display = (docs) => Promise.all(docs.map(async (doc) => {
    const file = `d-${hashes[Math.floor(doc / group)]}-${Math.floor((doc % group) / size)}.json`;
    return (await json(file))[doc % size];
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
    // Only Khmer terms have positions: a part mixing scripts is matched as
    // separate terms.
    const khmer = slots.every((s) => KHMER.test(s.term));
    slots.phrase = khmer && (slots.length > 1 || slots[0]?.kind !== "cluster");
    return slots;
  }).filter((slots) => slots.length);
}

// The slots of a phrase part whose positions prove it: a set in which
// every cluster of the part is the first or second cluster of some slot's
// exact term. A pair whose two clusters are so placed holds without its
// own positions, since two clusters at consecutive positions are adjacent
// in one run (runs are a position apart). A pair in the middle of a long
// part is then not fetched; a part of n pairs fetches about n / 2 + 1.
// The last word typed may be the start of longer terms, so it is always
// kept and places only its first cluster.
export function proof(part) {
  const kept = part.filter((s) => s.kind !== "term");
  const placed = new Set(kept.map((s) => s.offset));
  const spans = part.filter((s) => s.kind === "term").map((s) => ({ slot: s, from: s.offset, to: s.offset + clusters(s.term).length - 1 }));
  const needed = [...new Set(spans.flatMap(({ from, to }) => Array.from({ length: to - from + 1 }, (_, i) => from + i)))].sort((a, b) => a - b);
  for (const cluster of needed) {
    if (placed.has(cluster)) continue;
    // Of the terms on this cluster, the one reaching furthest on.
    const best = spans.filter((t) => t.from <= cluster && cluster <= t.to).reduce((a, b) => (b.to > a.to ? b : a));
    kept.push(best.slot);
    for (let c = best.from; c <= best.to; c++) placed.add(c);
  }
  return part.filter((s) => kept.includes(s));
}

// Map doc → {score, terms: [found, …]} over [found, factor] pairs.
function byDoc(found) {
  const docs = new Map();
  for (const [f, factor] of found) {
    for (const [doc, weight] of f.docs) {
      const hit = docs.get(doc) || { score: 0, terms: [] };
      hit.score += weight * factor;
      hit.terms.push(f);
      docs.set(doc, hit);
    }
  }
  return docs;
}

function docValues([type, org, year, tags], keys) {
  return {
    type: [keys.type[type][0]],
    organization: org >= 0 ? [keys.organization[org][0]] : [],
    year: year ? [year] : [],
    tag: tags.map((t) => keys.tag[t][0]),
  };
}
