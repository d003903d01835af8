//! Stage 5c: the place a release is about (`常州市`, `大丰区`, `句容市`).
//!
//! The most frequent place name of two or three Han characters ending in
//! 省/市/区/县 that opens a word (it is not preceded by another Han
//! character that would make it part of a longer name) and is not a generic
//! scope word such as 全市 or 我区.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;

static PLACE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\p{Han}{2,3}?[省市区县]").unwrap());

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
    for m in PLACE.find_iter(window) {
        let name = m.as_str();
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
