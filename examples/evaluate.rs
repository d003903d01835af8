//! Score predicted claims against gold annotations, like `score.py`.
//!
//! ```text
//! cargo run --release --example evaluate -- --texts DIR --gold DIR --pred DIR [--json] [--show-errors N]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: evaluate --texts DIR --gold DIR --pred DIR [--json] [--show-errors N]";

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
    let (Some(texts), Some(gold), Some(pred)) = (texts, gold, pred) else {
        eprintln!("{USAGE}\nerror: --texts, --gold and --pred are required");
        return ExitCode::from(2);
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
