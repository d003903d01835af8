//! Stage 5c: the place a release is about (`常州市`, `大丰区`, `句容市`).
//!
//! The most frequent place name of two or three Han characters ending in
//! 省/市/区/县 in the first 3000 chars, named at least twice, that does not
//! start like a scope or institution word (全市, 我区, 市区). Nothing checks
//! that the name starts a word, so 保税区 in 综合保税区 can give 合保税区.

use rustc_hash::FxHashMap as HashMap;

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::normalize::is_han;

/// The last chars of place names, found with a SIMD prefilter: they are rare.
static SUFFIXES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build(["省", "市", "区", "县"])
        .expect("place suffixes")
});

/// Place names in `text`, left to right and not overlapping: two or three
/// Han chars and a suffix, the longer stem where both fit and the earlier
/// start is free (the leftmost match, `常州市`, `大丰区`).
fn place_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
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
        names.push(&text[start..free]);
    }
    names
}

/// How many chars from the start of the text are searched for place names.
const REGION_WINDOW: usize = 3000;

/// First characters of words that are scope or institution words, not names.
const NOT_A_NAME_START: &[char] = &[
    '全', '我', '本', '各', '该', '城', '市', '区', '县', '省', '镇', '村', '主', '辖', '社', '地',
    '新', '老', '小', '在', '的', '和', '与', '及',
];

/// The place the text is about, when some name recurs (at least twice).
pub(crate) fn find(text: &str) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    let mut order: Vec<&str> = Vec::new();
    // The place a release is about is named early; a window keeps this cheap.
    let window = text
        .char_indices()
        .nth(REGION_WINDOW)
        .map_or(text, |(i, _)| &text[..i]);
    for name in place_names(window) {
        // Scope and institution words (全市, 市区) are no names.
        if name.starts_with(NOT_A_NAME_START) {
            continue;
        }
        let e = counts.entry(name).or_insert(0);
        if *e == 0 {
            order.push(name);
        }
        *e += 1;
    }
    // The most frequent name; among equals, the one named first.
    let best = order
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (counts[n], std::cmp::Reverse(i)))
        .map(|(_, n)| n)?;
    (counts[best] >= 2).then(|| best.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_do_not_overlap() {
        assert_eq!(place_names("在常州市区"), vec!["在常州市"]);
        assert_eq!(place_names("江苏省常州市"), vec!["江苏省", "常州市"]);
        assert_eq!(place_names("12市"), Vec::<&str>::new());
    }

    #[test]
    fn regions() {
        assert_eq!(
            find("常州市政府。常州市卫健委。全市111家"),
            Some("常州市".into())
        );
        assert_eq!(
            find("大丰区教育局;大丰区民政局;全区"),
            Some("大丰区".into())
        );
        assert_eq!(find("全市全市"), None);
    }
}
