//! Stage 4: non-claims.
//!
//! Two kinds of rules, each with a name (reported in debug output and
//! tested with examples):
//! - **masks**: regions of the normalised text where no claim can be
//!   (URLs, e-mails, file names, ISO dates, clock times, phone numbers,
//!   codes like `1+3+N`, dotted day names like `8·13`, front matter and
//!   page-furniture lines);
//! - **number rules**: a number with its unit and surroundings is a date,
//!   an ordinal, a code or a bare label rather than a claim.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use crate::claim::UnitKind;
use crate::segment;
use crate::words;

/// Regions of a text where no claim can be.
///
/// The regions are found as the lookups move through the text, not all at
/// once: [`Masks::hit`] with increasing starts (numbers left to right)
/// advances one lazy search per rule and keeps only the regions that still
/// reach the current position, so memory does not grow with the number of
/// dates, clocks or codes in a text (10 MB of `10:30 ` is 1.7 million clock
/// masks). A lookup that goes back restarts the searches.
pub(crate) struct Masks<'t> {
    text: &'t str,
    front_matter: Option<usize>,
    /// The furniture regions, found once: the document stage and the
    /// lookups both read them.
    furniture: Arc<[Range<usize>]>,
    /// Whether the regex rules can match at all (`/ @ . : - + ·`).
    regexes: bool,
    scan: RefCell<Scan<'t>>,
}

/// One lazy source of regions, with its next region looked at.
struct Source<'t> {
    name: &'static str,
    next: Option<Range<usize>>,
    rest: Box<dyn Iterator<Item = Range<usize>> + 't>,
}

impl Source<'_> {
    fn advance(&mut self) {
        self.next = self.rest.next();
    }
}

/// Where the lookups are: the sources and the regions that may overlap the
/// current or a later lookup.
struct Scan<'t> {
    sources: Vec<Source<'t>>,
    active: Vec<(Range<usize>, &'static str)>,
    last_start: usize,
}

struct MaskRule {
    name: &'static str,
    re: Regex,
}

static MASK_RULES: LazyLock<Vec<MaskRule>> = LazyLock::new(|| {
    let rule = |name, pattern: &str| MaskRule {
        name,
        re: Regex::new(pattern).unwrap_or_else(|e| panic!("mask rule {name}: {e}")),
    };
    vec![
        rule("url", r#"(?i)(?:https?://|ftp://|www\.)[^\s<>"'，。、；]+"#),
        // domain (a host name without a scheme) is found from its top-level
        // domain, see HostNames.
        rule(
            "email",
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        ),
        // file_name is found from its extension (see FILE_EXT) and grown
        // backwards over name chars: a pattern that starts with a char class
        // would be tried at every position.
        rule(
            "iso_date",
            r"(?-u:\b)(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?-u:\b)",
        ),
        rule(
            "clock",
            r"(?-u:\b)(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?-u:\b)",
        ),
        rule(
            "phone",
            r"(?:\(0\d{2,3}\)|(?-u:\b)0\d{2,3}-)\d{7,8}(?-u:\b)|(?-u:\b)1[3-9]\d{9}(?-u:\b)|(?-u:\b)400-?\d{3}-?\d{4}(?-u:\b)",
        ),
        rule("plus_code", r"[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)+"),
        // ASCII digits: with a Unicode `\d` the search around `·` is five times slower.
        rule("dotted_name", r"[0-9]{1,2}·[0-9]{1,2}"),
        rule(
            "festival_date",
            r"(?-u:\b)(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9])[^\d,.;:!?。，；：！？\s%]{1,8}?(?:日|节)",
        ),
    ]
});

/// Furniture markers: those that make their field furniture whatever it
/// holds (`any`) and those that make only a short label/value field
/// furniture (`short`), one automaton each (two small automata search
/// faster than one with both).
struct Furniture {
    any: aho_corasick::AhoCorasick,
    short: aho_corasick::AhoCorasick,
}

/// `.png`, `.html` …: the end of a file or image name.
static FILE_EXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:png|jpe?g|gif|bmp|webp|svg|pdf|docx?|xlsx?|pptx?|s?html?|php|aspx?|jsp|js|css|zip|rar)(?-u:\b)")
        .expect("file extension pattern")
});

/// `.gov`, `.cn` …: the end of a host name.
static TLD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:gov|com|cn|org|net|edu|int|hk|mo|tw|info)(?-u:\b)").expect("TLD pattern")
});

