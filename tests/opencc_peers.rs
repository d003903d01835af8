//! Scores the Traditional→Simplified backends on OpenCC's own test cases
//! (`tests/data/peers/opencc/testcases.json`, see SOURCE.md there).
//!
//! Run with `--nocapture` to see passed/total per config and backend.

use serde_json::Value;
use zhclaims::normalize::{Backend, Normalizer};

/// Measured with opencc-fmmseg 0.13.0: 54/55 t2s cases (the miss keeps 著
/// in 慰藉著, a context-dependent case).
const FMMSEG_T2S_FLOOR: usize = 54;
/// Measured with libopencc 1.1.5 (Debian 12 `libopencc-dev`, pkg-config
/// version) through opencc-rust 1.1.19: 28/55 (older dictionaries miss the
/// recent rare-character regression cases).
#[cfg(feature = "opencc-sys")]
const SYS_T2S_FLOOR: usize = 28;

/// Removes trailing commas before `]` / `}` outside strings.
fn lenient(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_str = false;
    let mut esc = false;
    let chars: Vec<char> = json.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_str {
            out.push(c);
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        if c == '"' {
            in_str = true;
        } else if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some(']' | '}')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// (input, expected) pairs for `config`.
fn cases(config: &str) -> Vec<(String, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/peers/opencc/testcases.json"
    );
    let text = std::fs::read_to_string(path).expect("testcases.json");
    let v: Value = serde_json::from_str(&lenient(&text)).expect("lenient JSON");
    v["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| {
            let exp = c["expected"][config].as_str()?;
            Some((c["input"].as_str()?.to_string(), exp.to_string()))
        })
        .collect()
}

fn score(name: &str, config: &str, f: impl Fn(&str) -> String) -> (usize, usize) {
    let cs = cases(config);
    let mut passed = 0;
    for (input, want) in &cs {
        let got = f(input);
        if &got == want {
            passed += 1;
        } else {
            println!("  [{name} {config}] {input} → {got} (want {want})");
        }
    }
    println!("{name} {config}: {passed}/{}", cs.len());
    (passed, cs.len())
}

/// The default backend applies the same tables as opencc-fmmseg itself: the
/// same score, and the same output case by case.
#[test]
fn tables_t2s_score_equals_fmmseg() {
    let tables = Normalizer::new().backend(Backend::Tables);
    let fmmseg = Normalizer::new().backend(Backend::Fmmseg);
    let (passed, total) = score("tables", "t2s", |s| tables.to_simplified(s));
    assert!(
        passed >= FMMSEG_T2S_FLOOR,
        "tables t2s {passed}/{total} < {FMMSEG_T2S_FLOOR}"
    );
    for config in ["t2s", "tw2s", "hk2s", "s2t"] {
        for (input, _) in cases(config) {
            assert_eq!(
                tables.to_simplified(&input),
                fmmseg.to_simplified(&input),
                "{input}"
            );
        }
    }
}

#[test]
fn fmmseg_t2s_score() {
    let n = Normalizer::new().backend(Backend::Fmmseg);
    let (passed, total) = score("fmmseg", "t2s", |s| n.to_simplified(s));
    assert!(total >= 50, "too few t2s cases: {total}");
    assert!(
        passed >= FMMSEG_T2S_FLOOR,
        "fmmseg t2s {passed}/{total} < {FMMSEG_T2S_FLOOR}"
    );
}

#[test]
fn fmmseg_tw2s_hk2s_report() {
    let cc = opencc_fmmseg::OpenCC::new();
    score("fmmseg", "tw2s", |s| cc.tw2s(s, false));
    score("fmmseg", "hk2s", |s| cc.hk2s(s, false));
}

#[cfg(feature = "opencc-sys")]
#[test]
fn sys_t2s_score() {
    let n = Normalizer::new().backend(Backend::OpenccSys);
    assert_eq!(n.warm_up(), Ok(()));
    let (passed, total) = score("opencc-sys", "t2s", |s| n.to_simplified(s));
    assert!(
        passed >= SYS_T2S_FLOOR,
        "opencc-sys t2s {passed}/{total} < {SYS_T2S_FLOOR}"
    );
}

#[cfg(feature = "opencc-sys")]
#[test]
fn sys_tw2s_hk2s_report() {
    use opencc_rust::{DefaultConfig, OpenCC};
    for (cfg, name) in [(DefaultConfig::TW2S, "tw2s"), (DefaultConfig::HK2S, "hk2s")] {
        let cc = OpenCC::new(cfg).expect("libopencc config");
        score("opencc-sys", name, |s| cc.convert(s));
    }
}
