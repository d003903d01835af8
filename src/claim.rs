//! Stage 6: the claim record and its parts.
//!
//! A [`Claim`] is one numeric claim as defined by the annotation contract:
//! how much ([`Claim::value`]), of what unit, about what subject, for which
//! year, and exactly where in the original input it was written.

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

/// How the document's reporting year was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// Given by the caller through the builder.
    Given,
    /// A publication date or meeting date line (`2024-12-19 14:28:07`, `會議時間:2023年12月22日`).
    DateLine,
    /// A year in the title or first lines (`2023年民生实事完成情况`).
    Title,
    /// The most frequent explicit year in the body.
    Body,
}

/// One numeric claim.
///
/// `value` and `value_max` serialise as exact JSON numbers: integers as
/// integers (`2286000000`), decimals by their shortest exact decimal form
/// (`98.69`).
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
    #[serde(default, with = "exact_opt", skip_serializing_if = "Option::is_none")]
    pub value_max: Option<Decimal>,
    /// Canonical unit in Simplified script (`元`, `%`, `人次`, `元/月`), none when bare.
    pub unit: Option<String>,
    /// What the unit measures.
    pub unit_kind: UnitKind,
    /// Precision words around the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// What is counted or measured, in Simplified script.
    pub subject: Option<String>,
    /// The calendar year the figure is reported for.
    pub year: Option<i32>,
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
    use rust_decimal::prelude::ToPrimitive;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        let v = v.normalize();
        if v.scale() == 0 {
            if let Some(i) = v.to_i64() {
                return s.serialize_i64(i);
            }
        }
        // The shortest f64 that round-trips prints the same decimal digits.
        let f: f64 = v.to_string().parse().unwrap_or(f64::NAN);
        s.serialize_f64(f)
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
        ] {
            let s = serde_json::to_string(&claim(v)).unwrap();
            assert!(s.contains(&format!("\"value\":{json},")), "{v}: {s}");
            let back: Claim = serde_json::from_str(&s).unwrap();
            assert_eq!(back.value, Decimal::from_str(v).unwrap().normalize());
        }
    }

    #[test]
    fn qualifier_is_snake_case() {
        let s = serde_json::to_string(&claim("1")).unwrap();
        assert!(s.contains("\"qualifier\":\"more_than\""), "{s}");
        assert!(s.contains("\"unit_kind\":\"money\""), "{s}");
    }
}
