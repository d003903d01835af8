//! Peer test vectors for the unit and money path, run through the public
//! [`Extractor`] and judged by the claim contract (`ANNOTATION.md`):
//!
//! - JioNLP `parse_money` (one money expression per input) and
//!   `ner.extract_money` (money spans in a sentence), `tests/data/peers/jionlp/`;
//! - Microsoft Recognizers-Text Chinese `CurrencyModel`, `DimensionModel`,
//!   `AgeModel`, `TemperatureModel`, `tests/data/peers/recognizers-text/NumberWithUnit/`.
//!
//! A peer result is matched by the claim whose span overlaps it most; the
//! claim must have the peer's value (scale words folded in), the peer's unit
//! mapped to our canonical unit by `tests/data/peers/units_map.tsv`, and for
//! JioNLP the qualifier the contract gives the peer's `definition`. A case
//! also fails when we report a claim of the suite's kind (money, physical
//! quantity, age, temperature) that overlaps no peer result. Out-of-scope cases
//! are in `tests/data/peers/units_skip.tsv` (suite, input, reason). Each suite
//! must keep its in-scope pass count at or above the measured floor.

mod common;
use common::{Floor, Tally};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::str::FromStr;

use zhclaims::numeral::Decimal;
use zhclaims::{Claim, Extractor, Qualifier, UnitKind};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/peers");

fn read(rel: &str) -> String {
    let s = std::fs::read_to_string(Path::new(DATA).join(rel)).expect(rel);
    s.trim_start_matches('\u{feff}').to_string()
}

