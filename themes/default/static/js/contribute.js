// The contribute page: writes a new document's files in the browser, as
// `sastra new` writes them (src/scaffold), so that a contributor who is not
// a programmer starts from text `sastra check` accepts. Nothing is sent:
// the text is shown to copy, and with a repository set in site.toml a link
// opens the forge's "new file" page with the name and text filled in.
//
// The rules mirrored here (slug, date, YAML quoting, commented fields) are
// checked against `sastra new`'s own output by tests/browser/contribute.mjs.

// Imported by a unit test without a page: only a page runs the form.
const form = globalThis.document?.getElementById("contribute");
const dataElement = globalThis.document?.getElementById("contribute-data");
if (form && dataElement) start(JSON.parse(dataElement.textContent));

function start(data) {
  // The page's words: `data-t-need-title` is `t.needTitle`.
  const t = Object.fromEntries(
    Object.entries(form.dataset)
      .filter(([key]) => key.startsWith("t"))
      .map(([key, text]) => [key[1].toLowerCase() + key.slice(2), text]),
  );
  const output = document.getElementById("c-output");
  const files = document.getElementById("c-files");
  const template = document.getElementById("c-file");
  const problemBox = document.getElementById("c-problems");
  const field = (name) => form.elements.namedItem(name);
  const labelOf = (lang) => form.querySelector(`fieldset[lang="${lang}"] legend`)?.textContent ?? lang;
  form.hidden = false;
  for (const when of output.querySelectorAll("[data-when]")) {
    when.hidden = (when.dataset.when === "forge") !== Boolean(data.new_file);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const entry = read(field, data);
    const problems = entryProblems(entry, data, t);
    problemBox.hidden = problems.length === 0;
    problemBox.querySelector("ul").replaceChildren(...problems.map((p) => Object.assign(document.createElement("li"), { textContent: p })));
    for (const [name, bad] of [["date", problems.badDate], ["attachments", problems.badFile]]) {
      field(name).setAttribute("aria-invalid", String(Boolean(bad)));
    }
    if (problems.length) {
      output.hidden = true;
      problemBox.focus?.();
      return;
    }
    files.replaceChildren(...documentFiles(entry, data).map((file) => shown(file, entry, data, t, labelOf)));
    output.hidden = false;
    document.getElementById("c-output-title").focus();
  });

  function shown(file, entry, data, t, labelOf) {
    const node = template.content.firstElementChild.cloneNode(true);
    const path = `content/${entry.section}/${file.name}`;
    node.querySelector(".file-name").textContent = path;
    node.querySelector(".file-text").value = file.text;
    node.querySelector(".file-text").setAttribute("aria-label", path);
    if (!file.given) {
      const missing = node.querySelector(".missing");
      missing.textContent = t.missing.replace("{language}", labelOf(file.lang));
      missing.hidden = false;
    }
    if (data.new_file) {
      const link = node.querySelector(".open-forge");
      link.href = newFileUrl(data.new_file, `content/${entry.section}`, file.name, file.text);
      link.textContent = t.open.replace("{file}", file.name);
      link.hidden = false;
    }
    const button = node.querySelector(".copy-text");
    const status = node.querySelector(".copy-status");
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(file.text);
        status.textContent = t.copied;
      } catch {
        // No clipboard here: select the text, for the phone's own copy.
        node.querySelector(".file-text").select();
      }
    });
    return node;
  }
}

/** What the form holds, trimmed; Khmer digits in the date read as digits. */
function read(field, data) {
  const value = (name) => (field(name)?.value ?? "").trim();
  const oneLine = (s) => s.replace(/\s*[\r\n]+\s*/g, " ");
  const perLang = (prefix) => Object.fromEntries(data.languages.map((l) => [l, value(`${prefix}-${l}`)]));
  const titles = perLang("title");
  const summaries = perLang("summary");
  for (const l of data.languages) {
    titles[l] = oneLine(titles[l]);
    summaries[l] = oneLine(summaries[l]);
  }
  return {
    section: value("section"),
    type: value("type"),
    organization: value("organization"),
    date: value("date").replace(/[០-៩]/g, (d) => String(d.charCodeAt(0) - 0x17e0)),
    titles,
    summaries,
    texts: Object.fromEntries(data.languages.map((l) => [l, (field(`text-${l}`)?.value ?? "").replace(/\r\n?/g, "\n").trim()])),
    tags: [...document.querySelectorAll('#contribute input[name="tag"]:checked')].map((i) => i.value),
    attachments: value("attachments").split(/\n/).map((line) => line.trim()).filter(Boolean),
    attachmentLang: value("attachment-lang"),
  };
}

/** What stops the files being written, in the page's language. */
function entryProblems(entry, data, t) {
  const problems = [];
  if (!data.languages.some((l) => entry.titles[l])) problems.push(t.needTitle);
  if (!isDate(entry.date)) {
    problems.push(t.badDate);
    problems.badDate = true;
  }
  for (const name of entry.attachments) {
    if (!publishable(name, data.attachment_types)) {
      problems.push(t.badFile.replace("{name}", name));
      problems.badFile = true;
    }
  }
  return problems;
}

