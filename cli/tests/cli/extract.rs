//! `zhclaims extract` end to end: stdin, files and folders, every format,
//! encodings, bad input among good, exit codes, order, exact numbers.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::common::{fixtures, json_lines, zhclaims};
use rust_decimal::Decimal;
use serde_json::Value;
use zhclaims::{Claim, Extractor};

/// The claims the library finds in `text`, as the JSON the tool writes.
fn library_claims(text: &str) -> Vec<Value> {
    Extractor::new()
        .extract(text)
        .claims
        .iter()
        .map(|c| serde_json::to_value(c).unwrap())
        .collect()
}

/// A record without the tool's own `file` and `encoding` fields.
fn claim_part(record: &Value) -> Value {
    let mut v = record.clone();
    let m = v.as_object_mut().unwrap();
    m.remove("file");
    m.remove("encoding");
    v
}

/// A folder with the fixtures in a nested layout (and a non-text file).
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let f = fixtures();
    for (i, p) in f.iter().enumerate() {
        let sub = if i % 2 == 0 { "a" } else { "b/c" };
        let to = dir.path().join(sub).join(p.file_name().unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(p, to).unwrap();
    }
    std::fs::write(dir.path().join("b/notes.md"), "共有3个附件。").unwrap();
    dir
}

/// The files of `dir` in the tool's order: depth first, names sorted.
fn walk_order(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            out.extend(walk_order(&e));
        } else {
            out.push(e);
        }
    }
    out
}

#[test]
fn stdin_is_read_when_no_path_or_dash_is_given() {
    let text = "全區居民人均可支配收入32688.5元,同比增長6.2%。";
    for args in [&[][..], &["-"][..]] {
        let out = zhclaims()
            .arg("extract")
            .args(args)
            .write_stdin(text)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let lines = json_lines(&out);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["file"], "-");
        assert_eq!(lines[0]["encoding"], "UTF-8");
        let want = library_claims(text);
        assert_eq!(lines.iter().map(claim_part).collect::<Vec<_>>(), want);
    }
}

#[test]
fn records_are_the_library_claims_with_file_and_encoding_first() {
    let f = &fixtures()[0];
    let out = zhclaims().arg("extract").arg(f).assert().success();
    let stdout = &out.get_output().stdout;
    let text = std::fs::read_to_string(f).unwrap();
    let lines = json_lines(stdout);
    assert_eq!(
        lines.iter().map(claim_part).collect::<Vec<_>>(),
        library_claims(&text)
    );
    // Field order: file, encoding, then the claim's own order.
    let first = std::str::from_utf8(stdout).unwrap().lines().next().unwrap();
    let claim = serde_json::to_string(&Extractor::new().extract(&text).claims[0]).unwrap();
    let name = serde_json::to_string(&f.display().to_string()).unwrap();
    assert_eq!(
        first,
        format!("{{\"file\":{name},\"encoding\":\"UTF-8\",{}", &claim[1..])
    );
}

#[test]
fn folders_are_walked_in_name_order_and_globs_select() {
    let dir = corpus();
    let order = walk_order(dir.path());
    let run = |extra: &[&str]| -> Vec<Value> {
        let out = zhclaims()
            .arg("extract")
            .arg(dir.path())
            .args(extra)
            .assert()
            .success();
        json_lines(&out.get_output().stdout)
    };
    let all = run(&[]);
    // Every file's claims, in walk order, each file's in document order.
    let mut want = Vec::new();
    for p in &order {
        let text = std::fs::read_to_string(p).unwrap();
        for c in library_claims(&text) {
            want.push((p.display().to_string(), c));
        }
    }
    let got: Vec<(String, Value)> = all
        .iter()
        .map(|r| (r["file"].as_str().unwrap().to_string(), claim_part(r)))
        .collect();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "output differs from the library in walk order");
    assert!(got.iter().any(|(f, _)| f.ends_with("notes.md")));
    // --glob keeps only the matching files, at any depth.
    let txt = run(&["--glob", "*.txt"]);
    assert_eq!(txt.len(), all.len() - 1);
    assert!(
        txt.iter()
            .all(|r| r["file"].as_str().unwrap().ends_with(".txt"))
    );
}

