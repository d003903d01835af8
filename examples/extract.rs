//! Prints every claim of the given press releases as JSON lines.
//!
//! ```text
//! cargo run --release --example extract -- fixtures/press/000_7a0ee5edec9c6a4b.txt
//! ```
//!
//! With several files, each line also carries the file name (`"file"`).
//! `--doc` prints one JSON object per document instead (claims, year, region).
//! Claims are written as the extractor finds them (`Extractor::extract_each`).

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
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: invalid UTF-8 at byte {}", e.valid_up_to());
                status = ExitCode::FAILURE;
                continue;
            }
        };
        let written = if doc_mode {
            serde_json::to_writer(&mut out, &ex.extract(text))
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        } else {
            // Each claim is written as it comes: the claims of a document
            // are never all held at once.
            let mut result = Ok(());
            ex.extract_each(text, |c| {
                if result.is_err() {
                    return;
                }
                result = if args.len() > 1 {
                    serde_json::to_value(&c)
                        .map_err(std::io::Error::other)
                        .and_then(|mut v| {
                            v["file"] = serde_json::Value::String(path.clone());
                            writeln!(out, "{v}")
                        })
                } else {
                    serde_json::to_writer(&mut out, &c)
                        .map_err(std::io::Error::other)
                        .and_then(|_| writeln!(out))
                };
            });
            result
        };
        if let Err(e) = written {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    status
}
