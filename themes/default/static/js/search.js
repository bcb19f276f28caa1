// The search page: results as you type, filters, the other language on
// request; query and filters live in the URL. Index content is untrusted:
// it reaches the page as text nodes only.
import { FACETS, openIndex } from "./search-engine.js";
import { clusters, isClusterPrefix, normalize, tokenize } from "./tokenize.js";

const $ = (id) => document.getElementById(id);
const app = $("search-app");
const input = $("q");
const allBox = $("search-all");
const filters = $("search-filters");
const list = $("search-list");
const more = $("search-more");
const { lang, otherLang, otherName, tCount, tNone, tApart, tLoading, tError, tDigits, tOtherHits } = app.dataset;
const hint = $("search-hint");
const otherHits = $("search-other-hits");
const PARAMS = { type: "type", organization: "org", year: "year", tag: "tag" };
// Results fetched at a time: each takes a request of its own for its
// title and excerpt, and a phone's screen holds three or four.
const PAGE = 6;
const indexes = new Map();
const built = new Set();
let results = []; // the phrase hits, then those holding the words apart ({apart: true})
let apartTotal = 0;
let shown = 0;
let generation = 0; // of the latest run: older runs drop their answers
let pending = {}; // filters from the URL, ticked when their checkboxes appear

const digits = (n) => String(n).replace(/\d/g, (d) => tDigits[d]);
const say = (text) => ($("search-status").textContent = text);
const el = (tag, props, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const boxes = (f) => filters.querySelectorAll(`[data-facet="${f}"] input`);

const searched = () => (allBox?.checked ? [lang, otherLang] : [lang]);

function index(code) {
  if (!indexes.has(code)) {
    const opening = openIndex(`${app.dataset.index}${code}/`);
    opening.catch(() => indexes.delete(code));
    indexes.set(code, opening);
  }
  return indexes.get(code);
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  if (allBox) allBox.checked = params.get("all") === "1";
  pending = Object.fromEntries(FACETS.map((f) => [f, params.getAll(PARAMS[f])]));
  for (const f of FACETS) for (const box of boxes(f)) box.checked = pending[f].includes(box.value);
  hint.hidden = input.value.trim() !== "";
  keepQueryAcrossLanguages();
}

// The language switch leads to the same search in the other language
// (filters are keys, the same in every language).
function keepQueryAcrossLanguages() {
  for (const link of document.querySelectorAll(".languages a[hreflang]")) {
    const there = new URL(link.href);
    there.search = location.search;
    link.href = there.href;
  }
}

// The folded filters' summary says how many are in use (the other language counts).
function countFilters(state) {
  const n = FACETS.reduce((sum, f) => sum + state.filters[f].length, 0) + (allBox?.checked ? 1 : 0);
  $("search-filters-count").textContent = n ? `(${digits(n)})` : "";
}

// Nothing found here: says how many the other language's documents would
// give, one tap from showing them.
async function offerOther(state, mine) {
  if (!otherHits) return;
  otherHits.hidden = true;
  if (allBox.checked || !state.q.trim()) return;
  const ix = await index(otherLang);
  const found = await ix.search(state.q, { filters: state.filters, limit: 0, prefix: true });
  const n = found.total + found.apart.total;
  if (mine !== generation || !n) return;
  otherHits.firstChild.textContent = tOtherHits.replace("{count}", digits(n));
  otherHits.hidden = false;
  say(""); // the line above says it all
}

function writeUrl(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const f of FACETS) for (const v of state.filters[f]) params.append(PARAMS[f], v);
  if (allBox?.checked) params.set("all", "1");
  const url = location.pathname + (String(params) && `?${params}`);
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
  keepQueryAcrossLanguages();
}

// Checkboxes are made once and then only updated, so focus survives.
function option(f, key, label) {
  const ul = filters.querySelector(`[data-facet="${f}"] ul`);
  if ([...ul.children].some((li) => li.dataset.key == key)) return;
  const id = `f-${f}-${ul.children.length}`;
  const box = el("input", { type: "checkbox", id, name: f, value: key, checked: pending[f]?.includes(String(key)) });
  const li = el("li", {}, box, el("label", { htmlFor: id }, label, " ", el("span", { className: "count" })));
  li.dataset.key = key;
  // Years newest first, the rest in the site's order.
  ul.insertBefore(li, (f === "year" && [...ul.children].find((o) => +o.dataset.key < key)) || null);
}

function buildFilters(ix) {
  if (built.has(ix)) return;
  built.add(ix);
  for (const f of ["type", "organization", "tag"]) for (const [key, label] of ix.labels[f]) option(f, key, label);
  for (const year of new Set(ix.meta.docs.map((row) => row.year))) if (year) option("year", year, digits(year));
}

// Counts from every index searched; a value with none is hidden unless ticked.
function showCounts(answers) {
  for (const f of FACETS) {
    let any = false;
    for (const box of boxes(f)) {
      // A document found in both languages counts once.
      const n = answers.length === 1
        ? answers[0].facets[f][box.value] || 0
        : new Set(answers.flatMap((a) => [...(a.entries[f][box.value] || [])])).size;
      box.nextSibling.lastChild.textContent = `(${digits(n)})`;
      box.parentNode.hidden = !n && !box.checked && box !== document.activeElement;
      any ||= !box.parentNode.hidden;
    }
    filters.querySelector(`[data-facet="${f}"]`).hidden = !any;
  }
}

