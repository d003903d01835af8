//! Extracts the given files many times over, for profilers:
//! `cargo build --release --example profile_extract && perf record -g target/release/examples/profile_extract fixtures/press/*.txt`.

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let ex = zhclaims::Extractor::new();
    let mut n = 0;
    for _ in 0..400 {
        for t in &texts {
            n += ex.extract(t).claims.len();
        }
    }
    println!("{n} claims");
}
