// The offline modules' pure parts, and the service worker's choice of what
// it answers, run in Node. Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { decodeSaveSet, formatSize } from "../../themes/default/static/js/offline-store.js";

const WORKER = readFileSync(new URL("../../src/output/offline-sw.js", import.meta.url), "utf8");

test("sizes read as the build writes them (src/render/i18n.rs)", () => {
  assert.equal(formatSize(512), "512 B");
  assert.equal(formatSize(240_000), "240 KB");
  assert.equal(formatSize(1_400), "1 KB");
  assert.equal(formatSize(1_234_567), "1.2 MB");
  assert.equal(formatSize(240_000, "០១២៣៤៥៦៧៨៩"), "២៤០ KB");
  assert.equal(formatSize(1_234_567, "០១២៣៤៥៦៧៨៩"), "១.២ MB");
});

test("a save set decodes, and anything else is refused", () => {
  const set = decodeSaveSet({ d: [{ u: "/a/", t: "A", b: 10, f: [{ u: "/files/x.pdf", b: 5 }] }] });
  assert.deepEqual(set, { documents: [{ url: "/a/", title: "A", bytes: 10, files: [{ url: "/files/x.pdf", bytes: 5 }] }] });
  assert.throws(() => decodeSaveSet({}));
  assert.throws(() => decodeSaveSet(null));
});

/** The worker, configured for a site at /sastra/, with the events it listens to. */
function worker() {
  const listeners = {};
  const self = {
    addEventListener: (type, fn) => (listeners[type] = fn),
    skipWaiting() {},
    clients: { claim: async () => {}, get: async () => null },
  };
  const caches = { match: async () => undefined, open: async () => ({ put: async () => {}, match: async () => undefined, keys: async () => [] }) };
  const source = WORKER.replace("/*CONFIG*/{}", JSON.stringify({
    scope: "/sastra/", version: "v", assets: ["/sastra/assets/abc/css/site.css"], assets_root: "/sastra/assets/", saved: { en: "/sastra/en/saved/" },
  }));
  vm.runInNewContext(source, {
    self, caches, location: new URL("https://example.org/sastra/sw.js"), URL, Response, setTimeout,
    fetch: async () => new Response("ok"),
  });
  return listeners;
}

function answered(listeners, url, { method = "GET", headers = {}, mode = "cors" } = {}) {
  let responded = false;
  listeners.fetch({
    request: { url, method, mode, headers: new Headers(headers) },
    respondWith: () => (responded = true),
    waitUntil: () => {},
  });
  return responded;
}

test("the worker answers only this site's GET requests under its base path", () => {
  const listeners = worker();
  assert.equal(answered(listeners, "https://example.org/sastra/en/"), true);
  assert.equal(answered(listeners, "https://example.org/sastra/assets/abc/css/site.css"), true);
  assert.equal(answered(listeners, "https://other.example/sastra/en/"), false, "another origin");
  assert.equal(answered(listeners, "https://example.org/elsewhere/"), false, "outside the base path");
  assert.equal(answered(listeners, "https://example.org/sastra/__sastra/events"), false, "the preview's endpoints");
  assert.equal(answered(listeners, "https://example.org/sastra/en/", { method: "POST" }), false);
  assert.equal(answered(listeners, "https://example.org/sastra/files/a.pdf", { headers: { range: "bytes=0-99" } }), false);
});