// step: "push" or "replace" the URL, or null when it already says it all.
async function run(step) {
  const mine = ++generation;
  const loading = setTimeout(() => mine === generation && say(tLoading), 300);
  let answers, state;
  try {
    const ixs = await Promise.all(searched().map(index));
    ixs.forEach(buildFilters);
    // Read once the checkboxes exist: values no index knows are dropped.
    state = { q: input.value, filters: Object.fromEntries(FACETS.map((f) => [f, [...boxes(f)].filter((b) => b.checked).map((b) => b.value)])) };
    if (step && mine === generation) writeUrl(state, step === "push");
    answers = await Promise.all(ixs.map(async (ix) => ({ ix, ...(await ix.search(state.q, { filters: state.filters, limit: Infinity, prefix: true })) })));
  } finally {
    clearTimeout(loading);
  }
  if (mine !== generation) return;
  // The empty query matches everything: the counts show what there is, and
  // filters alone list documents.
  const wanted = state.q.trim() || FACETS.some((f) => state.filters[f].length);
  const together = wanted ? merged(answers.map((a) => [a.ix, a.results])) : [];
  const apart = wanted ? merged(answers.map((a) => [a.ix, a.apart.results])) : [];
  results = together.concat(apart.map((r) => ({ ...r, apart: true })));
  apartTotal = apart.length;
  shown = 0;
  // The results' rows are asked for first: the counts are worked out
  // while they travel.
  const showing = showMore(mine, state.q, true);
  showCounts(answers);
  countFilters(state);
  $("search-shortened").hidden = !answers.some((a) => a.shortened);
  say(!wanted ? "" : together.length ? tCount.replace("{count}", digits(together.length)) : tNone);
  // The other language's index failing to load (offline) only leaves the hint out.
  const other = !together.length && !apart.length ? offerOther(state, mine).catch(() => {}) : otherHits && (otherHits.hidden = true);
  await Promise.all([showing, other]);
}

// The results of every index searched, best first, each tagged with its
// index; a document found in both languages is listed once, in the page's
// language.
function merged(found) {
  const all = found.flatMap(([ix, list]) => list.map((r) => ({ ...r, ix })));
  const entry = (r) => r.ix.meta.docs[r.doc].entry;
  const mine = new Set(all.filter((r) => r.ix.lang === lang).map(entry));
  return all.filter((r) => r.ix.lang === lang || !mine.has(entry(r))).sort((a, b) => b.score - a.score);
}

// Shows the next page, each result as soon as its row and those above it
// are in: the results are final, so none moves once shown. The list is
// replaced only when the first row is in, so typing does not flicker.
// Returns the first new result.
async function showMore(mine, q, replace) {
  const from = shown;
  const page = results.slice(from, (shown += PAGE));
  const rows = page.map((r) => r.ix.display([r.doc]).then(([row]) => row));
  for (const row of rows) row.catch(() => {}); // the first failure is thrown below, once
  if (replace) more.hidden = true;
  let first = null;
  for (const [i, arriving] of rows.entries()) {
    const row = await arriving;
    if (mine !== generation) return null;
    const items = [];
    // The documents holding the words apart follow the others, under their count.
    if (page[i].apart && !results[from + i - 1]?.apart) items.push(el("li", { className: "search-apart" }, tApart.replace("{count}", digits(apartTotal))));
    const li = item(row, q);
    first ??= li;
    items.push(li);
    list[replace && !i ? "replaceChildren" : "append"](...items);
  }
  if (replace && !page.length) list.replaceChildren();
  more.hidden = shown >= results.length;
  return first;
}

function item(row, q) {
  const link = el("a", { href: row.url }, ...highlight(row.title, q, Infinity));
  const meta = el("p", { className: "item-meta" }, el("time", { dateTime: row.isoDate }, row.date), ` · ${row.type}`, row.organization && ` · ${row.organization}`);
  // A page of an attached PDF: the link opens its text there.
  if (row.place) meta.append(" · ", el("span", { className: "item-place" }, row.place));
  if (row.lang !== lang) {
    link.hreflang = row.lang;
    meta.append(" ", el("span", { className: "badge" }, otherName));
  }
  return el("li", { className: "item", lang: row.lang }, el("h3", { className: "item-title" }, link), meta,
    el("p", { className: "item-summary", ...(row.excerptLang && { lang: row.excerptLang }) }, ...highlight(row.excerpt, q, 220)));
}

