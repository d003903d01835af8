//! Fuzzing regressions: the seeds of `fuzz/seeds/` and every input the fuzz
//! targets in `fuzz/` found to break an invariant, run through the same
//! checks as the targets (`tests/fuzz_checks/mod.rs`). See `fuzz/README.md`.

mod fuzz_checks;

use fuzz_checks::{check_extract, check_normalize, check_numeral, check_structured};

/// The three text targets' checks on one input (the `structured` target
/// reads its input as a recipe for up to a megabyte of text: its findings
/// are tested on their own).
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

#[test]
fn structured_recipes() {
    use fuzz_checks::{STRUCTURED_MAX, structured_text};
    // Byte 0: the wrapper; then (piece, reps) pairs, a piece repeated
    // 2^(reps % 17) times. Small counts keep this debug-build test quick.
    let recipes: [&[u8]; 4] = [
        &[0, 25, 3, 0, 4, 26, 2],
        &[1, 3, 5, 9, 8, 27, 4, b'a', b'b', b'c', b'd', 10, 3],
        &[2, 4, 6, 5, 6, 21, 5, 25, 0],
        &[0, 27, 6, 0xe4, 0xb8, 0x87, 0xff, 0x31, 0x25, 25, 1],
    ];
    for recipe in recipes {
        check_structured(recipe);
        assert_eq!(structured_text(recipe), structured_text(recipe));
    }
    assert!(structured_text(&[1, 25, 1]).starts_with("{\"content\":\""));
    // The largest recipe stays bounded.
    let big = structured_text(&[0, 4, 16, 4, 16, 4, 16, 4, 16, 4, 16]);
    assert!(big.len() <= STRUCTURED_MAX, "{}", big.len());
    assert!(big.len() > STRUCTURED_MAX / 2);
}

/// Found by `structured` (31 min, 2026-11-30): every timeout it saved was a
/// long run of line ends in one text (`\n`, `\r\n`, JSON `\n` escapes; this
/// recipe: 65 536 blank lines, then a claim). The time goes into
/// `extractor::sentence_bounds`, which trimmed the growing blank run again at
/// each line end; the sentence split is now one linear pass.
#[test]
fn structured_timeout_blank_line_run() {
    use fuzz_checks::structured_text;
    let recipe = [0u8, 0, 16, 25, 3];
    let text = structured_text(&recipe);
    assert!(text.starts_with("\n\n") && text.ends_with("张。"));
    check_structured(&recipe);
}
