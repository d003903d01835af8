//! `zhclaims`: numeric claims of Chinese government press releases, from
//! files, folders or stdin, as JSON lines, JSON, CSV or a highlighted HTML
//! page. A thin layer over the `zhclaims` library: reading, decoding,
//! formats, parallelism and progress live here; what a claim is, the
//! library decides.

mod columns;
mod evaluate;
mod extract;
mod html;
mod inputs;
mod output;
mod pipeline;
mod progress;

use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand};
use zhclaims::Extractor;
use zhclaims::decode::Encoding;

use crate::inputs::Selector;
use crate::output::Format;

/// Numeric claims (value, unit, qualifier, subject, year, byte span) from
/// Chinese government press releases, Simplified or Traditional.
///
/// Exit status: 0 when every document was read, 1 when any document
/// failed (each failure is reported on stderr with its path) or the output
/// could not be written, 2 for usage errors.
#[derive(Debug, Parser)]
#[command(
    name = "zhclaims",
    version,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the claims of files, folders or stdin.
    ///
    /// Output is in input order: the paths as given, folders depth first
    /// with entries sorted by name. Claim spans (start, end, sentence) are
    /// byte offsets into the UTF-8 text of the decoded document; each
    /// record names the encoding it was read in.
    Extract(ExtractArgs),
    /// Write an HTML page with every claim highlighted (one page per
    /// document and an index page for a folder).
    Html(HtmlArgs),
    /// Score predictions against gold annotations, like the reference
    /// `score.py` (same output).
    Eval(evaluate::EvalArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Options shared by `extract` and `html`: what to read and how.
#[derive(Debug, Args)]
struct InputArgs {
    /// Inside folders, read only files whose path (relative to the folder)
    /// matches PATTERN, e.g. '*.txt' ('*' also crosses '/'). Repeatable.
    #[arg(long = "glob", value_name = "PATTERN")]
    globs: Vec<String>,
    /// Encoding of the input: auto, utf-8, gb18030 (also gbk, gb2312), big5
    /// or utf-16. auto reads a byte-order mark, else UTF-8, else UTF-16 by
    /// its zero bytes, else GB18030 or Big5 as detected.
    #[arg(long, value_name = "NAME", default_value = "auto", value_parser = parse_encoding)]
    encoding: Encoding,
    /// The year figures are reported for when a document does not say
    /// otherwise.
    #[arg(long, value_name = "YEAR")]
    reporting_year: Option<i32>,
    /// Extra units, one per line: surface<TAB>canonical<TAB>kind.
    #[arg(long, value_name = "FILE")]
    units: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// No progress bar and no summary line (errors are still reported).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Files or folders to read; '-' or nothing reads stdin.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format: JSON lines, CSV (one row per claim) or one JSON array.
    #[arg(short, long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// One record per document, with its facts (reporting year, region, …)
    /// and its claims, instead of one per claim (jsonl and json only).
    #[arg(long)]
    doc: bool,
    /// Start CSV output with a UTF-8 byte-order mark, so that Excel reads
    /// the Chinese text right.
    #[arg(long)]
    excel: bool,
    /// Write to FILE instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Debug, Args)]
struct HtmlArgs {
    /// A file, a folder (one page per document plus index.html), or '-'
    /// for stdin.
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,
    /// The page to write (stdout when omitted), or for a folder the folder
    /// to write the pages to (required).
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    s.parse::<Encoding>().map_err(|e| e.to_string())
}

/// Exits with a usage error (status 2) in clap's format, with the usage of
/// the subcommand being run.
fn usage_error(kind: ErrorKind, message: impl std::fmt::Display) -> ! {
    let mut cmd = Cli::command();
    cmd.build();
    let sub = std::env::args().nth(1).unwrap_or_default();
    match cmd.find_subcommand_mut(&sub) {
        Some(sub) => sub.error(kind, message).exit(),
        None => cmd.error(kind, message).exit(),
    }
}

impl InputArgs {
    /// The extractor these options ask for; an unreadable or invalid units
    /// file is a usage error.
    fn extractor(&self) -> Extractor {
        let mut b = Extractor::builder();
        if let Some(y) = self.reporting_year {
            b = b.reporting_year(y);
        }
        if let Some(path) = &self.units {
            let tsv = std::fs::read_to_string(path).unwrap_or_else(|e| {
                usage_error(
                    ErrorKind::Io,
                    format!("--units {}: {}", path.display(), inputs::io_reason(&e)),
                )
            });
            b = b.user_units(&tsv).unwrap_or_else(|e| {
                usage_error(
                    ErrorKind::InvalidValue,
                    format!("--units {}: {e}", path.display()),
                )
            });
        }
        b.build()
    }

    fn selector(&self) -> Selector {
        Selector::new(&self.globs).unwrap_or_else(|e| usage_error(ErrorKind::InvalidValue, e))
    }

    fn pool(&self) -> rayon::ThreadPool {
        let jobs = self.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
            NonZeroUsize::get,
        );
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build()
            .unwrap_or_else(|e| {
                usage_error(ErrorKind::Io, format!("cannot start {jobs} threads: {e}"))
            })
    }
}

/// Stdin is read only when asked for, or when it is not a terminal.
fn check_stdin(paths: &[PathBuf]) {
    if paths.is_empty() && std::io::stdin().is_terminal() {
        usage_error(
            ErrorKind::MissingRequiredArgument,
            "no input: give files or folders, pipe text in, or use '-' to type it",
        );
    }
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        usage_error(
            ErrorKind::ArgumentConflict,
            "'-' (stdin) can be read only once",
        );
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => {
            if args.excel && args.format != Format::Csv {
                usage_error(
                    ErrorKind::ArgumentConflict,
                    "--excel applies to --format csv only",
                );
            }
            if args.doc && args.format == Format::Csv {
                usage_error(
                    ErrorKind::ArgumentConflict,
                    "--doc writes one JSON object per document: use --format jsonl or json",
                );
            }
            check_stdin(&args.paths);
            extract::run(&args)
        }
        Command::Html(args) => {
            check_stdin(args.path.as_slice());
            html::run(&args)
        }
        Command::Eval(args) => evaluate::run(&args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "zhclaims",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
