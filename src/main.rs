//! The `sastra` command line: arguments, exit codes and printing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use sastra::build::{self, BuildError, BuildOptions};
use sastra::diagnostics::{Diagnostic, Diagnostics};

#[derive(Parser)]
#[command(name = "sastra", version, about = "Build a bilingual Khmer/English document archive into a static site")]
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
    },
    /// Check the archive without writing anything.
    Check {
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
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
    match cli.command {
        Command::Build { output, base_url, drafts } => {
            let options = BuildOptions { root: cli.root, output, base_url, drafts };
            run_build(&options)
        }
        Command::Check { format, strict } => run_check(&cli.root, format, strict),
    }
}

fn run_build(options: &BuildOptions) -> ExitCode {
    match build::build(options) {
        Ok(report) => {
            print_diagnostics(report.diagnostics.sorted(), Format::Human);
            eprintln!(
                "built {} documents into {} pages ({} files) in {} in {:.2?}",
                report.documents,
                report.pages,
                report.files,
                options.output_dir().display(),
                report.elapsed
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Invalid(diagnostics)) => {
            let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
            print_diagnostics(diagnostics.sorted(), Format::Human);
            eprintln!("build refused: {errors} error(s), {warnings} warning(s); the previous site was left as it was");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("the previous site was left as it was");
            ExitCode::FAILURE
        }
    }
}

fn run_check(root: &std::path::Path, format: Format, strict: bool) -> ExitCode {
    let diagnostics: Diagnostics = build::check(root);
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    print_diagnostics(diagnostics.sorted(), format);
    if matches!(format, Format::Human) {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    if errors > 0 || (strict && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_diagnostics(diagnostics: Vec<Diagnostic>, format: Format) {
    match format {
        Format::Human => diagnostics.iter().for_each(|d| eprintln!("{d}")),
        Format::Github => diagnostics.iter().for_each(|d| println!("{}", d.to_github_annotation())),
        Format::Json => println!("{}", serde_json::to_string_pretty(&diagnostics).expect("diagnostics serialise")),
    }
}
