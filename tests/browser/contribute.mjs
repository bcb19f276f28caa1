// The contribute page (issue 26): a contributor fills its form on a phone
// (390×844) in Khmer and in English; the text it writes is put into a
// scratch copy of the sample archive and `sastra check` is run on it: a
// complete entry passes with no error and no warning, an entry in one
// language is refused only for what it marks TODO, and the one-language
// text is byte for byte what `sastra new` writes. With `repository` set the
// page links GitHub's "new file" page with the name and text filled in;
// without it the page offers the text to copy.
//
// Run by run.mjs (`node tests/browser/run.mjs contribute`), or alone:
//   node tests/browser/contribute.mjs

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { assert, check, launch, newContext, open, summary } from "./lib/harness.mjs";
import { build, sastraBinary, serve } from "./lib/site.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");
const REPOSITORY = "https://github.com/owner/archive";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

/** A copy of the sample archive (site.toml, content/, themes/) in `dir`,
 * with `repository` set when given. */
function archiveCopy(dir, { repository } = {}) {
  for (const part of ["site.toml", "content", "themes"]) cpSync(join(REPO, part), join(dir, part), { recursive: true });
  if (repository) {
    const toml = readFileSync(join(dir, "site.toml"), "utf8");
    // A top-level key: before the first table.
    writeFileSync(join(dir, "site.toml"), toml.replace("[[languages]]", `repository = "${repository}"\n\n[[languages]]`));
  }
  return dir;
}

/** `sastra check --format json` on `root`: its diagnostics. */
function checkArchive(bin, root) {
  const run = spawnSync(bin, ["--root", root, "check", "--lang", "en", "--format", "json"], { encoding: "utf8" });
  try {
    return { status: run.status, diagnostics: JSON.parse(run.stdout) };
  } catch {
    throw new Error(`sastra check printed no JSON (${run.status}):\n${run.stdout}${run.stderr}`);
  }
}

/** Fills the form with `entry` and writes the files; returns what the page shows. */
async function fill(page, entry) {
  await page.waitForSelector("#contribute:not([hidden])");
  await page.selectOption("#c-section", entry.section);
  await page.selectOption("#c-type", entry.type);
  await page.selectOption("#c-organization", entry.organization ?? "");
  await page.fill("#c-date", entry.date);
  for (const [lang, title] of Object.entries(entry.titles ?? {})) await page.fill(`#c-title-${lang}`, title);
  for (const [lang, text] of Object.entries(entry.summaries ?? {})) await page.fill(`#c-summary-${lang}`, text);
  for (const [lang, text] of Object.entries(entry.texts ?? {})) await page.fill(`#c-text-${lang}`, text);
  for (const tag of entry.tags ?? []) await page.check(`#contribute input[name=tag][value="${tag}"]`);
  if (entry.attachments) await page.fill("#c-attachments", entry.attachments.join("\n"));
  if (entry.attachmentLang) await page.selectOption("#c-attachment-lang", entry.attachmentLang);
  await page.click("#contribute button[type=submit]");
  return page.evaluate(() => ({
    problems: document.getElementById("c-problems").hidden ? [] : [...document.querySelectorAll("#c-problems li")].map((li) => li.textContent),
    shown: !document.getElementById("c-output").hidden,
    files: [...document.querySelectorAll("#c-files .contribute-file")].map((f) => ({
      path: f.querySelector(".file-name").textContent,
      text: f.querySelector(".file-text").value,
      missing: f.querySelector(".missing").hidden ? "" : f.querySelector(".missing").textContent,
      link: f.querySelector(".open-forge").hidden ? null : f.querySelector(".open-forge").href,
      linkText: f.querySelector(".open-forge").textContent,
      copy: Boolean(f.querySelector(".copy-text")?.offsetParent),
    })),
    hints: [...document.querySelectorAll("#c-output [data-when]")].filter((p) => !p.hidden).map((p) => p.dataset.when),
    overflow: document.documentElement.scrollWidth - innerWidth,
  }));
}

/** Writes the page's files into a fresh copy of the archive and checks it. */
function checkWritten(env, files, extra = () => {}) {
  const root = archiveCopy(mkdtempSync(join(env.tmp, "contribute-check-")));
  for (const f of files) writeFileSync(join(root, f.path), f.text);
  extra(root);
  return checkArchive(env.bin, root);
}