#[test]
fn output_is_the_same_with_any_number_of_jobs() {
    let dir = corpus();
    // The fixtures many times over, so that workers finish out of order.
    for k in 0..4 {
        for f in fixtures() {
            let to = dir
                .path()
                .join(format!("rep{k:02}"))
                .join(f.file_name().unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&f, to).unwrap();
        }
    }
    let out = |jobs: &str, format: &str| {
        zhclaims()
            .args(["extract", "-q", "--jobs", jobs, "--format", format])
            .arg(dir.path())
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    for format in ["jsonl", "csv", "json"] {
        let one = out("1", format);
        assert!(!one.is_empty());
        assert_eq!(one, out("3", format), "{format}");
    }
}

#[test]
fn csv_reads_back_with_one_row_per_claim() {
    let files = fixtures();
    let out = zhclaims()
        .args(["extract", "--format", "csv"])
        .args(&files)
        .assert()
        .success();
    let bytes = out.get_output().stdout.clone();
    assert!(
        !bytes.starts_with("\u{feff}".as_bytes()),
        "BOM only with --excel"
    );
    let mut rd = csv::Reader::from_reader(&bytes[..]);
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    let claim_keys: Vec<String> = {
        // The claim's serialised keys in order, `sentence` flattened.
        let c = &Extractor::new().extract("增长6.2%。").claims[0];
        let s = serde_json::to_string(c).unwrap();
        let mut keys = Vec::new();
        let mut de = serde_json::Deserializer::from_str(&s);
        let m: serde_json::Map<String, Value> = serde::Deserialize::deserialize(&mut de).unwrap();
        // serde_json's Map is sorted: order by position in the text instead.
        let mut ks: Vec<(usize, String, &Value)> = m
            .iter()
            .map(|(k, v)| (s.find(&format!("\"{k}\":")).unwrap(), k.clone(), v))
            .collect();
        ks.sort_by_key(|(p, _, _)| *p);
        for (_, k, v) in ks {
            match v {
                Value::Object(inner) => {
                    let mut sub: Vec<(usize, &String)> = inner
                        .keys()
                        .map(|ik| (s.rfind(&format!("\"{ik}\":")).unwrap(), ik))
                        .collect();
                    sub.sort();
                    keys.extend(sub.into_iter().map(|(_, ik)| format!("{k}_{ik}")));
                }
                _ => keys.push(k),
            }
        }
        keys
    };
    let mut want_header = vec!["file".to_string(), "encoding".to_string()];
    want_header.extend(claim_keys);
    want_header.push("sentence_text".into());
    assert_eq!(header, want_header);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let mut n = 0;
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let claims: Vec<Claim> = Extractor::new().extract(&text).claims;
        let mine: Vec<&csv::StringRecord> = rows
            .iter()
            .filter(|r| r[col("file")] == f.display().to_string())
            .collect();
        assert_eq!(mine.len(), claims.len(), "{}", f.display());
        for (r, c) in mine.iter().zip(&claims) {
            assert_eq!(&r[col("text")], c.text);
            assert_eq!(&text[c.start..c.end], &r[col("text")]);
            assert_eq!(Decimal::from_str(&r[col("value")]).unwrap(), c.value);
            assert_eq!(&r[col("unit")], c.unit.as_deref().unwrap_or(""));
            assert_eq!(&r[col("subject")], c.subject.as_deref().unwrap_or(""));
            assert_eq!(
                &r[col("sentence_text")],
                &text[c.sentence.start..c.sentence.end]
            );
            assert_eq!(&r[col("encoding")], "UTF-8");
        }
        n += claims.len();
    }
    assert_eq!(rows.len(), n);

    // --excel: the same table after a UTF-8 byte-order mark.
    let excel = zhclaims()
        .args(["extract", "--format", "csv", "--excel"])
        .args(&files)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(excel, ["\u{feff}".as_bytes(), &bytes].concat());
}

