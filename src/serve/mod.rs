//! `sastra serve`: build, serve on loopback, watch the inputs, rebuild on
//! change (only what the change touches, see [`preview`]) and reload open
//! pages.

pub mod preview;
pub mod reload;
pub mod server;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::build::{BuildError, BuildOptions};
use crate::diagnostics::{Lang, Status, Word};
use preview::{Preview, Rebuilt};
use reload::Reloader;

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// The language of what the preview says on the terminal.
    pub lang: Lang,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Listen {
        port: u16,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    #[error("cannot watch {path}: {source}")]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("cannot create the preview folder: {0}")]
    Output(std::io::Error),
}

impl ServeError {
    /// The port asked for, when another program already listens on it.
    pub fn port_in_use(&self) -> Option<u16> {
        match self {
            ServeError::Listen { port, source } => source
                .downcast_ref::<std::io::Error>()
                .filter(|e| e.kind() == std::io::ErrorKind::AddrInUse)
                .map(|_| *port),
            _ => None,
        }
    }
}

pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let server = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|source| {
        ServeError::Listen {
            port: options.port,
            source,
        }
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(options.port, |a| a.port());
    let address = format!("http://127.0.0.1:{port}/");

    // The preview is built outside the archive, so it never replaces the
    // maintainer's `public/`.
    let output = std::env::temp_dir().join(format!("{PREVIEW_PREFIX}{}", std::process::id()));
    remove_abandoned_previews();
    std::fs::create_dir_all(&output).map_err(ServeError::Output)?;
    remove_on_exit(output.clone());
    let build_options = BuildOptions {
        root: options.root.clone(),
        output: Some(output.join("site")),
        base_url: Some(address.clone()),
        drafts: options.drafts,
        progress: false,
        search_index: true,
        // No service worker in a preview: it would keep pages that an edit
        // has just changed.
        offline: false,
        ocr: false,
    };
    let reloader = Arc::new(Reloader::default());
    let mut preview = Preview::new(build_options);
    let lang = options.lang;
    rebuild(&mut preview, &[], &reloader, lang);

    let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
    let (watching, changed) = watch_inputs(&root)?;

    let rebuild_reloader = reloader.clone();
    std::thread::spawn(move || {
        while let Ok(mut paths) = changed.recv() {
            // Saves often come in bursts: one rebuild for all of them.
            while let Ok(more) = changed.try_recv() {
                paths.extend(more);
            }
            rebuild(&mut preview, &paths, &rebuild_reloader, lang);
        }
    });

    let status = Status::Serving {
        root: root.display().to_string(),
        address,
    };
    println!("{}", status.text(lang));
    let site = output.join("site");
    for request in server.incoming_requests() {
        server::handle(request, &site, port, &reloader);
    }
    drop(watching);
    Ok(())
}

/// "24 in Khmer, 20 in English": how many documents each language has.
fn in_languages(languages: &[(String, usize)], lang: Lang) -> String {
    languages
        .iter()
        .map(|(code, count)| {
            let language = match code.as_str() {
                "km" => Word::Khmer,
                "en" => Word::English,
                other => Word::Language {
                    name: other.to_string(),
                },
            };
            Status::InLanguage {
                count: *count,
                language,
            }
            .text(lang)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Watches the archive's inputs until dropped.
type InputWatcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Watches the archive's inputs; each message is a burst of changed paths,
/// relative to `root`.
fn watch_inputs(root: &Path) -> Result<(InputWatcher, mpsc::Receiver<Vec<PathBuf>>), ServeError> {
    let (changes, changed) = mpsc::channel();
    let watch_root = root.to_path_buf();
    let mut debouncer = new_debouncer(
        // Long enough to gather an editor's save (often a write and a
        // rename, a few milliseconds apart), short enough not to show.
        Duration::from_millis(20),
        None,
        move |result: DebounceEventResult| {
            if let Ok(events) = result {
                // Reading files (as every build does) raises access events; only
                // changes count, or each build would trigger the next.
                let relevant: Vec<PathBuf> = events
                    .iter()
                    .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                    .flat_map(|e| &e.paths)
                    .filter(|p| watch::classify(&watch_root, p).is_some())
                    .filter_map(|p| p.strip_prefix(&watch_root).ok())
                    .map(Path::to_path_buf)
                    .collect();
                if !relevant.is_empty() {
                    let _ = changes.send(relevant);
                }
            }
        },
    )
    .map_err(|source| ServeError::Watch {
        path: root.to_path_buf(),
        source,
    })?;
    for path in watch::watched(root) {
        debouncer
            .watch(&path, RecursiveMode::Recursive)
            .map_err(|source| ServeError::Watch {
                path: path.clone(),
                source,
            })?;
    }
    Ok((debouncer, changed))
}

/// Preview folders are `<temp>/sastra-serve-<pid>`.
const PREVIEW_PREFIX: &str = "sastra-serve-";

/// Ctrl-C and SIGTERM end the preview: its folder goes with it.
fn remove_on_exit(output: PathBuf) {
    let installed = ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&output);
        std::process::exit(130);
    });
    if let Err(e) = installed {
        eprintln!("warning: the preview folder will stay behind on Ctrl-C: {e}");
    }
}

/// Folders of previews whose process is gone (killed with no chance to
/// clean up).
fn remove_abandoned_previews() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(PREVIEW_PREFIX)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() && Path::new("/proc/self").exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Builds and tells the browsers; a failed build keeps the last good site
/// and shows its problems on the terminal and on the pages.
fn rebuild(preview: &mut Preview, changed: &[PathBuf], reloader: &Reloader, lang: Lang) {
    match preview.rebuild(changed) {
        Ok((rebuilt, warnings)) => {
            // Tell the browsers first: the terminal can wait.
            reloader.publish(None);
            for d in warnings.sorted() {
                eprintln!("{}", d.said(lang));
            }
            let status = match rebuilt {
                Rebuilt::Full {
                    documents,
                    languages,
                    elapsed,
                } => Status::Built {
                    documents,
                    languages: in_languages(&languages, lang),
                    elapsed: format!("{elapsed:.0?}"),
                },
                Rebuilt::Pages { pages, elapsed } => Status::Rerendered {
                    pages,
                    elapsed: format!("{elapsed:.0?}"),
                },
            };
            eprintln!("{}", status.text(lang));
        }
        Err(error) => {
            let message = match &error {
                BuildError::Invalid(diagnostics) => diagnostics
                    .clone()
                    .sorted()
                    .iter()
                    .map(|d| d.said(lang).to_string())
                    .collect::<Vec<_>>()
                    .join("\n"),
                other => other.to_string(),
            };
            eprintln!("{message}\n{}", Status::BuildFailed.text(lang));
            reloader.publish(Some(message));
        }
    }
}