/** `PartialDate::parse`: 2023, 2023-06 or 2023-06-22, a real date. */
export function isDate(s) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [m[1], m[2], m[3]].map((p) => (p === undefined ? undefined : Number(p)));
  if (year < 1000) return false;
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  if (day === undefined) return true;
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `attachment::publishable_name` for a plain name. */
function publishable(name, types) {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(name)) return false;
  const dot = name.lastIndexOf(".");
  return dot > 0 && types.includes(name.slice(dot + 1).toLowerCase());
}

/** `scaffold::slug_from`: the date and the first eight ASCII words. */
function slugFrom(date, title) {
  const words = title.split(/[^A-Za-z0-9]+/).filter(Boolean).slice(0, 8).map((w) => w.toLowerCase());
  return words.length ? `${date}-${words.join("-")}` : "";
}

/** `scaffold::default_slug`: from the first title with ASCII words, in the
 * site's order of languages; else the date and the type. */
export function slugOf(entry, languages) {
  for (const l of languages) {
    const slug = entry.titles[l] ? slugFrom(entry.date, entry.titles[l]) : "";
    if (slug) return slug;
  }
  return `${entry.date}-${entry.type}`;
}

/** Each language's file: its name, its text, and whether its title was given. */
export function documentFiles(entry, data) {
  const slug = slugOf(entry, data.languages);
  const first = data.languages.map((l) => entry.titles[l]).find(Boolean);
  const attachments = entry.attachments.map((name) => ({ file: `files/${name}`, title: name, lang: entry.attachmentLang }));
  return data.languages.map((lang) => {
    const given = Boolean(entry.titles[lang]);
    const summary = given ? entry.summaries[lang] : "";
    let yaml = "";
    yaml += `title: ${scalar(given ? entry.titles[lang] : `TODO: ${first}`)}\n`;
    yaml += `date: ${scalar(entry.date)}\n`;
    yaml += `type: ${scalar(entry.type)}\n`;
    if (entry.organization) yaml += `organization: ${scalar(entry.organization)}\n`;
    if (entry.tags.length) yaml += `tags:\n${entry.tags.map((tag) => `- ${scalar(tag)}\n`).join("")}`;
    if (summary) yaml += `summary: ${scalar(summary)}\n`;
    if (attachments.length) {
      yaml += "attachments:\n";
      for (const a of attachments) {
        yaml += `- file: ${scalar(a.file)}\n  title: ${scalar(a.title)}\n`;
        if (a.lang) yaml += `  lang: ${scalar(a.lang)}\n`;
      }
    }
    // `scaffold::template_comments`: the fields left empty, as examples.
    let comments = "";
    if (!entry.organization) comments += "# organization: nec\n";
    if (!entry.tags.length) comments += "# tags: [ballot]\n";
    if (!summary) comments += `# summary: "${data.summary_example[lang]}"\n`;
    comments += "# source: https://…\n";
    if (!attachments.length) comments += '# attachments:\n#   - file: files/name-of-file.pdf\n#     title: "…"\n#     lang: km\n';
    const text = entry.texts[lang];
    // What is left to write is marked, so that `check` refuses it: the
    // body of a file without its title, or without text or attached file.
    const body = text ? `${text}\n` : given && attachments.length ? "" : data.to_write[lang];
    return { lang, given, name: `${slug}.${lang}.md`, text: `---\n${yaml}${comments}---\n${body ? `\n${body}` : ""}` };
  });
}

/** A string as serde_yaml writes it (see scaffold::front_matter): plain
 * where YAML reads it back as the same string, else single-quoted, else
 * double-quoted. Where this is stricter than serde_yaml, the YAML is still
 * valid and reads the same. */
export function scalar(s) {
  const other = /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(s)
    || /^[-+]?(0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*)$/.test(s)
    || /^[-+]?(\.[0-9]+|[0-9][0-9_]*\.[0-9_]*|[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+)$/.test(s)
    || /^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s);
  // Not printable in YAML, or a line break: only double quotes hold it.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/.test(s)) return JSON.stringify(s);
  if (!other && plain(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

/** libyaml's test for a plain scalar in block context. */
function plain(s) {
  if (s === "" || /^\s|\s$/.test(s)) return false;
  if (s.startsWith("---") || s.startsWith("...")) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s)) return false;
  if (/^[-?:](\s|$)/.test(s)) return false;
  if (/:(\s|$)/.test(s) || /\s#/.test(s)) return false;
  return true;
}

/** `NewFileForm::url` in src/repository.rs. */
export function newFileUrl(form, folder, name, text) {
  const path = folder.split("/").map(encodeURIComponent).join("/");
  return `${form.prefix}${path}?${form.name}=${encodeURIComponent(name)}&${form.content}=${encodeURIComponent(text)}`;
}
