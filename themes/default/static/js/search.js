// The search page: results as you type, filters, the other language's
// documents on request; the query and filters live in the URL. Content is
// untrusted: text goes into the page through textContent only.
import { FACETS, openIndex } from "./search-engine.js";
import { isClusterPrefix, normalize, tokenize } from "./tokenize.js";

const app = document.getElementById("search-app");
const form = document.querySelector(".search-form");
const input = document.getElementById("q");
const allBox = document.getElementById("search-all");
const filtersBox = document.getElementById("search-filters");
const status = document.getElementById("search-status");
const list = document.getElementById("search-list");
const more = document.getElementById("search-more");
const { lang, otherLang, otherName, tCount, tNone, tLoading, tError, tDigits } = app.dataset;
const PAGE = 20;
const PARAMS = { type: "type", organization: "org", year: "year", tag: "tag" };
const KHMER_RUN = /[\u1780-\u17d3\u17dc\u17dd]+/g;
const WORD = /(?:(?![\u1780-\u17ff\u19e0-\u19ff])[\p{Alphabetic}\p{N}])+/gu;

const indexes = new Map(); // lang → Promise of an index
let results = []; // merged: {index, doc, score, phrase}
let shown = 0;
let generation = 0; // the latest run; older ones drop their answer

const digits = (n) => String(n).replace(/[0-9]/g, (d) => tDigits[d]);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

function index(code) {
  if (!indexes.has(code)) {
    const opening = openIndex(`${app.dataset.index}${code}/`);
    opening.catch(() => indexes.delete(code)); // retry on the next search
    indexes.set(code, opening);
  }
  return indexes.get(code);
}

// ---- state in the URL and the controls ----------------------------------

function readControls() {
  const filters = {};
  for (const f of FACETS) {
    filters[f] = [...filtersBox.querySelectorAll(`[data-facet="${f}"] input:checked`)].map((i) => i.value);
  }
  return { q: input.value, filters, all: Boolean(allBox?.checked) };
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  const filters = Object.fromEntries(FACETS.map((f) => [f, params.getAll(PARAMS[f])]));
  return { q: params.get("q") || "", filters, all: params.get("all") === "1" };
}

function writeUrl(state, push) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const f of FACETS) for (const v of state.filters[f]) params.append(PARAMS[f], v);
  if (state.all) params.set("all", "1");
  const query = params.toString();
  const url = location.pathname + (query ? `?${query}` : "");
  if (url !== location.pathname + location.search) history[push ? "pushState" : "replaceState"](null, "", url);
}

// Filters named in the URL, ticked when their checkboxes are made.
let pending = { type: [], organization: [], year: [], tag: [] };

function applyState(state) {
  input.value = state.q;
  if (allBox) allBox.checked = state.all;
  pending = state.filters;
  for (const box of filtersBox.querySelectorAll("input")) {
    box.checked = pending[box.name].includes(box.value);
  }
}

// ---- filters ------------------------------------------------------------

// One checkbox per facet value, created once and then only updated, so
// that keyboard focus survives every new result list.
function option(facet, key, label) {
  const ul = filtersBox.querySelector(`[data-facet="${facet}"] ul`);
  let li = ul.querySelector(`li[data-key="${CSS.escape(String(key))}"]`);
  if (!li) {
    const id = `f-${facet}-${ul.children.length}`;
    const box = el("input", { type: "checkbox", id, name: facet, value: String(key) });
    box.checked = pending[facet].includes(String(key));
    li = el("li", {}, box, el("label", { htmlFor: id }, label, " ", el("span", { className: "count" })));
    li.dataset.key = key;
    // Years newest first; the other facets in the order the site declares.
    const after = facet === "year" && [...ul.children].find((o) => Number(o.dataset.key) < key);
    ul.insertBefore(li, after || null);
  }
  return li;
}

const built = new WeakSet();

function buildFilters(ix) {
  if (built.has(ix)) return;
  built.add(ix);
  for (const f of ["type", "organization", "tag"]) for (const [key, label] of ix.labels[f]) option(f, key, label);
  for (const year of new Set(ix.meta.docs.map((row) => row[2]).filter(Boolean))) option("year", year, digits(year));
  filtersBox.hidden = false;
  if (matchMedia("(min-width: 50rem)").matches) filtersBox.open = true;
}

