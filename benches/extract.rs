//! Full extraction throughput (issue: speed).
//!
//! Every bench checks its answer inside the timed loop (the claim count),
//! so a broken fast path cannot look fast.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhclaims::Extractor;

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/press");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_stem().unwrap().to_string_lossy()[..3].to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn bench_extract(c: &mut Criterion) {
    let ex = Extractor::new();
    let docs = fixtures();
    let mut g = c.benchmark_group("extract");
    for (name, text) in &docs {
        let expected = ex.extract(text).claims.len();
        g.throughput(Throughput::BytesDecimal(text.len() as u64));
        g.bench_function(format!("fixture_{name}"), |b| {
            b.iter(|| assert_eq!(ex.extract(black_box(text)).claims.len(), expected))
        });
    }
    let all: String = docs
        .iter()
        .map(|d| d.1.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let expected_all = ex.extract(&all).claims.len();
    g.throughput(Throughput::BytesDecimal(all.len() as u64));
    g.bench_function("all_fixtures", |b| {
        b.iter(|| assert_eq!(ex.extract(black_box(&all)).claims.len(), expected_all))
    });
    // ~1 MB and ~10 MB: time must grow linearly with input.
    for (label, target) in [("1MB", 1usize << 20), ("10MB", 10 << 20)] {
        let reps = target / all.len() + 1;
        let big = vec![all.as_str(); reps].join("\n\n");
        let expected = ex.extract(&big).claims.len();
        assert_eq!(expected, expected_all * reps, "claims scale with the input");
        g.throughput(Throughput::BytesDecimal(big.len() as u64));
        g.sample_size(10);
        g.bench_function(format!("repeated_{label}"), |b| {
            b.iter(|| assert_eq!(ex.extract(black_box(&big)).claims.len(), expected))
        });
    }
    g.finish();
}

fn bench_batch(c: &mut Criterion) {
    let ex = Extractor::new();
    let one: Vec<String> = fixtures().into_iter().map(|d| d.1).collect();
    let docs: Vec<String> = one.iter().cycle().take(one.len() * 8).cloned().collect();
    let expected: usize = docs.iter().map(|d| ex.extract(d).claims.len()).sum();
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::BytesDecimal(bytes as u64));
    g.bench_function("sequential", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| ex.extract(black_box(d)).claims.len())
                .sum();
            assert_eq!(n, expected)
        })
    });
    g.bench_function("extract_many", |b| {
        b.iter(|| {
            let n: usize = ex
                .extract_many(black_box(&docs))
                .iter()
                .map(|d| d.claims.len())
                .sum();
            assert_eq!(n, expected)
        })
    });
    g.finish();
}

fn bench_new(c: &mut Criterion) {
    c.bench_function("extractor_new_warm", |b| {
        b.iter(|| {
            let ex = Extractor::new();
            assert_eq!(ex.extract(black_box("新增床位1000张")).claims.len(), 1)
        })
    });
}

criterion_group!(benches, bench_extract, bench_batch, bench_new);
criterion_main!(benches);
