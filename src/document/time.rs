//! The document's clock: its publication date, title year, reporting year,
//! current and reviewed year, whether it reckons in fiscal years, the
//! review part of a work report, the years its headings name and the
//! years that open its paragraphs. Computed once per document; the year
//! stage (`crate::year`) looks claims up in it.

use std::ops::Range;

use super::ReportingSource;
use super::dates::Found;
use super::layout::Layout;
use crate::year::Clock;
use crate::year::marks::{Kind, Mark, Role, WORDS};

/// What the document says about time.
#[derive(Debug, Default)]
pub(crate) struct Timeline {
    /// Every time the text names, sorted.
    pub marks: Vec<Mark>,
    pub published: Option<Found>,
    pub reporting: Option<(i32, ReportingSource)>,
    pub clock: Clock,
    /// The review part(s) of a work report or retrospective release.
    pub review: Vec<Range<usize>>,
    /// For each heading of the layout: the year it names, else the one its
    /// parent heading governs with.
    pub heading_years: Vec<Option<i32>>,
    /// For each heading: the year it names itself.
    pub own_heading_years: Vec<Option<i32>>,
    /// Stretches governed by a time that opens a paragraph, with the
    /// year and, for a span, its first year.
    pub frames: Vec<Frame>,
}

/// A stretch of text governed by a time that opens its paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frame {
    pub range: Range<usize>,
    pub year: i32,
    /// The first year of a span (`十年来` → ten years before its last).
    pub start: Option<i32>,
    pub kind: Kind,
}

/// Whether `r` holds any of `words`.
fn has_any(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| t.contains(w))
}