function showCounts(facets) {
  for (const f of FACETS) {
    const fieldset = filtersBox.querySelector(`[data-facet="${f}"]`);
    let any = false;
    for (const li of fieldset.querySelectorAll("li")) {
      const count = facets[f][li.dataset.key] || 0;
      const checked = li.firstChild.checked;
      li.querySelector(".count").textContent = `(${digits(count)})`;
      // A ticked value stays visible, so it can be unticked.
      li.hidden = count === 0 && !checked && li.firstChild !== document.activeElement;
      any ||= !li.hidden;
    }
    fieldset.hidden = !any;
  }
}

// ---- searching ----------------------------------------------------------

// Searches what the controls say; step: "push" or "replace" the URL's
// history entry, or null when the URL already says it.
async function run(step) {
  const mine = ++generation;
  const codes = allBox?.checked && otherLang ? [lang, otherLang] : [lang];
  const loading = setTimeout(() => mine === generation && say(tLoading), 300);
  let answers, state;
  try {
    const ixs = await Promise.all(codes.map(index));
    ixs.forEach(buildFilters);
    // Read once the checkboxes exist: a value no index knows is dropped.
    state = readControls();
    if (step && mine === generation) writeUrl(state, step === "push");
    // An empty query matches everything: the filters then show what there
    // is to browse, and filters alone list documents.
    answers = await Promise.all(ixs.map(async (ix) => [ix, await ix.search(state.q, { filters: state.filters, limit: Infinity })]));
  } catch (error) {
    if (mine === generation) say(tError);
    throw error;
  } finally {
    clearTimeout(loading);
  }
  if (mine !== generation) return;
  const wanted = state.q.trim() !== "" || FACETS.some((f) => state.filters[f].length);
  results = !wanted ? [] : answers.flatMap(([ix, answer]) => answer.results.map((r) => ({ ...r, index: ix })));
  results.sort((a, b) => b.phrase - a.phrase || b.score - a.score);
  showCounts(sumFacets(answers.map(([, a]) => a.facets)));
  shown = 0;
  say(!wanted ? "" : results.length ? tCount.replace("{count}", digits(results.length)) : tNone);
  await showMore(mine, state.q, true);
}

// Both languages' counts: the keys are the site's, shared by every language.
function sumFacets(all) {
  const sum = Object.fromEntries(FACETS.map((f) => [f, {}]));
  for (const facets of all) for (const f of FACETS) for (const [k, n] of Object.entries(facets[f])) sum[f][k] = (sum[f][k] || 0) + n;
  return sum;
}

// Shows the next page of results (replacing the list when asked, once the
// new rows are there, so that it does not flicker); returns the first item.
async function showMore(mine, q, replace = false) {
  const page = results.slice(shown, shown + PAGE);
  shown += page.length;
  const rows = await Promise.all(page.map(async (r) => (await r.index.display([r.doc]))[0]));
  if (mine !== generation) return null;
  const items = rows.map((row) => item(row, q));
  list[replace ? "replaceChildren" : "append"](...items);
  more.hidden = shown >= results.length;
  return items[0] || null;
}

function item(row, q) {
  const other = row.l !== lang;
  const link = el("a", { href: row.u }, row.t);
  if (other) link.hreflang = row.l;
  const meta = el("p", { className: "item-meta" }, el("time", { dateTime: row.i }, row.d), ` · ${row.y}`);
  if (row.o) meta.append(` · ${row.o}`);
  if (other) meta.append(" ", el("span", { className: "badge" }, otherName));
  const li = el("li", { className: "item search-result", lang: row.l },
    el("h3", { className: "item-title" }, link), meta, el("p", { className: "item-summary" }, ...excerpt(row.x, q)));
  return li;
}

function say(text) {
  status.textContent = text;
}

// ---- excerpts -------------------------------------------------------------