#[test]
fn an_empty_run_still_has_a_header_or_an_array() {
    let csv_out = zhclaims()
        .args(["extract", "-f", "csv"])
        .write_stdin("没有数字。")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(csv_out).unwrap();
    assert!(
        text.starts_with("file,encoding,start,end,text,value,"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
    let json_out = zhclaims()
        .args(["extract", "-f", "json"])
        .write_stdin("没有数字。")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&json_out).unwrap();
    assert_eq!(v, Value::Array(vec![]));
}

#[test]
fn json_array_and_doc_records() {
    let files = fixtures();
    let arr = zhclaims()
        .args(["extract", "-f", "json"])
        .args(&files[..2])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let arr: Vec<Value> = serde_json::from_slice(&arr).unwrap();
    let lines = json_lines(
        &zhclaims()
            .arg("extract")
            .args(&files[..2])
            .assert()
            .success()
            .get_output()
            .stdout,
    );
    assert_eq!(arr, lines);

    // --doc: one record per document, with the library's document fields.
    for format in ["jsonl", "json"] {
        let out = zhclaims()
            .args(["extract", "--doc", "-f", format])
            .args(&files)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let docs: Vec<Value> = if format == "json" {
            serde_json::from_slice(&out).unwrap()
        } else {
            json_lines(&out)
        };
        assert_eq!(docs.len(), files.len());
        for (d, f) in docs.iter().zip(&files) {
            let text = std::fs::read_to_string(f).unwrap();
            let mut want = serde_json::to_value(Extractor::new().extract(&text)).unwrap();
            want["file"] = Value::String(f.display().to_string());
            want["encoding"] = Value::String("UTF-8".into());
            assert_eq!(d, &want);
        }
        let first = std::str::from_utf8(&out).unwrap();
        assert!(
            first
                .trim_start_matches(['[', '\n'])
                .starts_with("{\"file\":"),
            "{}",
            &first[..40]
        );
    }
}

#[test]
fn values_keep_28_significant_digits_in_every_format() {
    let text = "资金1234567890123456789.012345678元，另有0.1234567890123456789012345678元，\
                共计7922816251426433759354395033元，约12345678.123456789亿元。";
    let want = [
        "1234567890123456789.012345678",
        "0.1234567890123456789012345678",
        "7922816251426433759354395033",
        "1234567812345678.9",
    ];
    let run = |args: &[&str]| {
        zhclaims()
            .arg("extract")
            .args(args)
            .write_stdin(text)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let check = |values: Vec<String>, how: &str| {
        assert_eq!(values, want, "{how}");
        for (v, w) in values.iter().zip(want) {
            assert_eq!(Decimal::from_str(v).unwrap(), Decimal::from_str(w).unwrap());
        }
    };
    let number = |v: &Value| match v {
        Value::Number(n) => n.to_string(),
        other => panic!("not a number: {other}"),
    };
    check(
        json_lines(&run(&[]))
            .iter()
            .map(|r| number(&r["value"]))
            .collect(),
        "jsonl",
    );
    let arr: Vec<Value> = serde_json::from_slice(&run(&["-f", "json"])).unwrap();
    check(arr.iter().map(|r| number(&r["value"])).collect(), "json");
    let doc = &json_lines(&run(&["--doc"]))[0];
    check(
        doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| number(&c["value"]))
            .collect(),
        "doc",
    );
    // The JSON text itself carries the digits (not only our parser).
    let raw = String::from_utf8(run(&[])).unwrap();
    for w in want {
        assert!(raw.contains(&format!("\"value\":{w},")), "{w} in {raw}");
    }
    let csv_out = run(&["-f", "csv"]);
    let mut rd = csv::Reader::from_reader(&csv_out[..]);
    let at = rd
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "value")
        .unwrap();
    check(
        rd.records().map(|r| r.unwrap()[at].to_string()).collect(),
        "csv",
    );
}

