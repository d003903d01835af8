//! Page furniture: footers, bylines, counters and link lists, judged on
//! blocks of label/value fields around a marker, never on a whole line.

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use crate::words;

/// Furniture markers: those that make their field furniture whatever it
/// holds (`any`) and those that make only a short label/value field
/// furniture (`short`), one automaton each (two small automata search
/// faster than one with both).
struct Furniture {
    any: aho_corasick::AhoCorasick,
    short: aho_corasick::AhoCorasick,
}

static FURNITURE: LazyLock<Furniture> = LazyLock::new(|| {
    const FILE: &str = "furniture.tsv";
    let (mut any, mut short) = (Vec::new(), Vec::new());
    for (marker, kind) in words::rows(FILE, include_str!("../data/furniture.tsv")) {
        match kind {
            "any" => any.push(marker),
            "short" => short.push(marker),
            _ => panic!("{FILE}: unknown kind {kind:?} for {marker:?}"),
        }
    }
    // Leftmost-first lets the automaton use its SIMD prefilter (Teddy),
    // ten times faster here than the plain DFA walk of standard matching.
    let build = |words: Vec<&str>| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(words)
            .expect("furniture markers build")
    };
    Furniture {
        any: build(any),
        short: build(short),
    }
});

/// Builds the marker automata now rather than on first use.
pub(super) fn warm_up() {
    LazyLock::force(&FURNITURE);
}

/// Longest field (in chars) that a "short" marker makes furniture, and the
/// longest neighbouring field a furniture block grows over.
const SHORT_FIELD: usize = 60;
/// How far (bytes) a field boundary is looked for: a field without one in
/// reach is running text, not a label or a value.
const FIELD_REACH: usize = 4 * SHORT_FIELD;
/// Fewest `|` separators that make a link list.
const LINK_PIPES: usize = 4;
/// Longest item (chars) between two `|` of a link list.
const LINK_ITEM: usize = 40;

/// Ends a sentence: a furniture block never grows across one.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '\n' | '。' | '!' | '?' | ';' | '！' | '？' | '；')
}

/// Separates two fields of a block (`版权所有 某单位 | 地址:…`).
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '|' | '\u{3000}' | '\u{a0}')
}

fn is_field_break(c: char) -> bool {
    is_gap(c) || is_sentence_end(c)
}

/// A field of running text: it holds clause punctuation, or a sentence
/// ends right after it (`访问量增长到5万人次。`). Furniture fields are labels
/// and values (`浏览次数:3208`, `责任编辑:王某`), never sentences.
fn is_prose(text: &str, field: &Range<usize>) -> bool {
    text[field.clone()].contains([',', '，', '、'])
        || text[field.end..].starts_with(['。', '!', '?', ';', '！', '？', '；'])
}

/// A field short enough to be part of a furniture block.
fn fits(text: &str, field: &Range<usize>) -> bool {
    text[field.clone()].chars().count() <= SHORT_FIELD && !is_prose(text, field)
}

/// The field that holds `text[at..to]`: from the field break before `at`
/// (not before `lo`) to the one at or after `to`. `None` when a boundary is
/// not within [`FIELD_REACH`] bytes (running text).
fn field_around(text: &str, at: usize, to: usize, lo: usize) -> Option<Range<usize>> {
    let mut from = lo.max(at.saturating_sub(FIELD_REACH));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let start = match text[from..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_field_break(c))
    {
        Some((i, c)) => from + i + c.len_utf8(),
        None if from == lo => lo,
        None => return None,
    };
    let mut upto = text.len().min(to + FIELD_REACH);
    while !text.is_char_boundary(upto) {
        upto -= 1;
    }
    let end = match text[to..upto]
        .char_indices()
        .find(|&(_, c)| is_field_break(c))
    {
        Some((i, _)) => to + i,
        None if upto == text.len() => text.len(),
        None => return None,
    };
    Some(start..end)
}

