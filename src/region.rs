//! Stage 5c: the place a release is about (`常州市`, `大丰区`, `句容市`).
//!
//! Candidates are two or three Han characters ending in 省/市/区/县 in the
//! first 3000 chars that do not start like a scope or institution word
//! (全市, 我区, 市区), grouped by their two-char-stem form. The segmenter
//! then checks the occurrences, most frequent group first: the name must
//! start a word and hold no function, time or unknown word, and its suffix
//! must be a word of its own (`大丰/区`), end a place word (`常州市/ns`) or
//! open a word after one (`浙江/省委`). So the 市 of `股票市场`, the 区 of
//! `社区`, `保税区` or `自然保护区` and the 县 of `年末全县` name no place. The
//! answer is the first name confirmed twice.

use rustc_hash::FxHashMap as HashMap;

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::normalize::is_han;
use crate::segment::{self, Token, head_chars, tail_chars};
use crate::words;

/// The last chars of place names, found with a SIMD prefilter: they are rare.
static SUFFIXES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(["省", "市", "区", "县"])
        .expect("place suffixes")
});

/// One candidate occurrence (byte offsets): the name from its longest stem
/// is `start..end` (moved to `short_start` by [`find`] when the longer stem
/// starts like a scope word); the shorter (two-char) stem starts at
/// `short_start`.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    short_start: usize,
    end: usize,
}

/// Place-name candidates in `text`, left to right and not overlapping: two
/// or three Han chars and a suffix, the longer stem where both fit and the
/// earlier start is free (the leftmost match, `常州市`, `大丰区`).
fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    // Where the next name may start (after the previous one).
    let mut free = 0;
    for m in SUFFIXES.find_iter(text) {
        // The three chars before the suffix, nearest first: (offset, is Han).
        let mut back = text[free..m.start()]
            .char_indices()
            .rev()
            .map(|(i, c)| (free + i, is_han(c)));
        let (Some(d), Some(b)) = (back.next(), back.next()) else {
            continue;
        };
        if !(d.1 && b.1) {
            continue;
        }
        let start = match back.next() {
            Some(a) if a.1 => a.0,
            _ => b.0,
        };
        free = m.end();
        out.push(Candidate {
            start,
            short_start: b.0,
            end: free,
        });
    }
    out
}

/// Chars of context segmented on each side of a candidate.
const CONTEXT_CHARS: usize = 4;

/// Function and time words (prepositions, conjunctions, particles, pronouns,
/// adverbs, numerals, directions, times) and chars the segmenter does not
/// know (`x`) are never part of a place name.
fn is_function_word(t: &Token<'_>) -> bool {
    matches!(t.tag, "p" | "c" | "r" | "d" | "m" | "f" | "t" | "x") || t.tag.starts_with('u')
}

/// The place this occurrence names, checked by the segmenter: the longer
/// stem if it passes, else the shorter one, else none.
fn confirm<'a>(text: &'a str, c: &Candidate) -> Option<&'a str> {
    let lo = c.start - tail_chars(&text[..c.start], CONTEXT_CHARS).len();
    let hi = c.end + head_chars(&text[c.end..], CONTEXT_CHARS).len();
    let toks = segment::tag(&text[lo..hi]);
    let end = c.end - lo;
    // All suffixes (省市区县) are three bytes long.
    let suffix_start = end - "市".len();
    let passes = |start: usize| {
        let Some(first) = toks.iter().position(|t| t.start == start) else {
            return false;
        };
        // Nor does a name start inside a run of chars the segmenter does not
        // know (the 夕酒区 of 日啡夕酒区).
        if first > 0 && toks[first - 1].tag == "x" && toks[first - 1].word.chars().all(is_han) {
            return false;
        }
        // The name's words, and whether its suffix is a suffix: a word of its
        // own (大丰/区), the end of a place word (常州市/ns), or the start of
        // a word after a place word (常州/ns 市委, 浙江/ns 省委). The 市 of
        // 股票/市场 follows no place word.
        let (words, suffix_ok) = match toks.iter().position(|t| t.end == end) {
            Some(last) if last >= first => (
                &toks[first..=last],
                toks[last].start == suffix_start || toks[last].tag == "ns",
            ),
            _ => match toks.iter().position(|t| t.start == suffix_start) {
                Some(k) if k > first => (&toks[first..k], toks[k - 1].tag == "ns"),
                _ => return false,
            },
        };
        suffix_ok && !words.iter().any(is_function_word)
    };
    [c.start, c.short_start]
        .into_iter()
        .find(|&s| passes(s - lo))
        .map(|s| &text[s..c.end])
}

