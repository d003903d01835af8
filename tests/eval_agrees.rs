//! Agreement test: the Rust scorer (`zhclaims::eval`) must give exactly the
//! numbers, the table and the error list of the reference `score.py`
//! (a copy is committed at `tests/data/score.py`) on many prediction sets
//! derived from the fixtures. Needs `python3` on PATH; fails loudly without.

use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use zhclaims::eval::{Report, score_dirs};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One fixture document.
struct Doc {
    name: String,
    text: String,
    /// Gold lines with their byte spans.
    gold: Vec<(Map<String, Value>, usize, usize)>,
}

fn load_fixtures() -> Vec<Doc> {
    let gold_dir = Path::new(ROOT).join("fixtures/gold");
    let mut names: Vec<String> = fs::read_dir(&gold_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|f| f.strip_suffix(".jsonl").map(String::from))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures in {}", gold_dir.display());
    names
        .into_iter()
        .map(|name| {
            let text =
                fs::read_to_string(Path::new(ROOT).join(format!("fixtures/press/{name}.txt")))
                    .unwrap();
            let gold = fs::read_to_string(gold_dir.join(format!("{name}.jsonl")))
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    let Value::Object(m) = serde_json::from_str::<Value>(l).unwrap() else {
                        panic!("gold line")
                    };
                    let ctx = m["context"].as_str().unwrap();
                    let surf = m["text"].as_str().unwrap();
                    let start = text.find(ctx).unwrap() + ctx.find(surf).unwrap();
                    let end = start + surf.len();
                    (m, start, end)
                })
                .collect();
            Doc { name, text, gold }
        })
        .collect()
}

/// Deterministic xorshift generator.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn next_boundary(text: &str, b: usize) -> usize {
    text[b..].chars().next().map_or(b, |c| b + c.len_utf8())
}
fn prev_boundary(text: &str, b: usize) -> usize {
    text[..b]
        .chars()
        .next_back()
        .map_or(b, |c| b - c.len_utf8())
}

/// The gold claim as a prediction with every field (a list of subjects
/// becomes its first phrasing: the reference cannot read a list there).
fn as_pred(g: &Map<String, Value>, start: usize, end: usize) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("start".into(), start.into());
    p.insert("end".into(), end.into());
    for k in ["value", "value_max", "unit", "qualifier", "subject", "year"] {
        if let Some(v) = g.get(k) {
            p.insert(k.into(), v.clone());
        }
    }
    if let Some(Value::Array(a)) = g.get("subject") {
        p.insert("subject".into(), a.first().cloned().unwrap_or(Value::Null));
    }
    p
}

/// A prediction set: per document, `None` for a missing file.
type PredSet = BTreeMap<String, Option<Vec<Value>>>;

/// Build a set by mapping each gold claim (index, claim, doc) to predictions.
fn per_claim(
    docs: &[Doc],
    mut f: impl FnMut(usize, &Map<String, Value>, &Doc, usize, usize) -> Vec<Map<String, Value>>,
) -> PredSet {
    let mut k = 0;
    docs.iter()
        .map(|d| {
            let mut preds = Vec::new();
            for (g, s, e) in &d.gold {
                preds.extend(f(k, g, d, *s, *e).into_iter().map(Value::Object));
                k += 1;
            }
            (d.name.clone(), Some(preds))
        })
        .collect()
}

fn first_subject(g: &Map<String, Value>) -> Option<String> {
    match g.get("subject") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(a)) => a.first().and_then(|v| v.as_str()).map(String::from),
        _ => None,
    }
}

fn traditional(s: &str) -> String {
    let pairs = [
        ('务', '務'),
        ('业', '業'),
        ('数', '數'),
        ('发', '發'),
        ('医', '醫'),
        ('疗', '療'),
        ('养', '養'),
        ('区', '區'),
        ('个', '個'),
        ('员', '員'),
        ('额', '額'),
        ('项', '項'),
        ('资', '資'),
        ('设', '設'),
        ('镇', '鎮'),
        ('农', '農'),
        ('卫', '衛'),
        ('护', '護'),
        ('儿', '兒'),
        ('学', '學'),
        ('费', '費'),
        ('网', '網'),
        ('点', '點'),
        ('产', '產'),
    ];
    s.chars()
        .map(|c| pairs.iter().find(|p| p.0 == c).map_or(c, |p| p.1))
        .collect()
}