const COMPLETE = {
  km: {
    section: "announcements",
    type: "announcement",
    organization: "nec",
    // Khmer digits, as a Khmer keyboard types them: read as 2023-06-22.
    date: "២០២៣-០៦-២២",
    titles: { km: "សេចក្តីប្រកាស៖ លទ្ធផលនៃការចាប់ឆ្នោត", en: "Ballot order: the draw's result #2" },
    summaries: { km: "គ.ជ.ប ប្រកាសលទ្ធផល។", en: "The NEC announces the result: \"order\" of parties." },
    texts: { km: "អត្ថបទ។", en: "The text." },
    tags: ["ballot", "national-assembly-election-2023"],
    attachments: ["contribute-test-km.pdf"],
    attachmentLang: "km",
  },
  en: {
    section: "reports",
    type: "report",
    organization: "comfrel",
    date: "2018-07",
    titles: { km: "របាយការណ៍", en: "Report: yes, it's 'final' - 2018" },
    summaries: { en: "One line." },
    texts: {},
    tags: ["general-election-2018"],
    attachments: ["contribute-test-en.pdf"],
  },
};

export async function contributeChecks(env) {
  const { browser } = env;
  const tmp = env.tmp;
  // A second site, of the same archive with a repository set.
  const forgeRoot = archiveCopy(mkdtempSync(join(tmp, "contribute-forge-")), { repository: REPOSITORY });
  const forgeSite = await serve(join(tmp, "forge-site"));
  env.servers?.push(forgeSite);
  build({ bin: env.bin, root: forgeRoot, output: join(tmp, "forge-site/sastra"), baseUrl: forgeSite.url() });
  const pdf = readdirSync(join(REPO, "content/announcements/files")).find((n) => n.endsWith(".pdf"));

  for (const lang of ["km", "en"]) {
    await check(`contribute (${lang}, 390×844): a complete entry's two files pass sastra check with no error, and each links GitHub's new-file page with its name and text`, async () => {
      const context = await newContext(browser, PHONE);
      try {
        const { page, record } = await open(context, forgeSite.url(`${lang}/contribute/`));
        const entry = COMPLETE[lang];
        const seen = await fill(page, entry);
        await page.screenshot({ path: join(env.artifacts, `contribute-${lang}-390.png`), fullPage: true });
        assert(seen.problems.length === 0 && seen.shown, `the form refused: ${seen.problems}`);
        assert(seen.files.length === 2, `${seen.files.length} files`);
        assert(seen.overflow <= 0, `the page is ${seen.overflow} px wider than the phone`);
        assert(record.errors.length === 0 && record.csp.length === 0, `script errors or CSP violations: ${record.errors} ${JSON.stringify(record.csp)}`);
        const names = seen.files.map((f) => f.path);
        const slug = names[0].split("/").pop().replace(/\.km\.md$/, "");
        assert(names.join(" ") === `content/${entry.section}/${slug}.km.md content/${entry.section}/${slug}.en.md`, `names: ${names}`);
        const { status, diagnostics } = checkWritten({ ...env, tmp }, seen.files, (root) => {
          for (const name of entry.attachments) cpSync(join(REPO, "content/announcements/files", pdf), join(root, "content", entry.section, "files", name));
        });
        const mine = diagnostics.filter((d) => d.path.includes(slug));
        assert(status === 0 && mine.length === 0, `sastra check (exit ${status}) on the written files:`, mine.map((d) => `${d.path}:${d.line}: ${d.severity}: ${d.message}`));
        for (const f of seen.files) {
          const link = new URL(f.link);
          const name = f.path.split("/").pop();
          assert(`${link.origin}${link.pathname}` === `${REPOSITORY}/new/main/content/${entry.section}`, `link ${link.origin}${link.pathname}`);
          assert(link.searchParams.get("filename") === name, `filename ${link.searchParams.get("filename")}`);
          assert(link.searchParams.get("value") === f.text, "the link's value is not the file's text");
          assert(f.linkText.includes(name), `link text: ${f.linkText}`);
        }
        assert(seen.hints.join() === "forge", `hints shown: ${seen.hints}`);
        return `${slug}: ${seen.files.map((f) => f.text.length).join(" + ")} characters, 0 diagnostics; links ${seen.files.map((f) => f.link.length).join(", ")} characters`;
      } finally {
        await context.close();
      }
    });
  }

  await check("contribute (km, 390×844): a Khmer-only entry is what `sastra new` writes, slug from date and type, and check refuses only its TODO marks", async () => {
    const context = await newContext(browser, PHONE);
    try {
      const { page } = await open(context, env.url("km/contribute/"));
      const title = "សេចក្តីប្រកាសស្តីពីការចុះឈ្មោះ";
      const seen = await fill(page, { section: "news", type: "statement", date: "2019-02", titles: { km: title } });
      await page.screenshot({ path: join(env.artifacts, "contribute-km-390-one-language.png"), fullPage: true });
      assert(seen.shown && seen.files.length === 2, `problems: ${seen.problems}`);
      assert(seen.files[0].path === "content/news/2019-02-statement.km.md", `name ${seen.files[0].path}`);
      assert(!seen.files[0].missing && seen.files[1].missing, "the English file is not marked as missing");
      assert(seen.files.every((f) => f.link === null && f.copy), "without a repository: no forge link, a copy button");
      assert(seen.hints.join() === "copy", `hints shown: ${seen.hints}`);
      // `sastra new` with the same choices writes the same text.
      const scratch = archiveCopy(mkdtempSync(join(tmp, "contribute-new-")));
      const made = spawnSync(env.bin, ["--root", scratch, "new", "news", title, "--date", "2019-02", "--type", "statement", "--lang", "km,en"], { encoding: "utf8" });
      assert(made.status === 0, `sastra new failed: ${made.stderr}`);
      for (const f of seen.files) {
        const written = readFileSync(join(scratch, f.path), "utf8");
        assert(written === f.text, `${f.path} differs from sastra new's:\n--- page\n${f.text}\n--- sastra new\n${written}`);
      }
      const { diagnostics } = checkWritten({ ...env, tmp }, seen.files);
      const mine = diagnostics.filter((d) => d.path.includes("2019-02-statement"));
      const found = mine.map((d) => `${d.path.split("/").pop()}:${d.line} ${d.id}`).sort();
      const expected = ["2019-02-statement.en.md:15 ToWrite", "2019-02-statement.en.md:2 ToWrite", "2019-02-statement.km.md:15 ToWrite"].sort();
      assert(found.join() === expected.join(), `check said: ${found.join(", ")}; expected ${expected.join(", ")}`, mine.map((d) => d.message));
      return `${found.length} TODO errors, as expected; identical to sastra new`;
    } finally {
      await context.close();
    }
  });

  await check("contribute (en, 390×844): two titles and nothing else are written byte for byte as `sastra new --title km=… --title en=…` writes them", async () => {
    const context = await newContext(browser, PHONE);
    try {
      const { page } = await open(context, env.url("en/contribute/"));
      const titles = { km: "សេចក្តីប្រកាស៖ \"លទ្ធផល\"", en: "Results: the 'final' list #3 [draft]" };
      const seen = await fill(page, { section: "announcements", type: "press-release", organization: "comfrel", date: "2017-06-04", titles });
      assert(seen.shown && seen.files.length === 2, `problems: ${seen.problems}`);
      const scratch = archiveCopy(mkdtempSync(join(tmp, "contribute-new-")));
      const made = spawnSync(env.bin, ["--root", scratch, "new", "announcements", "--title", `km=${titles.km}`, "--title", `en=${titles.en}`, "--date", "2017-06-04", "--type", "press-release", "--org", "comfrel"], { encoding: "utf8" });
      assert(made.status === 0, `sastra new failed: ${made.stderr}`);
      for (const f of seen.files) {
        const written = readFileSync(join(scratch, f.path), "utf8");
        assert(written === f.text, `${f.path} differs from sastra new's:\n--- page\n${f.text}\n--- sastra new\n${written}`);
      }
      return seen.files.map((f) => f.path.split("/").pop()).join(", ");
    } finally {
      await context.close();
    }
  });

  for (const lang of ["km", "en"]) {
    await check(`contribute (${lang}): a wrong date, no title and a bad file name are answered in the page's language, and no file is written`, async () => {
      const context = await newContext(browser, PHONE);
      try {
        const { page } = await open(context, env.url(`${lang}/contribute/`));
        const seen = await fill(page, { section: "news", type: "statement", date: "22/06/2023", titles: {}, attachments: ["Scan 1.pdf"] });
        assert(!seen.shown && seen.problems.length === 3, `problems: ${seen.problems}`);
        const khmer = seen.problems.every((p) => /[\u1780-\u17ff]/.test(p));
        assert(lang === "km" ? khmer : !seen.problems.some((p) => /[\u1780-\u17ff]/.test(p)), `not in ${lang}: ${seen.problems}`);
        assert(seen.problems.some((p) => p.includes("Scan 1.pdf")), "the bad name is not quoted whole");
        return seen.problems.join(" | ");
      } finally {
        await context.close();
      }
    });
  }
}

// ---- alone ------------------------------------------------------------------

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const tmp = mkdtempSync(join(tmpdir(), "sastra-contribute-"));
  const artifacts = join(HERE, "artifacts");
  mkdirSync(artifacts, { recursive: true });
  const browser = await launch();
  const site = await serve(join(tmp, "site"));
  const servers = [site];
  try {
    const bin = sastraBinary(REPO);
    build({ bin, root: REPO, output: join(tmp, "site/sastra"), baseUrl: site.url() });
    await contributeChecks({ browser, url: site.url, bin, tmp, servers, artifacts });
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exit(summary() ? 1 : 0);
}
