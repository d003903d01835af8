//! Fuzzing regressions: the seeds of `fuzz/seeds/` and every input the fuzz
//! targets in `fuzz/` found to break an invariant, run through the same
//! checks as the targets (`tests/fuzz_checks/mod.rs`). See `fuzz/README.md`.

mod fuzz_checks;

use fuzz_checks::{check_extract, check_normalize, check_numeral};

/// All three targets' checks on one input.
fn check_all(data: &[u8]) {
    check_extract(data);
    check_numeral(data);
    check_normalize(data);
}

#[test]
fn seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds");
    let Ok(entries) = std::fs::read_dir(dir) else {
        // `fuzz/` is excluded from the published package.
        eprintln!("note: {dir} not found; the seed check was not run");
        return;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seeds in {dir}");
    for p in &paths {
        let data = std::fs::read(p).unwrap();
        eprintln!("seed {}", p.display());
        check_all(&data);
    }
}

#[test]
fn invalid_utf8_is_rejected() {
    check_all(b"\xe6\x96\xb0\xff1000\xe5");
}