#[test]
fn gbk_and_big5_files_are_detected_and_spans_refer_to_the_decoded_text() {
    let dir = tempfile::tempdir().unwrap();
    let simplified = "常州市新增床位1000张，计划投资22.86亿元，同比增长6.2%。";
    let traditional = "全區居民人均可支配收入32688.5元，同比增長6.2%，為3195戶發放補貼2.5萬元。";
    let (gbk, _, bad) = encoding_rs::GBK.encode(simplified);
    assert!(!bad);
    let (big5, _, bad) = encoding_rs::BIG5.encode(traditional);
    assert!(!bad);
    std::fs::write(dir.path().join("gbk.txt"), &gbk).unwrap();
    std::fs::write(dir.path().join("big5.txt"), &big5).unwrap();
    let out = zhclaims()
        .arg("extract")
        .arg(dir.path().join("gbk.txt"))
        .arg(dir.path().join("big5.txt"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    for (name, text, enc) in [
        ("gbk.txt", simplified, "GB18030"),
        ("big5.txt", traditional, "Big5"),
    ] {
        let mine: Vec<&Value> = lines
            .iter()
            .filter(|r| r["file"].as_str().unwrap().ends_with(name))
            .collect();
        assert_eq!(
            mine.iter().map(|r| claim_part(r)).collect::<Vec<_>>(),
            library_claims(text),
            "{name}"
        );
        for r in mine {
            assert_eq!(r["encoding"], enc);
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..e], r["text"].as_str().unwrap());
        }
    }
    // Named encodings: the right one reads, the wrong one fails with the offset.
    zhclaims()
        .args(["extract", "-q", "--encoding", "gbk"])
        .arg(dir.path().join("gbk.txt"))
        .assert()
        .success();
    let failed = zhclaims()
        .args(["extract", "--encoding", "utf-8"])
        .arg(dir.path().join("gbk.txt"))
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&failed.get_output().stderr).to_string();
    assert!(
        err.contains("gbk.txt: input is not valid UTF-8 at byte 0"),
        "{err}"
    );
}

#[test]
fn bad_files_are_reported_counted_and_the_rest_is_written() {
    let dir = corpus();
    let d = dir.path();
    let good: usize = walk_order(d)
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| library_claims(&t).len())
        .sum();
    std::fs::write(d.join("a/0_binary.pdf"), b"%PDF-1.4\n\x00\x01\x02\xff").unwrap();
    std::fs::write(
        d.join("a/1_bad.txt"),
        b"\xe6\x96\xb0\xe5\xa2\x9e 1000\xff\xfe\xfd\xfc",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("gone.txt"), d.join("a/2_dangling.txt")).unwrap();
    let out = zhclaims()
        .arg("extract")
        .arg(d)
        .arg(d.join("missing.txt"))
        .assert()
        .code(1);
    let o = out.get_output();
    assert_eq!(
        json_lines(&o.stdout).len(),
        good,
        "every good document is written"
    );
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    let failed = if cfg!(unix) { 4 } else { 3 };
    for want in [
        "0_binary.pdf: binary file (NUL byte at 9)".to_string(),
        "1_bad.txt: input is not valid".to_string(),
        format!("{}: cannot read", d.join("missing.txt").display()),
    ] {
        assert!(err.contains(&want), "{want:?} not in {err}");
    }
    #[cfg(unix)]
    assert!(err.contains("2_dangling.txt: cannot read"), "{err}");
    assert!(err.contains(&format!(", {failed} failed,")), "{err}");
    // Failures come in input order, before the summary.
    let pos = |s: &str| err.find(s).unwrap();
    assert!(pos("0_binary") < pos("1_bad") && pos("1_bad") < pos("missing.txt"));
    assert!(pos("missing.txt") < pos(" failed, "));
}

