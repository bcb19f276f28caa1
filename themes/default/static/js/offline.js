// Offline reading, the page's side: registers the service worker (sw.js at
// the site's base path, see src/output/offline.rs) and shows the controls
// that need it. Without service workers (file:, private modes, old
// browsers) or without JavaScript the site works as before, without them.
const script = document.querySelector("script[data-sw]");
const worker = navigator.serviceWorker;

if (script && worker && window.caches && location.protocol.startsWith("http")) {
  // Listening before anything else runs: the search may miss at once.
  if (document.getElementById("offline-search")) {
    worker.addEventListener("message", async (event) => {
      if (event.data?.sastra === "missed" && /\/search\//.test(event.data.url)) {
        (await import("./offline-search.js")).fallBack(script.dataset.scope);
      }
    });
  }
  start().catch(() => {});
}

async function start() {
  const firstVisit = !worker.controller;
  await worker.register(script.dataset.sw, { scope: script.dataset.scope });
  const registration = await worker.ready;
  if (firstVisit) {
    // What this page loaded before the worker was there, for offline use.
    const used = performance.getEntriesByType("resource").map((entry) => entry.name);
    await ask(registration.active, { sastra: "visited", urls: [location.href, ...used] });
  }
  for (const element of document.querySelectorAll("[data-offline]")) element.hidden = false;
  // Loaded now, while online, so that it is there when the search misses.
  if (document.getElementById("offline-search")) await import("./offline-search.js");
  const form = document.querySelector("form.offline-save");
  if (form) (await import("./offline-save.js")).offer(form, script.dataset.scope, script.dataset.saved);
  if (document.getElementById("saved")) (await import("./offline-saved.js")).list(script.dataset.scope);
  document.documentElement.dataset.offline = "ready";
}

/** Posts a message to the worker and waits for its answer. */
export function ask(to, message) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    to.postMessage(message, [channel.port2]);
  });
}
