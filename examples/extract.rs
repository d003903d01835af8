//! Prints every claim of the given press releases as JSON lines.
//!
//! ```text
//! cargo run --release --example extract -- fixtures/press/000_7a0ee5edec9c6a4b.txt
//! ```
//!
//! With several files, each line also carries the file name (`"file"`).
//! `--doc` prints one JSON object per document instead (claims, year, region).

use std::io::Write;
use std::process::ExitCode;

use zhclaims::Extractor;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let doc_mode = args.iter().any(|a| a == "--doc");
    args.retain(|a| a != "--doc");
    if args.is_empty() {
        eprintln!("usage: extract [--doc] PATH...");
        return ExitCode::from(2);
    }
    let ex = Extractor::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut status = ExitCode::SUCCESS;
    for path in &args {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        let doc = match ex.extract_bytes(&bytes) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        let line = if doc_mode {
            serde_json::to_string(&doc)
        } else {
            let mut lines = Vec::new();
            for c in &doc.claims {
                let line = if args.len() > 1 {
                    let mut v = serde_json::to_value(c).expect("claims serialise");
                    v["file"] = serde_json::Value::String(path.clone());
                    v.to_string()
                } else {
                    serde_json::to_string(c).expect("claims serialise")
                };
                lines.push(line);
            }
            Ok(lines.join("\n"))
        };
        match line {
            Ok(l) if !l.is_empty() => {
                let _ = writeln!(out, "{l}");
            }
            Ok(_) => {}
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
    status
}
