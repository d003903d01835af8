//! The shape of a document: sentences and their clauses, paragraphs, the
//! title and the headings with their levels. One linear pass each.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::bounds::{Cuts, Offsets, Spans};
use crate::normalize::is_han;

/// Sentences, clauses, paragraphs, title and headings of a normalised text.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// Sentences: split after 。！？；!?; and at line ends (ANNOTATION.md's
    /// sentence); a run of blank space joins the next sentence.
    pub sentences: Cuts,
    /// Where clauses start inside sentences (after a comma, colon or tab),
    /// sorted; every sentence start is a clause start too.
    pub clause_breaks: Offsets,
    /// Non-blank lines, trimmed of spaces.
    pub paragraphs: Spans,
    /// The title line (or the value of a `title:` field).
    pub title: Option<Range<usize>>,
    /// Heading lines, in order.
    pub headings: Vec<HeadingLine>,
}

/// A heading line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeadingLine {
    /// The heading itself: the line up to its first 。；: or its end
    /// (`（一）更好统筹…，经济实力显著增强。全面落实…` → up to 增强).
    pub text: Range<usize>,
    /// Its rank among numbering schemes: smaller is higher (第一部分 <
    /// 一、 < （一） < 1. < （1） < ①, markdown by its `#` count, a short
    /// line of its own last).
    pub rank: u8,
    /// Depth in this document's outline, from 1.
    pub level: u8,
    /// The whole line.
    pub line: Range<usize>,
}

/// What a char does to the sentence and clause split.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// 。！？；!?; and line ends.
    SentenceEnd,
    /// ,，:：and tabs.
    ClauseBreak,
    /// Spaces (ASCII or Unicode).
    Blank,
    Other,
}

/// The mark of the char that starts at byte `i` of `t`, and its length.
/// The marks are ASCII or three-byte chars, so most chars are told apart
/// by their first bytes without decoding them.
fn mark_at(t: &str, i: usize) -> (Mark, usize) {
    let b = t.as_bytes();
    let x = b[i];
    if x < 0x80 {
        let m = match x {
            b'!' | b'?' | b';' | b'\n' => Mark::SentenceEnd,
            b',' | b':' | b'\t' => Mark::ClauseBreak,
            b' ' | b'\r' | 0x0b | 0x0c => Mark::Blank,
            _ => Mark::Other,
        };
        return (m, 1);
    }
    let len = match x {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    };
    let m = match (x, b.get(i + 1), b.get(i + 2)) {
        // 。
        (0xE3, Some(0x80), Some(0x82)) => Mark::SentenceEnd,
        // ！ ？ ；
        (0xEF, Some(0xBC), Some(0x81 | 0x9F | 0x9B)) => Mark::SentenceEnd,
        // ， ：
        (0xEF, Some(0xBC), Some(0x8C | 0x9A)) => Mark::ClauseBreak,
        // Han chars (lead bytes E4–E9) are never blank.
        (0xE4..=0xE9, _, _) => Mark::Other,
        _ if t[i..].chars().next().is_some_and(char::is_whitespace) => Mark::Blank,
        _ => Mark::Other,
    };
    (m, len)
}

/// Splits `t` into sentences and clauses in one pass. A piece with nothing
/// but spaces and line ends joins the next sentence.
fn sentences(t: &str) -> (Cuts, Offsets) {
    // (Sized for the genre, about one sentence in 120 bytes and one clause
    // in 40: growing the vectors cost more than the split itself.)
    let mut sents = Cuts::with_capacity(t.len() / 120 + 1);
    let mut breaks = Offsets::with_capacity(t.len() / 40 + 1);
    let mut seen = false;
    let mut i = 0;
    while i < t.len() {
        let (mark, len) = mark_at(t, i);
        i += len;
        match mark {
            Mark::SentenceEnd => {
                if !seen {
                    // Only blank space so far: it joins the next sentence.
                    continue;
                }
                sents.push(i);
                seen = false;
            }
            Mark::ClauseBreak => {
                seen = true;
                if breaks.last() != Some(i) {
                    breaks.push(i);
                }
            }
            Mark::Blank => {}
            Mark::Other => seen = true,
        }
    }
    if sents.last_end() != Some(t.len()) {
        sents.push(t.len());
    }
    sents.shrink_to_fit();
    breaks.shrink_to_fit();
    (sents, breaks)
}

/// Non-blank lines, trimmed.
fn paragraphs(t: &str) -> Spans {
    let mut out = Spans::default();
    let mut start = 0;
    for line in t.split_inclusive('\n') {
        let end = start + line.len();
        let body = line.trim_end();
        let lead = body.len() - body.trim_start().len();
        if !body.trim().is_empty() {
            out.push(start + lead..start + body.len());
        }
        start = end;
    }
    out.shrink_to_fit();
    out
}