/// The field after the gap at `pos` (within the sentence), if any.
fn next_field(text: &str, pos: usize) -> Option<Range<usize>> {
    let gap = text[pos..]
        .chars()
        .take_while(|&c| is_gap(c))
        .map(char::len_utf8)
        .sum::<usize>();
    let at = pos + gap;
    match text[at..].chars().next() {
        Some(c) if !is_sentence_end(c) => field_around(text, at, at, at),
        _ => None,
    }
}

/// The field before the gap that ends at `pos` (within the sentence, not
/// before `lo`), if any.
fn prev_field(text: &str, pos: usize, lo: usize) -> Option<Range<usize>> {
    let gap = text[lo..pos]
        .chars()
        .rev()
        .take_while(|&c| is_gap(c))
        .map(char::len_utf8)
        .sum::<usize>();
    let end = pos - gap;
    match text[lo..end].chars().next_back() {
        Some(c) if !is_sentence_end(c) => field_around(text, end, end, lo),
        _ => None,
    }
}

/// Grows a furniture block over the short label/value fields around it
/// (`版权所有 常州市卫生健康委员会 地址:… 邮编:213022`), within its sentence
/// and not back before `lo` (the end of the previous block).
fn grow(text: &str, mut block: Range<usize>, lo: usize) -> Range<usize> {
    while let Some(prev) = prev_field(text, block.start, lo).filter(|f| fits(text, f)) {
        block.start = prev.start;
    }
    block.end = grow_forward(text, block.end);
    block
}

/// The end of a furniture block that ends at `end`, grown forward.
fn grow_forward(text: &str, mut end: usize) -> usize {
    while let Some(next) = next_field(text, end).filter(|f| fits(text, f)) {
        end = next.end;
    }
    end
}

/// A row of a Markdown table (`| a | b |`).
fn is_table_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// A Markdown table's separator row (`|---|:---:|`).
fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains("---")
        && t.starts_with('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Link lists: at least [`LINK_PIPES`] `|` with short items between them
/// on one line (`首页 | 新闻 | 公开 | 服务 | 互动`, spam blocks of place
/// names), outside Markdown tables (rows around a `|---|---|` separator:
/// their cells are data). Each run of pipes from its first to its last
/// pipe, in order, found as the pipes come.
struct LinkLists<'t> {
    text: &'t str,
    pipes: std::str::MatchIndices<'t, char>,
    /// The current run: first pipe, last pipe, pipes.
    run: Option<(usize, usize, usize)>,
    /// The last block of table rows looked at, and whether it is a table.
    rows: Range<usize>,
    table: bool,
}

impl<'t> LinkLists<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        LinkLists {
            text,
            pipes: text.match_indices('|'),
            run: None,
            rows: 0..0,
            table: false,
        }
    }

    /// Whether the pipe at `p` is in a Markdown table. Rows are met in
    /// order, so each block of `|` rows is read once, when its first pipe
    /// comes.
    fn in_table(&mut self, p: usize) -> bool {
        if self.rows.contains(&p) {
            return self.table;
        }
        let text = self.text;
        let start = text[..p].rfind('\n').map_or(0, |i| i + 1);
        let line_end = |s: usize| text[s..].find('\n').map_or(text.len(), |i| s + i + 1);
        let mut end = start;
        let mut sep = false;
        while end < text.len() {
            let e = line_end(end);
            let line = &text[end..e];
            if !is_table_row(line) {
                break;
            }
            sep |= is_table_separator(line);
            end = e;
        }
        // A line that is no row: its pipes are checked as text.
        self.rows = start..end.max(line_end(start));
        self.table = sep && end > start;
        self.table
    }
}

impl Iterator for LinkLists<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let close = |run: (usize, usize, usize)| (run.2 >= LINK_PIPES).then(|| run.0..run.1 + 1);
        while let Some((p, _)) = self.pipes.next() {
            if self.in_table(p) {
                continue;
            }
            let Some((first, last, n)) = self.run else {
                self.run = Some((p, p, 1));
                continue;
            };
            let item = &self.text[last + 1..p];
            if !item.contains('\n') && item.chars().count() <= LINK_ITEM {
                self.run = Some((first, p, n + 1));
                continue;
            }
            self.run = Some((p, p, 1));
            if let Some(done) = close((first, last, n)) {
                return Some(done);
            }
        }
        self.run.take().and_then(close)
    }
}

