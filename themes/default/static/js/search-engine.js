// Queries one language's chunked search index (format: src/search/mod.rs).
// Only the chunks a query touches are fetched, once each.
import { clusters, isClusterPrefix, tokenize } from "./tokenize.js";

const KHMER = /[\u1780-\u17ff]/;
// A term matched only as a prefix of what is typed counts for less than the
// word itself, so that finished words rank their exact documents first.
const PREFIX_FACTOR = 0.5;
// Added per verified phrase: larger than any sum of term weights.
const PHRASE_BONUS = 100;
export const FACETS = ["type", "organization", "year", "tag"];

export async function openIndex(base, fetchFn = fetch) {
  const folder = base.endsWith("/") ? base : base + "/";
  const files = new Map();
  const json = (name) => {
    if (!files.has(name)) {
      const loading = fetchFn(folder + name).then((r) => {
        if (!r.ok) throw new Error(`${folder}${name}: HTTP ${r.status}`);
        return r.json();
      });
      // A failed fetch (phone offline) is retried by the next query.
      loading.catch(() => files.delete(name));
      files.set(name, loading);
    }
    return files.get(name);
  };
  const manifest = await json("manifest.json");
  if (manifest.version !== 1) throw new Error(`search index version ${manifest.version} is not supported`);
  const meta = await json(manifest.meta);
  const keys = { type: meta.types, organization: meta.organizations, tag: meta.tags };

  const chunkOf = (key) => json(manifest.postings[chunkIndex(manifest.postings, key)].file);
  const postingsOf = async (term) => {
    const chunk = await chunkOf(term);
    return Object.hasOwn(chunk, term) ? chunk[term] : null;
  };
  // Every [term, postings] whose term starts with prefix: one or a few chunks.
  const withPrefix = async (prefix) => {
    const list = manifest.postings;
    const from = chunkIndex(list, prefix);
    const to = chunkIndex(list, prefix + "\uffff");
    const chunks = await Promise.all(list.slice(from, to + 1).map((c) => json(c.file)));
    return chunks.flatMap((chunk) => Object.entries(chunk).filter(([t]) => t.startsWith(prefix)));
  };

  // Postings of every term a slot accepts, each with the factor its weight gets.
  async function resolve(slot) {
    if (slot.kind === "cluster") {
      return (await withPrefix(slot.term)).filter(([t]) => isClusterPrefix(t, slot.term)).map(([t, p]) => [p, 1]);
    }
    const exact = await postingsOf(slot.term);
    const found = exact ? [[exact, 1]] : [];
    if (slot.kind !== "typing") return found;
    const longer = (await withPrefix(slot.term)).filter(([t]) => t !== slot.term);
    found.push(...longer.map(([, p]) => [p, PREFIX_FACTOR]));
    if (found.length || KHMER.test(slot.term)) return found;
    // Mid-word, a stem can run past every indexed stem ("registra" vs the
    // "registr" of registration): try the typed word's shorter prefixes.
    for (let n = slot.term.length - 1; n >= Math.max(3, slot.term.length - 4); n--) {
      const p = await postingsOf(slot.term.slice(0, n));
      if (p) return [[p, PREFIX_FACTOR]];
    }
    return [];
  }

  // Matching documents as Map doc → {score, phrase}, before filters. An
  // empty query matches every document, so filters alone can browse.
  async function match(query) {
    if (!query.trim()) return new Map(meta.docs.map((_, doc) => [doc, { score: 0, phrase: false }]));
    const parts = parseQuery(query);
    const slots = parts.flat();
    if (!slots.length) return new Map();
    const hits = await Promise.all(slots.map(async (slot) => byDoc(await resolve(slot))));
    hits.forEach((h, i) => (slots[i].hits = h));
    const smallest = hits.reduce((a, b) => (b.size < a.size ? b : a));
    const phraseParts = parts.filter((part) => part.phrase);
    const matches = new Map();
    for (const doc of smallest.keys()) {
      if (!hits.every((h) => h.has(doc))) continue;
      let score = hits.reduce((sum, h) => sum + h.get(doc).score, 0);
      const verified = phraseParts.filter((part) => isPhraseAt(part, doc)).length;
      score += verified * PHRASE_BONUS;
      matches.set(doc, { score, phrase: phraseParts.length > 0 && verified === phraseParts.length });
    }
    return matches;
  }

  async function search(query, { filters = {}, limit = 20, offset = 0 } = {}) {
    const wanted = filterSets(filters);
    const facets = Object.fromEntries(FACETS.map((f) => [f, {}]));
    const results = [];
    for (const [doc, { score, phrase }] of await match(query)) {
      const values = docValues(meta.docs[doc], keys);
      const failing = FACETS.filter((f) => wanted[f] && !values[f].some((v) => wanted[f].has(String(v))));
      // Standard faceting: a facet's counts ignore that facet's own filter,
      // so each count says how many results ticking that value would add.
      for (const f of FACETS) {
        if (failing.length === 0 || (failing.length === 1 && failing[0] === f)) {
          for (const v of values[f]) facets[f][v] = (facets[f][v] || 0) + 1;
        }
      }
      if (failing.length === 0) results.push({ doc, score, phrase });
    }
    results.sort((a, b) => b.phrase - a.phrase || b.score - a.score || a.doc - b.doc);
    return { total: results.length, results: results.slice(offset, offset + limit), facets };
  }

  // Display rows of the given documents, in the same order.
  function display(docs) {
    return Promise.all(docs.map(async (doc) => {
      const i = chunkIndex(manifest.display, doc);
      const rows = await json(manifest.display[i].file);
      return rows[doc - manifest.display[i].first];
    }));
  }

  const labels = Object.fromEntries(Object.entries(keys).map(([f, list]) => [f, new Map(list)]));
  return { lang: manifest.lang, docs: manifest.docs, meta, labels, search, display };
}

