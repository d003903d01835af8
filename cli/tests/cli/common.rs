//! Helpers shared by the command-line tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root (the library package).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ has a parent")
        .to_path_buf()
}

/// The seed press releases, sorted by name.
pub fn fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/press"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 5, "fixtures missing: {v:?}");
    v
}

/// The `zhclaims` binary, with stdin closed unless a test writes to it.
pub fn zhclaims() -> assert_cmd::Command {
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("zhclaims");
    c.write_stdin(Vec::<u8>::new());
    c
}

/// JSON lines parsed (numbers keep their exact digits).
pub fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(out)
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}
