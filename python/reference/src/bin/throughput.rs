//! The Rust side of the Python throughput comparison (python/README.md):
//! `Extractor::extract_many` on a batch of files, repeated, and `extract`
//! on one short text, timed in this process.
//!
//! ```text
//! cargo run --release -p zhclaims-python-reference --bin zhclaims-throughput -- COPIES ROUNDS THREADS FILE...
//! ```
//!
//! Prints one JSON line: batch bytes, seconds per round (each round is one
//! `extract_many` over COPIES copies of the files; THREADS 0 is all cores,
//! 1 is one `extract` after the other), and the time of one
//! `extract` of a short sentence. `bench/throughput.py` runs this and the
//! same calls from Python, alternating, and reports the ratio.

use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(copies), Some(rounds), Some(threads)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2).and_then(|a| a.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: zhclaims-throughput COPIES ROUNDS THREADS FILE...");
        return ExitCode::from(2);
    };
    if threads > 1 {
        eprintln!("THREADS is 0 (all cores) or 1");
        return ExitCode::from(2);
    }
    let mut texts = Vec::new();
    for path in &args[3..] {
        match std::fs::read_to_string(path) {
            Ok(t) => texts.push(t),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let batch: Vec<&str> = (0..copies)
        .flat_map(|_| texts.iter().map(String::as_str))
        .collect();
    let bytes: usize = batch.iter().map(|t| t.len()).sum();
    let ex = zhclaims::Extractor::new();
    let run = || -> usize {
        let docs = if threads == 1 {
            batch.iter().map(|t| ex.extract(t)).collect()
        } else {
            ex.extract_many(&batch)
        };
        docs.iter().map(|d| d.claims.len()).sum()
    };
    let claims = run();
    let mut seconds = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        let n = run();
        seconds.push(t.elapsed().as_secs_f64());
        assert_eq!(n, claims);
    }
    let short = "新增床位1000张。";
    let calls = 20_000;
    let t = Instant::now();
    for _ in 0..calls {
        assert_eq!(ex.extract(std::hint::black_box(short)).claims.len(), 1);
    }
    let short_us = t.elapsed().as_secs_f64() * 1e6 / calls as f64;
    let list = |v: &[f64]| {
        v.iter()
            .map(|s| format!("{s:.6}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    println!(
        "{{\"bytes\":{bytes},\"documents\":{},\"claims\":{claims},\"seconds\":[{}],\"short_extract_us\":{short_us:.3}}}",
        batch.len(),
        list(&seconds)
    );
    ExitCode::SUCCESS
}
