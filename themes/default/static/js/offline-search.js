// Search when the index cannot answer offline (a file it needs was never
// fetched): the documents kept on this device, read from the cache, matched
// word by word, and said to be that. The search engine's own results stay
// as they are; this is shown beside them.
import { normalize } from "./tokenize.js";

const CACHES = ["sastra-saved", "sastra-pages"];
let running = null;
let again = false;

export function fallBack(scope) {
  if (running) {
    again = true;
    return running;
  }
  running = search(scope).finally(() => {
    running = null;
    if (again) {
      again = false;
      fallBack(scope);
    }
  });
  return running;
}

async function search(scope) {
  const box = document.getElementById("offline-search");
  const form = document.querySelector("form.search-form");
  if (form && form.nextElementSibling !== box) form.after(box);
  const input = document.getElementById("q");
  const query = input?.value || new URLSearchParams(location.search).get("q") || "";
  const words = normalize(query).split(/\s+/).filter(Boolean);
  const lang = document.documentElement.lang;
  const found = (await keptDocuments(scope, lang)).filter((d) => words.length && words.every((w) => d.text.includes(w)));
  const items = found.map((d) => {
    const item = document.createElement("li");
    item.className = "item";
    const title = document.createElement("h2");
    title.className = "item-title";
    const link = document.createElement("a");
    link.href = d.url;
    link.textContent = d.title;
    title.append(link);
    item.append(title);
    return item;
  });
  document.getElementById("offline-search-list").replaceChildren(...items);
  document.getElementById("offline-search-none").hidden = items.length > 0;
  const note = document.getElementById("offline-search-note");
  note.textContent = note.dataset.text;
  box.hidden = false;
  input?.addEventListener("input", () => (box.hidden = true), { once: true });
}

/** The document pages of a language kept in the caches: {url, title, text}. */
async function keptDocuments(scope, lang) {
  const seen = new Set();
  const out = [];
  const parser = new DOMParser();
  for (const name of CACHES) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      if (!url.pathname.startsWith(`${scope}${lang}/`) || seen.has(url.pathname)) continue;
      const response = await cache.match(request);
      if (!response?.headers.get("content-type")?.startsWith("text/html")) continue;
      seen.add(url.pathname);
      // Parsed, never inserted: no script of a kept page runs here.
      const page = parser.parseFromString(await response.text(), "text/html");
      const main = page.querySelector("body.page-document main");
      if (!main) continue;
      out.push({
        url: url.pathname,
        title: main.querySelector("h1")?.textContent.trim() || url.pathname,
        text: normalize(main.textContent),
      });
    }
  }
  return out;
}
