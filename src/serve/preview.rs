//! The previewed site, kept in memory between rebuilds so that an edit to a
//! document re-renders only the pages it touches.
//!
//! A full build writes the site as `sastra build` does. After that, when
//! only existing documents changed (the common case: a maintainer editing
//! text), just those files are read again, checked, and the pages that show
//! them re-rendered into the served folder: on a 10,000-document archive
//! this takes milliseconds instead of the full build's seconds. Nothing an
//! edit does before rendering walks the whole archive: the checks between
//! documents were made by the full build ([`Across`]), and the archive
//! shares its unchanged entries with the last one. The
//! feeds, sitemap, catalogue and search index follow in the background,
//! where they do not hold the reload back. Anything else (a new or deleted
//! file, a theme or `site.toml` change, an attachment list that changed) is
//! a full build.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

use crate::archive::Archive;
use crate::attachments::Extracts;
use crate::build::{self, BuildError, BuildOptions};
use crate::config::Config;
use crate::content::load::load_file;
use crate::content::validate::{validate_edited, Across};
use crate::content::Document;
use crate::diagnostics::Diagnostics;
use crate::output::live::Live;
use crate::output::Output;
use crate::output::{Sink, WriteError};
use crate::plan::{self, Page};
use crate::render::{Renderer, Theme};
use crate::urls;

/// How long the background work waits for the saves of a burst to end.
const BACKGROUND_DELAY: Duration = Duration::from_millis(300);