fn scale(v: &Value, factor: f64) -> Value {
    match v.as_f64() {
        Some(f) => json!(f * factor),
        None => v.clone(),
    }
}

/// Random spans of 1–6 chars anywhere in the text.
fn random_spans(d: &Doc, rng: &mut Rng, n: usize) -> Vec<(usize, usize)> {
    let bounds: Vec<usize> = d
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain([d.text.len()])
        .collect();
    (0..n)
        .map(|_| {
            let a = rng.below(bounds.len() - 1);
            let b = (a + 1 + rng.below(6)).min(bounds.len() - 1);
            (bounds[a], bounds[b])
        })
        .collect()
}

fn build_sets(docs: &[Doc]) -> Vec<(String, PredSet)> {
    let mut sets: Vec<(String, PredSet)> = Vec::new();
    let mut add = |name: &str, s: PredSet| sets.push((name.to_string(), s));

    add(
        "gold",
        per_claim(docs, |_, g, _, s, e| vec![as_pred(g, s, e)]),
    );
    add(
        "empty",
        docs.iter()
            .map(|d| (d.name.clone(), Some(vec![])))
            .collect(),
    );
    add(
        "no files",
        docs.iter().map(|d| (d.name.clone(), None)).collect(),
    );
    let mut some_missing = per_claim(docs, |_, g, _, s, e| vec![as_pred(g, s, e)]);
    if let Some(first) = some_missing.values_mut().next() {
        *first = None;
    }
    add("one file missing", some_missing);
    for k in [2, 3, 5, 7] {
        add(
            &format!("drop every {k}th"),
            per_claim(docs, |i, g, _, s, e| {
                if i % k == 0 {
                    vec![]
                } else {
                    vec![as_pred(g, s, e)]
                }
            }),
        );
    }
    add(
        "shift right one char",
        per_claim(docs, |_, g, d, s, e| {
            vec![as_pred(
                g,
                next_boundary(&d.text, s),
                next_boundary(&d.text, e),
            )]
        }),
    );
    add(
        "shift left one char",
        per_claim(docs, |_, g, d, s, e| {
            vec![as_pred(
                g,
                prev_boundary(&d.text, s),
                prev_boundary(&d.text, e),
            )]
        }),
    );
    add(
        "shrink to first char",
        per_claim(docs, |_, g, d, s, _| {
            vec![as_pred(g, s, next_boundary(&d.text, s))]
        }),
    );
    add(
        "widen to context",
        per_claim(docs, |_, g, d, _, _| {
            let ctx = g["context"].as_str().unwrap();
            let c = d.text.find(ctx).unwrap();
            vec![as_pred(g, c, c + ctx.len())]
        }),
    );
    add(
        "widen every other to context",
        per_claim(docs, |i, g, d, s, e| {
            let ctx = g["context"].as_str().unwrap();
            let c = d.text.find(ctx).unwrap();
            if i % 2 == 0 {
                vec![as_pred(g, c, c + ctx.len())]
            } else {
                vec![as_pred(g, s, e)]
            }
        }),
    );
    for (label, factor) in [
        ("1e-12", 1.0 + 1e-12),
        ("1e-9", 1.0 + 1e-9),
        ("1e-8", 1.0 + 1e-8),
        ("1%", 1.01),
    ] {
        add(
            &format!("values off by {label}"),
            per_claim(docs, |i, g, _, s, e| {
                let mut p = as_pred(g, s, e);
                let key = if i % 3 == 2 { "value_max" } else { "value" };
                if let Some(v) = p.get(key).cloned() {
                    p.insert(key.into(), scale(&v, factor));
                }
                vec![p]
            }),
        );
    }
    add(
        "values as strings, nulls, bools",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            let v = p.get("value").cloned().unwrap_or(Value::Null);
            let nv = match i % 6 {
                0 => Value::String(v.to_string()),
                1 => Value::Null,
                2 => json!(format!(" {} ", v)),
                3 => json!(true),
                4 => json!("约"),
                _ => json!([v]),
            };
            p.insert("value".into(), nv);
            if i % 4 == 0 {
                p.remove("value_max");
            } else if i % 4 == 1 {
                p.insert("value_max".into(), json!(0));
            }
            vec![p]
        }),
    );
    add(
        "wrong units",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            match i % 5 {
                0 => {
                    p.insert("unit".into(), json!("个"));
                }
                1 => {
                    p.insert("unit".into(), json!(""));
                }
                2 => {
                    p.remove("unit");
                }
                3 => {
                    p.insert("unit".into(), json!(0));
                }
                _ => {}
            }
            vec![p]
        }),
    );
    add(
        "qualifiers",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            match i % 4 {
                0 => {
                    p.insert("qualifier".into(), json!("approx"));
                }
                1 => {
                    p.insert("qualifier".into(), json!(""));
                }
                2 => {
                    p.insert("qualifier".into(), json!(null));
                    p.insert("year".into(), json!(1999));
                }
                _ => {}
            }
            vec![p]
        }),
    );
    add(
        "traditional subjects",
        per_claim(docs, |_, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            if let Some(sub) = first_subject(g) {
                p.insert("subject".into(), json!(traditional(&sub)));
            }
            vec![p]
        }),
    );
    add(
        "punctuated subjects",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            if let Some(sub) = first_subject(g) {
                let chars: Vec<String> = sub.chars().map(String::from).collect();
                let sep = ["·", " ", "\u{3000}", "、", "-", "（）"][i % 6];
                let wrapped = match i % 3 {
                    0 => format!("“{}”", chars.join(sep)),
                    1 => format!("{}。\t", chars.join(sep)),
                    _ => format!("\u{FF08}{}\u{FF09}", sub),
                };
                p.insert("subject".into(), json!(wrapped));
            }
            vec![p]
        }),
    );
    add(
        "long subjects",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            if let Some(sub) = first_subject(g) {
                let n = sub.chars().count();
                // 2n+4 chars (allowed), 2n+5 (too long), a prefix, a 1-char piece.
                let long = match i % 4 {
                    0 => format!("{}{}", "全".repeat(n + 4), sub),
                    1 => format!("{}{}", sub, "的".repeat(n + 5)),
                    2 => format!("今年新增{sub}"),
                    _ => sub.chars().last().unwrap().to_string(),
                };
                p.insert("subject".into(), json!(long));
            }
            vec![p]
        }),
    );
    add(
        "partial subjects",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            if let Some(sub) = first_subject(g) {
                let chars: Vec<char> = sub.chars().collect();
                let cut = (i % chars.len().max(1)).max(1);
                let part: String = if i % 2 == 0 {
                    chars[..cut].iter().collect()
                } else {
                    chars[cut..].iter().collect()
                };
                p.insert("subject".into(), json!(part));
            }
            vec![p]
        }),
    );
    add(
        "null subjects",
        per_claim(docs, |_, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            p.insert("subject".into(), Value::Null);
            vec![p]
        }),
    );
    add(
        "years",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            let y = p.get("year").cloned().unwrap_or(Value::Null);
            let ny = match i % 6 {
                0 => y.as_i64().map_or(json!(2000), |y| json!(y + 1)),
                1 => y.as_i64().map_or(json!(null), |y| json!(y as f64)),
                2 => json!(y.to_string()),
                3 => Value::Null,
                4 => {
                    p.remove("year");
                    return vec![p];
                }
                _ => y,
            };
            p.insert("year".into(), ny);
            vec![p]
        }),
    );
    add(
        "duplicates",
        per_claim(docs, |i, g, _, s, e| {
            let p = as_pred(g, s, e);
            if i % 2 == 0 {
                vec![p.clone(), p]
            } else {
                vec![p]
            }
        }),
    );
    add(
        "duplicates shifted",
        per_claim(docs, |_, g, d, s, e| {
            vec![as_pred(g, s, e), as_pred(g, next_boundary(&d.text, s), e)]
        }),
    );
    add(
        "offsets as floats and strings, extra fields",
        per_claim(docs, |i, g, _, s, e| {
            let mut p = as_pred(g, s, e);
            p.insert(
                "start".into(),
                if i % 2 == 0 {
                    json!(s as f64)
                } else {
                    json!(s.to_string())
                },
            );
            p.insert("confidence".into(), json!(0.25 + (i % 3) as f64 * 0.25));
            p.insert("surface".into(), g["text"].clone());
            vec![p]
        }),
    );

    // Spurious predictions: random spans, and spans that avoid every gold claim.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let spurious: PredSet = docs
        .iter()
        .map(|d| {
            let mut preds: Vec<Value> = d.gold.iter().map(|(g, s, e)| Value::Object(as_pred(g, *s, *e))).collect();
            for (s, e) in random_spans(d, &mut rng, 40) {
                if d.gold.iter().all(|(_, gs, ge)| e <= *gs || s >= *ge) {
                    preds.push(json!({"start": s, "end": e, "value": 1, "unit": "个", "subject": "项目", "year": 2023}));
                }
            }
            (d.name.clone(), Some(preds))
        })
        .collect();
    add("spurious outside gold", spurious);
    let optional: PredSet = docs
        .iter()
        .map(|d| {
            let mut preds = Vec::new();
            for (g, s, e) in &d.gold {
                if g.get("optional").and_then(Value::as_bool) == Some(true) {
                    preds.push(Value::Object(as_pred(g, *s, *e)));
                    preds.push(json!({"start": next_boundary(&d.text, *s), "end": next_boundary(&d.text, next_boundary(&d.text, *e)), "value": 2}));
                    preds.push(json!({"start": prev_boundary(&d.text, *s), "end": next_boundary(&d.text, *s)}));
                } else if preds.len() % 3 == 0 {
                    preds.push(Value::Object(as_pred(g, *s, *e)));
                }
            }
            (d.name.clone(), Some(preds))
        })
        .collect();
    add("around optional gold", optional);

    // Random mixtures: every perturbation above, plus random spans.
    for seed in 1..=8u64 {
        let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
        let mut set = PredSet::new();
        for d in docs {
            let mut preds = Vec::new();
            for (g, s, e) in &d.gold {
                let mut p = as_pred(g, *s, *e);
                let (mut s, mut e) = (*s, *e);
                match rng.below(10) {
                    0 => continue,
                    1 => s = next_boundary(&d.text, s),
                    2 => e = prev_boundary(&d.text, e).max(next_boundary(&d.text, s)),
                    3 => {
                        e = next_boundary(&d.text, next_boundary(&d.text, e));
                        s = prev_boundary(&d.text, s);
                    }
                    _ => {}
                }
                p.insert("start".into(), s.into());
                p.insert("end".into(), e.into());
                match rng.below(8) {
                    0 => {
                        p.insert(
                            "value".into(),
                            scale(p.get("value").unwrap_or(&Value::Null), 10.0),
                        );
                    }
                    1 => {
                        p.insert("unit".into(), json!("元"));
                    }
                    2 => {
                        p.insert("qualifier".into(), json!("more_than"));
                    }
                    3 => {
                        p.insert("subject".into(), json!("数量"));
                    }
                    4 => {
                        p.insert("year".into(), json!(2022));
                    }
                    5 => {
                        p.insert("subject".into(), Value::Null);
                    }
                    _ => {}
                }
                preds.push(Value::Object(p.clone()));
                if rng.below(12) == 0 {
                    preds.push(Value::Object(p));
                }
            }
            let n = 1 + rng.below(10);
            for (s, e) in random_spans(d, &mut rng, n) {
                preds.push(json!({"start": s, "end": e, "value": rng.below(100), "year": 2023}));
            }
            // Predictions in any order.
            for i in (1..preds.len()).rev() {
                preds.swap(i, rng.below(i + 1));
            }
            set.insert(d.name.clone(), Some(preds));
        }
        add(&format!("random mixture {seed}"), set);
    }
    sets
}

