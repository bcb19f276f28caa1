// What the reader saved: the pages and files in the cache "sastra-saved",
// and an index of them kept in the same cache, under a path the site never
// publishes (no slug starts with a dot).

export const SAVED = "sastra-saved";

const indexKey = (scope) => `${scope}.offline/saved.json`;

/**
 * An `offline.json` save set (src/render/saving.rs, `SaveSet`):
 * {"d": [{"u", "t", "b", "f": [{"u", "b"}]}]} → {documents: [{url, title, bytes, files: [{url, bytes}]}]}.
 */
export function decodeSaveSet(json) {
  if (!json || !Array.isArray(json.d)) throw new Error("not a save set");
  return {
    documents: json.d.map((d) => ({
      url: String(d.u),
      title: String(d.t),
      bytes: Number(d.b) || 0,
      files: (d.f || []).map((f) => ({ url: String(f.u), bytes: Number(f.b) || 0 })),
    })),
  };
}

/** Saved documents by page URL: {title, bytes (page and files), files: [url]}. */
export async function readIndex(scope) {
  const response = await (await caches.open(SAVED)).match(indexKey(scope));
  return response ? response.json() : {};
}

export async function writeIndex(scope, index) {
  const body = JSON.stringify(index);
  await (await caches.open(SAVED)).put(indexKey(scope), new Response(body, { headers: { "content-type": "application/json" } }));
}

/** A size as the build writes it (src/render/i18n.rs, `I18n::size`), in the page's digits. */
export function formatSize(bytes, digits = "0123456789") {
  const text =
    bytes < 1_000
      ? `${bytes} B`
      : bytes < 1_000_000
        ? `${Math.max(1, Math.round(bytes / 1_000))} KB`
        : `${(bytes / 1_000_000).toFixed(1)} MB`;
  return localDigits(text, digits);
}

export function localDigits(text, digits = "0123456789") {
  const own = [...digits];
  return String(text).replace(/[0-9]/g, (d) => own[d] ?? d);
}
