//! Hostile input (issue 16): how extraction time grows from 1 MB to 10 MB
//! of each generated input family (`tests/hostile_inputs/mod.rs`).
//!
//! ```text
//! cargo bench --bench hostile                 # the table; fails past 12× or 10 s
//! cargo bench --bench hostile -- --only png   # one family
//! cargo bench --bench hostile -- --write DIR [BYTES]   # the inputs as files (for /usr/bin/time)
//! cargo bench --bench hostile -- --test       # quick: 10 KB and 30 KB, answers checked
//! ```
//!
//! Each timing is the best of five runs of `Extractor::extract` on one
//! core, the two sizes alternating; every run checks the claim count.

#[path = "../tests/hostile_inputs/mod.rs"]
mod hostile_inputs;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use hostile_inputs::{FAMILIES, Family};
use zhclaims::Extractor;

/// One extraction of `f` at `bytes` bytes, checked against the expected
/// claim count.
fn time_once(ex: &Extractor, f: &Family, bytes: usize) -> Duration {
    let n = f.n_for(bytes);
    let text = f.build_n(n);
    let t = Instant::now();
    let doc = ex.extract(black_box(&text));
    let el = t.elapsed();
    assert_eq!(
        doc.claims.len(),
        f.expected_claims(n),
        "{}: claims at {bytes} bytes",
        f.name
    );
    el
}

/// Best of `runs` timings at each size, the sizes alternating so that
/// both see the same machine (this VM has noisy neighbours).
fn times(ex: &Extractor, f: &Family, sizes: [usize; 2], runs: usize) -> [Duration; 2] {
    let mut best = [Duration::MAX; 2];
    for _ in 0..runs {
        for (b, &bytes) in best.iter_mut().zip(&sizes) {
            *b = (*b).min(time_once(ex, f, bytes));
        }
    }
    best
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ex = Extractor::new();
    if let Some(i) = args.iter().position(|a| a == "--write") {
        let dir = args.get(i + 1).expect("--write DIR [BYTES]");
        let bytes = args
            .get(i + 2)
            .and_then(|b| b.parse().ok())
            .unwrap_or(10_000_000);
        std::fs::create_dir_all(dir).expect("create DIR");
        for f in FAMILIES {
            let path = format!("{dir}/{}.txt", f.name);
            std::fs::write(&path, f.build(bytes)).expect("write input");
            println!("{path}");
        }
        return ExitCode::SUCCESS;
    }
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    if args.iter().any(|a| a == "--test") {
        for f in FAMILIES.iter().filter(|f| only.is_none_or(|o| o == f.name)) {
            times(&ex, f, [10_000, 30_000], 1);
        }
        println!("hostile: {} families checked", FAMILIES.len());
        return ExitCode::SUCCESS;
    }
    println!("| family | 1 MB | 10 MB | ratio | |");
    println!("|---|---|---|---|---|");
    let mut failed = false;
    for f in FAMILIES.iter().filter(|f| only.is_none_or(|o| o == f.name)) {
        let [t1, t10] = times(&ex, f, [1_000_000, 10_000_000], 5);
        let ratio = t10.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        let ok = ratio <= 12.0 && t10 < Duration::from_secs(10);
        failed |= !ok;
        println!(
            "| `{}` | {:.3} s | {:.3} s | {ratio:.1} | {} |",
            f.name,
            t1.as_secs_f64(),
            t10.as_secs_f64(),
            if ok { "ok" } else { "FAIL" }
        );
    }
    if failed {
        eprintln!("some family grows faster than linear (ratio > 12 or 10 MB ≥ 10 s)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
