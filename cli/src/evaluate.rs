//! `zhclaims eval`: the library's port of the reference scorer `score.py`,
//! with the same options and the same output. Without `--pred`, the
//! extractor is run on every text first.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use rayon::prelude::*;
use zhclaims::Extractor;
use zhclaims::eval::{self, score_dirs};

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder of texts, NAME.txt.
    #[arg(long, value_name = "DIR")]
    texts: PathBuf,
    /// Folder of gold annotations, NAME.jsonl (one document per file).
    #[arg(long, value_name = "DIR")]
    gold: PathBuf,
    /// Folder of predictions, NAME.jsonl; without it, zhclaims' own claims
    /// are scored.
    #[arg(long, value_name = "DIR")]
    pred: Option<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Print the first N mistakes as JSON lines (a negative N drops the
    /// last -N, as in Python).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        allow_negative_numbers = true
    )]
    show_errors: i64,
}

/// Writes the extractor's claims for every gold document into `dir`, one
/// `NAME.jsonl` each, reading the texts as the scorer reads them.
fn predict(texts: &Path, gold: &Path, dir: &Path) -> Result<(), String> {
    let listing = std::fs::read_dir(gold).map_err(|e| format!("{}: {e}", gold.display()))?;
    let mut names = Vec::new();
    for entry in listing {
        let entry = entry.map_err(|e| format!("{}: {e}", gold.display()))?;
        if let Some(name) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.strip_suffix(".jsonl"))
        {
            names.push(name.to_string());
        }
    }
    let ex = Extractor::new();
    names.par_iter().try_for_each(|name| {
        // A missing or unreadable text is left for the scorer to report.
        let Ok(text) = eval::read_text(&texts.join(format!("{name}.txt"))) else {
            return Ok(());
        };
        let mut lines = Vec::new();
        for c in ex.extract(&text).claims {
            serde_json::to_writer(&mut lines, &c).map_err(|e| e.to_string())?;
            lines.push(b'\n');
        }
        let path = dir.join(format!("{name}.jsonl"));
        std::fs::write(&path, lines).map_err(|e| format!("{}: {e}", path.display()))
    })
}

pub fn run(args: &EvalArgs) -> ExitCode {
    let tmp;
    let pred = match &args.pred {
        Some(p) => p.as_path(),
        None => {
            tmp = match tempfile::tempdir() {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("zhclaims: cannot make a temporary folder: {e}");
                    return ExitCode::FAILURE;
                }
            };
            if let Err(e) = predict(&args.texts, &args.gold, tmp.path()) {
                eprintln!("zhclaims: {e}");
                return ExitCode::FAILURE;
            }
            tmp.path()
        }
    };
    let report = match score_dirs(&args.texts, &args.gold, pred) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("zhclaims: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        writeln!(out, "{}", report.to_json())
    } else {
        writeln!(out, "{report}").and_then(|()| {
            report
                .shown_errors(args.show_errors)
                .iter()
                .try_for_each(|e| writeln!(out, "{}", e.to_json()))
        })
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhclaims: cannot write stdout: {e}");
            ExitCode::FAILURE
        }
    }
}
