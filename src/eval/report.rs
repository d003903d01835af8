//! Scores, the error list, and their printing in the reference's formats.

use super::{json, py};
use serde_json::Value;
use std::fmt;

/// One number per compared field, in the reference order
/// value, unit, qualifier, subject, year.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Fields<T> {
    /// `value` (and `value_max`) right.
    pub value: T,
    /// `unit` right.
    pub unit: T,
    /// `qualifier` right.
    pub qualifier: T,
    /// `subject` right.
    pub subject: T,
    /// `year` right.
    pub year: T,
}

impl<T: Copy> Fields<T> {
    /// `(name, number)` in the reference order.
    pub fn iter(&self) -> [(&'static str, T); 5] {
        [
            ("value", self.value),
            ("unit", self.unit),
            ("qualifier", self.qualifier),
            ("subject", self.subject),
            ("year", self.year),
        ]
    }

    pub(super) fn map<U>(&self, f: impl Fn(T) -> U) -> Fields<U> {
        Fields {
            value: f(self.value),
            unit: f(self.unit),
            qualifier: f(self.qualifier),
            subject: f(self.subject),
            year: f(self.year),
        }
    }
}

impl Fields<usize> {
    pub(super) fn add(&mut self, o: &Fields<usize>) {
        self.value += o.value;
        self.unit += o.unit;
        self.qualifier += o.qualifier;
        self.subject += o.subject;
        self.year += o.year;
    }
}

/// The compared fields of one side of a wrongly-filled match, as the
/// reference reports them (`value`, `unit`, `qualifier`, `subject`, `year`,
/// `value_max`; absent fields as `null`).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldValues(pub [(&'static str, Value); 6]);

/// Extra information attached to a [`Mistake`].
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// Nothing (a missed gold claim).
    None,
    /// The spurious prediction as read.
    Prediction(Value),
    /// Predicted and gold fields of a match with wrong fields.
    Fields {
        /// Predicted fields.
        pred: Box<FieldValues>,
        /// Gold fields.
        gold: Box<FieldValues>,
    },
}

/// One entry of the error list: a spurious prediction, a match with wrong
/// fields, or a missed gold claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    /// Document name.
    pub document: String,
    /// `"spurious"`, `"missed"`, or `"wrong "` followed by the wrong fields
    /// joined by commas (`"wrong value,subject"`).
    pub kind: String,
    /// The predicted span's text (spurious) or the gold `text`.
    pub surface: String,
    /// Twelve characters either side of the span (spurious) or the gold
    /// `context`.
    pub context: String,
    /// Extra information.
    pub detail: Detail,
}

impl Mistake {
    /// The entry as `score.py --show-errors` prints it: a JSON array
    /// `[document, kind, surface, context, detail]`.
    ///
    /// Object keys of a spurious prediction come in sorted order (the
    /// reference keeps the file's order).
    pub fn to_json(&self) -> String {
        let mut s = String::from("[");
        for (k, part) in [&self.document, &self.kind, &self.surface, &self.context]
            .iter()
            .enumerate()
        {
            if k > 0 {
                s.push_str(", ");
            }
            py::dump_str(part, &mut s);
        }
        s.push_str(", ");
        match &self.detail {
            Detail::None => s.push_str("null"),
            Detail::Prediction(v) => py::dump(v, &mut s),
            Detail::Fields { pred, gold } => {
                s.push_str("{\"pred\": ");
                py::dump_pairs(pred.0.iter().map(|(k, v)| (*k, v)), &mut s);
                s.push_str(", \"gold\": ");
                py::dump_pairs(gold.0.iter().map(|(k, v)| (*k, v)), &mut s);
                s.push('}');
            }
        }
        s.push(']');
        s
    }
}

/// Precision, recall and F1 as the reference computes them (0 when a
/// denominator is 0).
pub(super) fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else {
        0.0
    };
    let r = if ngold > 0 {
        tp as f64 / ngold as f64
    } else {
        0.0
    };
    let f = if p + r != 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Scores of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocScore {
    /// Document name.
    pub name: String,
    /// Non-optional gold claims.
    pub gold: usize,
    /// Counted predictions: detected plus spurious (predictions matched to
    /// optional claims, or overlapping one, are not counted).
    pub pred: usize,
    /// Predictions matched to non-optional gold claims (true positives).
    pub detected: usize,
    /// Detected claims with value, unit, subject and year all right.
    pub full: usize,
    /// Detected claims with each field right.
    pub fields: Fields<usize>,
    /// Detection precision.
    pub precision: f64,
    /// Detection recall.
    pub recall: f64,
    /// Detection F1.
    pub f1: f64,
    /// F1 counting only fully right claims.
    pub full_f1: f64,
    /// Share of detected claims with each field right (0 when none).
    pub accuracy: Fields<f64>,
    /// Spurious, wrong and missed claims, in the reference's order.
    pub errors: Vec<Mistake>,
}

