//! Word segmentation with jieba-rs, built once, with a small domain
//! dictionary (`src/data/domain_dict.txt`) for the words of government
//! releases that the general dictionary splits badly (`托位`, `中医馆`) and
//! the names that contain numerals (`十四五`, `一站式`, `二十大`).

use std::sync::LazyLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashMap as HashMap;

use crate::words;

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    // jieba's general dictionary cut to the words seen at least 10 times
    // (105k of 349k entries; see src/data/README.md): the rare words it drops
    // are names that never decide a subject, and loading takes a quarter of
    // the time.
    let mut jieba = Jieba::empty();
    for dict in [
        include_str!("data/jieba_dict.txt"),
        include_str!("data/domain_dict.txt"),
    ] {
        jieba
            .load_dict(&mut dict.as_bytes())
            .expect("the embedded dictionaries are valid (tested)");
    }
    jieba
});

/// Tags that replace jieba's for a few words of this genre
/// (`src/data/pos_tags.tsv`).
static TAGS: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| words::rows("pos_tags.tsv", include_str!("data/pos_tags.tsv")).collect());

/// A word of the text with its part-of-speech tag (jieba's ICTCLAS tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub word: &'a str,
    pub tag: &'a str,
    /// Byte offset of the word in the segmented text.
    pub start: usize,
    /// Byte offset one past the word.
    pub end: usize,
    /// Length of the word in chars (jieba counts them as it cuts).
    pub chars: usize,
    /// Word-kind bits a later stage sets once per token (the subject
    /// stage's link, scope, filler … words); 0 from [`tag`].
    pub kind: u16,
}

/// The last `n` chars of `s`: the window segmented before a number.
#[inline]
pub(crate) fn tail_chars(s: &str, n: usize) -> &str {
    s.char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(s, |(i, _)| &s[i..])
}

/// The first `n` chars of `s`: the window segmented after a number.
#[inline]
pub(crate) fn head_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Builds the segmenter now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&JIEBA);
    LazyLock::force(&TAGS);
}

/// Segments `text` into tagged words with byte offsets.
pub(crate) fn tag(text: &str) -> Vec<Token<'_>> {
    // Empty clause sides are common (a claim right after a comma).
    if text.is_empty() {
        return Vec::new();
    }
    // Collected in place: jieba's own vector is reused.
    JIEBA
        .tag(text, false)
        .into_iter()
        .map(|t| Token {
            word: t.word,
            tag: TAGS.get(t.word).copied().unwrap_or(t.tag),
            start: t.byte_start,
            end: t.byte_end,
            chars: t.end - t.start,
            kind: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_text() {
        for text in [
            "新增床位1000张,市二院阳湖院区二期正式启用",
            "Line one\r\n第二行 ABC-12 𠀾字",
        ] {
            let toks = tag(text);
            assert_eq!(toks.first().unwrap().start, 0);
            assert_eq!(toks.last().unwrap().end, text.len());
            for w in toks.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
            for t in toks {
                assert_eq!(t.chars, t.word.chars().count(), "{t:?}");
            }
        }
    }

    #[test]
    fn genre_tags_replace_jieba_tags() {
        let toks = tag("经常开支和财政收入");
        for w in ["开支", "收入"] {
            assert_eq!(
                toks.iter().find(|t| t.word == w).map(|t| t.tag),
                Some("n"),
                "{toks:?}"
            );
        }
    }

    #[test]
    fn domain_words_stay_whole() {
        for (text, word) in [
            ("推进十四五规划", "十四五"),
            ("门诊一站式服务中心", "一站式"),
            ("托育机构托位数达4.5个", "托位数"),
        ] {
            assert!(
                tag(text).iter().any(|t| t.word == word),
                "{text}: {:?}",
                tag(text)
            );
        }
    }
}