// The last chunk whose first key is <= key (JavaScript string order, as the
// index was cut).
function chunkIndex(list, key) {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].first <= key) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// The query as parts (whitespace-separated), each a list of slots: one term
// to find at a relative position. kind "cluster": a one-cluster Khmer part,
// any term starting with that cluster; "typing": the last term typed, also
// matched as a prefix; "term": the term itself.
export function parseQuery(query) {
  const texts = query.trim().split(/\s+/).filter(Boolean);
  const parts = texts.map((text, p) => {
    // A Khmer run's last cluster alone is indexed only where a run ends; a
    // query's is already covered by the pair before it, so it is dropped.
    const tokens = tokenize(text).filter((t, i, all) => !(i > 0 && all[i - 1].pos === t.pos - 1 && isKhmerCluster(t.term)));
    const last = p === texts.length - 1;
    const slots = tokens.map((t, i) => ({
      term: t.term,
      offset: t.pos - tokens[0].pos,
      kind: tokens.length === 1 && isKhmerCluster(t.term) ? "cluster" : last && i === tokens.length - 1 ? "typing" : "term",
    }));
    // A phrase: several terms that must be adjacent, or a Khmer cluster pair.
    slots.phrase = slots.length > 1 || (slots.length === 1 && KHMER.test(slots[0].term) && slots[0].kind !== "cluster");
    return slots;
  });
  return parts.filter((slots) => slots.length);
}

const isKhmerCluster = (term) => KHMER.test(term) && clusters(term).length === 1;

// Map doc → {score, postings: [[doc, weight, p0, d1, …], …]} over the terms.
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

function positions(hit) {
  if (!hit.positions) {
    hit.positions = new Set();
    for (const posting of hit.postings) {
      for (let i = 2, p = 0; i < posting.length; i++) hit.positions.add((p += posting[i]));
    }
  }
  return hit.positions;
}

// Whether the part's terms occur at consecutive positions (p + offset) in doc.
function isPhraseAt(slots, doc) {
  if (slots.length === 1) return true; // one cluster pair is adjacent by construction
  const [first, ...rest] = slots;
  for (const p of positions(first.hits.get(doc))) {
    const start = p - first.offset;
    if (rest.every((s) => positions(s.hits.get(doc)).has(start + s.offset))) return true;
  }
  return false;
}

// Facet values of a document: keys, and the year as a number.
function docValues([type, org, year, tags], keys) {
  return {
    type: [keys.type[type][0]],
    organization: org >= 0 ? [keys.organization[org][0]] : [],
    year: year ? [year] : [],
    tag: tags.map((t) => keys.tag[t][0]),
  };
}

function filterSets(filters) {
  const sets = {};
  for (const f of FACETS) {
    const values = [].concat(filters[f] ?? []).map(String);
    if (values.length) sets[f] = new Set(values);
  }
  return sets;
}