/// Lowers the calling thread's scheduling priority, so that background work
/// takes only the time the next edit's rebuild leaves.
fn yield_to_foreground() {
    // On Linux the nice value is per thread, and `who = 0` is this thread.
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only reads its plain integer arguments.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

/// What a rebuild did.
#[derive(Debug)]
pub enum Rebuilt {
    Full {
        /// Documents, each counted once whatever its languages.
        documents: usize,
        /// Language code → the documents that exist in it, in the site's
        /// language order.
        languages: Vec<(String, usize)>,
        elapsed: Duration,
    },
    /// Only the pages that show the changed documents were rendered.
    Pages { pages: usize, elapsed: Duration },
}

/// Everything a rebuild needs from the last good build. Shared with the
/// background job that catches the search index up.
struct State {
    config: Arc<Config>,
    theme: Arc<Theme>,
    /// By root-relative source path.
    documents: BTreeMap<PathBuf, Arc<Document>>,
    /// Document key → the paths of its versions, in path order.
    versions: HashMap<String, Vec<PathBuf>>,
    /// What checking an edit needs from the rest of the archive.
    across: Arc<Across>,
    archive: Arc<Archive>,
    plan: Arc<Vec<Page>>,
    attachments: Arc<Extracts>,
}

pub struct Preview {
    options: BuildOptions,
    state: Option<State>,
    /// The newest rebuild; a background job for an older one gives up.
    generation: Arc<AtomicU64>,
    /// One background job at a time, on a one-thread pool, so that the other
    /// core stays free for the next edit.
    background: Arc<Mutex<rayon::ThreadPool>>,
    last_job: Option<std::thread::JoinHandle<()>>,
}

impl Preview {
    pub fn new(options: BuildOptions) -> Preview {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .start_handler(|_| yield_to_foreground())
            .build()
            .expect("a thread can be started");
        Preview {
            options,
            state: None,
            generation: Arc::default(),
            background: Arc::new(Mutex::new(pool)),
            last_job: None,
        }
    }

    /// Waits until the background work of the last rebuild is written.
    pub fn settle(&mut self) {
        if let Some(job) = self.last_job.take() {
            let _ = job.join();
        }
    }

    fn site(&self) -> PathBuf {
        self.options.output_dir()
    }

    /// Rebuilds after `changed` (paths relative to the root, as reported by
    /// the watcher; empty for the first build). Returns the warnings with
    /// what was done; on failure, the previous site is still being served.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<(Rebuilt, Diagnostics), BuildError> {
        let generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(documents) = self.only_documents_changed(changed) {
            if let Some(result) = self.rebuild_pages(&documents, generation) {
                return result;
            }
        }
        self.rebuild_all()
    }

    /// The changed files, if they are all documents the archive already has.
    fn only_documents_changed(&self, changed: &[PathBuf]) -> Option<Vec<PathBuf>> {
        let state = self.state.as_ref()?;
        let is_known_document = |path: &PathBuf| {
            state.documents.contains_key(path) && state.config.root.join(path).is_file()
        };
        (!changed.is_empty() && changed.iter().all(is_known_document)).then(|| {
            let unique: BTreeSet<&PathBuf> = changed.iter().collect();
            unique.into_iter().cloned().collect()
        })
    }

    fn rebuild_all(&mut self) -> Result<(Rebuilt, Diagnostics), BuildError> {
        let started = Instant::now();
        let (loaded, theme) = build::load_checked(&self.options)?;
        let config = loaded.config;
        let archive = Archive::new(
            &config,
            loaded.documents.iter().cloned(),
            self.options.drafts,
        );
        let steps = build::Steps {
            progress: false,
            search_index: self.options.search_index,
            offline: self.options.offline,
            attachments: &loaded.attachments,
        };
        let plan = Arc::new(plan::plan(&config, &archive));
        build::refuse_collisions(&plan, &archive, &loaded.diagnostics)?;
        let output = Output::claim(&self.site(), &self.options.root)?;
        build::publish(&config, &archive, &theme, &plan, &output, steps)?;
        let across = Arc::new(Across::new(&loaded.documents));
        let documents: BTreeMap<PathBuf, Arc<Document>> = loaded
            .documents
            .into_iter()
            .map(|d| (d.path.clone(), d))
            .collect();
        let mut versions: HashMap<String, Vec<PathBuf>> = HashMap::new();
        for (path, document) in &documents {
            versions
                .entry(document.key.clone())
                .or_default()
                .push(path.clone());
        }
        self.state = Some(State {
            documents,
            versions,
            across,
            config: Arc::new(config),
            theme: Arc::new(theme),
            archive: Arc::new(archive),
            plan,
            attachments: loaded.attachments,
        });
        let (documents, languages) = self.state.as_ref().map_or((0, Vec::new()), |s| {
            let languages = s
                .config
                .language_codes()
                .map(|code| {
                    let count = s
                        .archive
                        .entries
                        .iter()
                        .filter(|e| e.version(code).is_some())
                        .count();
                    (code.to_string(), count)
                })
                .collect();
            (s.archive.entries.len(), languages)
        });
        let rebuilt = Rebuilt::Full {
            documents,
            languages,
            elapsed: started.elapsed(),
        };
        Ok((rebuilt, loaded.diagnostics))
    }

    /// Re-reads the changed documents and re-renders the pages that show
    /// them. `None` when the change needs a full build after all.
    fn rebuild_pages(
        &mut self,
        changed: &[PathBuf],
        generation: u64,
    ) -> Option<Result<(Rebuilt, Diagnostics), BuildError>> {
        let started = Instant::now();
        let state = self.state.as_ref()?;
        let config = &state.config;
        let (reread, mut problems) = reread(state, changed)?;
        let current = |path: &PathBuf| reread.get(path).unwrap_or(&state.documents[path]);
        let changed_set: HashSet<&PathBuf> = changed.iter().collect();
        let is_changed = |d: &Document| changed_set.contains(&d.path);
        // Each edited document with its other versions, edited or not.
        let keys: BTreeSet<&str> = changed
            .iter()
            .map(|p| state.documents[p].key.as_str())
            .collect();
        let versions: Vec<Vec<Arc<Document>>> = keys
            .iter()
            .map(|key| {
                state.versions[*key]
                    .iter()
                    .map(|p| current(p).clone())
                    .collect()
            })
            .collect();
        problems.extend(validate_edited(
            config,
            &state.across,
            &versions,
            is_changed,
        ));
        if problems.has_errors() {
            return Some(Err(BuildError::Invalid(problems)));
        }

        let revised: Vec<Arc<Document>> = reread.values().cloned().collect();
        let changed_keys: BTreeSet<String> = revised.iter().map(|d| d.key.clone()).collect();
        // An edit that moves nothing (the text, a title) keeps the archive's
        // arrangement and the plan; anything else arranges anew.
        let (archive, plan) = match state.archive.with_revised(config, &revised) {
            Some(archive) => (archive, state.plan.clone()),
            None => {
                let all = state.documents.keys().map(|p| current(p).clone());
                let archive = Archive::new(config, all, self.options.drafts);
                let plan = Arc::new(plan::plan(config, &archive));
                if let Err(clash) = build::refuse_collisions(&plan, &archive, &problems) {
                    return Some(Err(clash));
                }
                (archive, plan)
            }
        };
        let redrawn = plan::affected(
            &plan,
            &state.archive,
            &archive,
            &changed_keys,
            config.page_size,
        );
        let renderer =
            Renderer::new(config, &archive, &state.theme).with_attachments(&state.attachments);
        let live = Live::new(self.site());
        let written = build::write_pages(&renderer, &redrawn, &live, &ProgressBar::hidden())
            .and_then(|pages| {
                if !Arc::ptr_eq(&state.plan, &plan) {
                    remove_dropped_pages(&state.plan, &plan, &live)?;
                }
                // An edited page may now link the whole text of a PDF.
                build::write_texts(
                    revised.iter().map(|d| d.as_ref()),
                    &state.attachments,
                    &live,
                )?;
                Ok(pages)
            });
        let pages = match written {
            Ok(pages) => pages,
            Err(error) => return Some(Err(error)),
        };

        let state = self.state.as_mut().expect("checked above");
        state.documents.extend(reread);
        state.archive = Arc::new(archive);
        state.plan = plan;
        self.catch_up(generation);
        let rebuilt = Rebuilt::Pages {
            pages,
            elapsed: started.elapsed(),
        };
        Some(Ok((rebuilt, problems)))
    }

    /// Rewrites the feeds, sitemap, catalogue and search index in the
    /// background. Files are replaced one by one and index files are named
    /// by their content, so a page reading the site meanwhile gets either
    /// the old index or the new one.
    fn catch_up(&mut self, generation: u64) {
        let state = self.state.as_ref().expect("a build happened");
        let (config, theme, archive, plan) = (
            state.config.clone(),
            state.theme.clone(),
            state.archive.clone(),
            state.plan.clone(),
        );
        let attachments = state.attachments.clone();
        let latest = self.generation.clone();
        let background = self.background.clone();
        let site = self.site();
        let search_index = self.options.search_index;
        self.last_job = Some(std::thread::spawn(move || {
            let superseded = || latest.load(Ordering::SeqCst) != generation;
            // Saves come in bursts; the next one would make this work moot.
            std::thread::sleep(BACKGROUND_DELAY);
            let pool = background.lock().expect("background lock");
            if superseded() {
                return;
            }
            let result = pool.install(|| {
                build::write_machine_readable(
                    &config,
                    &archive,
                    &plan,
                    &attachments,
                    &Live::new(&site),
                )?;
                if !search_index {
                    return Ok(());
                }
                for lang in config.language_codes() {
                    let index = Recorded::new(Live::new(&site));
                    build::write_language_index(
                        &config,
                        &archive,
                        &theme,
                        lang,
                        &index,
                        &superseded,
                        &attachments,
                    )?;
                    // A stopped build wrote nothing to keep the files of.
                    if superseded() {
                        return Ok(());
                    }
                    index.remove_others_under(&urls::search_file(lang, ""))?;
                }
                Ok::<(), WriteError>(())
            });
            if let Err(error) = result {
                eprintln!("cannot update the search index: {error}");
            }
        }));
    }
}