fn tsv(rel: &str) -> Vec<Vec<String>> {
    read(rel)
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// (suite, input) pairs that are out of scope.
fn skips() -> HashSet<(String, String)> {
    tsv("units_skip.tsv")
        .into_iter()
        .map(|f| {
            assert!(
                f.len() == 3 && !f[2].trim().is_empty(),
                "units_skip.tsv: {f:?}"
            );
            (f[0].clone(), f[1].clone())
        })
        .collect()
}

/// (suite, input) → corrected (value, value_max), from `units_expect.tsv`.
fn corrections() -> HashMap<(String, String), (Decimal, Option<Decimal>)> {
    tsv("units_expect.tsv")
        .into_iter()
        .map(|f| {
            assert!(
                f.len() == 5 && !f[4].trim().is_empty(),
                "units_expect.tsv: {f:?}"
            );
            let max = (!f[3].is_empty()).then(|| dec(&f[3]));
            ((f[0].clone(), f[1].clone()), (dec(&f[2]), max))
        })
        .collect()
}

/// A peer unit name mapped to our canonical unit(s).
struct Mapped {
    /// Accepted canonical units (our table keeps e.g. 千克 and 公斤 apart).
    canonical: Vec<String>,
    /// Peer value × factor = our value (`Kilobit` 3 → 3000 比特).
    factor: Decimal,
    /// Surfaces that name the unit in the input (JioNLP defaults to 元 when
    /// the input names no currency; then our unit is null).
    surfaces: Vec<String>,
}

/// (source, peer unit) → mapping, from `units_map.tsv`.
fn unit_map() -> HashMap<(String, String), Mapped> {
    tsv("units_map.tsv")
        .into_iter()
        .map(|f| {
            assert!(f.len() >= 4, "units_map.tsv: {f:?}");
            let m = Mapped {
                canonical: f[2].split('|').map(str::to_string).collect(),
                factor: Decimal::from_str(&f[3]).expect("factor"),
                surfaces: f
                    .get(4)
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
            };
            ((f[0].clone(), f[1].clone()), m)
        })
        .collect()
}

fn dec(s: &str) -> Decimal {
    let s = s.trim();
    if s.contains(['e', 'E']) {
        Decimal::from_scientific(s).expect(s).normalize()
    } else {
        Decimal::from_str(s).expect(s).normalize()
    }
}

#[derive(Clone, Copy)]
enum Precision {
    /// JioNLP prints money with 2 decimals.
    Cents,
    /// Recognizers prints .NET doubles: 15 significant digits.
    Double,
}

fn same_value(got: Decimal, want: Decimal, p: Precision) -> bool {
    match p {
        Precision::Cents => got.round_dp(2) == want.round_dp(2),
        Precision::Double => {
            if got == want {
                return true;
            }
            let scale = want.abs().max(Decimal::ONE);
            (got - want).abs() / scale < Decimal::new(1, 14)
        }
    }
}

/// One thing the peer says is there.
struct Expect {
    /// Byte range in the input.
    span: (usize, usize),
    /// (value, value_max) our claim must have; None: not checked.
    value: Option<(Decimal, Option<Decimal>)>,
    precision: Precision,
    /// Accepted units (None in the list: no unit); empty: any unit of `kinds`.
    units: Vec<Option<String>>,
    /// Accepted qualifiers; None: not checked.
    quals: Option<Vec<Option<Qualifier>>>,
}

/// A case: input, expectations, and the unit kinds the suite is about.
struct Case {
    input: String,
    expects: Vec<Expect>,
    kinds: &'static [UnitKind],
}

const MONEY: &[UnitKind] = &[UnitKind::Money];
const DIMENSION: &[UnitKind] = &[
    UnitKind::Area,
    UnitKind::Length,
    UnitKind::Volume,
    UnitKind::Mass,
    UnitKind::Energy,
];
const AGE: &[UnitKind] = &[UnitKind::Age];
const TEMPERATURE: &[UnitKind] = &[UnitKind::Temperature];

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn show(c: &Claim) -> String {
    let mut s = format!("{}=", c.text);
    s += &c.value.normalize().to_string();
    if let Some(m) = c.value_max {
        s += &format!("~{}", m.normalize());
    }
    s += &format!(" {}", c.unit.as_deref().unwrap_or("-"));
    if let Some(q) = c.qualifier {
        s += &format!(" {q:?}");
    }
    s
}

/// Checks a case; Err(what went wrong) on failure.
fn check(ex: &Extractor, case: &Case) -> Result<(), String> {
    let claims = ex.extract(&case.input).claims;
    let got = || claims.iter().map(show).collect::<Vec<_>>().join(", ");
    for e in &case.expects {
        let best = claims
            .iter()
            .filter(|c| overlap((c.start, c.end), e.span) > 0)
            .max_by_key(|c| overlap((c.start, c.end), e.span));
        let want = format!(
            "{:?} value {:?} units {:?} quals {:?}",
            &case.input[e.span.0..e.span.1],
            e.value
                .map(|(v, m)| (v.to_string(), m.map(|m| m.to_string()))),
            e.units,
            e.quals
        );
        let Some(c) = best else {
            return Err(format!("no claim for {want}; got [{}]", got()));
        };
        let value_ok = e.value.is_none_or(|(v, m)| {
            same_value(c.value, v, e.precision)
                && match (c.value_max, m) {
                    (None, None) => true,
                    (Some(a), Some(b)) => same_value(a, b, e.precision),
                    _ => false,
                }
        });
        let unit_ok = if e.units.is_empty() {
            case.kinds.contains(&c.unit_kind)
        } else {
            e.units.contains(&c.unit.as_deref().map(str::to_string))
        };
        let qual_ok = e.quals.as_ref().is_none_or(|q| q.contains(&c.qualifier));
        if !(value_ok && unit_ok && qual_ok) {
            return Err(format!("want {want}; got [{}]", got()));
        }
    }
    for c in &claims {
        if case.kinds.contains(&c.unit_kind)
            && !case
                .expects
                .iter()
                .any(|e| overlap((c.start, c.end), e.span) > 0)
        {
            return Err(format!("unexpected {}; got [{}]", show(c), got()));
        }
    }
    Ok(())
}

/// Runs one suite: skips, peer-value corrections, then every case.
fn run_suite(name: &'static str, mut cases: Vec<Case>, floor: usize) {
    let skip = skips();
    let fixes = corrections();
    for case in &mut cases {
        if let Some(&v) = fixes.get(&(name.to_string(), case.input.clone())) {
            assert_eq!(case.expects.len(), 1, "units_expect.tsv: {}", case.input);
            case.expects[0].value = Some(v);
        }
    }
    let ex = Extractor::new();
    let mut t = Tally::new(name);
    for case in &cases {
        if skip.contains(&(name.to_string(), case.input.clone())) {
            t.skip();
            continue;
        }
        let result = check(&ex, case);
        let what = match &result {
            Ok(()) => String::new(),
            Err(e) => format!("{:?}: {e}", case.input),
        };
        t.record(result.is_ok(), what);
    }
    t.report(Floor::Passed(floor));
}

/// Byte offset of code-point offset `n`.
fn byte_at_char(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// Byte offset of UTF-16 offset `n`.
fn byte_at_u16(s: &str, n: usize) -> usize {
    let mut u = 0;
    for (b, ch) in s.char_indices() {
        if u >= n {
            return b;
        }
        u += ch.len_utf16();
    }
    s.len()
}

fn jionlp(func: &str) -> Vec<serde_json::Value> {
    read("jionlp/money_cases.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["func"] == func)
        .collect()
}

/// The qualifiers ANNOTATION.md gives JioNLP's `definition`.
fn quals_for(definition: &str, fuzzy: bool, input: &str) -> Vec<Option<Qualifier>> {
    match definition {
        "accurate" => vec![None],
        "blur+" => vec![Some(Qualifier::MoreThan), Some(Qualifier::AtLeast)],
        "blur-" => vec![Some(Qualifier::Nearly), Some(Qualifier::LessThan)],
        // A fuzzy amount (3000多) is value + more_than; with 约 also approx.
        "blur" if fuzzy => {
            let mut q = vec![Some(Qualifier::MoreThan)];
            if input.contains('约') {
                q.push(Some(Qualifier::Approx));
            }
            q
        }
        // A blur scalar (约4.287亿, 30w上下) is approx.
        "blur" => vec![Some(Qualifier::Approx)],
        other => panic!("unknown definition {other}"),
    }
}

fn parse_money_cases() -> Vec<Case> {
    let map = unit_map();
    jionlp("parse_money")
        .into_iter()
        .map(|v| {
            let input = v["input"].as_str().unwrap().to_string();
            let exp = &v["expected"];
            let case = exp["case"].as_str().unwrap();
            let m = map
                .get(&("jionlp".to_string(), case.to_string()))
                .unwrap_or_else(|| panic!("units_map.tsv: no jionlp {case}"));
            let named = m.surfaces.iter().any(|s| input.contains(s.as_str()));
            let units = if named {
                m.canonical.iter().cloned().map(Some).collect()
            } else {
                vec![None]
            };
            let definition = exp["definition"].as_str().unwrap();
            let (value, fuzzy) = match &exp["num"] {
                serde_json::Value::String(s) => ((dec(s) * m.factor, None), false),
                serde_json::Value::Array(a) => {
                    let lo = dec(a[0].as_str().unwrap()) * m.factor;
                    let hi = dec(a[1].as_str().unwrap()) * m.factor;
                    // 3000多 → [3000, 4000]: one number with 多/余, not a range.
                    if input.contains(['多', '余']) {
                        ((lo, None), true)
                    } else {
                        ((lo, Some(hi)), false)
                    }
                }
                other => panic!("num {other}"),
            };
            let quals = if value.1.is_some() {
                vec![None]
            } else {
                quals_for(definition, fuzzy, &input)
            };
            Case {
                expects: vec![Expect {
                    span: (0, input.len()),
                    value: Some(value),
                    precision: Precision::Cents,
                    units,
                    quals: Some(quals),
                }],
                input,
                kinds: MONEY,
            }
        })
        .collect()
}

fn extract_money_cases() -> Vec<Case> {
    jionlp("extract_money")
        .into_iter()
        .map(|v| {
            let input = v["input"].as_str().unwrap().to_string();
            let expects = v["expected"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let o = e["offset"].as_array().unwrap();
                    let (s, t) = (o[0].as_u64().unwrap(), o[1].as_u64().unwrap());
                    Expect {
                        span: (
                            byte_at_char(&input, s as usize),
                            byte_at_char(&input, t as usize),
                        ),
                        value: None,
                        precision: Precision::Cents,
                        units: Vec::new(),
                        quals: None,
                    }
                })
                .collect();
            Case {
                input,
                expects,
                kinds: MONEY,
            }
        })
        .collect()
}

fn recognizers_cases(file: &str, kinds: &'static [UnitKind]) -> Vec<Case> {
    let map = unit_map();
    let cases: serde_json::Value = serde_json::from_str(&read(&format!(
        "recognizers-text/NumberWithUnit/Chinese/{file}"
    )))
    .unwrap();
    cases
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let input = c["Input"].as_str().unwrap().to_string();
            let expects = c["Results"]
                .as_array()
                .unwrap()
                .iter()
                // A unit name alone (人民币, °C) has no value: not a claim.
                .filter(|r| r["Resolution"]["value"].is_string())
                .map(|r| {
                    let res = &r["Resolution"];
                    let unit = res["unit"].as_str().unwrap();
                    let m = map
                        .get(&("recognizers".to_string(), unit.to_string()))
                        .unwrap_or_else(|| panic!("units_map.tsv: no recognizers {unit}"));
                    let start = r["Start"].as_u64().unwrap() as usize;
                    let end = r["End"].as_u64().unwrap() as usize + 1;
                    Expect {
                        span: (byte_at_u16(&input, start), byte_at_u16(&input, end)),
                        value: Some((dec(res["value"].as_str().unwrap()) * m.factor, None)),
                        precision: Precision::Double,
                        units: m.canonical.iter().cloned().map(Some).collect(),
                        quals: None,
                    }
                })
                .collect();
            Case {
                input,
                expects,
                kinds,
            }
        })
        .collect()
}