/// Scores over a set of documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Per-document scores, by name.
    pub documents: Vec<DocScore>,
    /// Non-optional gold claims.
    pub gold: usize,
    /// Counted predictions.
    pub pred: usize,
    /// Detected claims.
    pub detected: usize,
    /// Fully right claims.
    pub full: usize,
    /// Detected claims with each field right.
    pub fields: Fields<usize>,
    /// Detection precision.
    pub precision: f64,
    /// Detection recall.
    pub recall: f64,
    /// Detection F1.
    pub f1: f64,
    /// F1 counting only fully right claims.
    pub full_f1: f64,
    /// Share of detected claims with each field right (0 when none).
    pub accuracy_on_detected: Fields<f64>,
}

pub(super) fn accuracy(fields: &Fields<usize>, detected: usize) -> Fields<f64> {
    fields.map(|n| {
        if detected > 0 {
            n as f64 / detected as f64
        } else {
            0.0
        }
    })
}

impl Report {
    /// Totals over per-document scores.
    pub fn new(documents: Vec<DocScore>) -> Report {
        let mut fields = Fields::default();
        let (mut gold, mut pred, mut detected, mut full) = (0, 0, 0, 0);
        for d in &documents {
            gold += d.gold;
            pred += d.pred;
            detected += d.detected;
            full += d.full;
            fields.add(&d.fields);
        }
        let (precision, recall, f1) = prf(detected, pred, gold);
        let (_, _, full_f1) = prf(full, pred, gold);
        Report {
            accuracy_on_detected: accuracy(&fields, detected),
            documents,
            gold,
            pred,
            detected,
            full,
            fields,
            precision,
            recall,
            f1,
            full_f1,
        }
    }

    /// All documents' errors in order.
    pub fn errors(&self) -> impl Iterator<Item = &Mistake> {
        self.documents.iter().flat_map(|d| &d.errors)
    }

    /// The errors `--show-errors N` prints: Python's `errors[:n]` (a
    /// negative `n` leaves off that many at the end).
    pub fn shown_errors(&self, n: i64) -> Vec<&Mistake> {
        let all: Vec<&Mistake> = self.errors().collect();
        let len = all.len() as i64;
        let k = if n >= 0 { n.min(len) } else { (len + n).max(0) };
        all.into_iter().take(k as usize).collect()
    }

    /// The summary as `score.py --json` prints it (one line, figures rounded
    /// to 4 decimals like Python's `round`, same key order and number
    /// formatting).
    pub fn to_json(&self) -> String {
        let f = |x: f64| py::dump_float(py::round4(x));
        let acc: Vec<String> = self
            .accuracy_on_detected
            .iter()
            .iter()
            .map(|(k, v)| format!("\"{k}\": {}", f(*v)))
            .collect();
        format!(
            "{{\"documents\": {}, \"gold\": {}, \"pred\": {}, \"detected\": {}, \
             \"precision\": {}, \"recall\": {}, \"f1\": {}, \"full_f1\": {}, \
             \"accuracy_on_detected\": {{{}}}}}",
            self.documents.len(),
            self.gold,
            self.pred,
            self.detected,
            f(self.precision),
            f(self.recall),
            f(self.f1),
            f(self.full_f1),
            acc.join(", ")
        )
    }

    /// The summary as a JSON value (same content as [`Report::to_json`]).
    pub fn to_json_value(&self) -> Value {
        json::parse(&self.to_json()).expect("to_json writes valid JSON")
    }
}

/// The table `score.py` prints by default (without a final newline).
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:40} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6}",
            "document", "gold", "pred", "P", "R", "F1", "fullF1"
        )?;
        for d in &self.documents {
            writeln!(
                f,
                "{:40} {:5} {:5} {:6.3} {:6.3} {:6.3} {:6.3}",
                d.name, d.gold, d.pred, d.precision, d.recall, d.f1, d.full_f1
            )?;
        }
        writeln!(
            f,
            "{:40} {:5} {:5} {:6.3} {:6.3} {:6.3} {:6.3}",
            "ALL", self.gold, self.pred, self.precision, self.recall, self.f1, self.full_f1
        )?;
        let acc: Vec<String> = self
            .accuracy_on_detected
            .iter()
            .iter()
            .map(|(k, v)| format!("{k} {v:.3}"))
            .collect();
        write!(f, "accuracy on detected claims: {}", acc.join(", "))
    }
}
