//! Stage 5a: the subject of a claim — the noun phrase the number counts.
//!
//! Rules, tried in order (jieba tags decide what is noun-like):
//! - `before`: a noun run right before the number, possibly across link
//!   words (`新增床位1000张` → 床位, `居民健康素养水平达42.8%` →
//!   居民健康素养水平);
//! - `after`: a noun run after the number and its unit, across `的`
//!   (`为11.8万名适龄儿童提供` → 适龄儿童, `1000张床位的` → 床位);
//! - `shared`: the subject of the previous claim in the same clause
//!   (`检测项目从710项扩展至760项`, `同比下降17%、8%`).

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::segment::Token;

struct Words {
    link: HashSet<&'static str>,
    scope: HashSet<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut w = Words {
        link: HashSet::new(),
        scope: HashSet::new(),
    };
    for line in include_str!("data/subject_words.tsv").lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('\t') {
            Some(("link", word)) => w.link.insert(word.trim()),
            Some(("scope", word)) => w.scope.insert(word.trim()),
            _ => panic!("subject_words.tsv: bad line {line:?}"),
        };
    }
    w
});

/// Most tokens a subject may have.
const MAX_TOKENS: usize = 4;
/// Most chars a subject may have.
const MAX_CHARS: usize = 14;

fn is_clause_break(t: &Token<'_>) -> bool {
    t.word.chars().all(|c| {
        matches!(
            c,
            ',' | '，'
                | '。'
                | ';'
                | '；'
                | ':'
                | '：'
                | '!'
                | '！'
                | '?'
                | '？'
                | '\n'
                | '('
                | ')'
        )
    })
}

fn is_quote(t: &Token<'_>) -> bool {
    t.word.chars().all(|c| {
        matches!(
            c,
            '“' | '”' | '"' | '《' | '》' | '‘' | '’' | '「' | '」' | ' ' | '\t'
        )
    })
}

fn is_noun_like(t: &Token<'_>) -> bool {
    if WORDS.scope.contains(t.word) || WORDS.link.contains(t.word) {
        return false;
    }
    let tag = t.tag;
    tag.starts_with('n') || matches!(tag, "vn" | "an" | "j" | "eng" | "b" | "l" | "i")
}

/// Modifiers that may open a noun run (`新技术`, `优秀创业项目`).
fn is_modifier(t: &Token<'_>) -> bool {
    matches!(t.tag, "a" | "b" | "ad" | "f" | "s")
}

/// The text of tokens `toks[from..to]` without quotes and spaces.
fn join(toks: &[Token<'_>]) -> String {
    toks.iter()
        .filter(|t| !is_quote(t))
        .map(|t| t.word)
        .collect()
}

fn cap<'t, 'a>(toks: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let mut from = toks.len().saturating_sub(MAX_TOKENS);
    while from < toks.len()
        && toks[from..]
            .iter()
            .map(|t| t.word.chars().count())
            .sum::<usize>()
            > MAX_CHARS
    {
        from += 1;
    }
    &toks[from..]
}

/// Finds the subject of the claim that covers bytes `start..end` of the
/// sentence `toks` was cut from. `taken` holds the byte ranges of the other
/// claims in the sentence, which a subject never crosses.
pub(crate) fn find(
    toks: &[Token<'_>],
    start: usize,
    end: usize,
    taken: &[(usize, usize)],
) -> Option<String> {
    let in_claim = |t: &Token<'_>| taken.iter().any(|&(s, e)| t.start < e && t.end > s);
    // Index of the first token at or after the claim's start, and after its end.
    let first = toks
        .iter()
        .position(|t| t.end > start)
        .unwrap_or(toks.len());
    let after = toks
        .iter()
        .position(|t| t.start >= end)
        .unwrap_or(toks.len());

    // before: skip link words, then take the noun run.
    let mut i = first;
    let mut linked = false;
    while i > 0 {
        let t = &toks[i - 1];
        if is_quote(t) {
            i -= 1;
        } else if WORDS.link.contains(t.word) || (t.tag == "p" && !linked) {
            linked = true;
            i -= 1;
        } else {
            break;
        }
    }
    let run_end = i;
    while i > 0 {
        let t = &toks[i - 1];
        if is_clause_break(t)
            || in_claim(t)
            || !(is_noun_like(t) || is_quote(t) || t.tag == "m" && i < run_end)
        {
            break;
        }
        i -= 1;
    }
    // A run that starts with a numeral token only (五级 in 五级中医馆) keeps it.
    let before_run = &toks[i..run_end];
    let immediate = run_end == first;
    let has_noun = before_run.iter().any(is_noun_like);

    // after: skip 的, take an optional modifier and the noun run.
    let mut j = after;
    while j < toks.len() && (toks[j].word == "的" || is_quote(&toks[j])) {
        j += 1;
    }
    let after_start = j;
    if j < toks.len() && is_modifier(&toks[j]) {
        j += 1;
    }
    while j < toks.len()
        && !in_claim(&toks[j])
        && !is_clause_break(&toks[j])
        && (is_noun_like(&toks[j]) || is_quote(&toks[j]))
    {
        j += 1;
    }
    let after_run = &toks[after_start..j];
    let after_has_noun = after_run.iter().any(is_noun_like);

    let pick_before = has_noun && (immediate || linked || !after_has_noun);
    let chosen = if pick_before {
        cap(before_run)
    } else if after_has_noun {
        let n = after_run.len().min(MAX_TOKENS);
        &after_run[..n]
    } else {
        return None;
    };
    let s = join(chosen);
    (s.chars().count() >= 1).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;

    fn subject(sentence: &str, claim: &str) -> Option<String> {
        let start = sentence.find(claim).unwrap();
        let toks = segment::tag(sentence);
        find(
            &toks,
            start,
            start + claim.len(),
            &[(start, start + claim.len())],
        )
    }

    #[test]
    fn subjects_by_rule() {
        let cases = [
            // before
            (
                "市二院阳湖院区二期正式启用,新增床位1000张",
                "1000张",
                "床位",
            ),
            ("居民健康素养水平达42.8%", "42.8%", "素养水平"),
            ("累计培训人数达19377人", "19377人", "培训人数"),
            ("完成投资22.56亿元", "22.56亿元", "投资"),
            // after
            ("为11.8万名适龄儿童提供免费水痘疫苗", "11.8万名", "儿童"),
            ("建成拥有1000张床位的老年病特色现代化医院", "1000张", "床位"),
            (
                "全市111家医疗机构影像数据全部汇聚云平台",
                "111家",
                "医疗机构",
            ),
        ];
        for (sentence, claim, want) in cases {
            let got = subject(sentence, claim).unwrap_or_default();
            assert!(got.contains(want), "{sentence}: got {got:?}, want {want:?}");
        }
    }
}