fn write_set(dir: &Path, set: &PredSet) {
    fs::create_dir_all(dir).unwrap();
    for (name, preds) in set {
        if let Some(preds) = preds {
            let body: String = preds
                .iter()
                .map(|p| format!("{}\n", serde_json::to_string(p).unwrap()))
                .collect();
            fs::write(dir.join(format!("{name}.jsonl")), body).unwrap();
        }
    }
}

/// The interpreter behind `python3` (resolved once: version-manager shims
/// on PATH cost a lot per call). Panics when there is none.
fn python3() -> &'static Path {
    static EXE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    EXE.get_or_init(|| {
        let out = Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
            .unwrap_or_else(|e| panic!("python3 is required for the agreement test: {e}"));
        assert!(
            out.status.success(),
            "python3 is required for the agreement test: {out:?}"
        );
        let exe = String::from_utf8(out.stdout).unwrap().trim().to_string();
        if exe.is_empty() {
            PathBuf::from("python3")
        } else {
            PathBuf::from(exe)
        }
    })
}

/// Runs the reference; `Err(stderr)` when it fails.
fn python(texts: &Path, gold: &Path, pred: &Path, args: &[&str]) -> Result<String, String> {
    let script = Path::new(ROOT).join("tests/data/score.py");
    let out = Command::new(python3())
        .arg(&script)
        .arg("--texts")
        .arg(texts)
        .arg("--gold")
        .arg(gold)
        .arg("--pred")
        .arg(pred)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 (needed by the agreement test): {e}"));
    let stdout = String::from_utf8(out.stdout).unwrap();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn rust(texts: &Path, gold: &Path, pred: &Path) -> Result<Report, String> {
    score_dirs(texts, gold, pred).map_err(|e| e.to_string())
}

/// Every number in the Python JSON must equal ours (same keys too).
fn assert_same_numbers(label: &str, py: &Value, rs: &Value) {
    match (py, rs) {
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>(),
                "{label}: keys"
            );
            for (k, v) in a {
                assert_same_numbers(&format!("{label}.{k}"), v, &b[k]);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            assert_eq!(a.as_f64(), b.as_f64(), "{label}: python {a} vs rust {b}");
            assert_eq!(a.is_f64(), b.is_f64(), "{label}: int/float kind differs");
        }
        _ => assert_eq!(py, rs, "{label}"),
    }
}

