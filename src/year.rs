//! Stage 5b: the year a figure is reported for.
//!
//! Two levels:
//! - the document: its reporting year (title, date line or the body's most
//!   frequent year) and the "current" year that relative words such as
//!   今年/去年 are resolved against (the publication year when a date line
//!   gives one; after a retrospective title such as `2023年民生实事完成情况`
//!   without a date line, the year after the title's);
//! - the claim: an explicit year earlier in its sentence (`2024年毕业的…,24名`),
//!   else a relative year word (今年, 去年, 明年, 前年), else the document's
//!   reporting year.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::claim::YearSource;
use crate::document::ReportingSource;
use crate::words;

/// What the document says about time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocumentYear {
    /// The year most figures of the document are reported for.
    pub reporting: Option<i32>,
    /// How the reporting year was found.
    pub source: Option<ReportingSource>,
    /// The year relative words (今年, 去年) are resolved against.
    pub current: Option<i32>,
    /// The publication (or meeting) date, as (year, month, day), when a date line gives it.
    pub published: Option<(i32, u32, u32)>,
}

// ASCII digits: the width fold has already turned full-width digits into
// them, and `parse` reads no others (a Unicode `\d` only costs time).
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9]{2})\s*(?:[-/.年])\s*([0-9]{1,2})\s*(?:[-/.月])\s*([0-9]{1,2})")
        .expect("date line pattern")
});
/// `2024年`: the year is the match's first four bytes.
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)[0-9]{2}\s*年").expect("year pattern"));

/// The year a [`YEAR`] match names.
fn year_of(m: regex::Match<'_>) -> Option<i32> {
    m.as_str().get(..4)?.parse().ok()
}

/// Builds the patterns now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&DATE_LINE);
    LazyLock::force(&YEAR);
    LazyLock::force(&WORDS);
}

/// The word lists of `src/data/year_words.tsv`.
struct YearWords {
    /// Titles of reports that look back on a finished year.
    retrospective: Vec<&'static str>,
    /// Words before a year that make it a comparison base, not the claim's year.
    base: Vec<&'static str>,
    /// `今年` (0), `去年` (-1) …, by the char before 年, with the offset.
    relative: Vec<(char, i32)>,
}

static WORDS: LazyLock<YearWords> = LazyLock::new(|| {
    const FILE: &str = "year_words.tsv";
    let mut w = YearWords {
        retrospective: Vec::new(),
        base: Vec::new(),
        relative: Vec::new(),
    };
    for (kind, word) in words::rows(FILE, include_str!("data/year_words.tsv")) {
        match kind {
            "retrospective" => w.retrospective.push(word),
            "base" => w.base.push(word),
            "relative" => {
                let (word, offset) = word
                    .split_once('\t')
                    .and_then(|(w, d)| Some((w, d.trim().parse().ok()?)))
                    .unwrap_or_else(|| panic!("{FILE}: {word:?} has no offset"));
                // year_marks finds them from the 年 they end in, by the char
                // before it, which must name one offset only.
                let first = word
                    .strip_suffix('年')
                    .map(|c| words::one_char(FILE, c))
                    .unwrap_or_else(|| panic!("{FILE}: {word:?} does not end in 年"));
                assert!(
                    w.relative.iter().all(|&(c, _)| c != first),
                    "{FILE}: {word:?}: first char repeats"
                );
                w.relative.push((first, offset));
            }
            _ => panic!("{FILE}: unknown kind {kind:?}"),
        }
    }
    w
});

fn is_plausible(y: i32) -> bool {
    (1949..=2100).contains(&y)
}

