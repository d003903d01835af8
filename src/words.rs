//! The small word lists of `src/data/`: one row of two TAB-separated fields
//! per line, `#` comments and blank lines skipped. The `*_words.tsv` lists
//! are `kind<TAB>word` (`link` TAB `达`, `base` TAB `较`); `furniture.tsv` is
//! `marker<TAB>kind`. Each stage groups the rows by kind once, in its own
//! `LazyLock`.

/// The `(first, second)` field pairs of an embedded list, the second
/// trimmed. Extra TAB-separated fields stay in the second for the caller to
/// split.
///
/// # Panics
/// On a row without a TAB: the lists are embedded, and every stage's tests
/// load its list.
pub(crate) fn rows(
    file: &'static str,
    src: &'static str,
) -> impl Iterator<Item = (&'static str, &'static str)> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |l| match l.split_once('\t') {
            Some((kind, word)) if !word.trim().is_empty() => (kind, word.trim()),
            _ => panic!("{file}: bad line {l:?}"),
        })
}

/// The single char of a row's word.
///
/// # Panics
/// When the word is not one char.
pub(crate) fn one_char(file: &str, word: &str) -> char {
    let mut cs = word.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => c,
        _ => panic!("{file}: {word:?} is not one char"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_skip_comments_and_blank_lines() {
        let src = "# kind<TAB>word\n\nlink\t达\nscope\t 全市 \r\n";
        let got: Vec<_> = rows("t.tsv", src).collect();
        assert_eq!(got, [("link", "达"), ("scope", "全市")]);
    }

    #[test]
    #[should_panic(expected = "t.tsv: bad line")]
    fn a_row_without_a_word_is_refused() {
        rows("t.tsv", "link\n").for_each(drop);
    }

    #[test]
    fn one_char_takes_exactly_one() {
        assert_eq!(one_char("t.tsv", "全"), '全');
        assert!(std::panic::catch_unwind(|| one_char("t.tsv", "全市")).is_err());
    }
}