struct TempDir(PathBuf);
impl TempDir {
    fn new() -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("zhclaims-eval-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The seed press releases.
fn press() -> PathBuf {
    Path::new(ROOT).join("fixtures/press")
}

fn check_agreement(label: &str, gold: &Path, pred: &Path) -> Result<(), String> {
    check_agreement_on(label, &press(), gold, pred)
}

fn check_agreement_on(label: &str, texts: &Path, gold: &Path, pred: &Path) -> Result<(), String> {
    let ours = rust(texts, gold, pred);
    let theirs = python(texts, gold, pred, &["--json"]);
    let (report, py_json) = match (ours, theirs) {
        (Ok(r), Ok(j)) => (r, j),
        (Err(a), Err(_)) => return Err(a),
        (Ok(_), Err(e)) => panic!("{label}: python failed but rust did not:\n{e}"),
        (Err(e), Ok(_)) => panic!("{label}: rust failed but python did not: {e}"),
    };
    let py_value: Value = serde_json::from_str(py_json.trim()).unwrap();
    // Both sides through the same parser, so that any rounding is shared.
    let rs_value: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_same_numbers(label, &py_value, &rs_value);
    assert_eq!(
        report.to_json(),
        py_json.trim_end_matches('\n'),
        "{label}: --json output"
    );
    // The table and the error list, as printed (all, and Python's `[:-3]`).
    for n in [100_000i64, -3] {
        let py_out = python(texts, gold, pred, &["--show-errors", &n.to_string()]).unwrap();
        let mut ours = format!("{report}\n");
        for e in report.shown_errors(n) {
            ours.push_str(&e.to_json());
            ours.push('\n');
        }
        if ours != py_out {
            let diff = ours.lines().zip(py_out.lines()).find(|(a, b)| a != b);
            panic!("{label}: --show-errors {n} output differs; first differing line: {diff:?}");
        }
    }
    Ok(())
}

#[test]
fn rust_scorer_agrees_with_score_py() {
    // Fail loudly, never skip, when python3 is missing.
    python3();
    let shared = Path::new(ROOT).join("../shared/score.py");
    if let (Ok(a), Ok(b)) = (
        fs::read(&shared),
        fs::read(Path::new(ROOT).join("tests/data/score.py")),
    ) {
        if a != b {
            eprintln!(
                "warning: {} differs from tests/data/score.py; refresh the copy",
                shared.display()
            );
        }
    }
    let docs = load_fixtures();
    let sets = build_sets(&docs);
    let tmp = TempDir::new();
    let gold = Path::new(ROOT).join("fixtures/gold");
    let mut agreed = 0;
    for (k, (label, set)) in sets.iter().enumerate() {
        let dir = tmp.0.join(format!("set{k:02}"));
        write_set(&dir, set);
        check_agreement(label, &gold, &dir)
            .unwrap_or_else(|e| panic!("{label}: both scorers failed: {e}"));
        agreed += 1;
    }
    eprintln!("{agreed} prediction sets: Rust and score.py agree on every number");
    assert!(agreed >= 30);
}

/// The extractor's own predictions on the development gold of
/// `../shared/corpus-gold` (Traditional subjects, `\r\n` line ends, RSS and
/// HTML wrappers): both scorers print the same report.
#[test]
fn rust_scorer_agrees_on_the_development_gold() {
    python3();
    let shared = Path::new(ROOT).join("../shared");
    let (texts, gold) = (shared.join("corpus"), shared.join("corpus-gold"));
    if !gold.is_dir() || !texts.is_dir() {
        eprintln!("SKIPPED: {} is absent", gold.display());
        return;
    }
    let tmp = TempDir::new();
    let ex = zhclaims::Extractor::new();
    for e in fs::read_dir(&gold).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        let Some(stem) = name.strip_suffix(".jsonl") else {
            continue;
        };
        let text = fs::read_to_string(texts.join(format!("{stem}.txt"))).unwrap();
        let body: String = ex
            .extract(&text)
            .claims
            .iter()
            .map(|c| format!("{}\n", serde_json::to_string(c).unwrap()))
            .collect();
        fs::write(tmp.0.join(&name), body).unwrap();
    }
    check_agreement_on("corpus-gold", &texts, &gold, &tmp.0).unwrap();
}

/// Inputs on which the reference stops with an error: ours must return an
/// error too (and never panic).
#[test]
fn rust_scorer_fails_where_score_py_fails() {
    let docs = load_fixtures();
    let tmp = TempDir::new();
    let gold = Path::new(ROOT).join("fixtures/gold");
    let d = &docs[0];
    let (g0, s0, e0) = &d.gold[0];
    let mid_char = d
        .text
        .char_indices()
        .find(|(_, c)| c.len_utf8() > 1)
        .unwrap()
        .0
        + 1;
    let cases: Vec<(&str, Vec<Value>)> = vec![
        (
            "offset inside a character",
            vec![json!({"start": mid_char, "end": e0})],
        ),
        (
            "offset past the end",
            vec![json!({"start": 0, "end": d.text.len() + 1})],
        ),
        ("negative offset", vec![json!({"start": -1, "end": e0})]),
        (
            "offset not a number",
            vec![json!({"start": "x", "end": e0})],
        ),
        ("offset missing", vec![json!({"end": e0})]),
        (
            "subject a number",
            vec![{
                let mut p = as_pred(g0, *s0, *e0);
                p.insert("subject".into(), json!(7));
                if g0.get("subject").is_none_or(Value::is_null) {
                    p.insert("start".into(), json!(-5)); // still an error in both
                }
                Value::Object(p)
            }],
        ),
    ];
    for (k, (label, preds)) in cases.into_iter().enumerate() {
        let dir = tmp.0.join(format!("bad{k}"));
        fs::create_dir_all(&dir).unwrap();
        let body: String = preds.iter().map(|p| format!("{p}\n")).collect();
        fs::write(dir.join(format!("{}.jsonl", d.name)), body).unwrap();
        assert!(
            rust(&press(), &gold, &dir).is_err(),
            "{label}: rust accepted it"
        );
        assert!(
            python(&press(), &gold, &dir, &["--json"]).is_err(),
            "{label}: python accepted it"
        );
    }
    // Gold whose context is missing, or not unique.
    for (k, ctx) in ["不存在的上下文", "的"].into_iter().enumerate() {
        let gdir = tmp.0.join(format!("gold{k}"));
        fs::create_dir_all(&gdir).unwrap();
        let line = json!({"context": ctx, "text": ctx, "value": 1});
        fs::write(gdir.join(format!("{}.jsonl", d.name)), format!("{line}\n")).unwrap();
        let empty = tmp.0.join("empty");
        fs::create_dir_all(&empty).unwrap();
        let err = rust(&press(), &gdir, &empty).expect_err(ctx);
        assert!(err.contains("context not"), "{err}");
        assert!(python(&press(), &gdir, &empty, &["--json"]).is_err());
    }
}