/// Host names without a scheme and their path (`changzhou.gov.cn/1万人`,
/// `www.example.com`): each top-level domain grown backwards over host
/// chars (as far as the previous name, which then grows instead, as for
/// file names), then forward over a path after `/`. Searched from the
/// top-level domain because a pattern that starts with a char class would
/// be tried at every position of the text.
struct HostNames<'t> {
    text: &'t str,
    tlds: regex::Matches<'static, 't>,
    pending: Option<Range<usize>>,
    floor: usize,
}

impl<'t> HostNames<'t> {
    fn new(text: &'t str) -> Self {
        HostNames {
            text,
            tlds: TLD.find_iter(text),
            pending: None,
            floor: 0,
        }
    }

    /// `name` with the path after it.
    fn with_path(&self, name: Range<usize>) -> Range<usize> {
        let rest = &self.text[name.end..];
        if !rest.starts_with('/') {
            return name;
        }
        let path = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || "<>\"'，。、；".contains(c))
            .map_or(rest.len(), |(i, _)| i);
        name.start..name.end + path
    }
}

impl Iterator for HostNames<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let is_host = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.');
        for m in self.tlds.by_ref() {
            let floor = self.floor.min(m.start());
            let walk = self.text.as_bytes()[floor..m.start()]
                .iter()
                .rev()
                .take_while(|b| is_host(b))
                .count();
            let start = m.start() - walk;
            self.floor = m.end();
            let joins = start == floor && self.pending.as_ref().is_some_and(|p| p.end == floor);
            if joins {
                if let Some(p) = self.pending.as_mut() {
                    p.end = m.end();
                }
                continue;
            }
            // A label before the top-level domain, starting after a word
            // boundary (not inside `x_y.cn`).
            let label = &self.text.as_bytes()[start..m.start()];
            let bounded = start == 0 || !self.text.as_bytes()[start - 1].is_ascii_alphanumeric();
            if label.iter().any(u8::is_ascii_alphanumeric) && bounded {
                if let Some(done) = self.pending.replace(start..m.end()) {
                    return Some(self.with_path(done));
                }
            }
        }
        let done = self.pending.take()?;
        Some(self.with_path(done))
    }
}

/// File and image names (`20200514343233024.png`, `/a/b/c.html`): each
/// extension grown backwards over name chars. The walk stops at the end of
/// the previous name, which then grows instead (`a.png.png.png…` is one
/// name), so every byte is walked over once.
struct FileNames<'t> {
    text: &'t str,
    exts: regex::Matches<'static, 't>,
    /// The name found last, not yet given out (the next may extend it).
    pending: Option<Range<usize>>,
    /// End of the previous extension: a walk back stops there …
    floor: usize,
    /// … and, having reached it, goes on from where that one's name began.
    prev_start: Option<usize>,
}

impl<'t> FileNames<'t> {
    fn new(text: &'t str) -> Self {
        FileNames {
            text,
            exts: FILE_EXT.find_iter(text),
            pending: None,
            floor: 0,
            prev_start: None,
        }
    }
}

impl Iterator for FileNames<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/');
        for m in self.exts.by_ref() {
            let floor = self.floor.min(m.start());
            let walk = self.text.as_bytes()[floor..m.start()]
                .iter()
                .rev()
                .take_while(|b| is_name(b))
                .count();
            let mut start = m.start() - walk;
            if start == floor
                && let Some(p) = self.prev_start
            {
                // Name chars all the way back to the previous extension
                // (itself name chars): the name began where its did.
                start = p;
            }
            self.prev_start = Some(start);
            self.floor = m.end();
            if start == m.start() {
                continue; // no name before the extension
            }
            match &mut self.pending {
                Some(prev) if prev.start == start => prev.end = m.end(),
                _ => {
                    if let Some(done) = self.pending.replace(start..m.end()) {
                        return Some(done);
                    }
                }
            }
        }
        self.pending.take()
    }
}

/// All file names of `text` (tests).
#[cfg(test)]
fn file_names(text: &str) -> Vec<Range<usize>> {
    FileNames::new(text).collect()
}

