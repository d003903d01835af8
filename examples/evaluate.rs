//! Score predicted claims against gold annotations, like `score.py`.
//!
//! ```text
//! cargo run --release --example evaluate -- --texts DIR --gold DIR [--pred DIR] [--json] [--show-errors N]
//! ```
//!
//! Without `--pred`, the extractor itself is run on every text first (its
//! predictions are written to a temporary folder), so
//!
//! ```text
//! cargo run --release --example evaluate -- --texts fixtures/press --gold fixtures/gold
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: evaluate --texts DIR --gold DIR [--pred DIR] [--json] [--show-errors N]";

fn main() -> ExitCode {
    let (mut texts, mut gold, mut pred) = (None, None, None);
    let mut json = false;
    let mut show_errors: i64 = 0;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next());
        match key.as_str() {
            "--texts" => texts = value().map(PathBuf::from),
            "--gold" => gold = value().map(PathBuf::from),
            "--pred" => pred = value().map(PathBuf::from),
            "--json" => json = true,
            "--show-errors" => match value().and_then(|v| v.trim().parse().ok()) {
                Some(n) => show_errors = n,
                None => {
                    eprintln!("{USAGE}\nerror: --show-errors needs an integer");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("{USAGE}\nerror: unrecognized argument: {arg}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(texts), Some(gold)) = (texts, gold) else {
        eprintln!("{USAGE}\nerror: --texts and --gold are required");
        return ExitCode::from(2);
    };
    let pred = match pred {
        Some(p) => p,
        None => match predict(&texts, &gold) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let report = match zhclaims::eval::score_dirs(&texts, &gold, &pred) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if json {
        println!("{}", report.to_json());
        return ExitCode::SUCCESS;
    }
    println!("{report}");
    for e in report.shown_errors(show_errors) {
        println!("{}", e.to_json());
    }
    ExitCode::SUCCESS
}

/// Runs the extractor on `texts/NAME.txt` for every `gold/NAME.jsonl` and
/// writes `NAME.jsonl` predictions into a fresh temporary folder.
fn predict(texts: &std::path::Path, gold: &std::path::Path) -> std::io::Result<PathBuf> {
    let out = std::env::temp_dir().join(format!("zhclaims-pred-{}", std::process::id()));
    std::fs::create_dir_all(&out)?;
    let ex = zhclaims::Extractor::new();
    for entry in std::fs::read_dir(gold)? {
        let path = entry?.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".jsonl"))
        else {
            continue;
        };
        let text = std::fs::read_to_string(texts.join(format!("{name}.txt")))?;
        let mut lines = String::new();
        for c in ex.extract(&text).claims {
            lines.push_str(&serde_json::to_string(&c).map_err(std::io::Error::other)?);
            lines.push('\n');
        }
        std::fs::write(out.join(format!("{name}.jsonl")), lines)?;
    }
    Ok(out)
}
