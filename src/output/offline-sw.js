// sastra's service worker: the archive, readable offline. Written into every
// build with that build's config (src/output/offline.rs); registered by
// offline.js, never by `sastra serve`. Only GET requests of this site, under
// its base path, are ever answered or kept: never another origin, never the
// preview's /__sastra/ endpoints, never a part (Range) of a file.
//
// Theme files (under a folder named by their hash) and search files (named
// by theirs) never change: kept forever, answered from the cache. Pages and
// everything else: from the network when it answers (within WAIT_MS when a
// copy is kept), kept, and the copy shown when it does not.
const CONFIG = /*CONFIG*/{};
const STATIC = "sastra-static";
const PAGES = "sastra-pages";
const SAVED = "sastra-saved"; // written by the pages ("save for offline")
const WAIT_MS = 4000;
const HASHED_SEARCH_FILE = /\/search\/[^/]+\/[^/]*-[0-9a-f]{8,}(-\d+)?\.json$/;
const SEARCH_MANIFEST = /\/search\/([^/]+)\/manifest\.json$/;

const hashed = (path) => path.startsWith(CONFIG.assets_root) || HASHED_SEARCH_FILE.test(path);
const ours = (url) =>
  url.origin === location.origin && url.pathname.startsWith(CONFIG.scope) && !url.pathname.includes("/__sastra/");
const ignore = () => {};

self.addEventListener("install", (event) => {
  self.skipWaiting();
  // Offline, a page never visited shows the saved page of its language.
  event.waitUntil(keepFallbacks().catch(ignore));
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim().then(dropUnusedAssets)));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !ours(url) || request.headers.has("range")) return;
  event.respondWith(hashed(url.pathname) ? fromCache(event) : fromNetwork(event, url));
});

self.addEventListener("message", (event) => {
  const { sastra, urls } = event.data || {};
  const reply = (answer) => event.ports[0]?.postMessage(answer);
  if (sastra === "visited") event.waitUntil(keepMissing(urls).then(reply));
  if (sastra === "keep-assets") event.waitUntil(keepMissing([...CONFIG.assets, ...CONFIG.search_pages]).then(reply));
  if (sastra === "version") reply(CONFIG.version);
});

async function fromCache(event) {
  const cached = await caches.match(event.request);
  if (cached) return cached;
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(put(STATIC, event.request, response.clone()));
    return response;
  } catch (error) {
    missed(event);
    throw error;
  }
}

async function fromNetwork(event, url) {
  const request = event.request;
  const page = request.mode === "navigate";
  const network = fetch(request);
  // Cloned before the page reads the body: this callback runs first.
  const stored = network.then((response) => {
    if (response.ok && !response.redirected && response.type === "basic") return update(request, url, response.clone(), page);
  });
  event.waitUntil(stored.catch(ignore));
  const copy = () => caches.match(request).then((c) => c || (page ? caches.match(request, { ignoreSearch: true }) : c));
  const late = new Promise((resolve) => setTimeout(resolve, WAIT_MS)).then(copy);
  try {
    return (await Promise.race([network, late])) || (await network);
  } catch {
    const kept = await copy();
    if (kept) return kept;
    missed(event);
    // Never the browser's error page: the saved page of the address's
    // language, which says the page asked for is not saved here.
    const saved = page && (CONFIG.saved[url.pathname.slice(CONFIG.scope.length).split("/")[0]] || CONFIG.default_saved);
    return (saved && (await caches.match(saved))) || Response.error();
  }
}

/** Keeps a fresh copy where the old one was: pages and search manifests always, the rest once saved. */
async function update(request, url, response, page) {
  const saved = await caches.open(SAVED);
  if (await saved.match(request)) return saved.put(request, response);
  const manifest = SEARCH_MANIFEST.exec(url.pathname);
  if (manifest) await dropOldSearchFiles(request, response.clone(), manifest[1]);
  if (page || manifest || (await caches.match(request))) await put(PAGES, request, response);
}

/** A new search manifest names new files: the old ones will not be asked for again. */
async function dropOldSearchFiles(request, response, lang) {
  const old = await caches.match(request);
  if (!old || (await old.text()) === (await response.text())) return;
  const cache = await caches.open(STATIC);
  const prefix = `${CONFIG.scope}search/${lang}/`;
  for (const key of await cache.keys()) {
    if (new URL(key.url).pathname.startsWith(prefix)) await cache.delete(key);
  }
}

async function put(name, request, response) {
  const cache = await caches.open(name);
  // Past the browser's quota nothing more is kept; what is kept still works.
  await cache.put(request, response).catch(ignore);
}

/** The saved pages, fresh (a new build's name its new theme files), and the theme files they use. */
async function keepFallbacks() {
  const [pages, files] = [CONFIG.fallbacks.filter((u) => !hashed(u)), CONFIG.fallbacks.filter(hashed)];
  await Promise.all(pages.map(async (href) => {
    const response = await fetch(href, { cache: "no-cache" }).catch(() => null);
    if (response?.ok && !response.redirected) await put(PAGES, href, response);
  }));
  await keepMissing(files);
}

/** Keeps what a page used before this worker controlled it, from the browser's HTTP cache where it can. */
async function keepMissing(urls = []) {
  let kept = 0;
  for (const href of urls) {
    const url = new URL(href, location.href);
    if (!ours(url) || (await caches.match(url.href))) continue;
    try {
      const response = await fetch(url.href, { cache: "force-cache" });
      if (response.ok && !response.redirected) {
        await put(hashed(url.pathname) ? STATIC : PAGES, url.href, response);
        kept++;
      }
    } catch {
      // Offline meanwhile: kept on the next visit.
    }
  }
  return kept;
}

/** Tells the page that asked that neither the network nor the cache could answer. */
function missed(event) {
  if (!event.clientId) return;
  self.clients.get(event.clientId).then((client) => client?.postMessage({ sastra: "missed", url: event.request.url }));
}

/** Theme files of older builds, once no kept page uses them. */
async function dropUnusedAssets() {
  const used = new Set([CONFIG.assets[0]?.slice(CONFIG.assets_root.length).split("/")[0]]);
  const root = CONFIG.assets_root.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  const folder = new RegExp(`${root}([0-9a-f]+)/`);
  for (const name of [PAGES, SAVED]) {
    const cache = await caches.open(name);
    for (const key of await cache.keys()) {
      const response = await cache.match(key);
      if (!response?.headers.get("content-type")?.startsWith("text/html")) continue;
      const found = folder.exec(await response.text());
      if (found) used.add(found[1]);
    }
  }
  const cache = await caches.open(STATIC);
  for (const key of await cache.keys()) {
    const found = folder.exec(new URL(key.url).pathname);
    if (found && !used.has(found[1])) await cache.delete(key);
  }
}
