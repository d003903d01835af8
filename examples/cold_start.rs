//! Measures the cold start of an extractor in a fresh process: building the
//! segmenter, the script converter and every embedded table, then the first
//! extraction. Run: `cargo run --release --example cold_start`.

use std::time::Instant;

fn main() {
    let t0 = Instant::now();
    let _ = zhclaims::normalize::Normalizer::default().warm_up();
    let conv = t0.elapsed();
    let ex = zhclaims::Extractor::new();
    let built = t0.elapsed();
    let doc = ex.extract("全區居民人均可支配收入32688.5元,同比增長6.2%。");
    let first = t0.elapsed();
    assert_eq!(doc.claims.len(), 2);
    println!(
        "Extractor::new(): {:.1} ms (of which the script converter {:.1} ms); first extraction done after {:.1} ms",
        built.as_secs_f64() * 1e3,
        conv.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3
    );
}
