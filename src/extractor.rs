//! Stage 6: the pipeline that assembles claims, and its public face.
//!
//! normalise → find number expressions → attach unit and qualifier →
//! filter non-claims → find subject and year → assemble records.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::claim::{Claim, Qualifier, Span, UnitKind};
use crate::document::{self, Analysis, Document};
use crate::error::Error;
use crate::filter::{self, Masks, NumberContext};
use crate::normalize::{self, Normalized, is_han};
use crate::numeral::{self, NumberMatch};
use crate::qualifier::{self, Position};
use crate::region;
use crate::segment;
use crate::subject;
use crate::unit::{self, FoundUnit};
use crate::year::{self, SentenceTimes};

/// Extracts numeric claims from press releases.
///
/// Cheap to share (`Send + Sync`); all dictionaries are embedded and built
/// once per process.
///
/// ```
/// use zhclaims::Extractor;
///
/// let ex = Extractor::new();
/// let text = "市二院阳湖院区二期正式启用,新增床位1000张。";
/// let doc = ex.extract(text);
/// let c = &doc.claims[0];
/// assert_eq!(c.text, "1000张");
/// assert_eq!(&text[c.start..c.end], "1000张");
/// assert_eq!(c.value.to_string(), "1000");
/// assert_eq!(c.unit.as_deref(), Some("张"));
/// assert_eq!(c.subject.as_deref(), Some("床位"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    reporting_year: Option<i32>,
    user_units: HashMap<String, (Arc<str>, UnitKind)>,
}

/// Options for an [`Extractor`].
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    inner: Extractor,
}

impl ExtractorBuilder {
    /// The year figures are reported for when a document does not say
    /// otherwise (overrides what is found in the document).
    pub fn reporting_year(mut self, year: i32) -> Self {
        self.inner.reporting_year = Some(year);
        self
    }

    /// Extra units, one per line: `surface<TAB>canonical<TAB>kind` (kinds as
    /// in [`UnitKind`], snake_case). They take precedence over the built-in ones.
    ///
    /// ```
    /// use zhclaims::Extractor;
    /// let ex = Extractor::builder().user_units("标准箱\t标箱\tcount").unwrap().build();
    /// let c = &ex.extract("集装箱吞吐量120万标准箱。").claims[0];
    /// assert_eq!(c.unit.as_deref(), Some("标箱"));
    /// assert!(Extractor::builder().user_units("标准箱\t标箱\tweird").is_err());
    /// ```
    pub fn user_units(mut self, tsv: &str) -> Result<Self, Error> {
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = |reason: &str| Error::BadUserData {
                line: n + 1,
                reason: reason.to_string(),
            };
            if f.len() != 3 || f[0].is_empty() || f[1].is_empty() {
                return Err(bad("expected surface<TAB>canonical<TAB>kind"));
            }
            let kind = UnitKind::from_name(f[2]).ok_or_else(|| bad("unknown unit kind"))?;
            let surface = normalize::normalize(f[0]).text().to_string();
            self.inner
                .user_units
                .insert(surface, (Arc::from(f[1]), kind));
        }
        Ok(self)
    }

    /// Builds the extractor (and warms up the shared dictionaries).
    pub fn build(self) -> Extractor {
        segment::warm_up();
        // A converter that failed to load is reported by its own status and
        // tests; extraction then leaves text unconverted rather than failing.
        let _ = normalize::Normalizer::default().warm_up();
        filter::warm_up();
        year::warm_up();
        subject::warm_up();
        document::dates::warm_up();
        self.inner
    }
}

/// A claim under construction, in normalised-text coordinates.
struct Candidate {
    /// Claim text range (qualifiers and unit included).
    range: Range<usize>,
    /// The number alone.
    number: Range<usize>,
    value: Decimal,
    value_max: Option<Decimal>,
    unit: Option<FoundUnit>,
    qualifier: Option<Qualifier>,
    sentence: usize,
}