// Pieces that normalise independently: a Khmer cluster (marks may be typed in
// any order inside it), or one character with its combining marks.
const PIECE = /[\u1780-\u17b3\u17dc](?:\u17d2[\u1780-\u17b3]|[\u17b4-\u17d3\u17dd\u200b-\u200d\u2060\ufeff])*|[\s\S][\p{M}\u200b-\u200d\u2060\ufeff]*/gu;
const isKhmerChar = (c) => c !== undefined && /[\u1780-\u17dd]/.test(c);

// The normalised text, and for each of its characters the span of the
// original text it came from, so that matches found in the one can be
// marked in the other.
function mapped(text) {
  let norm = "";
  const from = [];
  const to = [];
  for (const m of text.matchAll(PIECE)) {
    // Most pieces are one Latin character: lower-casing is all normalize does.
    const n = m[0].length === 1 && m[0] < "\u0300" ? m[0].toLowerCase() : normalize(m[0]);
    // The index reads គ.ជ.ប as គជប: drop a dot between Khmer letters.
    if (n === "." && isKhmerChar(norm.at(-1)) && isKhmerChar(text[m.index + 1])) continue;
    for (let k = 0; k < n.length; k++) {
      from.push(m.index);
      to.push(m.index + m[0].length);
    }
    norm += n;
  }
  return { norm, from, to };
}

// Spans [start, end) of the normalised text that the query matches.
function matches(norm, q) {
  const spans = [];
  const queryNorm = normalize(q);
  const runs = queryNorm.match(KHMER_RUN) || [];
  runs.forEach((run, i) => {
    const typing = i === runs.length - 1 && queryNorm.endsWith(run);
    for (let at = norm.indexOf(run); at >= 0; at = norm.indexOf(run, at + 1)) {
      const starts = at === 0 || !(/[\u17b4-\u17d3\u17dd]/.test(norm[at]) || norm[at - 1] === "\u17d2");
      if (starts && (typing || isClusterPrefix(norm.slice(at, at + run.length + 4), run))) spans.push([at, at + run.length]);
    }
  });
  const terms = tokenize(q.replace(KHMER_RUN, " ")).map((t) => t.term);
  const last = /[\p{Alphabetic}\p{N}]$/u.test(q) ? terms.at(-1) : null;
  for (const m of norm.matchAll(WORD)) {
    const term = tokenize(m[0])[0]?.term;
    const typed = last && (term.startsWith(last) || (last.startsWith(term) && term.length >= Math.max(3, last.length - 4)));
    if (term && (terms.includes(term) || typed)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

const EXCERPT_CHARS = 220;

// Nodes of an excerpt around the first match, the matches in <mark>.
function excerpt(text, q) {
  const { norm, from, to } = mapped(text);
  const marks = matches(norm, q).map(([a, b]) => [from[a], to[b - 1]]);
  // Start a little before the first match, on a word, or at least on a
  // cluster (never inside one); end on a cluster too.
  let start = marks.length ? Math.max(0, marks[0][0] - 60) : 0;
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space >= 0 && space < marks[0][0] ? space + 1 : from.find((f) => f >= start);
  }
  const end = start + EXCERPT_CHARS < text.length ? from.find((f) => f >= start + EXCERPT_CHARS) ?? text.length : text.length;
  const nodes = start > 0 ? ["… "] : [];
  let at = start;
  for (let [a, b] of marks) {
    a = Math.max(a, at);
    b = Math.min(b, end);
    if (a >= b) continue;
    nodes.push(text.slice(at, a), el("mark", {}, text.slice(a, b)));
    at = b;
  }
  nodes.push(text.slice(at, end));
  if (end < text.length) nodes.push(" …");
  return nodes;
}

// ---- events -------------------------------------------------------------

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run("replace").catch(console.error), 150);
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run("push").catch(console.error);
});

// Ticking a filter or the other language is a step the Back button undoes.
app.addEventListener("change", () => run("push").catch(console.error));

more.addEventListener("click", async () => {
  const first = await showMore(generation, input.value);
  first?.querySelector("a").focus();
});

addEventListener("popstate", () => {
  applyState(readUrl());
  run(null).catch(console.error);
});

app.hidden = false;
applyState(readUrl());
run(null).catch(console.error);