/// A numbering at the start of a line, as (rank, length in bytes).
fn numbering(line: &str) -> Option<(u8, usize)> {
    static MARKERS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)^(?:
            (?P<part>第[一二三四五六七八九十百]+(?:部分|篇|章))
          | (?P<cn>[一二三四五六七八九十]{1,3}、)
          | (?P<cnp>[(（][一二三四五六七八九十]{1,3}[)）])
          | (?P<num>[0-9]{1,2}(?:[.．、](?:[^0-9]|$)|\s))
          | (?P<nump>[(（][0-9]{1,2}[)）])
          | (?P<circ>[①-⑳⑴-⒇⒈-⒛])
          | (?P<md>\#{1,6}\s)
        )",
        )
        .expect("heading markers")
    });
    // (Most lines start with none of the marks: skip the pattern for them.)
    let first = line.chars().next()?;
    if !(matches!(first, '第' | '(' | '（' | '#' | '①'..='⑳' | '⑴'..='⒇' | '⒈'..='⒛')
        || first.is_ascii_digit()
        || "一二三四五六七八九十".contains(first))
    {
        return None;
    }
    let c = MARKERS.captures(line)?;
    let rank_len = |name: &str, rank: u8| c.name(name).map(|m| (rank, m.end()));
    rank_len("part", 10)
        .or_else(|| rank_len("cn", 20))
        .or_else(|| rank_len("cnp", 30))
        .or_else(|| {
            // `1.5万人` is a number, not a list marker (the pattern wants no
            // digit after the mark); the marker ends after its mark.
            c.name("num").map(|m| {
                let s = m.as_str();
                let mark = s
                    .char_indices()
                    .find(|(_, ch)| !ch.is_ascii_digit())
                    .map_or(s.len(), |(i, ch)| i + ch.len_utf8());
                (40, mark)
            })
        })
        .or_else(|| rank_len("nump", 50))
        .or_else(|| rank_len("circ", 60))
        .or_else(|| {
            c.name("md")
                .map(|m| (m.as_str().trim().len() as u8 * 10 - 5, m.end()))
        })
}

/// Longest heading, in chars, before its first sentence or clause mark.
const MAX_HEADING_CHARS: usize = 40;
/// Longest line, in chars, that is a heading without a numbering.
const MAX_PLAIN_HEADING_CHARS: usize = 24;

/// The heading of a line, if it is one: a numbered line whose heading part
/// is short, or a short line of its own with no sentence mark (a bold or
/// `<h2>` line before markup removal).
fn heading(t: &str, line: Range<usize>) -> Option<HeadingLine> {
    let s = &t[line.clone()];
    if let Some((rank, len)) = numbering(s) {
        let body = &s[len..];
        let cut = body
            .find(['。', '；', ';', '：', ':', '！', '？'])
            .unwrap_or(body.len());
        let text = &body[..cut];
        let n = text.chars().count();
        if n == 0 || n > MAX_HEADING_CHARS || !text.chars().any(is_han) {
            return None;
        }
        return Some(HeadingLine {
            text: line.start..line.start + len + cut,
            rank,
            level: 0,
            line,
        });
    }
    // (A line of more than four bytes a char is too long: skip counting.)
    if s.len() > MAX_PLAIN_HEADING_CHARS * 4 {
        return None;
    }
    let n = s.chars().count();
    let hans = s.chars().filter(|&c| is_han(c)).count();
    let last = s.chars().next_back()?;
    if n > MAX_PLAIN_HEADING_CHARS
        || hans < 2
        || s.contains([
            '。', '！', '？', '；', ';', '，', ',', '|', '>', '＞', '：', ':',
        ])
        || s.contains("://")
        || matches!(last, '：' | ':' | '、')
    {
        return None;
    }
    Some(HeadingLine {
        text: line.clone(),
        rank: 70,
        level: 0,
        line,
    })
}

impl Layout {
    /// Computes the layout of `t`. `title` is the title line or field the
    /// caller found (see `time::title`), which is not a heading.
    pub(crate) fn new(t: &str) -> Layout {
        let (sentences, clause_breaks) = sentences(t);
        let paragraphs = paragraphs(t);
        Layout {
            sentences,
            clause_breaks,
            paragraphs,
            title: None,
            headings: Vec::new(),
        }
    }

