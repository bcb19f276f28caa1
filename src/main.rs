//! The `sastra` command line: arguments, exit codes and printing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Building an archive allocates millions of small strings (terms, tokens,
/// rendered pages); mimalloc handles that faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use sastra::attachments::tools::ToolError;
use sastra::attachments::Shard;
use sastra::build::{self, BuildError, BuildOptions, CheckOptions};
use sastra::config::Config;
use sastra::diagnostics::{hint_word, unanchored, Diagnostic, Lang, Message, Severity, Status};
use sastra::import::{self, ImportError};
use sastra::khmer::legacy::LegacyFont;
use sastra::scaffold::convert_legacy;
use sastra::scaffold::{self, NewDocument, NewError};
use sastra::serve::{serve, ServeOptions};

#[derive(Parser)]
#[command(
    name = "sastra",
    version,
    about = "Build a bilingual Khmer/English document archive into a static site"
)]
struct Cli {
    /// The archive's root folder (holding site.toml and content/).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the archive and write the site.
    Build {
        /// Where to write the site [default: <root>/public].
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Publish at this address instead of site.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Leave the search index out. Only for measuring what the index
        /// costs (benches/run.sh): the site's search then finds nothing.
        #[arg(long, hide = true)]
        no_search_index: bool,
        /// Read the scanned pages of attached PDFs with Tesseract (Khmer and
        /// English); cached, and marked as machine-read on the page.
        #[arg(long)]
        ocr: bool,
    },
    /// Check the archive without writing anything.
    Check {
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// The language of the messages [default: the locale's (LC_ALL,
        /// LC_MESSAGES, LANG) when it is km or en, else the site's default
        /// language].
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Read the scanned pages of attached PDFs with Tesseract, into the
        /// cache that `build --ocr` reads.
        #[arg(long)]
        ocr: bool,
        /// Read only shard K of N of the attached PDFs (1 ≤ K ≤ N ≤ 256),
        /// chosen by their content, so that N machines read a large archive
        /// at once; each reports only its own PDFs. Merge their caches with
        /// `sastra cache merge` (see .github/workflows/ocr.yml).
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
    },
    /// Preview the site: build, serve on 127.0.0.1, rebuild and reload on change.
    Serve {
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Include documents marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new document with complete front matter.
    New {
        /// The section folder under content/, e.g. announcements.
        section: String,
        /// The document's title, for the language it is written in (Khmer
        /// script: km). The other languages' files get it marked `TODO`, to
        /// translate: `check` refuses them until it is.
        title: Option<String>,
        /// A title in one language, as LANG=TITLE (repeatable), e.g.
        /// --title km="សេចក្តីប្រកាស…" --title en="Announcement…".
        #[arg(long = "title", value_name = "LANG=TITLE")]
        titles: Vec<String>,
        /// YYYY-MM-DD, or YYYY-MM / YYYY when only that much is known.
        #[arg(long)]
        date: String,
        /// A document type declared in site.toml.
        #[arg(long = "type", default_value = "announcement")]
        doc_type: String,
        /// An organisation declared in site.toml.
        #[arg(long)]
        org: Option<String>,
        /// The URL slug [default: the date and the English title's first
        /// words; the date and the type for a Khmer title alone].
        #[arg(long)]
        slug: Option<String>,
        /// Languages to create, e.g. km,en [default: those of the titles given].
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// A file to copy into content/SECTION/files/ and attach (repeatable).
        /// Never overwrites a file there. A PDF's own title and dates are
        /// printed as suggestions, never written into the document.
        #[arg(long, value_name = "FILE")]
        attach: Vec<PathBuf>,
        /// The language of the attached files' content, e.g. km.
        #[arg(long, value_name = "LANG", requires = "attach")]
        attach_lang: Option<String>,
    },
    /// Create documents in bulk from a spreadsheet saved as CSV (UTF-8), one
    /// row per document. All or nothing: every row is checked as `sastra
    /// check` checks a document, every problem is reported with the CSV's
    /// line and column, and only a catalogue without errors writes anything.
    /// Nothing is ever overwritten.
    #[command(after_long_help = IMPORT_COLUMNS)]
    Import {
        /// The catalogue: a CSV file whose first line names its columns.
        catalog: PathBuf,
        /// Check the catalogue and report, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The cache of the attached PDFs' readings (.sastra-cache).
    Cache {
        #[command(subcommand)]
        command: CacheCommand,
    },
    /// Rewrite a Khmer document typed in a pre-Unicode font (Limon, ABC,
    /// Khek, Baidok) in Unicode: the body's lines and the title and summary that read as
    /// legacy text, each shown as it was and as it becomes. Addresses,
    /// acronyms and code are kept; the file is replaced only if something
    /// changed, and only inside content/.
    ConvertLegacy {
        /// The document, e.g. content/reports/2003-07-27-results.km.md.
        file: PathBuf,
        /// The font it was typed in [default: Limon or ABC, whichever reads
        /// best; Khek and Baidok only when given].
        #[arg(long, value_enum)]
        font: Option<FontArg>,
        /// Show what would change, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// The language of the messages (km or en).
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
}

#[derive(Subcommand)]
enum CacheCommand {
    /// Take the readings of other caches into the archive's cache.
    ///
    /// The caches are those of `check --ocr --shard K/N` run on other
    /// machines (see .github/workflows/ocr.yml). Only well-formed entries
    /// of plain files are taken, no link is followed, and a reading the
    /// cache already has is never replaced. The folders are only read.
    Merge {
        /// Cache folders laid out as .sastra-cache (holding attachments/).
        #[arg(required = true, value_name = "DIR")]
        from: Vec<PathBuf>,
    },
}

/// The legacy font families `convert-legacy` converts.
#[derive(Clone, Copy, ValueEnum)]
enum FontArg {
    Limon,
    Abc,
    Khek,
    Baidok,
}

impl From<FontArg> for LegacyFont {
    fn from(font: FontArg) -> LegacyFont {
        match font {
            FontArg::Limon => LegacyFont::Limon,
            FontArg::Abc => LegacyFont::Abc,
            FontArg::Khek => LegacyFont::Khek,
            FontArg::Baidok => LegacyFont::Baidok,
        }
    }
}

const IMPORT_COLUMNS: &str = "\
Columns (the first line names them, in any order; a cell left empty is a field left out):
  section            required: the folder under content/, e.g. announcements
  slug               the file name and URL [default: the date and the title's first words,
                     so give one for a Khmer title, and the same one to both language rows]
  lang               the language of this row's version [default: the site's default language]
  title              required
  date               required: YYYY-MM-DD, or YYYY-MM / YYYY when only that much is known
  type               required: a key of [types] in site.toml
  organization       a key of [organizations]
  tags               keys of [tags], separated by `;` (or `,`)
  summary, source    as in the front matter
  attachments        files to copy into content/<section>/files/ and attach, separated by `;`,
                     each a path relative to the CSV's folder, which it may not leave
  attachment_title   the attachments' titles [default: the file names]; with several files,
                     one per file separated by `;`, in the same order
  attachment_lang    the language of the files' content: one for all, or one per file
  draft, translation_draft   true or false [default: false]
  body               the document's text (Markdown)

See README.md, \"Importing a catalogue\".";

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Km,
    En,
}

/// The language messages are printed in, chosen once at start.
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// `--lang`, else the locale, else the site's default language (read
/// lightly: a site.toml with errors leaves the choice to English).
fn choose_lang(cli: &Cli) -> Lang {
    let flag = match cli.command {
        Command::Check { lang, .. } | Command::ConvertLegacy { lang, .. } => {
            lang.map(|l| match l {
                LangArg::Km => Lang::Km,
                LangArg::En => Lang::En,
            })
        }
        _ => None,
    };
    let site_default = || {
        let text = std::fs::read_to_string(cli.root.join("site.toml")).ok()?;
        let table: toml::Table = toml::from_str(&text).ok()?;
        table.get("default_language")?.as_str().map(str::to_string)
    };
    match flag {
        Some(lang) => lang,
        None => Lang::choose(None, site_default().as_deref()),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// `path:line:column: error: message`
    Human,
    /// GitHub Actions annotations.
    Github,
    /// One JSON array.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    LANG.set(choose_lang(&cli)).expect("set once");
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            no_search_index,
            ocr,
        } => {
            let options = BuildOptions {
                root: cli.root,
                output,
                base_url,
                drafts,
                progress: true,
                search_index: !no_search_index,
                offline: true,
                ocr,
            };
            run_build(&options)
        }
        Command::Check {
            format,
            strict,
            ocr,
            shard,
            ..
        } => run_check(&cli.root, format, strict, ocr, shard.as_deref()),
        Command::Serve { port, drafts } => match serve(ServeOptions {
            root: cli.root,
            port,
            drafts,
            lang: lang(),
        }) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                match e.port_in_use() {
                    Some(port) => {
                        let busy = Status::PortBusy {
                            port: port.to_string(),
                        };
                        let other = Status::OtherPort {
                            port: port.wrapping_add(1).max(1024).to_string(),
                        };
                        let (error, hint) = (Severity::Error.word(lang()), hint_word(lang()));
                        eprintln!(
                            "{error}: {}\n  {hint}: {}",
                            busy.text(lang()),
                            other.text(lang())
                        );
                    }
                    None => eprintln!("{}: {e}", Severity::Error.word(lang())),
                }
                ExitCode::FAILURE
            }
        },
        Command::New {
            section,
            title,
            titles,
            date,
            doc_type,
            org,
            slug,
            lang,
            attach,
            attach_lang,
        } => {
            let new = NewDocument {
                section,
                title,
                titles,
                date,
                doc_type,
                organization: org,
                slug,
                languages: lang,
                attachments: attach,
                attachment_lang: attach_lang,
            };
            run_new(&cli.root, &new)
        }
        Command::Import { catalog, dry_run } => run_import(&cli.root, &catalog, dry_run),
        Command::Cache {
            command: CacheCommand::Merge { from },
        } => run_cache_merge(&cli.root, &from),
        Command::ConvertLegacy {
            file,
            font,
            dry_run,
            ..
        } => run_convert_legacy(&cli.root, &file, font.map(LegacyFont::from), dry_run),
    }
}