static FURNITURE: LazyLock<Furniture> = LazyLock::new(|| {
    const FILE: &str = "furniture.tsv";
    let (mut any, mut short) = (Vec::new(), Vec::new());
    for (marker, kind) in words::rows(FILE, include_str!("data/furniture.tsv")) {
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
    fn new(text: &'t str) -> Self {
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
    fn new(text: &'t str) -> Self {
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
fn merged_furniture(text: &str) -> Arc<[Range<usize>]> {
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

/// Builds the rule tables now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&MASK_RULES);
    LazyLock::force(&FILE_EXT);
    LazyLock::force(&TLD);
    LazyLock::force(&FURNITURE);
    LazyLock::force(&LABEL_WORDS);
}

impl<'t> Masks<'t> {
    /// The masks of `text` (front matter and furniture found now, the
    /// pattern rules as lookups need them).
    pub(crate) fn build(text: &'t str) -> Masks<'t> {
        let regexes = text
            .bytes()
            .any(|b| matches!(b, b'/' | b'@' | b'.' | b':' | b'-' | b'+'))
            || text.contains('·');
        let mut masks = Masks {
            text,
            front_matter: front_matter(text),
            furniture: merged_furniture(text),
            regexes,
            scan: RefCell::new(Scan {
                sources: Vec::new(),
                active: Vec::new(),
                last_start: 0,
            }),
        };
        *masks.scan.get_mut() = masks.start_scan();
        masks
    }

    /// All sources from the start of the text.
    fn start_scan(&self) -> Scan<'t> {
        Scan {
            sources: self.sources(&|_| true),
            active: Vec::new(),
            last_start: 0,
        }
    }

    /// The sources of the rules `keep` names, each at its first region.
    fn sources(&self, keep: &dyn Fn(&str) -> bool) -> Vec<Source<'t>> {
        let text = self.text;
        let mut sources: Vec<Source<'t>> = Vec::new();
        let mut add = |name, rest: &dyn Fn() -> Box<dyn Iterator<Item = Range<usize>> + 't>| {
            if !keep(name) {
                return;
            }
            let mut s = Source {
                name,
                next: None,
                rest: rest(),
            };
            s.advance();
            sources.push(s);
        };
        add("front_matter", &|| {
            Box::new(self.front_matter.map(|end| 0..end).into_iter())
        });
        add("furniture", &|| {
            let f = Arc::clone(&self.furniture);
            Box::new((0..f.len()).map(move |i| f[i].clone()))
        });
        if self.regexes {
            for rule in MASK_RULES.iter() {
                add(rule.name, &|| {
                    Box::new(rule.re.find_iter(text).map(|m| m.range()))
                });
            }
            add("file_name", &|| Box::new(FileNames::new(text)));
            add("domain", &|| Box::new(HostNames::new(text)));
        }
        sources
    }

    /// Every region of the rules `names` lists, rule by rule in order of
    /// start, from one pass of their own searches: for a stage that looks
    /// masks up out of order (the document stage), where [`Masks::hit`]
    /// would restart its searches.
    pub(crate) fn each_region(
        &self,
        names: &[&str],
        mut f: impl FnMut(&'static str, Range<usize>),
    ) {
        for mut src in self.sources(&|name| names.contains(&name)) {
            while let Some(r) = src.next.take() {
                f(src.name, r);
                src.advance();
            }
        }
    }

    /// The name of a mask that overlaps `range`, if any (of those that do,
    /// the one reaching furthest, then the one starting first). Amortised O(1) per lookup when lookups
    /// come in increasing order of start.
    pub(crate) fn hit(&self, range: Range<usize>) -> Option<&'static str> {
        let mut scan = self.scan.borrow_mut();
        if range.start < scan.last_start {
            *scan = self.start_scan();
        }
        let scan = &mut *scan;
        scan.last_start = range.start;
        // A region that ends before this lookup's start cannot overlap it or
        // any later one.
        scan.active.retain(|(r, _)| r.end > range.start);
        for src in &mut scan.sources {
            while let Some(r) = src.next.clone().filter(|r| r.start < range.end) {
                if r.end > range.start {
                    scan.active.push((r, src.name));
                }
                src.advance();
            }
        }
        scan.active
            .iter()
            .filter(|(r, _)| r.start < range.end && r.end > range.start)
            .min_by_key(|(r, _)| (std::cmp::Reverse(r.end), r.start))
            .map(|(_, name)| *name)
    }
}

/// YAML front matter: a block between `---` lines at the very start whose
/// lines are `key: value` pairs (with list items, indented continuations,
/// comments and blank lines). Returns its end. A leading `---` that
/// closes over anything else (a horizontal rule above prose) is not.
fn front_matter(text: &str) -> Option<usize> {
    let trimmed = text.trim_start();
    let rest = trimmed.strip_prefix("---")?;
    let body_start = rest.find('\n')? + 1;
    if !rest[..body_start].trim().is_empty() {
        return None;
    }
    let body = &rest[body_start..];
    let close = body
        .match_indices("---")
        .find(|&(i, _)| i == 0 || body[..i].ends_with('\n'))?
        .0;
    let mut keys = 0;
    for line in body[..close].lines() {
        let t = line.trim_end();
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            continue;
        }
        if t.starts_with([' ', '\t']) || t.starts_with("- ") {
            continue; // continuation or list item
        }
        // Anything else than `key: value` is not YAML.
        t.split_once(':').filter(|(k, v)| {
            !k.is_empty()
                && !k.contains(char::is_whitespace)
                && (v.is_empty() || v.starts_with(' '))
        })?;
        keys += 1;
    }
    if keys == 0 {
        return None;
    }
    let off = text.len() - trimmed.len();
    Some(off + 3 + body_start + close + 3)
}

/// The words of `label_words.tsv`, by kind.
struct LabelWords {
    /// Fixed formulas with a numeral inside (八项规定), by numeral: the
    /// formulas holding it and its byte offset in each (a scanned number
    /// starts with a numeral).
    formulas: rustc_hash::FxHashMap<char, Vec<(&'static str, usize)>>,
    plan: Vec<&'static str>,
    session: Vec<&'static str>,
    meeting: Vec<&'static str>,
}

static LABEL_WORDS: LazyLock<LabelWords> = LazyLock::new(|| {
    const FILE: &str = "label_words.tsv";
    let (mut formula, mut plan, mut session, mut meeting) = (vec![], vec![], vec![], vec![]);
    for (kind, word) in words::rows(FILE, include_str!("data/label_words.tsv")) {
        match kind {
            "formula" => formula.push(word),
            "plan" => plan.push(word),
            "session" => session.push(word),
            "meeting" => meeting.push(word),
            _ => panic!("{FILE}: unknown kind {kind:?} for {word:?}"),
        }
    }
    LabelWords {
        formulas: {
            let mut by_char: rustc_hash::FxHashMap<char, Vec<(&str, usize)>> = Default::default();
            for f in formula {
                let mut any = false;
                for (i, ch) in f.char_indices() {
                    if "〇零一二三四五六七八九十百千万亿两".contains(ch) {
                        by_char.entry(ch).or_default().push((f, i));
                        any = true;
                    }
                }
                assert!(any, "{FILE}: formula {f:?} has no numeral");
            }
            by_char
        },
        plan,
        session,
        meeting,
    }
});

/// Whether a fixed formula of `label_words.tsv` covers the start of the
/// number (`中央八项规定`, `四个全面`, `第十四个五年规划`): for each place
/// of the number's first char in a formula, the text before the number ends
/// with the formula's head and the text from the number on starts with its
/// tail.
fn in_formula(c: &NumberContext<'_>) -> bool {
    let Some(first) = c.number.chars().next() else {
        return false;
    };
    let Some(places) = LABEL_WORDS.formulas.get(&first) else {
        return false;
    };
    places.iter().any(|&(f, o)| {
        let (head, tail) = f.split_at(o);
        c.before.ends_with(head)
            && if tail.len() <= c.number.len() {
                c.number.starts_with(tail)
            } else {
                tail.starts_with(c.number) && c.after_number.starts_with(&tail[c.number.len()..])
            }
    })
}

/// `十九届四中全会`, `十四届全国人大`, `二十届中央`: `N届` before an organ, or
/// before the plenary or session numbered within the term.
fn is_session_term(after: &str) -> bool {
    let w = &*LABEL_WORDS;
    if w.session.iter().any(|s| after.starts_with(s)) {
        return true;
    }
    // 三中全会, 二次会议, and a list of plenums (三中、四中、五中全会).
    let mut cs = after.chars();
    cs.next()
        .is_some_and(|d| "一二三四五六七八九十".contains(d))
        && [
            "中全会",
            "次会议",
            "次全会",
            "次全体会议",
            "中、",
            "中和",
            "中及",
        ]
        .iter()
        .any(|s| cs.as_str().starts_with(s))
}

/// Words after a two-digit `N年` that make it a span of time, not a year.
const SPAN_AFTER_YEARS: &[&str] = &[
    "来", "以来", "间", "内", "里", "中", "后", "前", "多", "余", "左右", "以上", "以下", "半",
    "的", "时间", "期间", "之内", "一遇", "。", "!", "?", ";", "、", ")",
];

/// What the number-level rules see of one candidate.
pub(crate) struct NumberContext<'a> {
    /// Text before the number (the whole normalised text up to it).
    pub before: &'a str,
    /// The number's own surface.
    pub number: &'a str,
    /// Text after the number and its unit.
    pub after: &'a str,
    /// Text right after the number (before the unit).
    pub after_number: &'a str,
    pub unit: Option<(&'a str, UnitKind)>,
    pub is_integer: bool,
    pub value_is_year: bool,
    pub percent: bool,
    pub has_scale: bool,
    pub has_qualifier_before: bool,
    pub is_zero: bool,
    pub chinese: bool,
}

/// Whether the text before a number ends in a noun (a name), by the segmenter.
fn follows_a_name(before: &str) -> bool {
    segment::tag(segment::tail_chars(before, 6))
        .last()
        .is_some_and(|t| t.tag.starts_with('n') && t.word.chars().all(crate::normalize::is_han))
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

/// The first number rule that says this candidate is not a claim.
pub(crate) fn reject(c: &NumberContext<'_>) -> Option<&'static str> {
    let prev = last_char(c.before.trim_end_matches(' '));
    let next_raw = c.after_number.chars().next();
    // date_year: 2023年, 二〇二三年, 2021-2023年
    if c.unit.is_some_and(|u| u.0 == "年") && c.value_is_year {
        return Some("date_year");
    }
    if c.unit.is_none() && c.value_is_year && c.is_integer && !c.has_scale && !c.percent {
        // A bare year-like number: 2023民生实事, 2023届
        return Some("date_year");
    }
    // date_or_time: 12月, 1-11月, 22日, 19号, 14时 (个月 and 工作日 are units)
    if c.unit.is_none() && matches!(next_raw, Some('月' | '日' | '号' | '时')) && !c.percent {
        return Some("date_or_time");
    }
    // quarter: 1-3季度, 三季度, 前三季度, 第三季度
    if c.after_number.starts_with("季度") || c.after_number.starts_with("季") {
        return Some("quarter");
    }
    // half_year: 上半年, 下半年
    if c.number == "半" && matches!(prev, Some('上' | '下')) {
        return Some("half_year");
    }
    // ordinal: 第五场, 第9届, 第73位
    if prev == Some('第') {
        return Some("ordinal");
    }
    // recent_span: 近五年, 近3年, 3年来, 过去5年, 前三年
    if let Some((u, _)) = c.unit
        && matches!(u, "年" | "个月" | "天")
        && (c.before.ends_with("近")
            || c.before.ends_with("过去")
            || c.before.ends_with("前")
            || c.after.starts_with("来")
            || c.after.starts_with("以来"))
    {
        return Some("recent_span");
    }
    // zero_padded: 000张, 0012号 (a leading zero makes a code, or the tail
    // of a number split by spaces: 1  000张 is dropped, never read as 0)
    if c.number.len() > 1 && c.number.starts_with('0') && c.number.as_bytes()[1].is_ascii_digit() {
        return Some("zero_padded");
    }
    // anniversary: 建党100周年, 国庆70周年 (an anniversary dates an event)
    if c.unit.is_some_and(|u| u.0 == "周年") {
        return Some("anniversary");
    }
    // rank: 前10位, 前三名, 前十强 (a place in a ranking, like 第)
    if prev == Some('前') && c.unit.is_some_and(|u| matches!(u.0, "位" | "名" | "强")) {
        return Some("rank");
    }
    // session_label: 十九届四中全会, 二十届中央, 十四届全国人大二次会议
    // (terms and sessions are numbered names, not counts; 举办三届 is one)
    if c.unit.is_some_and(|u| u.0 == "届") && is_session_term(c.after) {
        return Some("session_label");
    }
    if c.unit.is_some_and(|u| u.0 == "次")
        && LABEL_WORDS.meeting.iter().any(|m| c.after.starts_with(m))
        && segment::tail_chars(c.before, 10).contains('届')
    {
        return Some("session_label");
    }
    // formula: a numeral inside a fixed political formula or name
    // (八项规定, 四个全面, 五位一体; the list is label_words.tsv)
    if in_formula(c) {
        return Some("formula");
    }
    // plan_name: N年 naming a plan or a system (三年行动计划, 五年规划,
    // 九年义务教育), not a span of time
    if c.unit.is_some_and(|u| u.0 == "年")
        && LABEL_WORDS.plan.iter().any(|w| c.after.starts_with(w))
    {
        return Some("plan_name");
    }
    // short_year: a year written with two digits (23年全市GDP, 23/24年度):
    // before 年度, or opening a clause and not followed by a span word
    // (连续10年, 10年来 and 用了23年 stay durations)
    if c.unit.is_some_and(|u| u.0 == "年")
        && c.number.len() == 2
        && c.number.bytes().all(|b| b.is_ascii_digit())
    {
        let opens_clause = prev.is_none_or(|p| "\n,，:：;；。!！?？(（“\"/".contains(p));
        let span = SPAN_AFTER_YEARS.iter().any(|w| c.after.starts_with(w)) || c.after.is_empty();
        if c.after.starts_with('度') || (opens_clause && !span) {
            return Some("short_year");
        }
    }
    // law_article: 《条例》二十条规定 (an article cited without 第)
    if c.unit.is_some_and(|u| matches!(u.0, "条" | "款"))
        && (c.before.ends_with('》')
            || ["法", "条例", "办法", "细则", "规定", "规则", "章程"]
                .iter()
                .any(|w| c.before.ends_with(w)))
        && ["规定", "之规定", "的规定", "明确", "指出", "第", "款"]
            .iter()
            .any(|w| c.after.starts_with(w))
    {
        return Some("law_article");
    }
    // code_letters: 5G, H5N1, COVID-19, 4G/5G
    if prev.is_some_and(|ch| ch.is_ascii_alphabetic()) {
        return Some("code_letters");
    }
    if c.unit.is_none() && next_raw.is_some_and(|ch| ch.is_ascii_alphabetic()) {
        return Some("code_letters");
    }
    // level_label: 五级中医馆, 二级以上医院, 4A级 (grades are labels)
    if c.unit.is_some_and(|u| u.1 == UnitKind::Level) {
        return Some("level_label");
    }
    // quoted_label: a number that opens a quoted name (“六个常有”, “三支一扶”, “1+15”)
    if matches!(prev, Some('“' | '"' | '「' | '‘' | '《' | '\'')) {
        return Some("quoted_label");
    }
    // numeral_label: Chinese numerals the scanner could not read as one
    // number are a label (“十百千万”惠民工程, 一二三)
    if c.chinese && prev.is_some_and(|p| "〇零一二三四五六七八九十百千万亿两".contains(p))
    {
        return Some("numeral_label");
    }
    // lone_scale: 万/百/千/亿 alone with no qualifier before it is a word or a
    // name (益万家, 百名党员服务百企, 万元 whose digits were lost), not an amount
    if !c.has_qualifier_before && matches!(c.number, "万" | "百" | "千" | "亿") {
        return Some("lone_scale");
    }
    // place_name: a Chinese numeral and classifier inside a place name (三元村, 五里桥)
    if c.chinese
        && c.after
            .starts_with(['村', '镇', '乡', '路', '街', '巷', '桥', '寺', '庄', '湾'])
    {
        return Some("place_name");
    }
    // phase_label: the phase of a named project right after its name
    // (阳湖院区二期, 市七院二期), not a count of sessions after a verb (举办了四期)
    if c.unit.is_some_and(|u| u.0 == "期") && c.chinese && follows_a_name(c.before) {
        return Some("phase_label");
    }
    // bare_number: no unit, no percent, no scale word and no qualifier
    // before it (120调度中心, 96111; but 逾二千职位空缺, 超过2000 count);
    // a qualified zero is a term (近零碳)
    if c.unit.is_none() && !c.percent && !c.has_scale && (!c.has_qualifier_before || c.is_zero) {
        return Some("bare_number");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_by_rule() {
        let cases = [
            ("见https://www.gov.cn/a/1234/x", "url", "1234"),
            ("邮箱abc123@gov.cn", "email", "123"),
            (
                "<img src=20200514343233024.png>",
                "file_name",
                "20200514343233024",
            ),
            ("2024-12-19 14:28:07 来源", "iso_date", "2024"),
            ("2024-12-19 14:28:07 来源", "clock", "28"),
            ("电话0519-85682222", "phone", "85682222"),
            ("“1+3+N”服务体系", "plus_code", "3"),
            ("“8·13”龙卷风", "dotted_name", "13"),
            ("5.12防灾减灾日", "festival_date", "5.12"),
            ("苏ICP备12345678号", "furniture", "12345678"),
            ("技术支持:某某科技 电话:12345678", "furniture", "12345678"),
            (
                "黑山县| 襄汾县| 鹿泉市| 武冈市| 湖南省 100个",
                "furniture",
                "100",
            ),
            (
                "---\ntitle: x\ndate: 2021\n---\n正文",
                "front_matter",
                "2021",
            ),
        ];
        for (text, rule, number) in cases {
            let masks = Masks::build(text);
            let at = text.find(number).unwrap();
            assert_eq!(masks.hit(at..at + number.len()), Some(rule), "{text}");
        }
    }

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

    #[test]
    fn front_matter_is_yaml_only() {
        let yaml =
            "---\ntitle: 2023年工作报告\ndate: 2024-01-02\ntags:\n  - 民生\n---\n新增床位1000张。";
        let end = front_matter(yaml).unwrap();
        assert_eq!(&yaml[end - 3..end], "---");
        assert!(yaml[end..].starts_with("\n新增"));
        for not in [
            "---\n新增床位1000张。\n---\n正文",
            "---\n\n---\n正文",
            "--- 标题\ntitle: x\n---\n",
            "正文\n---\ntitle: x\n---\n",
        ] {
            assert_eq!(front_matter(not), None, "{not:?}");
        }
    }

    #[test]
    fn host_names() {
        let names =
            |t: &str| -> Vec<String> { HostNames::new(t).map(|r| t[r].to_string()).collect() };
        assert_eq!(
            names("详见changzhou.gov.cn/1万人次。"),
            ["changzhou.gov.cn/1万人次"]
        );
        assert_eq!(
            names("访问www.example.com 或 a-b.org.hk"),
            ["www.example.com", "a-b.org.hk"]
        );
        assert!(names("增长1.5cn").is_empty());
        assert_eq!(names("邮箱在x.cn"), ["x.cn"]);
        assert!(names("新增1.5万人,.cn 和 .com").is_empty());
        let long = format!("a{}", ".cn".repeat(1000));
        assert_eq!(names(&long), std::slice::from_ref(&long));
    }

    #[test]
    fn file_names_grow_once() {
        let text = format!("a{}", ".png".repeat(1000));
        assert_eq!(file_names(&text), vec![0..text.len()]);
        let text = format!(" {}", ".png".repeat(3));
        assert_eq!(file_names(&text), vec![1..text.len()]);
        assert_eq!(
            file_names("见 x.png 和 /a/b.pdf 与 .png"),
            vec![4..9, 14..22]
        );
        // The same names as an unbounded walk back from every extension.
        let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/');
        for text in [
            "x.png.jpg a.pdf",
            "a.b.png/c.pdf .png",
            ".png.png",
            "图.png a_b-c.gif",
        ] {
            let mut want: Vec<Range<usize>> = Vec::new();
            for m in FILE_EXT.find_iter(text) {
                let n = text.as_bytes()[..m.start()]
                    .iter()
                    .rev()
                    .take_while(|b| is_name(b))
                    .count();
                let r = m.start() - n..m.end();
                match want.last_mut() {
                    Some(last) if last.start == r.start => last.end = r.end,
                    _ if n > 0 => want.push(r),
                    _ => {}
                }
            }
            assert_eq!(file_names(text), want, "{text:?}");
        }
    }

    #[test]
    fn hit_under_a_long_mask_is_one_lookup() {
        // Many small masks under one furniture block: the answer does not
        // depend on walking back through them.
        let text = format!("版权所有 {}", "10:30 新增1万人 ".repeat(2000));
        let masks = Masks::build(&text);
        let at = text.rfind("1万").unwrap();
        assert_eq!(masks.hit(at..at + 4), Some("furniture"));
        let masks = Masks::build("新增1万人 10:30");
        assert_eq!(masks.hit(6..7), None);
    }

    #[test]
    fn plain_text_is_not_masked() {
        let text = "新增床位1000张,完成投资22.56亿元,占比98.69%。";
        let masks = Masks::build(text);
        assert_eq!(masks.hit(0..text.len()), None);
    }
}