/// The page furniture of a text, block by block in order: blocks of
/// label/value fields around a marker (footers, headers, bylines) and link
/// lists.
///
/// Furniture is judged on spans the size of a furniture block, never on a
/// whole line: text scraped without line breaks (one-line JSON, pages
/// joined with spaces) keeps its body. A marker's *field* is the text
/// between gaps (spaces, tabs, `|`) and sentence ends around it:
/// - an `any` marker (`版权所有`, `ICP备`, `©`) makes its field furniture,
///   grown over the short label/value fields around it in its sentence;
/// - a `short` marker (`责任编辑`, `访问量`, `电话:`) makes its field furniture
///   only when the field is short and not prose (no clause comma, no
///   sentence end right after it), plus the next field when the marker is
///   a bare label (`访问量 12345`): `全市新增床位1000张,访问量增长到5万人次。`
///   is a sentence and keeps both claims;
/// - a link list (see [`LinkLists`]) is grown like an `any` block.
///
/// Markers and pipes are searched lazily and each block is given out as
/// soon as the next one starts, so memory does not grow with their number.
struct FurnitureSpans<'t> {
    text: &'t str,
    any: std::iter::Peekable<aho_corasick::FindIter<'static, 't>>,
    short: std::iter::Peekable<aho_corasick::FindIter<'static, 't>>,
    links: std::iter::Peekable<LinkLists<'t>>,
    /// The last block, still growing while marks fall inside it.
    pending: Option<Range<usize>>,
    covered: usize,
}

impl<'t> FurnitureSpans<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let f: &'static Furniture = &FURNITURE;
        FurnitureSpans {
            text,
            any: f.any.find_iter(text).peekable(),
            short: f.short.find_iter(text).peekable(),
            links: LinkLists::new(text).peekable(),
            pending: None,
            covered: 0,
        }
    }

    /// The next mark of the three sources, by start: its range and whether
    /// it is an `any` marker or a link list.
    fn next_mark(&mut self) -> Option<(Range<usize>, bool)> {
        let a = self.any.peek().map(|m| m.start());
        let s = self.short.peek().map(|m| m.start());
        let l = self.links.peek().map(|r| r.start);
        let min = [a, s, l].into_iter().flatten().min()?;
        if a == Some(min) {
            return self.any.next().map(|m| (m.range(), true));
        }
        if s == Some(min) {
            return self.short.next().map(|m| (m.range(), false));
        }
        self.links.next().map(|r| (r, true))
    }
}

impl Iterator for FurnitureSpans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let text = self.text;
        while let Some((m, any)) = self.next_mark() {
            if m.start < self.covered {
                // Inside the last block: it grows past this mark's end.
                if let Some(last) = self.pending.as_mut()
                    && m.end > last.end
                {
                    last.end = grow_forward(text, m.end);
                    self.covered = last.end;
                }
                continue;
            }
            let seed = field_around(text, m.start, m.end, self.covered);
            let block = if any {
                // A field too long to be furniture keeps all but the marker.
                let seed = seed.unwrap_or_else(|| m.clone());
                grow(
                    text,
                    seed.start.min(m.start)..seed.end.max(m.end),
                    self.covered,
                )
            } else {
                let Some(seed) = seed.filter(|f| fits(text, f)) else {
                    continue;
                };
                // A bare label (`访问量 12345`, `电话: 0519…`): its value too.
                let label = text[m.end..seed.end].trim_matches([':', '：']).is_empty();
                match next_field(text, seed.end).filter(|f| label && fits(text, f)) {
                    Some(value) => seed.start..value.end,
                    None => seed,
                }
            };
            self.covered = block.end;
            if let Some(done) = self.pending.replace(block) {
                return Some(done);
            }
        }
        self.pending.take()
    }
}