impl Extractor {
    /// An extractor with the embedded data and default options.
    pub fn new() -> Self {
        Self::builder().build()
    }

    /// Options: reporting year, user units.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// All claims of `text`, with the document facts. Never fails, never panics.
    pub fn extract(&self, text: &str) -> Document {
        let norm = normalize::normalize(text);
        self.extract_normalized(text, &norm)
    }

    /// Like [`Extractor::extract`] for raw bytes: invalid UTF-8 is an error
    /// naming the first bad byte.
    ///
    /// ```
    /// use zhclaims::{Error, Extractor};
    /// let err = Extractor::new().extract_bytes(b"\xe6\x96\xb0\xff").unwrap_err();
    /// assert!(matches!(err, Error::InvalidUtf8 { offset: 3 }));
    /// ```
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Document, Error> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            offset: e.valid_up_to(),
        })?;
        Ok(self.extract(text))
    }

    /// Extracts many documents on all cores (rayon). Results are in input order.
    pub fn extract_many<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Document> {
        texts.par_iter().map(|t| self.extract(t.as_ref())).collect()
    }

    fn find_unit(&self, rest: &str) -> Option<FoundUnit> {
        if !self.user_units.is_empty() {
            let best = self
                .user_units
                .iter()
                .filter(|(s, _)| rest.starts_with(s.as_str()))
                .max_by_key(|(s, _)| s.len());
            if let Some((s, (canonical, kind))) = best {
                return Some(FoundUnit {
                    canonical: Arc::clone(canonical),
                    kind: *kind,
                    len: s.len(),
                });
            }
        }
        unit::find_unit(rest)
    }

    /// Every claim of `text`, one at a time, to `on_claim`, in document
    /// order; returns the document facts (its `claims` stay empty). Memory
    /// does not grow with the number of claims: a caller that writes each
    /// claim out never holds them all.
    ///
    /// ```
    /// use zhclaims::Extractor;
    /// let mut values = Vec::new();
    /// let doc = Extractor::new().extract_each("新增床位1000张,投资22.86亿元。", |c| {
    ///     values.push(c.value.to_string())
    /// });
    /// assert_eq!(values, ["1000", "2286000000"]);
    /// assert!(doc.claims.is_empty());
    /// ```
    pub fn extract_each(&self, text: &str, mut on_claim: impl FnMut(Claim)) -> Document {
        let norm = normalize::normalize(text);
        self.run(text, &norm, &mut on_claim)
    }

    fn extract_normalized(&self, original: &str, norm: &Normalized) -> Document {
        let mut claims = Vec::new();
        let mut doc = self.run(original, norm, &mut |c| claims.push(c));
        claims.shrink_to_fit();
        doc.claims = claims;
        doc
    }

    /// The pipeline: claims to `sink` sentence by sentence, then the facts.
    fn run(&self, original: &str, norm: &Normalized, sink: &mut dyn FnMut(Claim)) -> Document {
        let t = norm.text();
        let masks = Masks::build(t);
        let doc = Analysis::new(t, &masks, self.reporting_year);
        let region = region::find(t);

        // Candidates of one sentence at a time (a range can join the next
        // candidate, so a sentence is done when the next one starts).
        let mut group: Vec<Candidate> = Vec::new();
        // The numbers one at a time: a text of only numbers never holds
        // all its matches at once.
        for m in numeral::scan_iter(t) {
            // A number inside the previous claim (the 10万 of 138.22/10万) is part of it.
            let lo = group.last().map_or(0, |c| c.range.end);
            if m.start < lo {
                continue;
            }
            let Some(c) = self.candidate(t, &m, lo, &masks, &doc) else {
                continue;
            };
            match group.last_mut() {
                Some(prev) if joins_range(t, prev, &c) => {
                    prev.value_max = Some(c.value);
                    prev.range.end = c.range.end;
                    prev.number.end = c.number.end;
                    prev.qualifier = prev.qualifier.or(c.qualifier);
                }
                Some(prev) if prev.sentence != c.sentence => {
                    self.emit(original, norm, &doc, std::mem::take(&mut group), sink);
                    group.push(c);
                }
                _ => group.push(c),
            }
        }
        self.emit(original, norm, &doc, group, sink);
        drop(masks);
        doc.facts(original, norm, Vec::new(), region)
    }

    /// The claims of one sentence's candidates: word check for Chinese
    /// numerals, subjects, years, spans in the original.
    fn emit(
        &self,
        original: &str,
        norm: &Normalized,
        doc: &Analysis,
        mut group: Vec<Candidate>,
        sink: &mut dyn FnMut(Claim),
    ) {
        let Some(first) = group.first() else {
            return;
        };
        let t = norm.text();
        let Some(sent) = doc.layout.sentences.get(first.sentence) else {
            return;
        };
        group.retain(|c| numeral_is_a_word(t, sent.clone(), c));
        let ranges: Vec<Range<usize>> = group.iter().map(|c| c.range.clone()).collect();
        let subjects = subject::sentence_subjects(t, sent.clone(), &ranges);
        let mut times = SentenceTimes::new(t, &doc.layout, &doc.timeline, sent.clone());
        let orig_sent = norm.to_original(sent.clone());
        let mut shared: Option<Arc<str>> = None;
        for (c, subject) in group.into_iter().zip(subjects) {
            // A figure in a table cell is about its row (and, when the
            // row header alone does not say what is counted, its column).
            let subject = doc
                .tables
                .cell(t, c.number.clone())
                .map(|cell| table_subject(cell.row, cell.column))
                .or(subject)
                .map(|s| match &shared {
                    // Claims of a list share one subject string.
                    Some(prev) if **prev == *s => Arc::clone(prev),
                    _ => Arc::from(s),
                });
            shared.clone_from(&subject);
            let (year, year_source) = times.year_of(c.range.clone());
            let orig = norm.to_original(c.range.clone());
            let (unit, unit_kind) = match c.unit {
                Some(u) => (Some(u.canonical), u.kind),
                None => (None, UnitKind::None),
            };
            sink(Claim {
                start: orig.start,
                end: orig.end,
                text: original[orig.clone()].to_string(),
                value: c.value,
                value_max: c.value_max,
                unit,
                unit_kind,
                qualifier: c.qualifier,
                subject,
                year,
                year_source,
                sentence: Span {
                    start: orig_sent.start,
                    end: orig_sent.end,
                },
            });
        }
    }

    /// Attaches unit and qualifiers to a number and applies the number rules.
    ///
    /// `lo` is the end of the previous claim: qualifier words before the
    /// number are not looked for inside it.
    fn candidate(
        &self,
        t: &str,
        m: &NumberMatch,
        lo: usize,
        masks: &Masks,
        doc: &Analysis,
    ) -> Option<Candidate> {
        if masks.hit(m.start..m.end).is_some() {
            return None;
        }
        let surface = &t[m.start..m.end];
        let mut end = m.end;
        let mut qualifier = m.more_than.then_some(Qualifier::MoreThan);
        // 1400余例, 70多种, 十来个: a qualifier between number and unit.
        let mut unit = None;
        if m.percent {
            unit = Some(unit::percent());
        } else {
            if let Some((q, len)) = qualifier::at(&t[end..], Position::AfterNumber)
                && let Some(u) = self.find_unit(&t[end + len..])
            {
                qualifier = Some(q);
                end += len;
                unit = Some(u);
            }
            if unit.is_none() {
                unit = self.find_unit(&t[end..]);
            }
            if let Some(u) = &unit {
                end += u.len;
            }
        }
        // table_cell: a figure alone in a table cell takes its unit from the
        // column header or the row's unit cell (万箱 → 箱, ×10000).
        let mut scale = Decimal::ONE;
        if unit.is_none()
            && let Some(cell) = doc.tables.cell(t, m.start..m.end)
            && let Some((u, s)) = cell.unit.and_then(table_unit)
        {
            unit = Some(u);
            scale = s;
        }
        // 5.3万套(间): an alternative classifier in brackets belongs to the claim.
        if unit.is_some() && t[end..].starts_with('(') {
            let rest = &t[end + 1..];
            if let Some((_, _, len)) = unit::unit_prefix(rest)
                && rest[len..].starts_with(')')
            {
                end += 1 + len + 1;
            }
        }
        // 一年半, 两米半: a half after a measure adds 0.5 to the value.
        let mut value = m.value.checked_mul(scale)?;
        let value_max = match m.value_max {
            Some(v) => Some(v.checked_mul(scale)?),
            None => None,
        };
        if unit
            .as_ref()
            .is_some_and(|u| u.kind != UnitKind::Count && u.kind != UnitKind::Percent)
            && m.value_max.is_none()
            && t[end..].starts_with('半')
        {
            // Overflow drops the number, as for any other unrepresentable value.
            value = value.checked_add(Decimal::new(5, 1))?;
            end += '半'.len_utf8();
        }
        let unit_end = end;
        // 50万元(含)以上: the inclusive mark does not hide the qualifier.
        let incl = ["(含)", "（含）"]
            .iter()
            .find(|m| t[end..].starts_with(**m))
            .map_or(0, |m| m.len());
        if let Some((q, len)) = qualifier::at(&t[end + incl..], Position::After) {
            end += incl;
            qualifier = Some(q);
            end += len;
        }
        let mut start = m.start;
        if let Some((q, len)) = qualifier::before(&t[lo..m.start], &t[m.end..]) {
            // `rule: reference_value` — 高于13,200个单位的全年供应目标: a
            // comparison word before a figure that modifies a noun (…的,
            // within a few chars) sets the figure as a reference, it does
            // not qualify it.
            let word = &t[m.start - len..m.start];
            let reference = matches!(word, "高于" | "低于" | "多于" | "少于" | "大于" | "小于")
                && segment::head_chars(&t[end..], 5)
                    .split(|c: char| !crate::normalize::is_han(c))
                    .next()
                    .is_some_and(|s| s.contains('的'));
            if !reference {
                qualifier = Some(q);
                start -= len;
            }
        }
        // half_share: a qualified 半 with no unit is half of a group
        // (逾半吸食大麻, 过半企业): 50 %.
        if unit.is_none() && surface == "半" && start < m.start {
            value = Decimal::from(50);
            unit = Some(unit::percent());
        }
        // A year is written with four digits (2023, 二〇二三), also when it opens
        // a range (2021-2023年, 2023至24年).
        let is_digit = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(c);
        let value_is_year =
            is_year(m.value) && surface.chars().take_while(|&c| is_digit(c)).count() == 4;
        let ctx = NumberContext {
            before: &t[..m.start],
            number: surface,
            after: &t[unit_end..],
            after_number: &t[m.end..],
            unit: unit.as_ref().map(|u| (&*u.canonical, u.kind)),
            is_integer: m.value.fract().is_zero(),
            value_is_year,
            percent: m.percent,
            has_scale: surface.contains(['万', '亿']),
            has_qualifier_before: start < m.start,
            is_zero: m.value.is_zero(),
            chinese: !surface.starts_with(|ch: char| ch.is_ascii_digit()),
        };
        if filter::reject(&ctx).is_some() {
            return None;
        }
        let sentence = doc.layout.sentence_at(m.start);
        Some(Candidate {
            range: start..end,
            number: m.start..m.end,
            value,
            value_max,
            unit,
            qualifier,
            sentence,
        })
    }
}