/// Finds the document's reporting and current year from its normalised text.
pub(crate) fn document_year(text: &str, given: Option<i32>) -> DocumentYear {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // The publication or meeting date: a full date within the first lines.
    let published = lines.iter().take(12).find_map(|l| {
        let c = DATE_LINE.captures(l)?;
        let y: i32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        let d: u32 = c[3].parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d) && is_plausible(y)).then_some((y, m, d))
    });
    // A year in the title: the first three lines that are not date lines.
    let title = lines
        .iter()
        .filter(|l| !DATE_LINE.is_match(l))
        .take(3)
        .filter(|l| l.chars().count() <= 45)
        .find_map(|l| {
            let y = year_of(YEAR.find(l)?)?;
            is_plausible(y).then_some(y)
        })
        .map(|y| {
            // Retrospective when the title or the first lines name the year's
            // report (`2023年民生实事完成情况`).
            let tag = format!("{y}年");
            let retro = lines.iter().take(6).any(|l| {
                l.find(&tag)
                    .is_some_and(|at| WORDS.retrospective.iter().any(|r| l[at..].contains(r)))
            });
            (y, retro)
        });
    // The most frequent explicit year in the body.
    let body = {
        let mut counts: Vec<(i32, usize)> = Vec::new();
        for m in YEAR.find_iter(text) {
            if let Some(y) = year_of(m)
                && is_plausible(y)
            {
                match counts.iter_mut().find(|e| e.0 == y) {
                    Some(e) => e.1 += 1,
                    None => counts.push((y, 1)),
                }
            }
        }
        counts.into_iter().max_by_key(|&(y, n)| (n, y)).map(|e| e.0)
    };
    let (reporting, source) = if let Some(y) = given {
        (Some(y), Some(ReportingSource::Given))
    } else if let Some((y, _)) = title {
        (Some(y), Some(ReportingSource::Title))
    } else if let Some((y, _, _)) = published {
        (Some(y), Some(ReportingSource::Published))
    } else if let Some(y) = body {
        (Some(y), Some(ReportingSource::Body))
    } else {
        (None, None)
    };
    let current = match (published, title) {
        (Some((y, _, _)), _) => Some(y),
        (None, Some((y, true))) if given.is_none() => Some(y + 1),
        _ => reporting,
    };
    DocumentYear {
        reporting,
        source,
        current,
        published,
    }
}

/// A year named in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `2024年`.
    Explicit(i32),
    /// `今年` (0), `去年` (-1), `明年` (1) …, resolved against the current year.
    Relative(i32),
}

/// The years a sentence names, as (end byte, mark), in text order. Years that
/// are comparison bases (较2019年, 比去年) or part of a document title
/// (《2022年全市药政工作要点》) are left out.
pub(crate) fn year_marks(sentence: &str) -> Vec<(usize, Mark)> {
    let mut marks = Vec::new();
    if !sentence.contains('年') {
        return marks;
    }
    let is_base = |at: usize| WORDS.base.iter().any(|b| sentence[..at].ends_with(b));
    for m in YEAR.find_iter(sentence) {
        let head = &sentence[..m.start()];
        let tail = &sentence[m.end()..];
        if is_base(m.start())
            || head.matches('《').count() > head.matches('》').count()
            || tail.starts_with("以来")
            || tail.starts_with("相比")
        {
            continue;
        }
        if let Some(y) = year_of(m) {
            marks.push((m.end(), Mark::Explicit(y)));
        }
    }
    // Every relative word is one char before 年: look at each 年 once.
    for (nian, _) in sentence.match_indices('年') {
        let Some(first) = sentence[..nian].chars().next_back() else {
            continue;
        };
        let at = nian - first.len_utf8();
        if let Some(&(_, d)) = WORDS.relative.iter().find(|&&(c, _)| c == first)
            && !is_base(at)
        {
            marks.push((nian + '年'.len_utf8(), Mark::Relative(d)));
        }
    }
    marks.sort_by_key(|m| m.0);
    marks
}