impl Timeline {
    /// Builds the timeline of normalised text `t` with its layout (title and
    /// headings found), its marks, and the publication date.
    pub(crate) fn new(
        t: &str,
        layout: &Layout,
        marks: Vec<Mark>,
        published: Option<Found>,
        given: Option<i32>,
    ) -> Timeline {
        let w = &*WORDS;
        let in_range = |r: &Range<usize>, m: &Mark| r.start <= m.start && m.end <= r.end;
        let title_text = layout.title.as_ref().map_or("", |r| &t[r.clone()]);
        // The title's year: a calendar year it names (a fiscal year named
        // only in the title does not replace the reporting year).
        let title_mark = layout.title.as_ref().and_then(|r| {
            marks
                .iter()
                .find(|m| in_range(r, m) && matches!(m.kind, Kind::Year(_)) && m.role != Role::Base)
        });
        let title_year = title_mark.and_then(|m| match m.kind {
            Kind::Year(y) => Some(y),
            _ => None,
        });
        // Retrospective: the title or a lead paragraph names the title's
        // year's report (`2023年民生实事完成情况`).
        let retrospective = title_year.is_some_and(|y| {
            let tag = format!("{y}年");
            layout
                .title
                .iter()
                .cloned()
                .chain(layout.paragraphs.iter().take(8))
                .any(|r| {
                    let s = &t[r];
                    s.find(&tag)
                        .is_some_and(|at| has_any(&s[at..], &w.retrospective))
                })
        });
        let report = has_any(title_text, &w.report);
        let pub_year = published.as_ref().map(|f| f.year);

        // The body's own year: the explicit year it names most often.
        let body_year = {
            let mut counts: Vec<(i32, usize)> = Vec::new();
            for m in &marks {
                if let (Kind::Year(y) | Kind::Range(y), Role::Frame | Role::End) = (m.kind, m.role)
                {
                    match counts.iter_mut().find(|e| e.0 == y) {
                        Some(e) => e.1 += 1,
                        None => counts.push((y, 1)),
                    }
                }
            }
            counts.into_iter().max_by_key(|&(y, n)| (n, y)).map(|e| e.0)
        };
        let reporting = given
            .map(|y| (y, ReportingSource::Given))
            .or(title_year.map(|y| (y, ReportingSource::Title)))
            .or(pub_year.map(|y| (y, ReportingSource::Published)))
            .or(body_year.map(|y| (y, ReportingSource::Body)));
        let current = pub_year
            .or(if retrospective && given.is_none() {
                title_year.map(|y| y + 1)
            } else {
                None
            })
            .or(reporting.map(|r| r.0));

        // Headings: the marks they name, and which open a review part.
        let heads = &layout.headings;
        let heading_marks: Vec<Option<&Mark>> = heads
            .iter()
            .map(|h| {
                marks
                    .iter()
                    .skip(marks.partition_point(|m| m.start < h.text.start))
                    .take_while(|m| m.end <= h.text.end)
                    .find(|m| m.role != Role::Base && m.kind != Kind::Now)
            })
            .collect();
        // The end of each heading's part: the next heading of its level or higher.
        // (one pass with a stack of the headings still open)
        let mut part_end = vec![t.len(); heads.len()];
        let mut open: Vec<usize> = Vec::new();
        for (k, h) in heads.iter().enumerate() {
            while let Some(&j) = open.last()
                && heads[j].level >= h.level
            {
                part_end[j] = h.line.start;
                open.pop();
            }
            open.push(k);
        }
        let explicit = |m: Option<&&Mark>| match m.map(|m| m.kind) {
            Some(Kind::Year(y) | Kind::Range(y) | Kind::Plan(y)) => Some(y),
            _ => None,
        };
        let mut review = Vec::new();
        let mut reviewed = None;
        for (k, h) in heads.iter().enumerate() {
            let text = &t[h.text.clone()];
            let names_pub =
                explicit(heading_marks[k].as_ref()).is_some_and(|y| Some(y) == pub_year);
            if has_any(text, &w.review) && !names_pub {
                review.push(h.line.start..part_end[k]);
                if reviewed.is_none() {
                    reviewed = explicit(heading_marks[k].as_ref())
                        .filter(|&y| pub_year.is_none_or(|p| y < p));
                }
            }
        }
        if review.is_empty() && (report || retrospective) {
            // No review heading: a work report reviews until its plan part;
            // a retrospective release is all review.
            let body = layout.title.as_ref().map_or(0, |r| r.end);
            let plan = heads.iter().zip(&heading_marks).find(|(h, m)| {
                h.line.start >= body
                    && (has_any(&t[h.text.clone()], &w.plan_part)
                        || explicit(m.as_ref()).is_some_and(|y| Some(y) == pub_year))
            });
            let end = if retrospective {
                t.len()
            } else {
                plan.map_or(t.len(), |(h, _)| h.line.start)
            };
            review.push(body..end);
        }
        // Sorted and merged, for lookups by binary search.
        review.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(review.len());
        for r in review {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        let review = merged;
        if !review.is_empty() && reviewed.is_none() {
            reviewed = if retrospective {
                title_year
            } else {
                pub_year.map(|y| y - 1)
            };
        }
        // Fiscal years: the document names the fiscal year that starts in
        // its current year (2024至25年度 in a 2024 release).
        let fiscal = current.is_some_and(|c| {
            marks.iter().any(|m| {
                let s = &t[m.range()];
                m.kind == Kind::Range(c + 1)
                    && s.starts_with(&c.to_string())
                    && (s.ends_with("年度") || s.ends_with("财年"))
            })
        });
        let clock = Clock {
            current,
            reviewed,
            now: pub_year.or(reporting.map(|r| r.0)),
            fiscal,
        };
        let in_review = |at: usize| in_ranges(&review, at);

        // Heading years, inherited from the parent when a heading names none.
        let own_heading_years: Vec<Option<i32>> = heads
            .iter()
            .zip(&heading_marks)
            .map(|(h, m)| m.and_then(|m| clock.resolve(m.kind, in_review(h.line.start), None)))
            .collect();
        let mut heading_years = Vec::with_capacity(heads.len());
        let mut stack: Vec<(u8, Option<i32>)> = Vec::new();
        for (h, own) in heads.iter().zip(&own_heading_years) {
            while stack.last().is_some_and(|s| s.0 >= h.level) {
                stack.pop();
            }
            let inherited = stack.last().and_then(|s| s.1);
            let y = own.or(inherited);
            heading_years.push(y);
            stack.push((h.level, y));
        }

        let mut tl = Timeline {
            marks,
            published,
            reporting,
            clock,
            review,
            heading_years,
            own_heading_years,
            frames: Vec::new(),
        };
        tl.frames = tl.paragraph_frames(t, layout);
        tl
    }

    /// Whether byte `at` lies in the review part.
    pub(crate) fn in_review(&self, at: usize) -> bool {
        in_ranges(&self.review, at)
    }

    /// The marks inside `r`.
    pub(crate) fn marks_in(&self, r: Range<usize>) -> &[Mark] {
        let a = self.marks.partition_point(|m| m.start < r.start);
        let b = self.marks.partition_point(|m| m.start < r.end);
        &self.marks[a..b.max(a)]
    }

    /// The year of the heading that governs byte `at`, if one names a year.
    pub(crate) fn heading_year(&self, layout: &Layout, at: usize) -> Option<i32> {
        let i = layout.headings.partition_point(|h| h.line.start <= at);
        i.checked_sub(1).and_then(|i| self.heading_years[i])
    }

    /// The paragraph frame that covers byte `at`.
    pub(crate) fn frame(&self, at: usize) -> Option<&Frame> {
        let i = self.frames.partition_point(|f| f.range.start <= at);
        i.checked_sub(1)
            .map(|i| &self.frames[i])
            .filter(|f| f.range.contains(&at))
    }

    /// Stretches governed by a time that opens a paragraph: from that
    /// paragraph on, until a heading, another opening time, or a sentence
    /// that names another year.
    fn paragraph_frames(&self, t: &str, layout: &Layout) -> Vec<Frame> {
        let mut out: Vec<Frame> = Vec::new();
        let mut open: Option<Frame> = None;
        let mut heads = layout.headings.iter().map(|h| h.line.clone()).peekable();
        let close = |open: &mut Option<Frame>, out: &mut Vec<Frame>, at: usize| {
            if let Some(mut f) = open.take() {
                f.range.end = at;
                if f.range.start < f.range.end {
                    out.push(f);
                }
            }
        };
        for p in layout.paragraphs.iter() {
            let mut is_heading = false;
            while let Some(h) = heads.next_if(|h| h.start <= p.start) {
                close(&mut open, &mut out, h.start);
                is_heading |= h.start == p.start;
            }
            // Headings, the title and what stands before it (a page header
            // with its "today" date), and date lines open no paragraph.
            let before_body = layout.title.as_ref().is_some_and(|r| p.start < r.end);
            if is_heading || before_body || super::dates::opens_with_date(&t[p.clone()]) {
                continue;
            }
            let opening = self.opening(t, layout, p.clone());
            if let Some(f) = opening {
                close(&mut open, &mut out, p.start);
                open = Some(f);
                continue;
            }
            // A sentence that names another year ends the frame.
            if let Some(f) = &open {
                let first = layout.sentence_at(p.start);
                let last = layout.sentence_at(p.end.saturating_sub(1));
                for sr in (first..=last).filter_map(|s| layout.sentences.get(s)) {
                    let in_review = self.in_review(sr.start);
                    let other = self.marks_in(sr.clone()).iter().any(|m| {
                        m.role != Role::Base
                            && self
                                .clock
                                .resolve(m.kind, in_review, None)
                                .is_some_and(|y| y != f.year)
                    });
                    if other {
                        let at = sr.start.max(p.start);
                        close(&mut open, &mut out, at);
                        break;
                    }
                }
            }
        }
        close(&mut open, &mut out, t.len());
        out
    }

    /// The time that opens paragraph `p`: a time that stands first in the
    /// paragraph's first clause, or in its second after a speaker's
    /// `…表示，` (`2023年，…`, `袁家军表示，十年来，…`, `过去一年，…`).
    fn opening(&self, t: &str, layout: &Layout, p: Range<usize>) -> Option<Frame> {
        let s = layout.sentences.get(layout.sentence_at(p.start))?;
        let first = s.start.max(p.start)..s.end.min(p.end);
        let m = self.marks_in(first).first()?;
        let clause = layout.clause_start(m.start);
        let opens_clause = clause <= p.start || {
            let before = t[p.start..clause].trim_end_matches([',', '，', ':', '：', ' ']);
            layout.clause_start(p.start) == layout.clause_start(before.len() + p.start - 1)
                && WORDS.say.iter().any(|w| before.ends_with(w))
        };
        if !opens_clause || m.role != Role::Frame || !fronted(t, clause, m) {
            return None;
        }
        let in_review = self.in_review(m.start);
        let year = self.clock.resolve(m.kind, in_review, None)?;
        Some(Frame {
            range: p.start..t.len(),
            year,
            start: self.clock.span_start(m.kind, in_review),
            kind: m.kind,
        })
    }
}

/// Whether `at` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[Range<usize>], at: usize) -> bool {
    let i = ranges.partition_point(|r| r.start <= at);
    i.checked_sub(1).is_some_and(|i| ranges[i].contains(&at))
}

/// Whether mark `m` stands first in the clause that starts at
/// `clause_start`: nothing before it but quotes, spaces, a leading
/// conjunction or adverb (但, 其中, 预计) and a preposition (在, 从).
pub(crate) fn fronted(t: &str, clause_start: usize, m: &Mark) -> bool {
    let w = &*WORDS;
    let mut s = t[clause_start..m.start].trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '“' | '"' | '「' | '『' | '‘' | '(' | '（' | '—' | '-')
    });
    // Heading numbers and list markers (一是, 1.) do not count.
    for _ in 0..3 {
        let before = s.len();
        for list in [&w.lead, &w.at, &w.start] {
            if let Some(x) = list.iter().find(|x| s.starts_with(**x)) {
                s = &s[x.len()..];
            }
        }
        s = s.trim_start();
        if s.len() == before {
            break;
        }
    }
    s.is_empty()
}