/// The subject of a table cell: its row header, with the column's name when
/// the row header is a bare label of two chars or less (城镇 + 人均可支配收入).
fn table_subject(row: &str, column: &str) -> String {
    if row.chars().count() > 2 {
        return row.to_string();
    }
    let name = column
        .split(['(', '（'])
        .next()
        .unwrap_or(column)
        .trim_end_matches(['%', '±', ' ']);
    format!("{row}{name}")
}

/// The unit a table gives a cell (`千升`, `万箱`, `%`): its canonical form and
/// the scale its scale word carries (`万箱` → 箱, 10000).
fn table_unit(text: &str) -> Option<(FoundUnit, Decimal)> {
    let text = text.trim();
    if text == "%" || text == "％" {
        return Some((unit::percent(), Decimal::ONE));
    }
    // A unit of its own first (千升, 千克); else a scale word before one.
    let whole = unit::unit_prefix(text).is_some_and(|u| u.2 == text.len());
    let (scale, rest) = match text.chars().next()? {
        '万' if !whole => (Decimal::from(10_000), &text['万'.len_utf8()..]),
        '亿' if !whole => (Decimal::from(100_000_000), &text['亿'.len_utf8()..]),
        _ => (Decimal::ONE, text),
    };
    let (canonical, kind) = match unit::unit_prefix(rest) {
        Some((c, k, len)) if len == rest.len() => (Arc::from(c), k),
        // A classifier the table names that no unit list has (羽, 万头).
        _ if (1..=3).contains(&rest.chars().count()) && rest.chars().all(is_han) => {
            (Arc::from(rest), UnitKind::Count)
        }
        _ => return None,
    };
    let u = FoundUnit {
        canonical,
        kind,
        len: 0,
    };
    Some((u, scale))
}

