// The "Saved on this device" page: what is saved, its size, and removing it.
import { SAVED, formatSize, localDigits, readIndex, writeIndex } from "./offline-store.js";

export async function list(scope) {
  const box = document.getElementById("saved");
  const here = document.querySelector("link[rel=canonical]");
  if (here && new URL(here.href).pathname !== location.pathname) document.getElementById("saved-elsewhere").hidden = false;
  document.getElementById("saved-unavailable").hidden = true;
  box.hidden = false;
  await show(box, scope);
  document.getElementById("saved-remove-all").addEventListener("click", async () => {
    await remove(scope, Object.keys(await readIndex(scope)));
    await show(box, scope);
  });
}

async function show(box, scope) {
  const t = box.dataset;
  const index = await readIndex(scope);
  const entries = Object.entries(index).sort(([, a], [, b]) => a.title.localeCompare(b.title));
  const total = entries.reduce((sum, [, d]) => sum + d.bytes, 0);
  document.getElementById("saved-total").textContent = t.tTotal
    .replace("{count}", localDigits(entries.length, t.digits))
    .replace("{size}", formatSize(total, t.digits));
  document.getElementById("saved-empty").hidden = entries.length > 0;
  document.getElementById("saved-remove-all").hidden = entries.length === 0;
  const items = entries.map(([url, d]) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = url;
    link.textContent = d.title;
    const size = document.createElement("span");
    size.className = "file-info";
    size.textContent = ` (${formatSize(d.bytes, t.digits)}) `;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = t.tRemove;
    button.addEventListener("click", async () => {
      await remove(scope, [url]);
      await show(box, scope);
    });
    item.append(link, size, button);
    return item;
  });
  document.getElementById("saved-list").replaceChildren(...items);
}

/** Removes documents with their files, except files another saved document still uses. */
async function remove(scope, urls) {
  const index = await readIndex(scope);
  const cache = await caches.open(SAVED);
  const gone = urls.flatMap((url) => [url, ...(index[url]?.files || [])]);
  for (const url of urls) delete index[url];
  const kept = new Set(Object.entries(index).flatMap(([url, d]) => [url, ...d.files]));
  for (const url of gone) if (!kept.has(url)) await cache.delete(url);
  await writeIndex(scope, index);
}
