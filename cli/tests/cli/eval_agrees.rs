//! `zhclaims eval` prints exactly what the reference scorer prints
//! (`tests/data/score.py`, a copy of `../shared/score.py`) on the same
//! texts, gold and predictions: the table, `--json`, and `--show-errors`.
//! Needs `python3`; without it the test says SKIP on stderr and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{root, zhclaims};
use serde_json::Value;

fn python3() -> Option<PathBuf> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("python3"))
}

/// Writes predictions for every `NAME.jsonl` of `gold`: the tool's own
/// claims for `texts/NAME.txt`, changed by `edit`. Keys are written in
/// sorted order (the reference and the port differ only in the key order
/// they report spurious predictions in; see `zhclaims::eval`).
fn predictions(texts: &Path, gold: &Path, dir: &Path, edit: impl Fn(usize, &str, &mut Vec<Value>)) {
    std::fs::create_dir_all(dir).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(gold)
        .unwrap()
        .filter_map(|e| {
            let n = e.unwrap().file_name().into_string().unwrap();
            n.strip_suffix(".jsonl").map(String::from)
        })
        .collect();
    names.sort();
    // One run over all texts; records name their file.
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|n| texts.join(format!("{n}.txt")))
        .collect();
    let out = zhclaims()
        .args(["extract", "-q"])
        .args(&paths)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records = crate::common::json_lines(&out);
    for (k, (name, path)) in names.iter().zip(&paths).enumerate() {
        let file = path.display().to_string();
        let mut lines: Vec<Value> = records
            .iter()
            .filter(|r| r["file"] == file.as_str())
            .cloned()
            .collect();
        let text = std::fs::read_to_string(path).unwrap();
        edit(k, &text, &mut lines);
        let body: String = lines.iter().map(|v| format!("{v}\n")).collect();
        std::fs::write(dir.join(format!("{name}.jsonl")), body).unwrap();
    }
}

/// Some mistakes of every kind: missed claims, wrong fields, a spurious one.
fn spoil(doc: usize, text: &str, claims: &mut Vec<Value>) {
    let n = claims.len();
    for (i, c) in claims.iter_mut().enumerate() {
        match (i + doc) % 11 {
            3 => c["unit"] = Value::String("个".into()),
            5 => c["year"] = Value::from(1999),
            7 => c["subject"] = Value::String("某某".into()),
            9 => c["value"] = serde_json::from_str("3.5").unwrap(),
            _ => {}
        }
    }
    let mut k = 0;
    claims.retain(|_| {
        k += 1;
        k % 13 != 0
    });
    if n > 2 {
        let mut extra = claims[0].clone();
        // The first char of the text: no claim is there.
        extra["start"] = Value::from(0);
        extra["end"] = Value::from(text.chars().next().map_or(0, char::len_utf8));
        claims.push(extra);
    }
}

fn run_python(py: &Path, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = Command::new(py)
        .arg(root().join("tests/data/score.py"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn agree(py: &Path, texts: &Path, gold: &Path, what: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let exact = tmp.path().join("exact");
    let spoilt = tmp.path().join("spoilt");
    predictions(texts, gold, &exact, |_, _, _| {});
    predictions(texts, gold, &spoilt, spoil);
    let mut compared = 0;
    // The table comes with every --show-errors output.
    let runs: [(&PathBuf, &[&str]); 4] = [
        (&exact, &["--json"]),
        (&exact, &["--show-errors", "25"]),
        (&spoilt, &["--json"]),
        (&spoilt, &["--show-errors", "-3"]),
    ];
    for (pred, extra) in runs {
        {
            let mut args: Vec<&std::ffi::OsStr> = vec![
                "--texts".as_ref(),
                texts.as_os_str(),
                "--gold".as_ref(),
                gold.as_os_str(),
                "--pred".as_ref(),
                pred.as_os_str(),
            ];
            args.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
            let want = run_python(py, &args);
            let got = zhclaims()
                .arg("eval")
                .args(&args)
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            assert!(
                got == want,
                "{what}, {} {extra:?}: zhclaims eval\n{}\nscore.py\n{}",
                pred.display(),
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want)
            );
            compared += 1;
        }
    }
    // Without --pred the tool scores its own claims: the same as scoring
    // the predictions `zhclaims extract` wrote.
    for extra in [&[][..], &["--json"]] {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "--texts".as_ref(),
            texts.as_os_str(),
            "--gold".as_ref(),
            gold.as_os_str(),
        ];
        args.extend(extra.iter().map(|s| std::ffi::OsStr::new(*s)));
        let got = zhclaims()
            .arg("eval")
            .args(&args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        args.extend(["--pred".as_ref(), exact.as_os_str()]);
        let want = run_python(py, &args);
        assert!(
            got == want,
            "{what}, own claims {extra:?}:\n{}\nscore.py\n{}",
            String::from_utf8_lossy(&got),
            String::from_utf8_lossy(&want)
        );
        compared += 1;
    }
    eprintln!("{what}: {compared} outputs identical to score.py");
}

#[test]
fn eval_prints_what_score_py_prints_on_the_fixtures() {
    let Some(py) = python3() else {
        eprintln!("SKIP eval_agrees: python3 not found, zhclaims eval not compared with score.py");
        return;
    };
    let r = root();
    agree(
        &py,
        &r.join("fixtures/press"),
        &r.join("fixtures/gold"),
        "fixtures",
    );
}

#[test]
fn eval_prints_what_score_py_prints_on_the_corpus() {
    let Some(py) = python3() else {
        eprintln!("SKIP eval_agrees: python3 not found, zhclaims eval not compared with score.py");
        return;
    };
    let shared = root().join("../shared");
    let (texts, gold) = (shared.join("corpus"), shared.join("corpus-gold"));
    if !texts.is_dir() || !gold.is_dir() {
        eprintln!(
            "SKIP eval_agrees on the corpus: {} or {} is missing",
            texts.display(),
            gold.display()
        );
        return;
    }
    // Texts with `\r\n` are read differently by the copy of score.py here
    // (universal newlines) and the newest one in ../shared (bytes as
    // they are): compare on copies with `\n` line ends, which both read
    // alike. The copies live in a temporary folder only.
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(&texts).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let t = std::fs::read_to_string(&p).unwrap().replace("\r\n", "\n");
            std::fs::write(tmp.path().join(p.file_name().unwrap()), t).unwrap();
        }
    }
    agree(&py, tmp.path(), &gold, "corpus");
}

#[test]
fn eval_errors_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.jsonl"), "{not json\n").unwrap();
    let out = zhclaims()
        .arg("eval")
        .arg("--texts")
        .arg(tmp.path())
        .arg("--gold")
        .arg(tmp.path())
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.starts_with("zhclaims: "), "{err}");
}
