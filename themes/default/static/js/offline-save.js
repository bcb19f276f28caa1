// "Save for offline reading" on a document or listing page.
import { ask } from "./offline.js";
import { SAVED, decodeSaveSet, readIndex, writeIndex } from "./offline-store.js";

/** Only this many files are fetched at once: phones on slow data. */
const AT_ONCE = 4;

export async function offer(form, scope, savedPage) {
  const button = form.querySelector("button");
  const status = form.querySelector("[role=status]");
  const t = form.dataset;
  const set = async () => {
    if (t.set) return decodeSaveSet(JSON.parse(t.set));
    const response = await fetch(t.setUrl);
    if (!response.ok) throw new Error(`${t.setUrl}: ${response.status}`);
    return decodeSaveSet(await response.json());
  };
  // Once saved, the button says so: its offer no longer stands.
  const saved = () => {
    button.textContent = t.tSavedButton;
    form.classList.add("is-saved");
  };
  form.hidden = false;
  if (t.set) {
    const index = await readIndex(scope);
    if (decodeSaveSet(JSON.parse(t.set)).documents.every((d) => index[d.url])) saved();
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    status.textContent = t.tSaving;
    try {
      const done = await save(await set(), scope, savedPage);
      status.textContent = done ? t.tSaved : t.tNoRoom;
      if (done) saved();
    } catch {
      status.textContent = t.tFailed;
    } finally {
      button.disabled = false;
    }
  });
}

/** Saves the set's documents not saved yet; false when the device has no room for them. */
async function save(set, scope, savedPage) {
  const index = await readIndex(scope);
  const savedFiles = new Set(Object.values(index).flatMap((d) => d.files));
  const todo = set.documents.filter((d) => !index[d.url]);
  const needed = todo.reduce((sum, d) => sum + d.bytes + d.files.filter((f) => !savedFiles.has(f.url)).reduce((s, f) => s + f.bytes, 0), 0);
  if (navigator.storage?.estimate) {
    const { usage = 0, quota = Infinity } = await navigator.storage.estimate();
    if (usage + needed > quota) return false;
  }
  // Asked, not awaited: the browser may ask the reader, or decide alone.
  navigator.storage?.persist?.().catch(() => {});
  const cache = await caches.open(SAVED);
  // This page and the list of saved documents, so that the reader finds
  // them again, and the theme's files for all of them.
  await cache.addAll([location.href, savedPage]);
  await ask(navigator.serviceWorker.controller, { sastra: "keep-assets" });
  for (let i = 0; i < todo.length; i += AT_ONCE) {
    const batch = todo.slice(i, i + AT_ONCE);
    await Promise.all(batch.map((d) => cache.addAll([d.url, ...d.files.map((f) => f.url)])));
    for (const d of batch) {
      index[d.url] = { title: d.title, bytes: d.bytes + d.files.reduce((s, f) => s + f.bytes, 0), files: d.files.map((f) => f.url) };
    }
    await writeIndex(scope, index);
  }
  return true;
}
