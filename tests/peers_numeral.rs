//! Peer test vectors for the numeral stage: Microsoft Recognizers-Text (Chinese
//! Number, Percent, NumberRange models) and cn2an (strict/normal/smart + errors).
//!
//! Out-of-scope cases are listed in `tests/data/peers/skip.tsv` (suite, input, reason).
//! Each suite must keep its in-scope pass rate at or above the measured floor.

mod common;
use common::{Floor, Tally};
use std::collections::HashSet;
use std::path::Path;
use zhclaims::numeral::{Decimal, parse, scan};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/peers");

fn read(rel: &str) -> String {
    let s = std::fs::read_to_string(Path::new(DATA).join(rel)).expect(rel);
    s.trim_start_matches('\u{feff}').to_string()
}

/// (suite, input) pairs that are out of scope.
fn skips() -> HashSet<(String, String)> {
    read("skip.tsv")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut c = l.split('\t');
            let suite = c.next().unwrap_or("").to_string();
            let input = c.next().unwrap_or("").replace("\\t", "\t");
            (suite, input)
        })
        .collect()
}

fn dec(s: &str) -> Option<Decimal> {
    let s = s.trim();
    if s.contains(['e', 'E']) {
        Decimal::from_scientific(s).ok().map(|d| d.normalize())
    } else {
        s.parse::<Decimal>().ok().map(|d| d.normalize())
    }
}

/// Equal, allowing the peer's 15-significant-digit formatting of repeating fractions.
fn close(got: Decimal, want: Decimal, want_text: &str) -> bool {
    if got == want {
        return true;
    }
    let digits = want_text.chars().filter(|c| c.is_ascii_digit()).count();
    if digits >= 15 {
        let dp = want.scale();
        return got.round_dp(dp) == want;
    }
    false
}

/// UTF-16 offset of byte offset `b`.
fn u16_at(text: &str, b: usize) -> usize {
    text[..b].encode_utf16().count()
}

/// Expected (start, end-inclusive, value text) → our (value, value_max, more_than) check.
/// Which of our matches a suite's expectations are about.
#[derive(Clone, Copy)]
enum Only {
    /// Every match (NumberModel).
    All,
    /// Percentages only (PercentModel).
    Percent,
    /// Ranges and more-than numbers only (NumberRangeModel).
    Range,
}

fn recognizers(file: &str, suite: &'static str, only: Only, floor: f64) {
    let skip = skips();
    let cases: serde_json::Value = serde_json::from_str(&read(file)).unwrap();
    let mut t = Tally::new(suite);
    for case in cases.as_array().unwrap() {
        let input = case["Input"].as_str().unwrap();
        if skip.contains(&(suite.to_string(), input.to_string())) {
            t.skip();
            continue;
        }
        let got: Vec<_> = scan(input)
            .into_iter()
            .filter(|m| match only {
                Only::All => true,
                Only::Percent => m.percent,
                Only::Range => m.value_max.is_some() || m.more_than,
            })
            .map(|m| (u16_at(input, m.start), u16_at(input, m.end) - 1, m))
            .collect();
        let want = case["Results"].as_array().unwrap();
        let ok = if want.is_empty() {
            got.is_empty()
        } else {
            want.iter().all(|r| {
                let (s, e) = (
                    r["Start"].as_u64().unwrap() as usize,
                    r["End"].as_u64().unwrap() as usize,
                );
                let v = r["Resolution"]["value"].as_str().unwrap_or("");
                got.iter()
                    .any(|(gs, ge, m)| *gs == s && *ge == e && value_matches(v, m))
            })
        };
        let shown: Vec<String> = got
            .iter()
            .map(|(s, e, m)| {
                format!(
                    "{s}-{e}:{}{}{}",
                    m.value,
                    m.value_max.map(|x| format!("..{x}")).unwrap_or_default(),
                    if m.percent { "%" } else { "" }
                )
            })
            .collect();
        let expected: Vec<String> = want
            .iter()
            .map(|r| format!("{}-{}:{}", r["Start"], r["End"], r["Resolution"]["value"]))
            .collect();
        t.record(ok, format!("{input:?} want {expected:?} got {shown:?}"));
    }
    t.report(Floor::Rate(floor));
}

fn value_matches(v: &str, m: &zhclaims::numeral::NumberMatch) -> bool {
    if let Some(p) = v.strip_suffix('%') {
        return m.percent && m.value_max.is_none() && dec(p).is_some_and(|w| close(m.value, w, p));
    }
    if v.starts_with(['[', '(']) {
        let inner = &v[1..v.len() - 1];
        let (a, b) = inner.split_once(',').unwrap_or((inner, ""));
        let lo_ok = dec(a).is_some_and(|w| m.value == w);
        return if b.is_empty() {
            lo_ok && (m.more_than || v.starts_with('['))
        } else {
            lo_ok && m.value_max.is_some_and(|h| dec(b) == Some(h))
        };
    }
    !m.percent && m.value_max.is_none() && dec(v).is_some_and(|w| close(m.value, w, v))
}

#[test]
fn recognizers_number_model() {
    recognizers(
        "recognizers-text/Number/Chinese/NumberModel.json",
        "recognizers-number",
        Only::All,
        FLOOR_NUMBER,
    );
}

#[test]
fn recognizers_percent_model() {
    recognizers(
        "recognizers-text/Number/Chinese/PercentModel.json",
        "recognizers-percent",
        Only::Percent,
        FLOOR_PERCENT,
    );
}

#[test]
fn recognizers_number_range_model() {
    recognizers(
        "recognizers-text/Number/Chinese/NumberRangeModel.json",
        "recognizers-range",
        Only::Range,
        FLOOR_RANGE,
    );
}

#[test]
fn cn2an_cases() {
    let skip = skips();
    let mut t = Tally::new("cn2an");
    for line in read("cn2an/cases.jsonl").lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        if r["func"] != "cn2an" || r["mode"] == "direct" {
            continue;
        }
        let input = r["input"].as_str().unwrap();
        if skip.contains(&("cn2an".to_string(), input.to_string())) {
            t.skip();
            continue;
        }
        let got = parse(input);
        if r["expected_error"].is_string() {
            t.record(
                got.is_none(),
                format!("{input:?} must be rejected, got {got:?}"),
            );
        } else {
            let want = dec(&r["expected"].to_string()).unwrap();
            let ok = got
                .as_ref()
                .is_some_and(|n| n.value == want && n.value_max.is_none() && !n.percent);
            t.record(
                ok,
                format!("{input:?} ({}) want {want} got {got:?}", r["mode"]),
            );
        }
    }
    t.report(Floor::Rate(FLOOR_CN2AN));
}

// Measured in-scope pass rates (the test fails if a suite drops below its floor).
const FLOOR_NUMBER: f64 = 1.0;
const FLOOR_PERCENT: f64 = 1.0;
const FLOOR_RANGE: f64 = 1.0;
const FLOOR_CN2AN: f64 = 1.0;
