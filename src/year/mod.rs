//! Stage 5b: the year a figure is reported for — ANNOTATION.md's "The year
//! of a claim" as one ordered walk over the document's timeline
//! (`crate::document::time`), first rule that applies:
//!
//! 1. **`direct`**: a time that dates the figure itself
//!    (`较2019至20年度的13亿元` → 2020, `由上年729万人` → the year before);
//! 2. **`clause`**: the nearest time before the figure in its own clause,
//!    not a comparison base (`2026至27年度再削减1%`), and a start point only
//!    up to the end of its change (`由上年729万人增加到732万人`: the 732万 is
//!    not dated by 上年);
//! 3. **`continued`**: a clause that starts with a change or a share of
//!    the figure before it (`，较2023至24年度增加约7.3%`) takes its year;
//! 4. **`carried`**: a time from an earlier clause of the sentence that
//!    frames the rest of it — one that stands first in its clause, sits in
//!    the sentence's first clause, or opens a period (`从2024至25年度起`);
//!    a deadline inside a clause does not carry (`试点期延长至2027年底，
//!    补贴标准提高了20%`);
//! 5. **`paragraph`**: a time that opens the paragraph (`2023年，…`), until
//!    a heading or a sentence that names another year;
//! 6. **`heading`**: the nearest heading above that names a year or a
//!    period (`一、2025年工作回顾` → 2025);
//! 7. **`reporting`**: the reviewed year in a review part, else the
//!    document's reporting year.
//!
//! A figure that starts a change within a span (`十年来…从63.2%提高到…`)
//! takes the span's first year. Relative times resolve against the
//! [`Clock`]: `今年` and the present are the publication year; `去年`,
//! `全年`, `过去一年` are counted from the reviewed year inside the review
//! part of a work report.

pub(crate) mod marks;

use std::num::NonZeroU32;
use std::ops::Range;

use crate::claim::YearSource;
use crate::document::layout::Layout;
use crate::document::time::{Timeline, fronted};
use marks::{Kind, Mark, Role};

/// The years relative times are counted from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Clock {
    /// The publication year: what `今年` means.
    pub current: Option<i32>,
    /// The year a work report or retrospective release looks back on.
    pub reviewed: Option<i32>,
    /// The year `目前` and part-year figures (`1-7月`) are in: the
    /// publication year, else the reporting year.
    pub now: Option<i32>,
    /// The document reckons in fiscal years (a period that starts now
    /// starts with the fiscal year that ends next year).
    pub fiscal: bool,
}

impl Clock {
    /// The year a past-facing time counts from: the reviewed year in a review part.
    fn base(&self, in_review: bool) -> Option<i32> {
        if in_review {
            self.reviewed.or(self.current)
        } else {
            self.current
        }
    }

    /// The year a time names, its last year for a span; `named` is the year
    /// named just before (for `当年`). `None` for a run (see [`Kind::Run`]).
    pub(crate) fn resolve(&self, kind: Kind, in_review: bool, named: Option<i32>) -> Option<i32> {
        match kind {
            Kind::Year(y) | Kind::Range(y) | Kind::Plan(y) => Some(y),
            Kind::Relative(d) => self.current.map(|c| c + d),
            Kind::Previous(d) => self.base(in_review).map(|b| b + d),
            Kind::Now => self.now,
            Kind::Same => named.or(self.base(in_review)),
            Kind::Span(_) | Kind::Since(_) => self.base(in_review),
            Kind::Ahead { years, fiscal } => self
                .current
                .map(|c| c + years - 1 + i32::from(fiscal || self.fiscal)),
            Kind::Run(_) => None,
        }
    }

    /// The first year of a span or period of several years, when the time
    /// names one (a one-year span, `这一年`, is its own year).
    pub(crate) fn span_start(&self, kind: Kind, in_review: bool) -> Option<i32> {
        match kind {
            Kind::Span(n) if n >= 2 => self.base(in_review).map(|b| b - n),
            Kind::Since(y) => Some(y),
            Kind::Plan(y) => Some(y - 4),
            _ => None,
        }
    }
}

/// Where a decided year came from, by the kind of time that named it.
fn source_of(kind: Kind) -> YearSource {
    match kind {
        Kind::Year(_) | Kind::Range(_) => YearSource::Clause,
        Kind::Relative(_) | Kind::Previous(_) | Kind::Now | Kind::Same => YearSource::Relative,
        Kind::Span(_) | Kind::Since(_) | Kind::Ahead { .. } | Kind::Plan(_) | Kind::Run(_) => {
            YearSource::Span
        }
    }
}

