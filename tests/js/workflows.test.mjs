// The GitHub workflows: actionlint finds no problem in them, the deploy
// installs the engines the build uses and keeps their readings between
// runs, and a pull request's run can neither keep the token nor save a
// cache that a deploy would read.
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
  for (const name of ['check.yml', 'deploy.yml']) {
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
  assert.match(text, /uses: actions\/cache@v\d+\n\s+with:\n\s+path: \.sastra-cache/);
  const install = text.indexOf('poppler-utils');
  const build = text.indexOf('-- build');
  assert.ok(install > 0 && install < build, 'Poppler is there before the build');
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
