//! Stage 6: the claim record and its parts.
//!
//! A [`Claim`] is one numeric claim as defined by the annotation contract:
//! how much ([`Claim::value`]), of what unit, about what subject, for which
//! year, and exactly where in the original input it was written.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Parses a snake_case serde name (`more_than`, `money`) into its enum.
fn from_name<'de, T: Deserialize<'de>>(name: &'de str) -> Option<T> {
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name)).ok()
}

/// A byte range into the ORIGINAL input, end exclusive, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The text of the span in `input` (empty when the span does not fit).
    pub fn text<'a>(&self, input: &'a str) -> &'a str {
        input.get(self.start..self.end).unwrap_or("")
    }
}

/// How precise a stated amount is (`约`, `余`, `不少于`, `近` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// 约, 左右, 大约.
    Approx,
    /// 余, 多, 超, 超过, 逾, 以上.
    MoreThan,
    /// 不少于, 至少.
    AtLeast,
    /// 不足, 不到, 以下.
    LessThan,
    /// 近, 将近, 接近.
    Nearly,
    /// 最多, 最高.
    UpTo,
}

impl Qualifier {
    /// Parses the snake_case name used in data files and JSON.
    pub fn from_name(name: &str) -> Option<Self> {
        from_name(name)
    }
}

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Things counted with a classifier: 个 家 张 名 人次 …
    Count,
    /// Currency amounts: 元, 港元, 美元 …
    Money,
    /// Percentages and percentage points.
    Percent,
    /// 平方米, 亩, 公顷 …
    Area,
    /// 米, 公里 …
    Length,
    /// 立方米, 升, 毫升 …
    Volume,
    /// 吨, 千克 …
    Mass,
    /// 分钟, 小时, 天, 年 used as a measure.
    Duration,
    /// A per-something rate: 元/月, /10万.
    Rate,
    /// 岁.
    Age,
    /// 级, A级: grades and levels.
    Level,
    /// ℃.
    Temperature,
    /// 千瓦, 千瓦时 …
    Energy,
    /// 倍.
    Multiple,
    /// A number with no unit at all.
    None,
}

impl UnitKind {
    /// Parses the snake_case name used in the unit data file.
    pub fn from_name(name: &str) -> Option<Self> {
        from_name(name)
    }
}

/// Where a claim's year came from: the rule of ANNOTATION.md ("The year of
/// a claim") that decided it, so users can filter on how sure the year is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// An explicit year in the claim's own sentence or clause (`2023年预算安排…700万元`).
    Clause,
    /// A relative year resolved against the current year (`今年`, `去年`, `五年后`).
    Relative,
    /// The last year of a span or plan period (`近五年`, `“十四五”期间`, `2024-25年度`).
    Span,
    /// A year in the nearest heading above the claim (`一、2025年工作回顾`).
    Heading,
    /// A year that opens the claim's paragraph (`2023年，全市…`).
    Paragraph,
    /// The document's reporting year (title, publication date, or the body's own period).
    Reporting,
}

/// One numeric claim.
///
/// `value` and `value_max` serialise as exact JSON numbers, never through
/// `f64`: integers as integers (`2286000000`), decimals by their shortest
/// exact decimal form (`98.69`, `12345678123456789`). Every field is always
/// present in JSON (`null` when empty), in the order declared here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// First byte of the claim in the original input.
    pub start: usize,
    /// One past the last byte of the claim in the original input.
    pub end: usize,
    /// `&input[start..end]`: number, qualifier words and unit as written.
    pub text: String,
    /// The amount, scale words folded in (`11.8万名` → 118000).
    #[serde(with = "exact")]
    pub value: Decimal,
    /// Upper end of a range (`4-12周` → 12).
    #[serde(default, with = "exact_opt")]
    pub value_max: Option<Decimal>,
    /// Canonical unit in Simplified script (`元`, `%`, `人次`, `元/月`), none
    /// when bare. Shared between the claims with the same unit.
    pub unit: Option<Arc<str>>,
    /// What the unit measures.
    pub unit_kind: UnitKind,
    /// Precision words around the number.
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// What is counted or measured, in Simplified script. Shared between
    /// the claims of a sentence with the same subject.
    pub subject: Option<Arc<str>>,
    /// The calendar year the figure is reported for.
    pub year: Option<i32>,
    /// Which rule decided [`Claim::year`] (none when the year is unknown).
    #[serde(default)]
    pub year_source: Option<YearSource>,
    /// The sentence the claim was found in (byte range of the original input).
    pub sentence: Span,
}