// Pieces that normalise on their own: a Khmer cluster (its marks may come in
// any order), or one character with its combining marks.
const PIECE = /[\u1780-\u17b3\u17dc](?:\u17d2[\u1780-\u17b3\u17dc]|[\u17b4-\u17d3\u17dd\u200b-\u200d\u2060\ufeff])*|[\s\S][\p{M}\u200b-\u200d\u2060\ufeff]*/gu;
const KHMER_RUN = /[\u1780-\u17d3\u17dc\u17dd]+/g;
const WORD = /(?:(?![\u1780-\u17ff\u19e0-\u19ff])[\p{Alphabetic}\p{N}])+/gu;
const isKhmer = (c) => /[\u1780-\u17d3\u17dc\u17dd]/.test(c ?? "");

// The normalised text, and per character the original span it came from.
function mapped(text) {
  let norm = "";
  const from = [];
  const to = [];
  for (const m of text.matchAll(PIECE)) {
    const n = m[0] < "\u0300" && m[0].length === 1 ? m[0].toLowerCase() : normalize(m[0]);
    if (n === "." && isKhmer(norm.at(-1)) && isKhmer(text[m.index + 1])) continue; // គ.ជ.ប reads គជប
    for (let k = 0; k < n.length; k++) from.push(m.index), to.push(m.index + m[0].length);
    norm += n;
  }
  return { norm, from, to };
}

// [start, end) spans of the normalised text matching the query.
function matches(norm, q) {
  const spans = [];
  const nq = normalize(q);
  const runs = nq.match(KHMER_RUN) || [];
  runs.forEach((run, i) => {
    // Still being typed: its last cluster may be unfinished (not for one
    // cluster, which the engine matches as whole clusters only).
    const typing = i === runs.length - 1 && nq.endsWith(run) && clusters(run).length > 1;
    for (let at = norm.indexOf(run); at >= 0; at = norm.indexOf(run, at + 1)) {
      const onCluster = !at || !(/[\u17b4-\u17d3\u17dd]/.test(norm[at]) || norm[at - 1] === "\u17d2");
      if (onCluster && (typing || isClusterPrefix(norm.slice(at, at + run.length + 4), run))) spans.push([at, at + run.length]);
    }
  });
  // Latin words by their stems; the last one typed as the engine takes it.
  const terms = tokenize(q.replace(KHMER_RUN, " ")).map((t) => t.term);
  const last = /[\p{L}\p{N}]$/u.test(q) && terms.at(-1);
  const typed = (t) => last && (t.startsWith(last) || (last.startsWith(t) && t.length >= last.length - 4));
  for (const m of norm.matchAll(WORD)) {
    const term = tokenize(m[0])[0]?.term;
    if (term && (terms.includes(term) || typed(term))) spans.push([m.index, m.index + m[0].length]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

// Text nodes and <mark>s: up to size characters from a little before the
// first match, cut on a word or at least between clusters.
function highlight(text, q, size) {
  const { norm, from, to } = mapped(text);
  const marks = matches(norm, q).map(([a, b]) => [from[a], to[b - 1]]);
  let start = 0;
  if (marks.length && marks[0][0] > 60 && size < text.length) {
    const space = text.indexOf(" ", marks[0][0] - 60);
    start = space >= 0 && space < marks[0][0] ? space + 1 : from.find((f) => f >= marks[0][0] - 60);
  }
  let end = start + size < text.length ? from.find((f) => f >= start + size) ?? text.length : text.length;
  // On a word's end where a space is near, as the stored excerpts are cut.
  const space = end < text.length ? text.lastIndexOf(" ", end) : -1;
  if (space > start && end - space <= 40) end = space;
  const nodes = [start ? "… " : ""];
  let at = start;
  for (const [a, b] of marks) {
    const [s, e] = [Math.max(a, at), Math.min(b, end)];
    if (s >= e) continue;
    nodes.push(text.slice(at, s), el("mark", {}, text.slice(s, e)));
    at = e;
  }
  nodes.push(text.slice(at, end), end < text.length ? " …" : "");
  return nodes;
}

const failed = (error) => {
  // Offline, the saved documents are searched instead (offline-search.js),
  // and its note says so: no error beside it.
  if (navigator.onLine === false && document.getElementById("offline-search")) return say("");
  say(tError);
  console.error(error);
};
const go = (step) => run(step).catch(failed);
// The search starts once typing pauses; the postings it will need start
// travelling sooner, once a burst of input ends (a paste, or a keyboard
// writing a cluster's code points at once), and are then fetched only once.
const warm = () => searched().forEach((code) => index(code).then((ix) => ix.warm(input.value), () => {}));
let timer;
let warming;
input.addEventListener("input", () => {
  hint.hidden = input.value.trim() !== "";
  clearTimeout(timer);
  clearTimeout(warming);
  timer = setTimeout(go, 150, "replace");
  warming = setTimeout(warm, 30);
});
input.form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  go("push");
});
// Ticking a filter or the other language is a step Back undoes.
app.addEventListener("change", () => go("push"));
$("search-show-other")?.addEventListener("click", () => {
  allBox.checked = true;
  otherHits.hidden = true;
  go("push");
});
// Keyboard users land on the first new result.
more.addEventListener("click", () => showMore(generation, input.value).then((first) => first?.querySelector("a").focus(), failed));
addEventListener("popstate", () => {
  readUrl();
  go(null);
});

app.hidden = false;
readUrl();
go(null);