/// The year of a claim that starts at byte `at` of a sentence with `marks`:
/// the nearest year named before it, else the document's reporting year.
pub(crate) fn claim_year(
    marks: &[(usize, Mark)],
    at: usize,
    doc: &DocumentYear,
) -> (Option<i32>, Option<YearSource>) {
    let (year, source) = match marks.iter().rev().find(|m| m.0 <= at).map(|m| m.1) {
        Some(Mark::Explicit(y)) => (Some(y), YearSource::Clause),
        Some(Mark::Relative(d)) => (doc.current.map(|c| c + d), YearSource::Relative),
        None => (doc.reporting, YearSource::Reporting),
    };
    (year, year.map(|_| source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_words_are_one_char_before_nian() {
        // year_marks finds them from the 年 they end in, by their first char.
        assert!(!WORDS.retrospective.is_empty() && !WORDS.base.is_empty());
        assert!(!WORDS.relative.is_empty());
        let mut firsts = std::collections::HashSet::new();
        let rows = words::rows("year_words.tsv", include_str!("data/year_words.tsv"));
        for (_, row) in rows.filter(|r| r.0 == "relative") {
            let w = row.split('\t').next().unwrap_or_default();
            assert_eq!(w.chars().count(), 2, "{w}");
            assert!(w.ends_with('年'), "{w}");
            assert!(firsts.insert(w.chars().next()), "{w}: first char repeats");
        }
        assert_eq!(firsts.len(), WORDS.relative.len());
        let marks = year_marks("今年新增3家,去年2家,前年1家");
        let rel: Vec<i32> = marks
            .iter()
            .filter_map(|m| match m.1 {
                Mark::Relative(d) => Some(d),
                Mark::Explicit(_) => None,
            })
            .collect();
        assert_eq!(rel, [0, -1, -2]);
        // 较去年 is a comparison base, not the claim's year.
        assert!(year_marks("较去年增长5%").is_empty());
    }

    #[test]
    fn reporting_year_by_rule() {
        // title
        let d = document_year("## 2023年民生实事\n\n正文,去年计划的98个", None);
        assert_eq!(d.reporting, Some(2023));
        assert_eq!(d.source, Some(ReportingSource::Title));
        assert_eq!(d.current, Some(2023));
        // retrospective title without a date line: spoken the year after
        let d = document_year("常州召开2023年民生实事完成情况新闻发布会\n\n正文", None);
        assert_eq!((d.reporting, d.current), (Some(2023), Some(2024)));
        // date line, Simplified and Traditional (after conversion) alike
        let d = document_year("发布会\n会议时间:2023年12月22日\n正文", None);
        assert_eq!(d.reporting, Some(2023));
        assert_eq!(d.published, Some((2023, 12, 22)));
        let d = document_year(
            "标题\n2024-12-19 14:28:07 来源:新闻办\n常州召开2024年民生实事完成情况",
            None,
        );
        assert_eq!((d.reporting, d.current), (Some(2024), Some(2024)));
        // body
        let d = document_year(
            "标题\n\n\n正文一\n2023年是全面贯彻落实党的二十大精神的开局之年,也是新冠实施乙类乙管后卫生健康事业发展再出发之年,2023年",
            None,
        );
        assert_eq!(
            (d.reporting, d.source),
            (Some(2023), Some(ReportingSource::Body))
        );
        // nothing
        assert_eq!(document_year("报告年常州民生实事", None).reporting, None);
        // given
        assert_eq!(document_year("2023年", Some(2020)).reporting, Some(2020));
    }

    fn claim_year(before: &str, doc: &DocumentYear) -> Option<i32> {
        super::claim_year(&year_marks(before), before.len(), doc).0
    }

    #[test]
    fn claim_year_by_rule() {
        let doc = DocumentYear {
            reporting: Some(2023),
            current: Some(2023),
            ..Default::default()
        };
        assert_eq!(
            claim_year("招聘2024年毕业的应届医学人才,", &doc),
            Some(2024)
        );
        assert_eq!(claim_year("去年,高质量考核位居全市", &doc), Some(2022));
        assert_eq!(claim_year("今年,市区两级财政补助", &doc), Some(2023));
        assert_eq!(claim_year("新增床位", &doc), Some(2023));
        assert_eq!(claim_year("较2019年增长", &doc), Some(2023));
        assert_eq!(claim_year("2022年以来累计", &doc), Some(2023));
        assert_eq!(
            claim_year("贯彻落实《2022年全市药政工作要点》,配备占比", &doc),
            Some(2023)
        );
        assert_eq!(claim_year("比去年增加", &doc), Some(2023));
        assert_eq!(claim_year("去年新增,比去年增加", &doc), Some(2022));
        let unknown = DocumentYear::default();
        assert_eq!(claim_year("新增床位", &unknown), None);
        assert_eq!(claim_year("去年新增", &unknown), None);
    }
}