/// How many chars from the start of the text are searched for place names.
const REGION_WINDOW: usize = 3000;

/// First characters of words that are scope or institution words, not names
/// (`src/data/region_words.tsv`).
static NOT_A_NAME_START: LazyLock<Vec<char>> = LazyLock::new(|| {
    const FILE: &str = "region_words.tsv";
    words::rows(FILE, include_str!("data/region_words.tsv"))
        .map(|(kind, word)| match kind {
            "not_a_name_start" => words::one_char(FILE, word),
            _ => panic!("{FILE}: unknown kind {kind:?}"),
        })
        .collect()
});

/// The place the text is about, when some name recurs (at least twice).
pub(crate) fn find(text: &str) -> Option<String> {
    // The place a release is about is named early; a window keeps this cheap.
    let window = head_chars(text, REGION_WINDOW);
    // Scope and institution words (全市, 市区) are no names; a longer stem
    // that starts like one gives way to the shorter (在常州市 → 常州市).
    let no_name = |at: usize| window[at..].starts_with(NOT_A_NAME_START.as_slice());
    let cands: Vec<Candidate> = candidates(window)
        .into_iter()
        .filter_map(|mut c| {
            if no_name(c.start) {
                c.start = c.short_start;
            }
            (!no_name(c.start)).then_some(c)
        })
        .collect();
    // Occurrences are grouped by their two-char-stem form, which the longer
    // and the shorter reading share (共浙江省 and 浙江省 are both 浙江省).
    let key = |c: &Candidate| &window[c.short_start..c.end];
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut order: Vec<&str> = Vec::new();
    for c in &cands {
        let e = counts.entry(key(c)).or_insert(0);
        if *e == 0 {
            order.push(key(c));
        }
        *e += 1;
    }
    // Most frequent first; among equals, the one named first (a stable sort).
    order.sort_by_key(|k| std::cmp::Reverse(counts[k]));
    for k in order.into_iter().take_while(|k| counts[k] >= 2) {
        // The segmenter runs only here, on the occurrences of likely names.
        let mut confirmed: Vec<(&str, usize)> = Vec::new();
        for c in cands.iter().filter(|c| key(c) == k) {
            let Some(place) = confirm(window, c) else {
                continue;
            };
            match confirmed.iter_mut().find(|(p, _)| *p == place) {
                Some((_, n)) => {
                    *n += 1;
                    if *n >= 2 {
                        return Some(place.to_string());
                    }
                }
                None => confirmed.push((place, 1)),
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_do_not_overlap() {
        let names = |t: &'static str| {
            candidates(t)
                .iter()
                .map(|c| &t[c.start..c.end])
                .collect::<Vec<_>>()
        };
        assert_eq!(names("在常州市区"), vec!["在常州市"]);
        assert_eq!(names("江苏省常州市"), vec!["江苏省", "常州市"]);
        assert_eq!(names("12市"), Vec::<&str>::new());
    }

    #[test]
    fn regions() {
        // (text, region) in both scripts' Simplified form (find sees normalised text)
        let cases = [
            ("常州市政府。常州市卫健委。全市111家", Some("常州市")),
            ("大丰区教育局;大丰区民政局;全区", Some("大丰区")),
            ("句容市组建170支团队,句容市卫健委", Some("句容市")),
            ("天宁区卫健委;天宁区教育局", Some("天宁区")),
            ("江苏省卫健委。江苏省常州市", Some("江苏省")),
            // the suffix opens an institution word after a place word
            ("中共浙江省委举行。浙江省第十五次", Some("浙江省")),
            ("离岛区议会;离岛区居民", Some("离岛区")),
            // a longer stem that is not a name falls back to the shorter one
            ("在常州市开展,在常州市召开", Some("常州市")),
            ("全市全市", None),
        ];
        for (text, want) in cases {
            assert_eq!(find(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn common_nouns_are_no_places() {
        // 市场, 社区, 保税区, 保护区, 全县, 城市: the suffix is part of a
        // longer word (or the stem is not a word), so nothing is a region.
        for text in [
            "引进股票市场,引进股票市场",
            "前海综合保税区;前海综合保税区",
            "为居民营运的社区中心;为长者营运的社区中心",
            "自然保护区3个,自然保护区面积",
            "年末全县户籍人口,年末全县常住人口",
            "以上城市,以上城市",
            "消费品市场回暖,消费品市场",
            "投入劳动市场,投入劳动市场",
            // a zone's own name, of chars the segmenter does not know
            "设有日啡夕酒区、游戏区,日啡夕酒区",
        ] {
            assert_eq!(find(text), None, "{text}");
        }
    }
}