fn run_cache_merge(root: &std::path::Path, from: &[PathBuf]) -> ExitCode {
    use sastra::attachments::{cache, merge};
    let cache = match cache::Cache::open(root) {
        Ok(Some(cache)) => cache,
        Ok(None) => {
            let path = format!("{}/{}", cache::FOLDER, cache::ENTRIES);
            print_diagnostics(
                vec![Diagnostic::error(
                    &path,
                    Message::CacheCannotMake { path: path.clone() },
                )],
                Format::Human,
            );
            return ExitCode::FAILURE;
        }
        Err(refused) => {
            print_diagnostics(
                vec![Diagnostic::error(cache::FOLDER, refused.message()).hint(refused.hint())],
                Format::Human,
            );
            return ExitCode::FAILURE;
        }
    };
    // Every folder is merged, and every problem said, before the exit.
    let mut failed = false;
    for folder in from {
        match merge::merge(&cache, folder) {
            Ok(merged) => {
                print_diagnostics(merged.warning(folder).into_iter().collect(), Format::Human);
                say(merged.status(folder));
            }
            Err(problem) => {
                print_diagnostics(vec![problem], Format::Human);
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_convert_legacy(
    root: &std::path::Path,
    file: &std::path::Path,
    font: Option<LegacyFont>,
    dry_run: bool,
) -> ExitCode {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(diagnostics) => {
            print_diagnostics(diagnostics.sorted(), Format::Human);
            return ExitCode::FAILURE;
        }
    };
    match convert_legacy::convert_file(&config, file, font, dry_run) {
        Ok(converted) => {
            let path = converted.shown;
            let Some(plan) = converted.plan else {
                tell(Status::LegacyNothing { path });
                return ExitCode::SUCCESS;
            };
            for change in &plan.changes {
                say(Status::LegacyLine {
                    path: path.clone(),
                    line: change.line,
                });
                println!("  - {}", change.old);
                println!("  + {}", change.new);
            }
            let (lines, font) = (plan.changes.len(), plan.font.name().to_string());
            tell(match converted.written {
                true => Status::LegacyConverted { path, lines, font },
                false => Status::LegacyDryRun { path, lines, font },
            });
            ExitCode::SUCCESS
        }
        Err(e) => {
            let error = match lang() {
                Lang::En => "error",
                Lang::Km => "កំហុស",
            };
            eprintln!("{error}: {}", e.message().text(lang()));
            ExitCode::FAILURE
        }
    }
}

fn run_import(root: &std::path::Path, catalog: &std::path::Path, dry_run: bool) -> ExitCode {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(diagnostics) => {
            print_diagnostics(diagnostics.sorted(), Format::Human);
            return ExitCode::FAILURE;
        }
    };
    match import::import(&config, catalog, dry_run) {
        Ok(imported) => {
            print_diagnostics(imported.warnings.sorted(), Format::Human);
            match imported.written {
                Some(written) => {
                    for path in written.attachments.iter().chain(&written.documents) {
                        let path = path.strip_prefix(root).unwrap_or(path).display();
                        say(Status::Created {
                            path: path.to_string(),
                        });
                    }
                    tell(Status::Imported {
                        documents: written.documents.len(),
                        attachments: written.attachments.len(),
                        catalog: catalog.display().to_string(),
                    });
                }
                None => tell(Status::ReadyToImport {
                    catalog: catalog.display().to_string(),
                    documents: imported.documents,
                }),
            }
            ExitCode::SUCCESS
        }
        Err(ImportError::Invalid(diagnostics)) => {
            let diagnostics = diagnostics.sorted();
            let (errors, warnings) = counts(&diagnostics);
            print_diagnostics(diagnostics, Format::Human);
            tell(Status::ImportRefused { errors, warnings });
            ExitCode::FAILURE
        }
        Err(e) => {
            complain(&e.message(), None);
            ExitCode::FAILURE
        }
    }
}

fn run_build(options: &BuildOptions) -> ExitCode {
    match build::build(options) {
        Ok(report) => {
            print_diagnostics(report.diagnostics.sorted(), Format::Human);
            tell(Status::BuiltSite {
                documents: report.documents,
                pages: report.pages,
                files: report.files,
                output: options.output_dir().display().to_string(),
                elapsed: format!("{:.2?}", report.elapsed),
            });
            ExitCode::SUCCESS
        }
        Err(BuildError::Invalid(diagnostics)) => {
            let diagnostics = diagnostics.sorted();
            let (errors, warnings) = counts(&diagnostics);
            print_diagnostics(diagnostics, Format::Human);
            tell(Status::BuildRefused { errors, warnings });
            ExitCode::FAILURE
        }
        Err(e) => {
            complain(&e.message(), e.hint().as_ref());
            tell(Status::PreviousLeft);
            ExitCode::FAILURE
        }
    }
}

fn run_check(
    root: &std::path::Path,
    format: Format,
    strict: bool,
    ocr: bool,
    shard: Option<&str>,
) -> ExitCode {
    let diagnostics = match shard.map(str::parse::<Shard>).transpose() {
        Ok(shard) => build::check_with(
            root,
            CheckOptions {
                ocr,
                shard: shard.unwrap_or_default(),
            },
        )
        .sorted(),
        // Said as the archive's problems are, in the language asked for;
        // nothing is read.
        Err(bad) => vec![Diagnostic::error("--shard", bad.message())],
    };
    let (errors, warnings) = counts(&diagnostics);
    print_diagnostics(diagnostics, format);
    if matches!(format, Format::Human) {
        eprintln!("{}", tally(errors, warnings));
    }
    if errors > 0 || (strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_new(root: &std::path::Path, new: &NewDocument) -> ExitCode {
    let config = match Config::load(root) {
        Ok(config) => config,
        Err(diagnostics) => {
            print_diagnostics(diagnostics.sorted(), Format::Human);
            return ExitCode::FAILURE;
        }
    };
    match scaffold::create(&config, new) {
        Ok(written) => {
            let shown = |path: &std::path::Path| {
                path.strip_prefix(root)
                    .unwrap_or(path)
                    .display()
                    .to_string()
            };
            for path in written.attachments.iter().chain(&written.documents) {
                say(Status::Created { path: shown(path) });
            }
            offer_metadata(&written.attachments, &new.date);
            say(Status::NextAfterNew);
            ExitCode::SUCCESS
        }
        Err(e) => {
            if let NewError::Rejected(diagnostics) = &e {
                print_diagnostics(diagnostics.clone().sorted(), Format::Human);
            }
            complain(&e.message(), e.hint().as_ref());
            ExitCode::FAILURE
        }
    }
}

/// Prints what each attached PDF says about itself, as suggestions for the
/// maintainer to check; without Poppler, says so once.
fn offer_metadata(attachments: &[PathBuf], date: &str) {
    let mut offered = false;
    for file in attachments {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        match scaffold::offer::pdf_metadata(file) {
            Ok(Some(facts)) => {
                say(Status::PdfSaysOfItself {
                    name: name.to_string(),
                    facts: scaffold::offer::said(&facts, lang()),
                });
                offered = true;
            }
            Ok(None) => {}
            Err(ToolError::Missing { tool }) => {
                warn(
                    &Message::PdfMetadataTool { tool },
                    Some(&Message::InstallPoppler),
                );
                break;
            }
            Err(e) => warn(
                &Message::PdfMetadataUnreadable {
                    name: name.to_string(),
                    detail: e.to_string(),
                },
                None,
            ),
        }
    }
    if offered {
        say(Status::PdfMetadataUnchecked {
            date: date.to_string(),
        });
    }
}

/// A problem with no file to anchor it, on stderr, in the language of the
/// messages.
fn complain(message: &Message, hint: Option<&Message>) {
    eprintln!("{}", unanchored(Severity::Error, message, hint, lang()));
}

fn warn(message: &Message, hint: Option<&Message>) {
    eprintln!("{}", unanchored(Severity::Warning, message, hint, lang()));
}

/// Errors and warnings among what is printed (duplicates already merged).
fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

fn print_diagnostics(diagnostics: Vec<Diagnostic>, format: Format) {
    let lang = lang();
    match format {
        Format::Human => {
            // One write per problem, not one per piece: a body can give
            // tens of thousands of warnings.
            use std::io::Write;
            let mut err = std::io::BufWriter::new(std::io::stderr().lock());
            for d in &diagnostics {
                let _ = writeln!(err, "{}", d.said(lang));
            }
        }
        Format::Github => diagnostics
            .iter()
            .for_each(|d| println!("{}", d.to_github_annotation(lang))),
        Format::Json => {
            let json: Vec<_> = diagnostics.iter().map(|d| d.json(lang)).collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("diagnostics serialise")
            )
        }
    }
}

/// A line on stdout, in the language of the messages.
fn say(status: Status) {
    println!("{}", status.text(lang()));
}

/// A line on stderr, in the language of the messages.
fn tell(status: Status) {
    eprintln!("{}", status.text(lang()));
}

/// "2 error(s), 1 warning(s)" in the language of the messages.
fn tally(errors: usize, warnings: usize) -> String {
    match lang() {
        Lang::En => format!("{errors} error(s), {warnings} warning(s)"),
        Lang::Km => format!(
            "កំហុស {}, ការព្រមាន {}",
            sastra::khmer::numerals::to_khmer_digits(&errors.to_string()),
            sastra::khmer::numerals::to_khmer_digits(&warnings.to_string())
        ),
    }
}
