//! Gold claims and predictions as read from JSON Lines.

use super::py;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

fn truthy_field<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(py::truthy(&Value::deserialize(d)?))
}

/// One gold claim: a line of a gold `.jsonl` file (see `ANNOTATION.md`).
///
/// Fields other than `context` and `text` are kept as JSON values, because
/// the comparison follows Python semantics on whatever the file holds; an
/// absent field reads as `null`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct GoldClaim {
    /// Unique substring of the document containing `text`.
    pub context: String,
    /// Surface of the claim inside `context`.
    pub text: String,
    /// The number (`null` or absent when none).
    #[serde(default)]
    pub value: Value,
    /// Upper end of a range.
    #[serde(default)]
    pub value_max: Value,
    /// Canonical unit.
    #[serde(default)]
    pub unit: Value,
    /// Qualifier (`approx`, `more_than`, ...).
    #[serde(default)]
    pub qualifier: Value,
    /// Subject: a string, a list of equally right strings, or `null` (any
    /// predicted subject is then right).
    #[serde(default)]
    pub subject: Value,
    /// Reporting year, or `null`.
    #[serde(default)]
    pub year: Value,
    /// Borderline claim that neither rewards nor punishes (Python
    /// truthiness of the field).
    #[serde(default, deserialize_with = "truthy_field")]
    pub optional: bool,
}

/// One predicted claim: a line of a prediction `.jsonl` file.
///
/// `start`/`end` are byte offsets into the UTF-8 text (end exclusive). When
/// read from JSON they follow Python's `int()`: `3.0`, `"3"` and `true` are
/// accepted like the reference scorer accepts them. Other fields are JSON
/// values compared with Python semantics; absent reads as `null`; fields
/// not listed here are ignored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prediction {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The number.
    pub value: Value,
    /// Upper end of a range.
    pub value_max: Value,
    /// Canonical unit.
    pub unit: Value,
    /// Qualifier.
    pub qualifier: Value,
    /// Subject (a string or `null`).
    pub subject: Value,
    /// Reporting year.
    pub year: Value,
    /// The JSON object this prediction was read from, if any; used only to
    /// report spurious predictions as the reference does.
    pub raw: Option<Value>,
}

impl Prediction {
    /// A prediction from a decoded JSON line, with the reference scorer's
    /// leniency on offsets.
    pub fn from_json(v: Value) -> Result<Prediction, String> {
        let Value::Object(obj) = &v else {
            return Err(format!("prediction is not a JSON object: {v}"));
        };
        let offset = |key: &str| -> Result<usize, String> {
            let raw = obj
                .get(key)
                .ok_or_else(|| format!("prediction without {key:?}: {v}"))?;
            py::to_int(raw)
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| format!("prediction without valid byte offsets: {v}"))
        };
        let field = |key: &str| obj.get(key).cloned().unwrap_or(Value::Null);
        Ok(Prediction {
            start: offset("start")?,
            end: offset("end")?,
            value: field("value"),
            value_max: field("value_max"),
            unit: field("unit"),
            qualifier: field("qualifier"),
            subject: field("subject"),
            year: field("year"),
            raw: Some(v),
        })
    }

    pub(super) fn to_raw(&self) -> Value {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let mut m = Map::new();
        m.insert("start".into(), self.start.into());
        m.insert("end".into(), self.end.into());
        for (k, v) in self.fields() {
            m.insert(k.into(), v.clone());
        }
        Value::Object(m)
    }
}

impl<'de> Deserialize<'de> for Prediction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Prediction::from_json(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// `fields()` for the records that carry the scored fields: the fields by
/// name, in the scorer's order, listed once for both records.
macro_rules! scored_fields {
    ($fields:tt for $($record:ty),+) => {$(
        impl $record {
            pub(super) fn fields(&self) -> [(&'static str, &Value); 6] {
                scored_fields!(@array self $fields)
            }
        }
    )+};
    (@array $this:ident [$($field:ident),+]) => {
        [$((stringify!($field), &$this.$field)),+]
    };
}

scored_fields!([value, unit, qualifier, subject, year, value_max] for GoldClaim, Prediction);