impl Claim {
    /// The claim's span in the original input.
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

/// Exact (de)serialisation of decimals as JSON numbers.
pub(crate) mod exact {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        // serde_json's `arbitrary_precision` keeps a number's digits as text:
        // the decimal's own digits are written, never an f64 rounding.
        let n: serde_json::Number = v
            .normalize()
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        n.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let n = serde_json::Number::deserialize(d)?;
        parse(&n).ok_or_else(|| serde::de::Error::custom(format!("not a decimal: {n}")))
    }

    pub(crate) fn parse(n: &serde_json::Number) -> Option<Decimal> {
        let s = n.to_string();
        s.parse::<Decimal>()
            .ok()
            .or_else(|| Decimal::from_scientific(&s).ok())
            .map(|d| d.normalize())
    }
}

/// Like [`exact`], for optional values.
pub(crate) mod exact_opt {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => super::exact::serialize(v, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let n = Option::<serde_json::Number>::deserialize(d)?;
        match n {
            None => Ok(None),
            Some(n) => super::exact::parse(&n)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not a decimal: {n}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn claim(value: &str) -> Claim {
        Claim {
            start: 0,
            end: 3,
            text: "x".into(),
            value: Decimal::from_str(value).unwrap(),
            value_max: None,
            unit: Some("元".into()),
            unit_kind: UnitKind::Money,
            qualifier: Some(Qualifier::MoreThan),
            subject: None,
            year: Some(2023),
            year_source: Some(YearSource::Reporting),
            sentence: Span { start: 0, end: 3 },
        }
    }

    #[test]
    fn values_serialise_exactly() {
        for (v, json) in [
            ("2286000000", "2286000000"),
            ("2286000000.00", "2286000000"),
            ("98.69", "98.69"),
            ("138.22", "138.22"),
            ("0.5", "0.5"),
            ("22.86", "22.86"),
            ("1234567812345678.9", "1234567812345678.9"),
            ("12345678.123456789", "12345678.123456789"),
            // 28 significant digits: the most a Decimal holds.
            (
                "1234567890123456789.012345678",
                "1234567890123456789.012345678",
            ),
            (
                "-0.0000000000000000000000000001",
                "-0.0000000000000000000000000001",
            ),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
        ] {
            let s = serde_json::to_string(&claim(v)).unwrap();
            assert!(s.contains(&format!("\"value\":{json},")), "{v}: {s}");
            let back: Claim = serde_json::from_str(&s).unwrap();
            assert_eq!(back.value, Decimal::from_str(v).unwrap().normalize());
        }
    }

    #[test]
    fn every_field_is_present_in_order() {
        let mut c = claim("1");
        c.qualifier = None;
        c.year = None;
        c.year_source = None;
        let s = serde_json::to_string(&c).unwrap();
        let keys = [
            "start",
            "end",
            "text",
            "value",
            "value_max",
            "unit",
            "unit_kind",
            "qualifier",
            "subject",
            "year",
            "year_source",
            "sentence",
        ];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| {
                s.find(&format!("\"{k}\":"))
                    .unwrap_or_else(|| panic!("{k} missing: {s}"))
            })
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{s}");
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert!(v["value_max"].is_null() && v["qualifier"].is_null());
    }

    #[test]
    fn qualifier_is_snake_case() {
        let s = serde_json::to_string(&claim("1")).unwrap();
        assert!(s.contains("\"qualifier\":\"more_than\""), "{s}");
        assert!(s.contains("\"unit_kind\":\"money\""), "{s}");
    }
}