/// The changed files read again (those that could be), and their
/// problems. `None` when a change needs a full build: attachments are files
/// to copy, aliases pages to write, and drafts come and go from the archive
/// (rare edits all).
fn reread(
    state: &State,
    changed: &[PathBuf],
) -> Option<(BTreeMap<PathBuf, Arc<Document>>, Diagnostics)> {
    let config = &state.config;
    let mut documents = BTreeMap::new();
    let mut problems = Diagnostics::default();
    for path in changed {
        let (document, file_problems) = load_file(config, &config.root.join(path));
        problems.extend(file_problems);
        let Some(document) = document else { continue };
        let before = &state.documents[path];
        let same_files = document.attachments.len() == before.attachments.len()
            && document
                .attachments
                .iter()
                .zip(&before.attachments)
                .all(|(a, b)| {
                    a.source == b.source
                        && a.path == b.path
                        && a.name == b.name
                        && a.bytes == b.bytes
                });
        if !same_files || document.draft != before.draft || document.aliases != before.aliases {
            return None;
        }
        documents.insert(path.clone(), Arc::new(document));
    }
    Some((documents, problems))
}

/// Removes the files of pages the previous plan had and the new one has not
/// (the last page of a listing that got shorter).
fn remove_dropped_pages(before: &[Page], after: &[Page], live: &Live) -> Result<(), WriteError> {
    let kept: HashSet<&str> = after.iter().map(|p| p.path.as_str()).collect();
    for page in before.iter().filter(|p| !kept.contains(p.path.as_str())) {
        live.remove(&urls::file_for(&page.path))?;
    }
    Ok(())
}

/// A sink that remembers what it wrote, so that what it did not write can
/// be removed afterwards.
struct Recorded {
    live: Live,
    written: Mutex<HashSet<String>>,
}

impl Recorded {
    fn new(live: Live) -> Recorded {
        Recorded {
            live,
            written: Mutex::default(),
        }
    }

    fn remove_others_under(&self, folder: &str) -> Result<(), WriteError> {
        let written = self.written.lock().expect("written lock");
        let site = self.live.root();
        for entry in walkdir::WalkDir::new(site.join(folder))
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(site) else {
                continue;
            };
            let relative = relative.to_string_lossy().replace('\\', "/");
            if !written.contains(&relative) {
                self.live.remove(&relative)?;
            }
        }
        Ok(())
    }
}

impl Sink for Recorded {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), WriteError> {
        self.written
            .lock()
            .expect("written lock")
            .insert(relative.to_string());
        self.live.write(relative, bytes)
    }
}
