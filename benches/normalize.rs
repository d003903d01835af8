//! Normalisation throughput on the press fixtures.
//!
//! `cargo bench --bench normalize -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhclaims::normalize::{Backend, Normalizer, normalize};

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/press");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("fixtures/press")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("read fixture"))
        })
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    // First use loads the OpenCC tables: measure it once per backend.
    for (name, backend) in [("tables", Backend::Tables), ("fmmseg", Backend::Fmmseg)] {
        let t = Instant::now();
        Normalizer::new()
            .backend(backend)
            .warm_up()
            .expect("t2s tables loaded");
        println!("{name} start-up: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    }
    #[cfg(feature = "opencc-sys")]
    {
        let t = Instant::now();
        Normalizer::new()
            .backend(Backend::OpenccSys)
            .warm_up()
            .expect("libopencc loaded");
        println!(
            "opencc-sys start-up: {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }

    let fx = fixtures();
    let all: String = fx
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let trad = fx
        .iter()
        .find(|(n, _)| n.starts_with("003"))
        .map(|(_, t)| t.clone())
        .expect("fixture 003");
    let all_len = normalize(&all).text().len();
    let trad_len = normalize(&trad).text().len();

    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::BytesDecimal(all.len() as u64));
    g.bench_function("press_all", |b| {
        b.iter(|| {
            let n = normalize(black_box(&all));
            assert_eq!(n.text().len(), all_len);
            n
        })
    });
    g.throughput(Throughput::BytesDecimal(trad.len() as u64));
    g.bench_function("press_003_traditional", |b| {
        b.iter(|| {
            let n = normalize(black_box(&trad));
            assert_eq!(n.text().len(), trad_len);
            n
        })
    });
    let backends: Vec<(&str, Backend)> = vec![
        ("tables", Backend::Tables),
        ("fmmseg", Backend::Fmmseg),
        #[cfg(feature = "opencc-sys")]
        ("opencc_sys", Backend::OpenccSys),
    ];
    for (name, backend) in backends {
        let n = Normalizer::new().backend(backend);
        let len = n.to_simplified(&trad).len();
        g.bench_function(format!("t2s_003_{name}"), |b| {
            b.iter(|| {
                let s = n.to_simplified(black_box(&trad));
                assert_eq!(s.len(), len);
                s
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