/// What stands between a time and a figure it dates directly.
fn dates_directly(between: &str) -> bool {
    let b = between.trim_matches(|c: char| c.is_whitespace() || matches!(c, '”' | '"' | '」'));
    matches!(
        b,
        "" | "的" | "同期" | "同期的" | "末" | "末的" | "底" | "底的" | "年末" | "年底" | "年底的"
    )
}

/// Whether the words between a start point and a figure hold the end word
/// of a change (增加到, 提高至); `between` holds no time (a 至 inside
/// `2023至24年度` is no end word).
fn passes_end(between: &str) -> bool {
    marks::WORDS.end.iter().any(|e| between.contains(e))
}

/// Most start points (`由上年…增加到`) a claim looks past in its clause.
const MAX_STARTS: usize = 8;

/// The time rules for the claims of one sentence.
/// The index of a mark in its sentence, in 4 bytes (a sentence of nothing
/// but years has millions of marks).
type Link = Option<NonZeroU32>;

fn link(k: usize) -> Link {
    u32::try_from(k + 1).ok().and_then(NonZeroU32::new)
}

fn unlink(l: Link) -> Option<usize> {
    l.map(|n| n.get() as usize - 1)
}

pub(crate) struct SentenceTimes<'a> {
    t: &'a str,
    layout: &'a Layout,
    tl: &'a Timeline,
    sentence: Range<usize>,
    marks: &'a [Mark],
    /// The years of the sentence's marks (runs resolved from their start).
    years: Vec<Option<i32>>,
    /// For each mark, the nearest mark at or before it that frames the
    /// clauses after its own (so that no claim walks back over many marks).
    prev_carry: Vec<Link>,
    /// For each mark, the nearest mark at or before it that is no
    /// comparison base and names a year.
    prev_usable: Vec<Link>,
    /// The end, year and year source of the sentence's last claim so far.
    last: Option<(usize, i32, YearSource)>,
}

impl<'a> SentenceTimes<'a> {
    /// Reads the times of `sentence` once, for all of its claims.
    pub(crate) fn new(
        t: &'a str,
        layout: &'a Layout,
        tl: &'a Timeline,
        sentence: Range<usize>,
    ) -> Self {
        let marks = tl.marks_in(sentence.clone());
        let in_review = tl.in_review(sentence.start);
        let mut years = Vec::with_capacity(marks.len());
        let mut prev_carry: Vec<Link> = Vec::with_capacity(marks.len());
        let mut prev_usable: Vec<Link> = Vec::with_capacity(marks.len());
        let mut named = None;
        let mut opened: Option<i32> = None;
        for m in marks {
            let y = match m.kind {
                // A run of years counts from the period the sentence opened.
                Kind::Run(n) => opened.map(|s| s + n - 1),
                k => tl.clock.resolve(k, in_review, named),
            };
            let clause = layout.clause_start(m.start);
            let first_clause = clause <= sentence.start;
            let front = fronted(t, clause, m);
            let carry = y.is_some()
                && match m.role {
                    Role::Base | Role::Start => false,
                    Role::End => front,
                    Role::Frame => {
                        front || first_clause || m.opens || matches!(m.kind, Kind::Run(_))
                    }
                };
            if m.role != Role::Base {
                named = y.or(named);
            }
            if m.opens {
                opened = y;
            }
            let k = years.len();
            years.push(y);
            prev_carry.push(if carry {
                link(k)
            } else {
                prev_carry.last().copied().flatten()
            });
            let usable = m.role != Role::Base && y.is_some();
            prev_usable.push(if usable {
                link(k)
            } else {
                prev_usable.last().copied().flatten()
            });
        }
        SentenceTimes {
            t,
            layout,
            tl,
            sentence,
            marks,
            years,
            prev_carry,
            prev_usable,
            last: None,
        }
    }

    /// The year of the claim at `claim` (normalised byte range) and the
    /// rule that decided it. Claims are asked in text order.
    pub(crate) fn year_of(&mut self, claim: Range<usize>) -> (Option<i32>, Option<YearSource>) {
        let clause = self.layout.clause_start(claim.start);
        let end = claim.end;
        let (year, source, leads) = self.decide(claim, clause);
        // A base or start value, or a count inside a time (`五年前`), is no
        // figure a later change is stated about.
        self.last = match (year, source, leads) {
            (Some(y), Some(s), true) => Some((end, y, s)),
            _ => self.last,
        };
        (year, source)
    }