/// `rule: unit_range` — two amounts with the same unit joined by 至, 到 or
/// a dash are one range (`950亿元至1,350亿元`, `月薪介乎12,000元至20,000元`).
fn joins_range(t: &str, a: &Candidate, b: &Candidate) -> bool {
    fn unit(c: &Candidate) -> Option<&str> {
        c.unit.as_ref().map(|u| &*u.canonical)
    }
    a.value_max.is_none()
        && b.value_max.is_none()
        && a.sentence == b.sentence
        && unit(a).is_some()
        && unit(a) == unit(b)
        && a.value < b.value
        && matches!(
            t[a.range.end..b.range.start].trim(),
            "至" | "到" | "-" | "~"
        )
}

fn is_year(v: Decimal) -> bool {
    v.fract().is_zero() && v >= Decimal::from(1900) && v <= Decimal::from(2100)
}

/// Whether a Chinese numeral stands as a number of its own and not inside a
/// word (`统一`, `一站式`, `十四五`): the number must start a word and no word
/// may run past the end of number and unit. A lone `一` before a classifier
/// is an article far more often than a count (`一批`, `一张网`).
fn numeral_is_a_word(t: &str, sent: Range<usize>, c: &Candidate) -> bool {
    let surface = &t[c.number.clone()];
    if surface.starts_with(|ch: char| ch.is_ascii_digit() || ch.is_ascii_punctuation()) {
        return true;
    }
    // 一 counts when it measures (一吨, 一美元) or is qualified (近一万), not as
    // an article before a classifier (一批, 一个中心).
    if surface == "一"
        && c.unit.as_ref().is_none_or(|u| u.kind == UnitKind::Count)
        && c.range.start == c.number.start
    {
        return false;
    }
    // Words are decided in a window of a few chars around number and unit.
    let lo = c.number.start - segment::tail_chars(&t[sent.start..c.number.start], 8).len();
    let hi = c.range.end + segment::head_chars(&t[c.range.end..sent.end], 8).len();
    let toks = segment::tag(&t[lo..hi]);
    let (ns, ue) = (c.number.start - lo, c.range.end - lo);
    let starts_word = toks.iter().any(|tk| tk.start == ns);
    let straddles = toks
        .iter()
        .any(|tk| tk.start < ue && tk.end > ue && tk.start >= ns);
    let inside = toks.iter().any(|tk| tk.start < ns && tk.end > ns);
    starts_word && !straddles && !inside
}