#[test]
fn jionlp_parse_money() {
    run_suite("jionlp-parse_money", parse_money_cases(), 34);
}

#[test]
fn jionlp_extract_money() {
    run_suite("jionlp-extract_money", extract_money_cases(), 12);
}

#[test]
fn recognizers_currency() {
    run_suite(
        "recognizers-currency",
        recognizers_cases("CurrencyModel.json", MONEY),
        28,
    );
}

#[test]
fn recognizers_dimension() {
    run_suite(
        "recognizers-dimension",
        recognizers_cases("DimensionModel.json", DIMENSION),
        24,
    );
}

#[test]
fn recognizers_age() {
    run_suite(
        "recognizers-age",
        recognizers_cases("AgeModel.json", AGE),
        10,
    );
}

#[test]
fn recognizers_temperature() {
    run_suite(
        "recognizers-temperature",
        recognizers_cases("TemperatureModel.json", TEMPERATURE),
        4,
    );
}

#[test]
fn skip_list_names_real_cases() {
    let mut inputs: HashSet<(String, String)> = HashSet::new();
    for (suite, cases) in [
        ("jionlp-parse_money", parse_money_cases()),
        ("jionlp-extract_money", extract_money_cases()),
        (
            "recognizers-currency",
            recognizers_cases("CurrencyModel.json", MONEY),
        ),
        (
            "recognizers-dimension",
            recognizers_cases("DimensionModel.json", DIMENSION),
        ),
        ("recognizers-age", recognizers_cases("AgeModel.json", AGE)),
        (
            "recognizers-temperature",
            recognizers_cases("TemperatureModel.json", TEMPERATURE),
        ),
    ] {
        for c in cases {
            inputs.insert((suite.to_string(), c.input));
        }
    }
    for s in skips() {
        assert!(inputs.contains(&s), "units_skip.tsv names no case: {s:?}");
    }
    for s in corrections().keys() {
        assert!(inputs.contains(s), "units_expect.tsv names no case: {s:?}");
    }
}
