//! Extracts the given files many times over, for profilers:
//! `cargo build --release --example profile_extract && perf record -g target/release/examples/profile_extract fixtures/press/*.txt`.
//! `ITERATIONS=5 valgrind --tool=cachegrind --cache-sim=no …` counts
//! instructions, a steadier measure than time on a shared machine.

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let ex = zhclaims::Extractor::new();
    let iterations: usize = std::env::var("ITERATIONS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    let mut n = 0;
    for _ in 0..iterations {
        for t in &texts {
            n += ex.extract(t).claims.len();
        }
    }
    println!("{n} claims");
}
