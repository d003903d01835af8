//! Evaluation: score predicted claims against gold annotations.
//!
//! A faithful port of the reference scorer `score.py` (see `ANNOTATION.md`,
//! "How the scorer matches"): it gives the same numbers, the same table and
//! the same `--json` summary on the same files. The reference runs without
//! the optional Python `opencc` module, so subjects are compared after NFKC
//! and the removal of punctuation, symbols, separators and whitespace only,
//! with no Traditional→Simplified conversion.
//!
//! Matching: every (prediction, gold) pair whose character spans overlap is
//! ranked by (overlap, prediction index, gold index), largest first, and
//! taken greedily. Optional gold claims neither reward nor punish, and an
//! unmatched prediction that overlaps any optional gold claim is ignored.

mod json;
mod py;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::fmt;
use std::path::{Path, PathBuf};
use unicode_general_category::get_general_category;
use unicode_normalization::UnicodeNormalization;

/// What can go wrong while scoring. Wherever `score.py` stops with an error
/// (or crashes), the Rust scorer returns one of these instead.
#[derive(Debug)]
pub enum EvalError {
    /// A file or directory could not be read.
    Io {
        /// The path being read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not valid UTF-8.
    NotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// A line of a JSON Lines file is not valid JSON.
    BadJson {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// A line parsed as JSON but is not a well-formed gold claim or
    /// prediction (not an object, a required field missing or mistyped,
    /// offsets that are not integers).
    BadRecord {
        /// Where the record comes from (a file path, or a document name).
        source: String,
        /// 1-based line number (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A gold claim's `context` does not occur in the document.
    ContextNotFound {
        /// Document name.
        document: String,
        /// The missing context.
        context: String,
    },
    /// A gold claim's `context` occurs more than once in the document.
    ContextNotUnique {
        /// Document name.
        document: String,
        /// The ambiguous context.
        context: String,
    },
    /// A gold claim's `text` does not occur inside its `context`.
    TextNotInContext {
        /// Document name.
        document: String,
        /// The claim's surface text.
        text: String,
        /// Its context.
        context: String,
    },
    /// A prediction's byte offset is past the end of the document or not on
    /// a character boundary.
    BadOffset {
        /// Document name.
        document: String,
        /// 0-based index of the prediction in its file.
        index: usize,
        /// The offending byte offset.
        offset: usize,
    },
    /// A field has a value the reference scorer cannot compare (for example a
    /// subject that is a number, or a gold value that is not a number).
    BadField {
        /// Document name.
        document: String,
        /// Field name.
        field: &'static str,
        /// The value, as JSON.
        value: String,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            EvalError::NotUtf8 { path } => write!(f, "{}: not valid UTF-8", path.display()),
            EvalError::BadJson {
                path,
                line,
                message,
            } => {
                write!(f, "{}:{line}: bad JSON: {message}", path.display())
            }
            EvalError::BadRecord {
                source,
                line,
                message,
            } => {
                write!(f, "{source}:{line}: {message}")
            }
            EvalError::ContextNotFound { document, context } => {
                write!(f, "{document}: context not found: {context:?}")
            }
            EvalError::ContextNotUnique { document, context } => {
                write!(f, "{document}: context not unique: {context:?}")
            }
            EvalError::TextNotInContext {
                document,
                text,
                context,
            } => {
                write!(
                    f,
                    "{document}: text {text:?} not inside context {context:?}"
                )
            }
            EvalError::BadOffset {
                document,
                index,
                offset,
            } => write!(
                f,
                "{document}: prediction {index} without valid byte offsets: \
                 {offset} is not a character boundary of the text"
            ),
            EvalError::BadField {
                document,
                field,
                value,
            } => {
                write!(f, "{document}: cannot compare field {field} = {value}")
            }
        }
    }
}

impl std::error::Error for EvalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EvalError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

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

    fn to_raw(&self) -> Value {
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

    fn fields(&self) -> [(&'static str, &Value); 6] {
        [
            ("value", &self.value),
            ("unit", &self.unit),
            ("qualifier", &self.qualifier),
            ("subject", &self.subject),
            ("year", &self.year),
            ("value_max", &self.value_max),
        ]
    }
}

impl<'de> Deserialize<'de> for Prediction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Prediction::from_json(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

impl GoldClaim {
    fn fields(&self) -> [(&'static str, &Value); 6] {
        [
            ("value", &self.value),
            ("unit", &self.unit),
            ("qualifier", &self.qualifier),
            ("subject", &self.subject),
            ("year", &self.year),
            ("value_max", &self.value_max),
        ]
    }
}

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

    fn map<U>(&self, f: impl Fn(T) -> U) -> Fields<U> {
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
    fn add(&mut self, o: &Fields<usize>) {
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
fn prf(tp: usize, npred: usize, ngold: usize) -> (f64, f64, f64) {
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

fn accuracy(fields: &Fields<usize>, detected: usize) -> Fields<f64> {
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

/// A subject with compatibility forms folded (NFKC) and every punctuation,
/// symbol, separator and whitespace character removed; `None` for a value
/// that is neither a string nor `null` (the reference crashes on those).
fn norm_subject(s: &Value) -> Option<String> {
    match s {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(
            s.nfkc()
                .filter(|&c| {
                    let cat = get_general_category(c).abbreviation();
                    !(matches!(cat.as_bytes()[0], b'P' | b'Z' | b'S') || py::is_space(c))
                })
                .collect(),
        ),
        _ => None,
    }
}

fn bad_field(document: &str, field: &'static str, v: &Value) -> EvalError {
    EvalError::BadField {
        document: document.into(),
        field,
        value: v.to_string(),
    }
}

/// The reference's `subject_ok`: any predicted subject is right against a
/// `null` gold; otherwise one gold phrasing must be contained in the
/// prediction, or the prediction (at least 2 characters) in the phrasing,
/// and the prediction may be at most `2 * len(gold) + 4` characters long.
fn subject_ok(document: &str, pred: &Value, gold: &Value) -> Result<bool, EvalError> {
    if gold.is_null() {
        return Ok(true);
    }
    let golds = match gold {
        Value::Array(a) => a.as_slice(),
        g => std::slice::from_ref(g),
    };
    let p = norm_subject(pred).ok_or_else(|| bad_field(document, "subject", pred))?;
    if p.is_empty() {
        return Ok(false);
    }
    let plen = p.chars().count();
    for g in golds {
        let g = norm_subject(g).ok_or_else(|| bad_field(document, "subject", g))?;
        if g.is_empty() {
            continue;
        }
        if plen > 2 * g.chars().count() + 4 {
            continue;
        }
        if p.contains(&g) || (plen >= 2 && g.contains(&p)) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The reference's `value_ok`: `null` gold wants `null`; otherwise both are
/// read as Python floats and must agree within a relative 1e-9.
fn value_ok(document: &str, field: &'static str, p: &Value, g: &Value) -> Result<bool, EvalError> {
    if g.is_null() {
        return Ok(p.is_null());
    }
    if p.is_null() {
        return Ok(false);
    }
    let Some(p) = py::to_float(p) else {
        return Ok(false);
    };
    let g = py::to_float(g).ok_or_else(|| bad_field(document, field, g))?;
    let scale = if g.abs() > 1.0 { g.abs() } else { 1.0 };
    Ok((p - g).abs() <= 1e-9 * scale)
}

/// A document's text with char/byte offset tables.
struct Indexed<'a> {
    text: &'a str,
    /// Byte offset of each char, plus the text length.
    c2b: Vec<usize>,
}

impl<'a> Indexed<'a> {
    fn new(text: &'a str) -> Self {
        let mut c2b: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        c2b.push(text.len());
        Indexed { text, c2b }
    }

    fn nchars(&self) -> usize {
        self.c2b.len() - 1
    }

    /// Char offset of a byte offset on a char boundary.
    fn char_at(&self, byte: usize) -> Option<usize> {
        self.c2b.binary_search(&byte).ok()
    }

    /// Python `text[a:b]` on char offsets (clamped, empty when a >= b).
    fn slice(&self, a: i64, b: i64) -> &'a str {
        let n = self.nchars() as i64;
        let a = a.clamp(0, n) as usize;
        let b = b.clamp(0, n) as usize;
        if a >= b {
            ""
        } else {
            &self.text[self.c2b[a]..self.c2b[b]]
        }
    }

    /// Python `text.find(needle, start)` in chars.
    fn find(&self, needle: &str, start: usize) -> Option<usize> {
        if start > self.nchars() {
            return None;
        }
        let from = self.c2b[start];
        let b = self.text[from..].find(needle)? + from;
        self.char_at(b)
    }
}

/// Char span of a gold claim: its unique `context`, then `text` inside it.
fn locate(doc: &Indexed<'_>, g: &GoldClaim, name: &str) -> Result<(i64, i64), EvalError> {
    let first = doc
        .find(&g.context, 0)
        .ok_or_else(|| EvalError::ContextNotFound {
            document: name.into(),
            context: g.context.clone(),
        })?;
    if doc.find(&g.context, first + 1).is_some() {
        return Err(EvalError::ContextNotUnique {
            document: name.into(),
            context: g.context.clone(),
        });
    }
    let off = g
        .context
        .find(&g.text)
        .ok_or_else(|| EvalError::TextNotInContext {
            document: name.into(),
            text: g.text.clone(),
            context: g.context.clone(),
        })?;
    let start = (first + g.context[..off].chars().count()) as i64;
    Ok((start, start + g.text.chars().count() as i64))
}

fn overlap((s1, e1): (i64, i64), (s2, e2): (i64, i64)) -> i64 {
    e1.min(e2) - s1.max(s2)
}

/// Greedy matching of the reference: all pairs with positive overlap,
/// sorted by `(overlap, pred index, gold index)` descending, taken when
/// neither side is used yet. Returns the matches in the order taken.
fn match_spans(preds: &[(i64, i64)], golds: &[(i64, i64)]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, &p) in preds.iter().enumerate() {
        for (j, &g) in golds.iter().enumerate() {
            let ov = overlap(p, g);
            if ov > 0 {
                pairs.push((ov, i, j));
            }
        }
    }
    pairs.sort_unstable_by(|a, b| b.cmp(a));
    let mut used_p = vec![false; preds.len()];
    let mut used_g = vec![false; golds.len()];
    let mut matches = Vec::new();
    for (_, i, j) in pairs {
        if used_p[i] || used_g[j] {
            continue;
        }
        used_p[i] = true;
        used_g[j] = true;
        matches.push((i, j));
    }
    matches
}

/// Scores one document's predictions against its gold claims.
///
/// `text` is the document as the reference reads it (Python text mode turns
/// `\r\n` and `\r` into `\n`; [`score_dirs`] does that when reading files),
/// and prediction offsets are byte offsets into it.
///
/// ```
/// use serde_json::json;
/// use zhclaims::eval::{GoldClaim, Prediction, score_document};
///
/// let text = "市二院新增床位1000张,投资3亿元。";
/// let gold: GoldClaim = serde_json::from_value(json!({
///     "context": "新增床位1000张", "text": "1000张", "value": 1000,
///     "unit": "张", "subject": "床位", "year": 2023
/// })).unwrap();
/// let start = text.find("1000张").unwrap();
/// let pred = Prediction {
///     start,
///     end: start + "1000张".len(),
///     value: json!(1000.0),
///     unit: json!("张"),
///     subject: json!("新增床位"),
///     year: json!(2023),
///     ..Default::default()
/// };
/// let s = score_document("doc", text, &[gold], &[pred]).unwrap();
/// assert_eq!((s.gold, s.pred, s.detected, s.full), (1, 1, 1, 1));
/// assert_eq!(s.f1, 1.0);
/// ```
pub fn score_document(
    name: &str,
    text: &str,
    gold: &[GoldClaim],
    pred: &[Prediction],
) -> Result<DocScore, EvalError> {
    let doc = Indexed::new(text);
    let gspans = gold
        .iter()
        .map(|g| locate(&doc, g, name))
        .collect::<Result<Vec<_>, _>>()?;
    let mut pspans = Vec::with_capacity(pred.len());
    for (index, p) in pred.iter().enumerate() {
        let conv = |offset: usize| {
            doc.char_at(offset)
                .map(|c| c as i64)
                .ok_or(EvalError::BadOffset {
                    document: name.into(),
                    index,
                    offset,
                })
        };
        pspans.push((conv(p.start)?, conv(p.end)?));
    }
    let matches = match_spans(&pspans, &gspans);
    let mut used_p = vec![false; pred.len()];
    let mut used_g = vec![false; gold.len()];
    for &(i, j) in &matches {
        used_p[i] = true;
        used_g[j] = true;
    }

    let mut errors = Vec::new();
    let mistake = |kind: String, surface: &str, context: &str, detail| Mistake {
        document: name.into(),
        kind,
        surface: surface.into(),
        context: context.into(),
        detail,
    };
    let mut spurious = 0;
    for (i, &(ps, pe)) in pspans.iter().enumerate() {
        if used_p[i] {
            continue;
        }
        let near_optional = gspans
            .iter()
            .zip(gold)
            .any(|(&gs, g)| overlap((ps, pe), gs) > 0 && g.optional);
        if near_optional {
            continue;
        }
        spurious += 1;
        errors.push(mistake(
            "spurious".into(),
            doc.slice(ps, pe),
            doc.slice((ps - 12).max(0), pe + 12),
            Detail::Prediction(pred[i].to_raw()),
        ));
    }

    let mut detected = 0;
    let mut full = 0;
    let mut fields = Fields::default();
    for &(i, j) in &matches {
        let (g, p) = (&gold[j], &pred[i]);
        if g.optional {
            continue;
        }
        detected += 1;
        let ok = Fields {
            value: value_ok(name, "value", &p.value, &g.value)?
                && value_ok(name, "value_max", &p.value_max, &g.value_max)?,
            unit: py::eq(py::or_none(&p.unit), py::or_none(&g.unit)),
            qualifier: py::eq(py::or_none(&p.qualifier), py::or_none(&g.qualifier)),
            subject: subject_ok(name, &p.subject, &g.subject)?,
            year: py::eq(&p.year, &g.year),
        };
        fields.add(&ok.map(usize::from));
        if ok.value && ok.unit && ok.subject && ok.year {
            full += 1;
        } else {
            let bad: Vec<&str> = ok
                .iter()
                .iter()
                .filter(|(_, v)| !v)
                .map(|(k, _)| *k)
                .collect();
            let values = |f: [(&'static str, &Value); 6]| {
                Box::new(FieldValues(f.map(|(k, v)| (k, v.clone()))))
            };
            errors.push(mistake(
                format!("wrong {}", bad.join(",")),
                &g.text,
                &g.context,
                Detail::Fields {
                    pred: values(p.fields()),
                    gold: values(g.fields()),
                },
            ));
        }
    }
    for (j, g) in gold.iter().enumerate() {
        if !used_g[j] && !g.optional {
            errors.push(mistake("missed".into(), &g.text, &g.context, Detail::None));
        }
    }

    let ngold = gold.iter().filter(|g| !g.optional).count();
    let npred = detected + spurious;
    let (precision, recall, f1) = prf(detected, npred, ngold);
    let (_, _, full_f1) = prf(full, npred, ngold);
    Ok(DocScore {
        name: name.into(),
        gold: ngold,
        pred: npred,
        detected,
        full,
        accuracy: accuracy(&fields, detected),
        fields,
        precision,
        recall,
        f1,
        full_f1,
        errors,
    })
}

fn read_utf8(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.into(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|_| EvalError::NotUtf8 { path: path.into() })
}

/// Python's universal newlines: `\r\n` and lone `\r` become `\n`.
fn universal_newlines(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

/// Reads a document as the reference does (UTF-8, universal newlines).
pub fn read_text(path: &Path) -> Result<String, EvalError> {
    read_utf8(path).map(universal_newlines)
}

/// Reads a JSON Lines file of gold claims or predictions like the
/// reference: a missing file is empty, blank lines are skipped, every other
/// line must be one JSON value that deserializes to `T`.
///
/// Lines are decoded like Python's `json.loads` (floats correctly rounded,
/// which serde_json's default parser does not guarantee), so prefer this to
/// `serde_json::from_str` when the numbers must match the reference.
pub fn load_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, EvalError> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = read_text(path)?;
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let line = py::strip(line);
        if line.is_empty() {
            continue;
        }
        let v = json::parse(line).map_err(|message| EvalError::BadJson {
            path: path.into(),
            line: n + 1,
            message,
        })?;
        let rec = serde_json::from_value(v).map_err(|e| EvalError::BadRecord {
            source: path.display().to_string(),
            line: n + 1,
            message: e.to_string(),
        })?;
        out.push(rec);
    }
    Ok(out)
}

/// Scores a directory of predictions: one document per `NAME.jsonl` in
/// `gold` (sorted by name), its text in `texts/NAME.txt` and its
/// predictions in `pred/NAME.jsonl` (missing = no predictions).
pub fn score_dirs(texts: &Path, gold: &Path, pred: &Path) -> Result<Report, EvalError> {
    let io = |source| EvalError::Io {
        path: gold.into(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(gold).map_err(io)? {
        let file = entry.map_err(io)?.file_name();
        let file = file.to_str().ok_or_else(|| EvalError::BadRecord {
            source: gold.display().to_string(),
            line: 0,
            message: format!("file name is not UTF-8: {file:?}"),
        })?;
        if let Some(name) = file.strip_suffix(".jsonl") {
            names.push(name.to_string());
        }
    }
    names.sort();
    let mut docs = Vec::with_capacity(names.len());
    for name in names {
        let text = read_text(&texts.join(format!("{name}.txt")))?;
        let g: Vec<GoldClaim> = load_jsonl(&gold.join(format!("{name}.jsonl")))?;
        let p: Vec<Prediction> = load_jsonl(&pred.join(format!("{name}.jsonl")))?;
        docs.push(score_document(&name, &text, &g, &p)?);
    }
    Ok(Report::new(docs))
}

#[cfg(test)]
mod tests;