    /// The text of `from..to` after the last time that ends inside it.
    fn after_times(&self, from: usize, to: usize) -> &'a str {
        let k = self.marks.partition_point(|m| m.end <= to);
        let start = self.marks[..k].last().map_or(from, |m| m.end.max(from));
        &self.t[start..to]
    }

    /// The year, its source, and whether the claim is a figure that later
    /// clauses may continue (not a base or start value, not a count inside
    /// a time expression).
    fn decide(
        &self,
        claim: Range<usize>,
        clause: usize,
    ) -> (Option<i32>, Option<YearSource>, bool) {
        let (t, tl) = (self.t, self.tl);
        let in_review = tl.in_review(claim.start);
        // Marks that end before the claim starts.
        let before = self.marks.partition_point(|m| m.end <= claim.start);
        let from_change = {
            let b = t[self.sentence.start.max(clause)..claim.start].trim_end();
            b.ends_with('从') || b.ends_with('由')
        };
        let decided =
            |k: usize| -> Option<(i32, Kind)> { self.years[k].map(|y| (y, self.marks[k].kind)) };
        let mut found: Option<(i32, Kind)> = None;
        // 1. direct: the time the claim's number is part of (`五年前`,
        // `连续五年`), or a time right before it.
        if let Some(k) = (before..self.marks.len())
            .take_while(|&k| self.marks[k].start <= claim.start)
            .last()
            && let Some((y, kind)) = decided(k)
        {
            return (Some(y), Some(source_of(kind)), false);
        }
        if before > 0
            && dates_directly(&t[self.marks[before - 1].end..claim.start])
            && let Some((y, kind)) = decided(before - 1)
        {
            let role = self.marks[before - 1].role;
            return (
                Some(y),
                Some(source_of(kind)),
                role == Role::Frame || role == Role::End,
            );
        }
        // 2. clause (a start point only dates up to the end of its change;
        // a few of them are looked past at most)
        let mut k = before;
        let mut starts = 0;
        while let Some(j) = k.checked_sub(1).and_then(|i| unlink(self.prev_usable[i])) {
            let m = &self.marks[j];
            if m.start < clause {
                break;
            }
            if m.role == Role::Start && passes_end(self.after_times(m.end, claim.start)) {
                starts += 1;
                if starts > MAX_STARTS {
                    break;
                }
                k = j;
                continue;
            }
            found = decided(j);
            break;
        }
        // 3. continued: a clause that states a change or share of the figure
        // before it (`，较2023至24年度增加约7.3%`) takes that figure's year.
        if found.is_none()
            && let Some((end, y, s)) = self.last
            && end <= claim.start
        {
            let from = clause.max(end);
            let own = t[from..claim.start].trim_start_matches(['、', ' ', ',', '，']);
            if marks::WORDS.continues.iter().any(|w| own.starts_with(w))
                && !passes_end(self.after_times(from, claim.start))
            {
                return (Some(y), Some(s), true);
            }
        }
        // 4. carried
        if found.is_none() {
            let in_clause = self.marks.partition_point(|m| m.start < clause).min(before);
            found = in_clause
                .checked_sub(1)
                .and_then(|i| unlink(self.prev_carry[i]))
                .and_then(decided);
        }
        if let Some((y, kind)) = found {
            if from_change && let Some(s) = tl.clock.span_start(kind, in_review) {
                return (Some(s), Some(YearSource::Span), false);
            }
            return (Some(y), Some(source_of(kind)), !from_change);
        }
        // 5. paragraph
        if let Some(f) = tl.frame(claim.start) {
            let y = if from_change {
                f.start.unwrap_or(f.year)
            } else {
                f.year
            };
            return (Some(y), Some(YearSource::Paragraph), !from_change);
        }
        // 6. heading
        if let Some(y) = tl.heading_year(self.layout, claim.start) {
            return (Some(y), Some(YearSource::Heading), !from_change);
        }
        // 7. reporting
        let y = if in_review {
            tl.clock.reviewed.or(tl.reporting.map(|r| r.0))
        } else {
            tl.reporting.map(|r| r.0)
        };
        (y, y.map(|_| YearSource::Reporting), !from_change)
    }
}

/// Builds the patterns now rather than on first use.
pub(crate) fn warm_up() {
    marks::warm_up();
}
