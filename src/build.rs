//! The pipeline end to end: load → model → render → write.

pub mod search_docs;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::archive::Archive;
use crate::attachments::{self, Extracts};
use crate::config::{BaseUrl, Config};
use crate::content::{self, Document};
use crate::diagnostics::{Diagnostic, Diagnostics, Message};
use crate::output::writer::{Output, OutputError, Staging, WriteError};
use crate::output::Sink;
use crate::output::{aliases, catalog, feeds, offline, sitemap};
use crate::plan::{self, Page, PageKind};
use crate::render::saving::{self, Saving};
use crate::render::templates::RenderError;
use crate::render::{Renderer, Theme};
use crate::search;
use crate::urls;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` of site.toml (e.g. for a preview deploy).
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Show a progress bar (only ever drawn on a terminal).
    pub progress: bool,
    /// Off only to measure what the index costs.
    pub search_index: bool,
    /// The service worker, app manifests and "save for offline" (see
    /// `output::offline`); off in a preview, whose edits must show at once.
    pub offline: bool,
    /// Read the attached PDFs' scanned pages with Tesseract.
    pub ocr: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            progress: false,
            search_index: true,
            offline: true,
            ocr: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub documents: usize,
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// Warnings; a build with errors does not produce a report.
    pub diagnostics: Diagnostics,
}

/// Why a build stopped; worded, in both languages, by
/// [`BuildError::message`].
#[derive(Debug)]
pub enum BuildError {
    Invalid(Diagnostics),
    Render { path: String, source: RenderError },
    Write(WriteError),
    Output(OutputError),
}

impl BuildError {
    pub fn message(&self) -> Message {
        match self {
            BuildError::Invalid(problems) => Message::ArchiveErrors {
                count: problems.error_count(),
            },
            BuildError::Render { path, source } => Message::CannotRender {
                page: path.clone(),
                detail: source.to_string(),
            },
            BuildError::Write(e) => e.message(),
            BuildError::Output(e) => e.message(),
        }
    }

    pub fn hint(&self) -> Option<Message> {
        match self {
            BuildError::Output(e) => e.hint(),
            _ => None,
        }
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text(crate::diagnostics::Lang::En))
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Invalid(_) => None,
            BuildError::Render { source, .. } => Some(source),
            BuildError::Write(e) => Some(e),
            BuildError::Output(e) => Some(e),
        }
    }
}

impl From<WriteError> for BuildError {
    fn from(e: WriteError) -> Self {
        BuildError::Write(e)
    }
}

impl From<OutputError> for BuildError {
    fn from(e: OutputError) -> Self {
        BuildError::Output(e)
    }
}

/// A checked archive, ready to render.
pub struct Loaded {
    pub config: Config,
    pub documents: Vec<Arc<Document>>,
    pub diagnostics: Diagnostics,
    /// What the attached PDFs hold (empty until [`Loaded::read_attachments`]).
    pub attachments: Arc<Extracts>,
    /// Where PDF readings are kept; `None` where none can be kept (a
    /// read-only checkout) or it was refused.
    cache: Option<attachments::cache::Cache>,
}

impl Loaded {
    /// Reads the attached PDFs (from the cache when it has them), adding
    /// what a reader should know about each to the diagnostics.
    pub fn read_attachments(&mut self, ocr: bool) {
        self.read_shard(ocr, attachments::Shard::WHOLE);
    }

    /// [`Loaded::read_attachments`] for the files of one shard only.
    pub fn read_shard(&mut self, ocr: bool, shard: attachments::Shard) {
        let options = attachments::Options {
            ocr,
            cache: self.cache.clone(),
            budget: attachments::budget(ocr),
            shard,
        };
        let (extracts, warnings) = attachments::read_all(&self.documents, &options);
        self.attachments = Arc::new(extracts);
        self.diagnostics.extend(warnings);
    }
}

/// Loads and checks everything a build reads, writing nothing but the
/// attachments' cache. `check` is this; `build` runs it first and refuses
/// to go on after errors.
pub fn load(root: &Path, base_url: Option<&str>) -> Result<Loaded, Diagnostics> {
    let mut config = Config::load(root)?;
    if let Some(url) = base_url {
        config.base_url = BaseUrl::parse(url).map_err(|e| {
            Diagnostics::from_iter([Diagnostic::error(
                "--base-url",
                Message::BaseUrlFlag {
                    problem: Box::new(e.message()),
                },
            )])
        })?;
    }
    let (documents, mut diagnostics) = content::load::load(&config);
    diagnostics.extend(content::validate::validate(&config, &documents));
    let cache = attachments::cache::Cache::open(&config.root).unwrap_or_else(|refused| {
        diagnostics.push(
            Diagnostic::error(attachments::cache::FOLDER, refused.message()).hint(refused.hint()),
        );
        None
    });
    Ok(Loaded {
        config,
        documents,
        diagnostics,
        attachments: Arc::default(),
        cache,
    })
}

/// How `check` reads the attached PDFs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Read scanned pages with Tesseract, as `build --ocr` does.
    pub ocr: bool,
    /// Read only this shard's files (see `attachments::shard`).
    pub shard: attachments::Shard,
}

pub fn check(root: &Path) -> Diagnostics {
    check_with(root, CheckOptions::default())
}

pub fn check_with(root: &Path, options: CheckOptions) -> Diagnostics {
    let lock = crate::output::writer::unusable_lock(root);
    let mut diagnostics = match load(root, None) {
        Ok(mut loaded) => {
            if !loaded.diagnostics.has_errors() {
                loaded.read_shard(options.ocr, options.shard);
            }
            let mut diagnostics = loaded.diagnostics;
            // Drafts too: a draft's URL clash is found before it is published.
            diagnostics.extend(url_collisions(&loaded.config, &loaded.documents, true));
            if let Err(theme) = Theme::load(&loaded.config) {
                diagnostics.extend(theme);
            }
            diagnostics
        }
        Err(diagnostics) => diagnostics,
    };
    diagnostics.extend(lock);
    diagnostics
}

/// Documents whose URL another document or a generated page also claims.
pub fn url_collisions(config: &Config, documents: &[Arc<Document>], drafts: bool) -> Diagnostics {
    let archive = Archive::new(config, documents.iter().cloned(), drafts);
    plan::collisions(&plan::plan(config, &archive), &archive)
}

/// Refuses a plan in which two producers claim one URL, reporting the
/// clashes with the archive's other problems.
pub fn refuse_collisions(
    plan: &[Page],
    archive: &Archive,
    diagnostics: &Diagnostics,
) -> Result<(), BuildError> {
    let collisions = plan::collisions(plan, archive);
    if !collisions.has_errors() {
        return Ok(());
    }
    let mut all = diagnostics.clone();
    all.extend(collisions);
    Err(BuildError::Invalid(all))
}

/// What a build reads, checked, with the theme: [`load`], refused on errors.
pub fn load_checked(options: &BuildOptions) -> Result<(Loaded, Theme), BuildError> {
    let mut loaded =
        load(&options.root, options.base_url.as_deref()).map_err(BuildError::Invalid)?;
    if loaded.diagnostics.has_errors() {
        return Err(BuildError::Invalid(loaded.diagnostics));
    }
    loaded.read_attachments(options.ocr);
    let theme = Theme::load(&loaded.config).map_err(BuildError::Invalid)?;
    Ok((loaded, theme))
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    // Claimed first: a refused build still puts back a site that an
    // interrupted one left aside, and nothing is read for an output that
    // would destroy the sources.
    let output = Output::claim(&options.output_dir(), &options.root)?;
    let (loaded, theme) = load_checked(options)?;
    let archive = Archive::new(&loaded.config, loaded.documents, options.drafts);
    let plan = plan::plan(&loaded.config, &archive);
    refuse_collisions(&plan, &archive, &loaded.diagnostics)?;
    let published = publish(
        &loaded.config,
        &archive,
        &theme,
        &plan,
        &output,
        Steps {
            progress: options.progress,
            search_index: options.search_index,
            offline: options.offline,
            attachments: &loaded.attachments,
        },
    )?;
    Ok(BuildReport {
        documents: archive.document_count(),
        pages: published.pages,
        files: published.files,
        elapsed: started.elapsed(),
        diagnostics: loaded.diagnostics,
    })
}

/// What [`publish`] wrote.
#[derive(Debug, Clone, Copy)]
pub struct Published {
    pub pages: usize,
    pub files: usize,
}

/// How [`publish`] goes about it.
#[derive(Debug, Clone, Copy)]
pub struct Steps<'a> {
    pub progress: bool,
    pub search_index: bool,
    /// The service worker, app manifests and "save for offline".
    pub offline: bool,
    /// What the attached PDFs hold, shown on the pages that attach them.
    pub attachments: &'a Extracts,
}

/// Writes the whole site of a checked archive, planned as `plan`, to
/// `output`, replacing what was there only once all of it is written.
pub fn publish(
    config: &Config,
    archive: &Archive,
    theme: &Theme,
    plan: &[Page],
    output: &Output,
    steps: Steps,
) -> Result<Published, BuildError> {
    let staging = Staging::new(output)?;
    let progress = if steps.progress {
        // Draws on stderr only when it is a terminal; silent in CI and pipes.
        ProgressBar::new(plan.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed}")
                .expect("valid template"),
        )
    } else {
        ProgressBar::hidden()
    };
    // The search index is independent of everything else: building it side
    // by side with the rest keeps both cores busy through the sequential
    // stretches of both (feeds and sitemap here, merging batches there).
    let (rest, index) = rayon::join(
        || {
            let renderer =
                Renderer::new(config, archive, theme).with_attachments(steps.attachments);
            let (pages, offline_files) = if steps.offline {
                write_pages_for_offline(
                    &renderer, config, archive, theme, plan, &staging, &progress,
                )?
            } else {
                let all: Vec<&Page> = plan.iter().collect();
                (write_pages(&renderer, &all, &staging, &progress)?, 0)
            };
            progress.finish_and_clear();
            let files = pages
                + offline_files
                + write_attachments(archive, &staging)?
                + write_aliases(config, archive, &staging)?
                + write_previews(steps.attachments, &staging)?
                + write_texts(
                    archive.entries.iter().flat_map(|e| e.versions()),
                    steps.attachments,
                    &staging,
                )?
                + copy_static(theme, &staging)?
                + write_machine_readable(config, archive, plan, steps.attachments, &staging)?;
            Ok::<_, BuildError>((pages, files))
        },
        || {
            if steps.search_index {
                write_search_index(config, archive, theme, &staging, steps.attachments)
            } else {
                Ok(0)
            }
        },
    );
    let (pages, files) = rest?;
    let files = files + index?;
    staging.commit()?;
    Ok(Published { pages, files })
}

/// Renders and writes pages in parallel; no rendered page is held longer
/// than it takes to write it.
pub fn write_pages<'a>(
    renderer: &Renderer<'a>,
    pages: &[&'a Page],
    sink: &dyn Sink,
    progress: &ProgressBar,
) -> Result<usize, BuildError> {
    Ok(render_pages(renderer, pages, sink, progress)?.len())
}

/// [`write_pages`], returning the size of each page written, in order.
fn render_pages<'a>(
    renderer: &Renderer<'a>,
    pages: &[&'a Page],
    sink: &dyn Sink,
    progress: &ProgressBar,
) -> Result<Vec<u64>, BuildError> {
    pages
        .par_iter()
        .map(|page| {
            progress.inc(1);
            let html = renderer.render(page).map_err(|source| BuildError::Render {
                path: page.path.clone(),
                source,
            })?;
            sink.write(&urls::file_for(&page.path), html.as_bytes())?;
            Ok(html.len() as u64)
        })
        .collect()
}

/// Renders the pages that offer offline reading: document pages first,
/// whose sizes the listings' offers add up, then the rest; then the
/// listings' save sets, the service worker and the app manifests. Returns
/// the pages and the other files written.
fn write_pages_for_offline<'a>(
    renderer: &Renderer<'a>,
    config: &Config,
    archive: &Archive,
    theme: &Theme,
    plan: &'a [Page],
    sink: &dyn Sink,
    progress: &ProgressBar,
) -> Result<(usize, usize), BuildError> {
    let (documents, rest): (Vec<&Page>, Vec<&Page>) = plan
        .iter()
        .partition(|p| matches!(p.kind, PageKind::Document(_)));
    let measuring = Saving::default();
    let sizes = render_pages(
        &renderer.clone().with_saving(&measuring),
        &documents,
        sink,
        progress,
    )?;
    let saving = measuring.with_pages(
        documents
            .iter()
            .map(|p| p.path.clone())
            .zip(sizes)
            .collect(),
    );
    let pages = write_pages(
        &renderer.clone().with_saving(&saving),
        &rest,
        sink,
        progress,
    )?;
    let mut files = 0;
    for page in rest.iter().filter(|p| saving::starts_listing(&p.kind)) {
        if let Some((path, set)) = saving.listing_set(config, archive, &page.lang, &page.kind) {
            sink.write(&path, set.json().as_bytes())?;
            files += 1;
        }
    }
    files += offline::write(config, theme.assets(), plan, sink)?;
    Ok((documents.len() + pages, files))
}

fn write_attachments(archive: &Archive, sink: &dyn Sink) -> Result<usize, WriteError> {
    let mut count = 0;
    for entry in &archive.entries {
        for attachment in entry.attachments() {
            sink.copy(
                &urls::attachment(&entry.section, &attachment.name),
                &attachment.source,
            )?;
            count += 1;
        }
    }
    Ok(count)
}

/// The attached PDFs' first-page previews, named by the files' content.
/// Each is published as read and checked here, never copied by path: the
/// cache is untrusted.
fn write_previews(attachments: &Extracts, sink: &dyn Sink) -> Result<usize, WriteError> {
    let mut count = 0;
    for (hash, file, preview) in attachments.previews() {
        let bytes = attachments::cache::read_preview(file, preview).ok_or_else(|| WriteError {
            path: file.to_path_buf(),
            source: std::io::Error::other("the cached preview changed during the build"),
        })?;
        sink.write(&urls::attachment_preview(hash), &bytes)?;
        count += 1;
    }
    Ok(count)
}

/// The pages that send a document's old addresses on to it.
fn write_aliases(config: &Config, archive: &Archive, sink: &dyn Sink) -> Result<usize, WriteError> {
    let pages = aliases::pages(config, archive);
    for (file, html) in &pages {
        sink.write(file, html.as_bytes())?;
    }
    Ok(pages.len())
}

/// The whole text of each PDF attached to `documents` that a document page
/// shows only in part ([`attachments::inline`]), as plain text named by
/// its content.
pub fn write_texts<'a>(
    documents: impl IntoIterator<Item = &'a Document>,
    attachments: &Extracts,
    sink: &dyn Sink,
) -> Result<usize, WriteError> {
    let mut written = std::collections::HashSet::new();
    for document in documents {
        let shown = attachments::inline::pages_shown(document, attachments);
        for (attachment, shown) in document.attachments.iter().zip(shown) {
            let Some(reading) = attachments.get(attachment) else {
                continue;
            };
            let Some(extract) = reading.extract() else {
                continue;
            };
            let hidden = attachments::inline::first_hidden(&extract.text, shown).is_some();
            if hidden && written.insert(reading.hash.as_str()) {
                let text = attachments::inline::text_file(&extract.text);
                sink.write(&urls::attachment_text(&reading.hash), text.as_bytes())?;
            }
        }
    }
    Ok(written.len())
}

/// Feeds, sitemap, robots.txt and the catalogue.
pub fn write_machine_readable(
    config: &Config,
    archive: &Archive,
    plan: &[Page],
    attachments: &Extracts,
    sink: &dyn Sink,
) -> Result<usize, WriteError> {
    let feeds = feeds::all(config, archive);
    for (path, xml) in &feeds {
        sink.write(path, xml.as_bytes())?;
    }
    sink.write(
        "sitemap.xml",
        sitemap::render(config, archive, plan).as_bytes(),
    )?;
    sink.write("robots.txt", sitemap::robots(config).as_bytes())?;
    let records = catalog::records(config, archive, attachments);
    sink.write("catalog.json", catalog::json(&records).as_bytes())?;
    sink.write("catalog.csv", catalog::csv(config, &records).as_bytes())?;
    Ok(feeds.len() + 4)
}

/// One chunked search index per language. Languages are indexed one after
/// the other (each in parallel inside), so only one index is in memory.
pub fn write_search_index(
    config: &Config,
    archive: &Archive,
    theme: &Theme,
    sink: &dyn Sink,
    attachments: &Extracts,
) -> Result<usize, WriteError> {
    let mut count = 0;
    for lang in config.language_codes() {
        count += write_language_index(config, archive, theme, lang, sink, &|| false, attachments)?;
    }
    Ok(count)
}

/// The search index of one language's documents. `stop` is asked as the
/// documents are analysed: once it says true, nothing is written (the
/// preview calls off the index of an edit that a newer one superseded).
pub fn write_language_index(
    config: &Config,
    archive: &Archive,
    theme: &Theme,
    lang: &str,
    sink: &dyn Sink,
    stop: search::index::Stop,
    attachments: &Extracts,
) -> Result<usize, WriteError> {
    let Some(index) =
        search_docs::language_index(config, archive, attachments, theme.i18n(lang), lang, stop)
    else {
        return Ok(0);
    };
    search::chunks::write(&index, &|name, content| {
        sink.write(&urls::search_file(lang, name), content.as_bytes())
    })
}

/// The theme's static files, published under `assets/<version>/`.
fn copy_static(theme: &Theme, sink: &dyn Sink) -> Result<usize, WriteError> {
    let assets = theme.assets();
    for file in &assets.files {
        sink.copy(&assets.url(&file.relative), &file.source)?;
    }
    Ok(assets.files.len())
}
