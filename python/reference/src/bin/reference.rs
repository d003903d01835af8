//! The Rust library's output that the Python tests compare against: one
//! JSON object per file (the serde JSON of `zhclaims::Document`, exact
//! numbers), one line each, in argument order.
//!
//! ```text
//! cargo run --release -p zhclaims-python-reference --bin zhclaims-reference -- FILE...
//! ```
//!
//! A plain Rust program (it uses no Python), built apart from the wheel.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: zhclaims-reference FILE...");
        return ExitCode::from(2);
    }
    let ex = zhclaims::Extractor::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for path in &paths {
        let doc = match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| ex.extract_bytes(&b).map_err(|e| e.to_string()))
        {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let written = serde_json::to_writer(&mut out, &doc)
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out));
        if let Err(e) = written {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    match out.flush() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
