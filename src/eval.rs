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
//!
//! Read files with [`load_jsonl`] / [`read_text`] (or let [`score_dirs`] do
//! it): they decode like Python (texts with their line ends as written,
//! JSON Lines with universal newlines, correctly rounded floats, which
//! serde_json's default parser does not guarantee).
//!
//! Known differences from the reference, all on inputs it would not see in
//! practice: `NaN`/`Infinity` literals and lone surrogate escapes in JSON
//! are rejected (Python accepts them); integers beyond 64 bits become
//! floats; where the reference crashes with a traceback
//! (a subject that is not a string, a gold value that is not a number) an
//! [`Error`] is returned instead.

mod json;
mod py;
mod record;
mod report;

use crate::Error;
pub use record::{GoldClaim, Prediction};
pub use report::{Detail, DocScore, FieldValues, Fields, Mistake, Report};

use report::{accuracy, prf};
use serde_json::Value;
use std::path::Path;
use unicode_general_category::get_general_category;
use unicode_normalization::UnicodeNormalization;

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

fn bad_field(document: &str, field: &'static str, v: &Value) -> Error {
    Error::BadField {
        document: document.into(),
        field,
        value: v.to_string(),
    }
}

/// The reference's `subject_ok`: any predicted subject is right against a
/// `null` gold; otherwise one gold phrasing must be contained in the
/// prediction, or the prediction (at least 2 characters, and at least half
/// as long as the phrasing) in the phrasing,
/// and the prediction may be at most `2 * len(gold) + 4` characters long.
fn subject_ok(document: &str, pred: &Value, gold: &Value) -> Result<bool, Error> {
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
        // Inside a gold phrasing, a prediction must cover at least half of it.
        let half = g.chars().count().div_ceil(2);
        if p.contains(&g) || (plen >= half.max(2) && g.contains(&p)) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The reference's `value_ok`: `null` gold wants `null`; otherwise both are
/// read as Python floats and must agree within a relative 1e-9.
fn value_ok(document: &str, field: &'static str, p: &Value, g: &Value) -> Result<bool, Error> {
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
fn locate(doc: &Indexed<'_>, g: &GoldClaim, name: &str) -> Result<(i64, i64), Error> {
    let first = doc
        .find(&g.context, 0)
        .ok_or_else(|| Error::ContextNotFound {
            document: name.into(),
            context: g.context.clone(),
        })?;
    if doc.find(&g.context, first + 1).is_some() {
        return Err(Error::ContextNotUnique {
            document: name.into(),
            context: g.context.clone(),
        });
    }
    let off = g
        .context
        .find(&g.text)
        .ok_or_else(|| Error::TextNotInContext {
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
) -> Result<DocScore, Error> {
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
                .ok_or(Error::BadOffset {
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

fn read_utf8(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.into(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|_| Error::NotUtf8 { path: path.into() })
}

/// Python's universal newlines: `\r\n` and lone `\r` become `\n`.
fn universal_newlines(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

/// Reads a document as the reference does: UTF-8, line ends kept as
/// written (`newline=""`), so offsets count a `\r\n` as two chars, as the
/// extractor's byte offsets do.
pub fn read_text(path: &Path) -> Result<String, Error> {
    read_utf8(path)
}

/// Reads a JSON Lines file of gold claims or predictions like the
/// reference: a missing file is empty, blank lines are skipped, every other
/// line must be one JSON value that deserializes to `T`.
///
/// Lines are decoded like Python's `json.loads` (floats correctly rounded,
/// which serde_json's default parser does not guarantee), so prefer this to
/// `serde_json::from_str` when the numbers must match the reference.
pub fn load_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, Error> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    // JSON Lines are read with universal newlines, as the reference's
    // default `open` does.
    let text = read_utf8(path).map(universal_newlines)?;
    let mut out = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let line = py::strip(line);
        if line.is_empty() {
            continue;
        }
        let v = json::parse(line).map_err(|message| Error::BadJson {
            path: path.into(),
            line: n + 1,
            message,
        })?;
        let rec = serde_json::from_value(v).map_err(|e| Error::BadRecord {
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
pub fn score_dirs(texts: &Path, gold: &Path, pred: &Path) -> Result<Report, Error> {
    let io = |source| Error::Io {
        path: gold.into(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(gold).map_err(io)? {
        let file = entry.map_err(io)?.file_name();
        let file = file.to_str().ok_or_else(|| Error::BadRecord {
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
