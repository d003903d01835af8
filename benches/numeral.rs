//! Throughput of `numeral::scan` on the press-release fixtures.
use criterion::{Criterion, Throughput, black_box, criterion_group, criterion_main};
use zhclaims::numeral::scan;

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/press");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/press")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let expected = scan(&text).len();
    println!("numeral bench: {} bytes, {} matches", text.len(), expected);
    let mut g = c.benchmark_group("numeral");
    g.throughput(Throughput::BytesDecimal(text.len() as u64));
    g.bench_function("scan_press", |b| {
        b.iter(|| assert_eq!(scan(black_box(&text)).len(), EXPECTED_MATCHES))
    });
    g.finish();
}

/// Matches found in the concatenated `fixtures/press/*.txt`.
const EXPECTED_MATCHES: usize = 868;

criterion_group!(benches, bench);
criterion_main!(benches);
