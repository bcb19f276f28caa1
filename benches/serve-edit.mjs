// How long `sastra serve` takes to serve an edit: from saving a document to
// the reload event and the rebuilt page, on a generated archive.
//
//   [GAP_MS=300] [SASTRA=path/to/sastra] node benches/serve-edit.mjs ARCHIVE [ROUNDS]
//
// Starts the release binary on ARCHIVE (made by `sastra-corpus`), waits for
// the first build, then edits one document ROUNDS times (default 5) in two
// ways — its body only, and its title (which every listing showing it must
// follow) — and reports for each the time from the save to the reload event
// and to the rebuilt page fetched with the change in it, median and worst.
// The file is restored afterwards.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';

const [archive, roundsArg] = process.argv.slice(2);
if (!archive) {
  console.error('usage: node benches/serve-edit.mjs ARCHIVE [ROUNDS]');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 5);
// Time between edits: short (a burst of saves), or long enough for the
// background work (feeds, search index) to be running at the next edit.
const gap = Number(process.env.GAP_MS ?? 300);
// Another binary (SASTRA=...) to compare builds in one sitting.
const binary = process.env.SASTRA ?? new URL('../target/release/sastra', import.meta.url).pathname;

const section = readdirSync(join(archive, 'content')).sort()[0];
const file = readdirSync(join(archive, 'content', section)).sort().find((f) => f.endsWith('.en.md'));
const path = join(archive, 'content', section, file);
const slug = file.replace(/\.en\.md$/, '');
const original = readFileSync(path, 'utf8');

// Messages in English, whatever the archive's default language: the address
// and the log lines below are read from them.
const server = spawn(binary, ['--root', archive, 'serve', '--port', '0'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, LC_ALL: 'en_US.UTF-8' },
});
const log = [];
server.stderr.on('data', (d) => log.push(...String(d).trim().split('\n')));
const address = await new Promise((resolve) => {
  server.stdout.on('data', (d) => {
    const match = String(d).match(/at (http:\/\/\S+)/);
    if (match) resolve(match[1]);
  });
});

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

// The reload events, as they come.
const events = [];
let wake = () => {};
http.get(new URL('__sastra/events', address), (res) => {
  let buffer = '';
  res.on('data', (chunk) => {
    buffer += chunk;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (message.startsWith('data: ')) {
        events.push(JSON.parse(message.slice(6)));
        wake();
      }
    }
  });
});
async function nextEvent(after) {
  while (!events.some((e) => e.generation > after)) {
    await new Promise((resolve) => (wake = resolve));
  }
  return events.find((e) => e.generation > after);
}

const first = await nextEvent(-1);
let generation = first.generation;
const page = new URL(`en/${section}/${slug}/`, address);

// A save can reach the watcher as two batches of events (an editor's
// write and rename), each a rebuild: the edit counts as served once a
// reload event is followed by the page with the edit in it.
async function timeEdit(edit, marker) {
  const started = performance.now();
  writeFileSync(path, edit);
  for (;;) {
    const event = await nextEvent(generation);
    generation = event.generation;
    if (event.error) throw new Error(event.error);
    const reloaded = performance.now() - started;
    const html = await get(page);
    const served = performance.now() - started;
    if (html.includes(marker)) return { reloaded, served };
    if (served > 10_000) throw new Error(`the page does not show ${marker}`);
  }
}

// Each edit starts from the text as the previous one left it, so that a
// body edit changes nothing but the body.
const results = { body: [], title: [] };
let title = '';
for (let round = 0; round < rounds; round++) {
  const bodyWord = `body${round}x${Date.now() % 100000}`;
  const withTitle = (text) => text.replace(/^title: "?/m, (m) => `${m}${title}`);
  const withBody = (text) => text.replace(/\n---\n/, `\n---\n\n${bodyWord} `);
  results.body.push(await timeEdit(withBody(withTitle(original)), bodyWord));
  await new Promise((r) => setTimeout(r, gap));
  title = `title${round}x${Date.now() % 100000} `;
  results.title.push(await timeEdit(withBody(withTitle(original)), title.trim()));
  await new Promise((r) => setTimeout(r, gap));
}
writeFileSync(path, original);
await nextEvent(generation);
server.kill();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [kind, list] of Object.entries(results)) {
  const reload = list.map((r) => r.reloaded);
  const served = list.map((r) => r.served);
  console.log(
    `${kind} edit: reload event ${median(reload).toFixed(0)} ms (worst ${Math.max(...reload).toFixed(0)}), ` +
      `page served ${median(served).toFixed(0)} ms (worst ${Math.max(...served).toFixed(0)})`,
  );
}
console.log('server log (last lines):');
for (const line of log.filter((l) => process.env.FULL_LOG || /re-rendered|built/.test(l)).slice(-40)) console.log(`  ${line}`);