    /// Finds the headings among the paragraphs, skipping the title and the
    /// lines `skip` says are no headings (furniture, date lines), and
    /// numbers their levels by the ranks this document uses.
    pub(crate) fn find_headings(&mut self, t: &str, skip: impl Fn(&Range<usize>) -> bool) {
        let title = self.title.clone();
        let mut heads: Vec<HeadingLine> = self
            .paragraphs
            .iter()
            .filter(|p| title.as_ref().is_none_or(|tl| !overlaps(tl, p)) && !skip(p))
            .filter_map(|p| heading(t, p.clone()))
            .collect();
        // A plain short line is a heading only between paragraphs of body
        // text, not in a run of short lines (navigation, page furniture).
        let plain: Vec<bool> = heads.iter().map(|h| h.rank == 70).collect();
        let mut keep = vec![true; heads.len()];
        for (k, h) in heads.iter().enumerate() {
            if !plain[k] {
                continue;
            }
            let i = self.paragraphs.partition_point(|p| p.start < h.line.start);
            let next_is_body = self
                .paragraphs
                .get(i + 1)
                .is_some_and(|p| t[p.clone()].chars().count() > MAX_PLAIN_HEADING_CHARS);
            keep[k] = next_is_body;
        }
        let mut k = 0;
        heads.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        let mut ranks: Vec<u8> = heads.iter().map(|h| h.rank).collect();
        ranks.sort_unstable();
        ranks.dedup();
        for h in &mut heads {
            h.level = ranks.iter().position(|&r| r == h.rank).unwrap_or(0) as u8 + 1;
        }
        self.headings = heads;
    }

    /// Index of the sentence that holds byte `at`.
    pub(crate) fn sentence_at(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= at)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// Start of the clause that holds byte `at`.
    pub(crate) fn clause_start(&self, at: usize) -> usize {
        let i = self.clause_breaks.partition_point(|c| c <= at);
        let brk = i
            .checked_sub(1)
            .and_then(|i| self.clause_breaks.get(i))
            .unwrap_or(0);
        let sent = self
            .sentences
            .get(self.sentence_at(at))
            .map_or(0, |s| s.start.min(at));
        brk.max(sent)
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_clauses() {
        let t = "一句,二分句。三句!\n\n四";
        let (s, c) = sentences(t);
        assert_eq!(s.len(), 3);
        assert_eq!(s.get(0), Some(0..t.find('!').unwrap() - "三句".len()));
        assert_eq!(s.last_end(), Some(t.len()));
        // Inside sentences, only after the comma; every sentence start is
        // a clause start too.
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c.get(0), Some("一句,".len()));
        let layout = Layout::new(t);
        assert_eq!(layout.clause_start(1), 0);
        assert_eq!(layout.clause_start("一句,二".len()), "一句,".len());
        assert_eq!(layout.clause_start(t.len() - 1), t.find('!').unwrap() + 1);
    }

    #[test]
    fn marks_by_bytes_agree_with_chars() {
        // The byte-level marks against a char-by-char reading.
        let chars = "。！？；!?;\n,，:：\t \u{3000}\u{a0}\r\u{2028}\u{85}a中É😀、．\u{200b}";
        for c in chars.chars() {
            let s = c.to_string();
            let want = if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n') {
                Mark::SentenceEnd
            } else if matches!(c, ',' | '，' | ':' | '：' | '\t') {
                Mark::ClauseBreak
            } else if c.is_whitespace() {
                Mark::Blank
            } else {
                Mark::Other
            };
            assert!(mark_at(&s, 0) == (want, s.len()), "{c:?}");
        }
    }

    #[test]
    fn blank_runs_are_linear() {
        // A long run of line ends costs one pass (issue 16: no re-trimming).
        let t = format!("{}新增1万人。", "\n".repeat(200_000));
        let (s, _) = sentences(&t);
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn headings_by_scheme() {
        let t = "标题行\n一、2025年工作回顾\n（一）经济实力显著增强。全面落实一系列宏观政策，推出稳经济一揽子政策举措和其他更多措施。\n1.地级市投资增速\n全县实现生产总值1102284万元，增长9.3%，其中第一产业增加值142145万元。\n二、2026年工作安排\n1.5万人参加了这次活动，活动持续了整整三天时间，效果很好。";
        let mut l = Layout::new(t);
        l.title = l.paragraphs.get(0);
        l.find_headings(t, |_| false);
        let got: Vec<(&str, u8)> = l
            .headings
            .iter()
            .map(|h| (&t[h.text.clone()], h.level))
            .collect();
        assert_eq!(
            got,
            [
                ("一、2025年工作回顾", 1),
                ("（一）经济实力显著增强", 2),
                ("1.地级市投资增速", 3),
                ("二、2026年工作安排", 1),
            ]
        );
    }
}