/// The furniture regions of `text`, those only blank space apart merged
/// (a run of footer fields is one region, not one per field).
pub(super) fn merged_furniture(text: &str) -> Arc<[Range<usize>]> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in FurnitureSpans::new(text) {
        match out.last_mut() {
            Some(last)
                if r.start >= last.start
                    && (r.start <= last.end || text[last.end..r.start].trim().is_empty()) =>
            {
                last.end = last.end.max(r.end);
            }
            _ => out.push(r),
        }
    }
    out.into()
}

/// All furniture spans of `text` (tests).
#[cfg(test)]
fn furniture_spans(text: &str) -> Vec<Range<usize>> {
    FurnitureSpans::new(text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_with_a_short_marker_is_not_furniture() {
        let text = "区妇幼保健院签约成为江苏省妇幼保健院技术支持单位。全区新增名医工作室11个,开展三、四级手术562例,新增省社区医院1家。";
        assert!(furniture_spans(text).is_empty());
    }

    /// Whether `needle` (its first occurrence) overlaps a furniture span.
    fn masked(text: &str, needle: &str) -> bool {
        let at = text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        let end = at + needle.len();
        furniture_spans(text)
            .iter()
            .any(|r| r.start < end && r.end > at)
    }
    #[test]
    fn furniture_blocks() {
        let long = "全区新增名医工作室11个,开展三、四级手术562例,技术支持单位12家,新增省社区医院1家,签约家庭医生团队35个,服务居民8.6万人。";
        // (text, masked, kept)
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("新增床位1000张。\n责任编辑:王某\n", &["王某"], &["1000张"]),
            (long, &[], &["12家", "8.6万人"]),
            ("版权所有 常州市卫生健康委员会 2023年\n", &["2023年"], &[]),
            ("首页 | 新闻 | 公开 | 服务 | 互动\n", &["公开"], &[]),
            ("浏览次数:3208", &["3208"], &[]),
            ("访问量 12345 【打印】", &["12345"], &[]),
            // One line, no line breaks: the body keeps its claims.
            (
                "新增床位1000张,完成投资22亿元。 责任编辑:王某 版权所有 某单位 苏ICP备05001325号",
                &["王某", "05001325"],
                &["1000张", "22亿元"],
            ),
            (
                "{\"content\":\"全市新增床位1000张,总投资3亿元,责任编辑:王某\"}",
                &[],
                &["1000张", "3亿元"],
            ),
            // A sentence about visits is body text.
            (
                "全市新增床位1000张,访问量增长到5万人次。",
                &[],
                &["1000张", "5万人次"],
            ),
            ("网站访问量增长到5万人次。", &[], &["5万人次"]),
            // A footer after the last sentence, joined with spaces.
            (
                "服务居民8.6万人。 电话:010-63607677 邮箱:a@b.cn 备案号:京ICP备17046357号-1 Copyright© 2016 Huaxun.All Rights Reserved",
                &["63607677", "17046357", "2016"],
                &["8.6万人"],
            ),
            // Spam link lists, one with a stray 。 inside.
            (
                "谢谢。 主站蜘蛛池模板: 黑山县| 襄汾县| 区。| 永修县| 名山县| 湖南省 100个",
                &["黑山县", "永修县", "100个"],
                &["谢谢"],
            ),
            // A Markdown table is data, not a link list.
            (
                "| 指标 | 2022年 | 2023年 |\n|---|---|---|\n| 床位 | 900张 | 1000张 |\n",
                &[],
                &["900张", "1000张"],
            ),
        ];
        for (text, hidden, kept) in cases {
            for n in *hidden {
                assert!(masked(text, n), "{n:?} should be furniture in {text:?}");
            }
            for n in *kept {
                assert!(!masked(text, n), "{n:?} is not furniture in {text:?}");
            }
        }
    }
}