#[test]
fn exit_codes() {
    let f = &fixtures()[0];
    zhclaims().arg("extract").arg(f).assert().code(0);
    zhclaims()
        .args(["extract", "/no/such/file"])
        .assert()
        .code(1);
    for bad in [
        &["extract", "--no-such-flag"][..],
        &["extract", "--encoding", "latin1", "x"],
        &["extract", "--format", "xml", "x"],
        &["extract", "--excel", "x"],
        &["extract", "--doc", "-f", "csv", "x"],
        &["extract", "--jobs", "0", "x"],
        &["extract", "--glob", "a[", "x"],
        &["extract", "--units", "/no/such/units.tsv", "x"],
        &["extract", "-", "-"],
        &["html", "fixtures/press", "--glob", "*.txt"],
        &["eval", "--texts", "x"],
        &["frobnicate"],
        &[],
    ] {
        let out = zhclaims()
            .current_dir(crate::common::root())
            .args(bad)
            .assert()
            .code(2);
        let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(
            err.contains("Usage:") || err.contains("error:"),
            "{bad:?}: {err}"
        );
    }
    zhclaims().arg("--help").assert().code(0);
    zhclaims()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("zhclaims {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn output_file_quiet_and_piped_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("claims.jsonl");
    let f = &fixtures()[1];
    let run = zhclaims()
        .arg("extract")
        .arg(f)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(run.get_output().stdout.is_empty());
    // Piped stderr: no progress bar, one summary line.
    let err = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    let n = json_lines(&std::fs::read(&out).unwrap()).len();
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(
        err.starts_with(&format!("zhclaims: 1 document, {n} claims, 0 failed, ")),
        "{err}"
    );
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    // --quiet: nothing at all on success.
    zhclaims()
        .args(["extract", "-q"])
        .arg(f)
        .assert()
        .success()
        .stderr("");
    // An output that cannot be created is an error, not a silent loss.
    let out = zhclaims()
        .arg("extract")
        .arg(f)
        .args(["-o", "/no/such/dir/out.jsonl"])
        .assert()
        .code(1);
    assert!(stderr(&out).contains("cannot write /no/such/dir/out.jsonl"));
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

#[test]
fn reporting_year_and_user_units_reach_the_extractor() {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.tsv");
    std::fs::write(&units, "# my units\n标准箱\t标箱\tcount\n").unwrap();
    let text = "集装箱吞吐量120万标准箱。";
    let out = zhclaims()
        .args(["extract", "--reporting-year", "2019", "--units"])
        .arg(&units)
        .write_stdin(text)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let ex = Extractor::builder()
        .reporting_year(2019)
        .user_units("标准箱\t标箱\tcount")
        .unwrap()
        .build();
    let want: Vec<Value> = ex
        .extract(text)
        .claims
        .iter()
        .map(|c| serde_json::to_value(c).unwrap())
        .collect();
    let got: Vec<Value> = json_lines(&out).iter().map(claim_part).collect();
    assert_eq!(got, want);
    assert_eq!(got[0]["unit"], "标箱");
    assert_eq!(got[0]["year"], 2019);
    std::fs::write(&units, "标准箱\t标箱\tweird\n").unwrap();
    let out = zhclaims()
        .args(["extract", "--units"])
        .arg(&units)
        .write_stdin(text)
        .assert()
        .code(2);
    assert!(
        stderr(&out).contains("line 1: unknown unit kind"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn completions_are_printed() {
    for shell in ["bash", "zsh", "fish"] {
        let out = zhclaims().args(["completions", shell]).assert().success();
        let s = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        assert!(
            s.contains("zhclaims") && s.contains("reporting-year"),
            "{shell}"
        );
    }
}

#[test]
fn the_output_file_inside_the_folder_is_not_read_back() {
    let dir = corpus();
    let out = dir.path().join("claims.jsonl");
    let run = || {
        zhclaims()
            .args(["extract", "-q"])
            .arg(dir.path())
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        std::fs::read(&out).unwrap()
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(run(), first, "a second run read the first run's output");
    assert!(
        json_lines(&first)
            .iter()
            .all(|r| !r["file"].as_str().unwrap().ends_with("claims.jsonl"))
    );
}
