//! Stage 3b: qualifier words around a number (`约`, `余`, `以上`, `近` …).
//!
//! Words live in `src/data/qualifiers.tsv` with the position they take:
//! before the number, between the number and its unit, or after the unit.

use std::sync::LazyLock;

use crate::claim::Qualifier;
use crate::segment;

/// Where a qualifier word stands relative to the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Position {
    Before,
    AfterNumber,
    After,
}

struct Word {
    surface: &'static str,
    position: Position,
    qualifier: Qualifier,
}

/// The words of each position, longest first, so the first hit is the
/// longest match.
struct Words {
    before: Vec<Word>,
    /// The last chars of the `before` words: most numbers have none of them
    /// before them, and this answers without touching the words.
    before_last: Vec<char>,
    after_number: Vec<Word>,
    after: Vec<Word>,
    /// The first chars of the `after_number` and `after` words, for the same
    /// quick answer after a number.
    after_first: Vec<char>,
}

impl Words {
    fn at(&self, position: Position) -> &[Word] {
        match position {
            Position::Before => &self.before,
            Position::AfterNumber => &self.after_number,
            Position::After => &self.after,
        }
    }
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut words: Vec<Word> = include_str!("data/qualifiers.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let f: Vec<&str> = line.trim_end().split('\t').collect();
            let position = match f.get(1) {
                Some(&"before") => Position::Before,
                Some(&"after_number") => Position::AfterNumber,
                Some(&"after") => Position::After,
                _ => panic!("qualifiers.tsv: bad position in {line:?}"),
            };
            let qualifier = f
                .get(2)
                .and_then(|q| Qualifier::from_name(q))
                .unwrap_or_else(|| panic!("qualifiers.tsv: bad qualifier in {line:?}"));
            Word {
                surface: f[0],
                position,
                qualifier,
            }
        })
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.surface.len()));
    let mut out = Words {
        before: Vec::new(),
        before_last: Vec::new(),
        after_number: Vec::new(),
        after: Vec::new(),
        after_first: Vec::new(),
    };
    for w in words {
        match w.position {
            Position::Before => {
                out.before_last.extend(w.surface.chars().next_back());
                out.before.push(w);
            }
            Position::AfterNumber => {
                out.after_first.extend(w.surface.chars().next());
                out.after_number.push(w);
            }
            Position::After => {
                out.after_first.extend(w.surface.chars().next());
                out.after.push(w);
            }
        }
    }
    out
});

/// The qualifier word that ends right where `before` ends (the text before a
/// number). Returns the qualifier and the word's length in bytes.
///
/// `近` before a number of years (`近五年`, `近3年`) means "the last N years"
/// and is no qualifier: the caller passes `after` to let that be seen.
pub(crate) fn before(before: &str, after: &str) -> Option<(Qualifier, usize)> {
    let last = before.chars().next_back()?;
    if !WORDS.before_last.contains(&last) {
        return None;
    }
    let w = WORDS.before.iter().find(|w| before.ends_with(w.surface))?;
    if w.qualifier == Qualifier::Nearly && after.starts_with('年') {
        return None;
    }
    // The word must stand alone, not end a longer word (签约, 最近, 赶超).
    let toks = segment::tag(segment::tail_chars(before, 4));
    let last = toks.last()?;
    let own = last.word == w.surface || WORDS.before.iter().any(|o| o.surface == last.word);
    if !own && last.word.len() > w.surface.len() {
        return None;
    }
    Some((w.qualifier, w.surface.len()))
}

/// A qualifier word at the start of `rest` in the given position.
pub(crate) fn at(rest: &str, position: Position) -> Option<(Qualifier, usize)> {
    let first = rest.chars().next()?;
    if position != Position::Before && !WORDS.after_first.contains(&first) {
        return None;
    }
    WORDS
        .at(position)
        .iter()
        .find(|w| rest.starts_with(w.surface))
        .map(|w| (w.qualifier, w.surface.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn before_the_number() {
        let cases = [
            ("累计投入资金近", "30亿元", Some(Qualifier::Nearly), "近"),
            ("约", "60%", Some(Qualifier::Approx), "约"),
            (
                "固定开放心理辅导室不少于",
                "2小时",
                Some(Qualifier::AtLeast),
                "不少于",
            ),
            ("人次超", "100万", Some(Qualifier::MoreThan), "超"),
            ("观看人次超过", "100万", Some(Qualifier::MoreThan), "超过"),
            ("近", "年", None, ""),
            ("新增", "1000张", None, ""),
            ("首诊式签约", "3000余人", None, ""),
            ("总量接近", "3000台", Some(Qualifier::Nearly), "接近"),
            ("人均GDP突破", "11万元", Some(Qualifier::MoreThan), "突破"),
            (
                "有些城市已经超过了",
                "90%",
                Some(Qualifier::MoreThan),
                "超过了",
            ),
            ("每小时最低", "20元", Some(Qualifier::AtLeast), "最低"),
            ("下跌大概", "10.3%", Some(Qualifier::Approx), "大概"),
        ];
        for (b, a, q, word) in cases {
            let got = before(b, a);
            assert_eq!(got.map(|g| g.0), q, "{b}|{a}");
            if let Some((_, len)) = got {
                assert_eq!(&b[b.len() - len..], word);
            }
        }
    }

    #[test]
    fn after_the_number_and_unit() {
        assert_eq!(
            at("余例", Position::AfterNumber),
            Some((Qualifier::MoreThan, "余".len()))
        );
        assert_eq!(
            at("多种", Position::AfterNumber),
            Some((Qualifier::MoreThan, "多".len()))
        );
        assert_eq!(
            at("以上中医", Position::After),
            Some((Qualifier::MoreThan, "以上".len()))
        );
        assert_eq!(
            at("左右,", Position::After),
            Some((Qualifier::Approx, "左右".len()))
        );
        assert_eq!(
            at("以下婴幼儿", Position::After),
            Some((Qualifier::LessThan, "以下".len()))
        );
        assert_eq!(at("的", Position::After), None);
    }

    #[test]
    fn every_word_after_the_number_is_found() {
        // The first-char check must let every word of the table through.
        for (words, position) in [
            (&WORDS.after_number, Position::AfterNumber),
            (&WORDS.after, Position::After),
        ] {
            assert!(!words.is_empty());
            for w in words.iter() {
                let rest = format!("{}例", w.surface);
                assert_eq!(
                    at(&rest, position),
                    Some((w.qualifier, w.surface.len())),
                    "{}",
                    w.surface
                );
            }
        }
    }
}
