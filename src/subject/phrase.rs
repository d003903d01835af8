//! The noun phrase of one claim, from the words of its own clause before
//! and after it (segmented with jieba, each side on its own so that no word
//! runs across the number). Rules, by name:
//!
//! - `before`: the noun phrase that ends the words before the number, once
//!   the words that stand between a subject and its amount are cut from its
//!   end — links (`达`, `为`, `增长`), comparison bases (`较2019年`),
//!   adverbs, time words and fillers (`估计`, `平均每年`) — and scope words,
//!   pronouns and leading action verbs from its start (`新增床位1000张` →
//!   床位, `储备下降至今年3月底估计的7,300多亿元` → 储备);
//! - `threshold`: an amount with 以上/以下 before a noun stays with it as
//!   the noun's size class (`其中亿元以上项目48个` → 亿元以上项目);
//! - `joined_verb`: a verb that only joins an actor to its measure is
//!   dropped (`建筑业实现增加值` → 建筑业增加值);
//! - `noun_phrase`: a subject holds a noun; a lone verb, adverb or link
//!   (`有所`, `达致`, `会连续`) is none;
//! - `after`: when only a verb or place stands before the number, the noun
//!   phrase after it and its unit, across `的`, quotes, brackets and
//!   coordination (`为3191位备孕困难的适龄妇女` → 备孕困难的适龄妇女,
//!   `牵头建设44家全国重点实验室` → 全国重点实验室, `调整6.14万名企业退休人员`
//!   → 企业退休人员), and from a negation that opens it (`negated`:
//!   `组织753名未就业高校毕业生` → 未就业高校毕业生).

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use crate::normalize::is_han;
use crate::segment::{self, Token, head_chars, tail_chars};
use crate::words;

/// Word-kind bits of a token (`Token::kind`), set once by [`tag`].
mod kind {
    pub const LINK: u16 = 1;
    pub const SCOPE: u16 = 1 << 1;
    pub const ACTION: u16 = 1 << 2;
    pub const FILLER: u16 = 1 << 3;
    pub const COMPARE: u16 = 1 << 4;
    pub const JOIN: u16 = 1 << 5;
    /// The first part of a link word cut in two (控制 of 控制在).
    pub const LINK_HEAD: u16 = 1 << 6;
    pub const PUNCT: u16 = 1 << 7;
    pub const QUOTE: u16 = 1 << 8;
    /// Set on every token [`super::tag`] has read.
    pub const READ: u16 = 1 << 15;
}
use kind::*;

struct Words {
    /// The kinds of `src/data/subject_words.tsv` by word.
    kinds: FxHashMap<&'static str, u16>,
    /// Each link word cut in two at every char (控制|在), by its first part:
    /// jieba may cut a link there.
    link_halves: FxHashMap<&'static str, Vec<&'static str>>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut w = Words {
        kinds: FxHashMap::default(),
        link_halves: FxHashMap::default(),
    };
    const FILE: &str = "subject_words.tsv";
    for (name, word) in words::rows(FILE, include_str!("../data/subject_words.tsv")) {
        let bit = match name {
            "link" => LINK,
            "scope" => SCOPE,
            "action" => ACTION,
            "filler" => FILLER,
            "compare" => COMPARE,
            "join" => JOIN,
            _ => panic!("{FILE}: unknown kind {name:?}"),
        };
        *w.kinds.entry(word).or_default() |= bit;
        if bit == LINK {
            for (i, _) in word.char_indices().skip(1) {
                w.link_halves
                    .entry(&word[..i])
                    .or_default()
                    .push(&word[i..]);
            }
        }
    }
    for head in w.link_halves.keys() {
        *w.kinds.entry(head).or_default() |= LINK_HEAD;
    }
    w
});

/// Whether `t` is of any of the kinds in `bits`.
#[inline]
fn is(t: &Token<'_>, bits: u16) -> bool {
    debug_assert!(t.kind & READ != 0, "{t:?} not read by phrase::tag");
    t.kind & bits != 0
}

/// Segments `text` and sets each token's word kinds, once.
pub(crate) fn tag(text: &str) -> Vec<Token<'_>> {
    let w = &*WORDS;
    let mut toks = segment::tag(text);
    for t in &mut toks {
        let mut k = READ | w.kinds.get(t.word).copied().unwrap_or(0);
        if punct_chars(t.word) {
            k |= PUNCT;
        }
        if quote_chars(t.word) {
            k |= QUOTE;
        }
        t.kind = k;
    }
    toks
}

/// Builds the word lists now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&WORDS);
}

/// How many chars of the clause on each side of the claim are segmented:
/// enough for a subject of MAX_CHARS plus the link words around it.
const SEGMENT_WINDOW: usize = 20;

/// Most chars a subject phrase keeps (from its end, before; from its start, after).
pub(crate) const MAX_CHARS: usize = 12;

pub(crate) fn is_punct(t: &Token<'_>) -> bool {
    is(t, PUNCT)
}

fn is_quote(t: &Token<'_>) -> bool {
    is(t, QUOTE)
}

/// Punctuation, symbols and spaces only.
fn punct_chars(word: &str) -> bool {
    // Han chars first: the general Unicode lookup is slow for them.
    word.chars()
        .all(|c| !is_han(c) && !c.is_ascii_alphanumeric() && !c.is_alphanumeric())
}

/// Quotes and spaces only.
fn quote_chars(word: &str) -> bool {
    word.chars().all(|c| {
        matches!(
            c,
            '“' | '”'
                | '"'
                | '《'
                | '》'
                | '‘'
                | '’'
                | '「'
                | '」'
                | '〈'
                | '〉'
                | ' '
                | '\t'
                | '\''
                | '　'
        )
    })
}

/// Whether the punctuation token at `i` joins two Latin or digit tokens
/// into one code (PM2.5, COVID-19).
fn inside_code(toks: &[Token<'_>], i: usize) -> bool {
    let alnum = |t: &Token<'_>| t.word.chars().all(|c| c.is_ascii_alphanumeric());
    matches!(toks[i].word, "." | "-" | "/")
        && i > 0
        && toks.get(i + 1).is_some_and(alnum)
        && alnum(&toks[i - 1])
}

fn is_open(t: &Token<'_>) -> bool {
    matches!(t.word, "(" | "（")
}

fn is_close(t: &Token<'_>) -> bool {
    matches!(t.word, ")" | "）")
}

fn is_verb(t: &Token<'_>) -> bool {
    matches!(t.tag, "v" | "vd" | "vi" | "vg")
}

/// A word that can name what is counted: a noun, a verbal noun, an
/// abbreviation, a place word, a Latin word (GDP, PM2.5).
pub(crate) fn is_noun(t: &Token<'_>) -> bool {
    // (jieba tags many nouns of this genre as places: 高中/s, 岸线/s)
    t.tag.starts_with('n')
        || matches!(t.tag, "vn" | "j" | "eng" | "nz" | "an" | "s") && !is_punct(t)
}

/// Words cut from the end of the before-phrase: links, prepositions,
/// adverbs, particles, conjunctions, time words, pronouns, numbers,
/// fillers, quotes and punctuation.
fn cut_at_end(t: &Token<'_>) -> bool {
    is(t, LINK)
        || is(t, SCOPE)
        || is(t, FILLER)
        || matches!(t.tag, "p" | "c" | "t" | "r" | "f" | "y")
        || t.tag == "m"
        || t.tag == "d" && t.chars == 1
        || t.tag.starts_with('u')
        || is_quote(t)
        || is_punct(t) && !is_close(t)
}

/// Words cut from the start of a phrase: scope words, pronouns, numbers,
/// adverbs, prepositions, conjunctions, particles, time and place words.
fn cut_at_start(t: &Token<'_>) -> bool {
    is(t, SCOPE)
        || is(t, LINK)
        || is(t, FILLER)
        || matches!(t.tag, "r" | "m" | "q" | "d" | "p" | "c" | "t" | "f")
        || t.tag.starts_with('u')
        || is_quote(t)
        || is_punct(t)
}

/// The phrase's text: its words without quotes, spaces and the `的` of a
/// modifier (相关经常开支的总额 → 相关经常开支总额).
fn join(toks: &[Token<'_>]) -> String {
    // Collected, not pre-sized: sizing the string up front saved 2 % of the
    // instructions but raised peak memory on a 10.9 MB input from 70 to 79 MB.
    toks.iter()
        .filter(|t| !is_quote(t) && t.word != "的")
        .map(|t| t.word.trim())
        .collect()
}

fn chars(toks: &[Token<'_>]) -> usize {
    toks.iter().map(|t| t.chars).sum()
}

/// The last chars of an administrative place name (句容市, 大丰区).
const PLACE_SUFFIXES: [char; 8] = ['省', '市', '县', '区', '镇', '乡', '村', '州'];

/// How sure a phrase before the number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    /// A noun phrase.
    Sure,
    /// A lone word, a phrase ending in a verb (组建170支…) or an
    /// enumeration ending in 等: the counted noun may follow the number.
    Weak,
}

/// `before`: the noun phrase that ends `before` (the clause text before a
/// number), and how sure it is.
pub(crate) fn before(before: &str) -> Option<(String, Strength)> {
    before_within(before, MAX_CHARS)
}

/// [`before`] with a phrase of at most `max_chars` (a list of members is
/// longer than one subject).
pub(crate) fn before_within(before: &str, max_chars: usize) -> Option<(String, Strength)> {
    // Only the end of the clause can hold the phrase; segmenting more is waste.
    let toks = tag(tail_chars(before, SEGMENT_WINDOW.max(max_chars + 8)));
    before_tokens(toks, max_chars)
}

/// [`before_within`] on the segmented end of the clause.
fn before_tokens(toks: Vec<Token<'_>>, max_chars: usize) -> Option<(String, Strength)> {
    let toks = without_years(toks);
    let link = links(&toks);
    // 等 ends an enumeration and 的 a possessor (…和潮州)的|25个展位): the
    // counted noun follows the number.
    let enumeration = toks.iter().rev().take(3).any(|t| t.word == "等")
        || toks.last().is_some_and(|t| t.word == "的");
    // A share stated with nothing before 占 (现时约占本地生产总值的20%) is a
    // share of the clause's topic, not of what follows 占.
    // A share of a whole (X…占Y的20%) is X's share: the phrase ends before 占.
    let mut toks = toks;
    let mut link = link;
    if let Some(z) = toks.iter().position(|t| t.word.starts_with('占')) {
        if toks[..z]
            .iter()
            .all(|t| cut_at_start(t) || t.tag == "d" || t.tag == "a")
        {
            return None;
        }
        if toks.last().is_some_and(|t| t.word == "的") {
            toks.truncate(z);
            link.truncate(z);
        }
    }
    // A comparison base is not the subject: 经常开支较2019至20年度(增加) → 经常开支.
    let mut end = toks
        .iter()
        .rposition(|t| is(t, COMPARE))
        .filter(|&i| i > 0)
        .unwrap_or(toks.len());
    // The words after the last link are only fillers (达|今年3月底估计的): cut
    // at it; words that name something stay (累计|无偿献血).
    if let Some(l) = link[..end].iter().rposition(|&l| l)
        && l > 0
        && !toks[l + 1..end]
            .iter()
            .any(|t| is_noun(t) || is_verb(t) && t.chars >= 2 && !is(t, FILLER))
    {
        end = l;
    }
    while end > 0 && (cut_at_end(&toks[end - 1]) || link[end - 1]) {
        end -= 1;
    }
    // Keep at most MAX_CHARS from the end, at a word boundary; a bracket
    // after a noun belongs to it (生产总值(GDP)).
    let mut start = end;
    let mut n = 0;
    let mut depth = 0;
    while start > 0 {
        let t = &toks[start - 1];
        if is_close(t) {
            depth += 1;
        } else if is_open(t) && depth > 0 {
            depth -= 1;
        } else if depth == 0
            && is_punct(t)
            && !t.word.contains('、')
            && !is_quote(t)
            && !inside_code(&toks, start - 1)
        {
            break;
        }
        if n + t.chars > max_chars && depth == 0 {
            break;
        }
        // (a Latin abbreviation in brackets does not count: 居民消费价格指数(CPI))
        let abbreviation = t
            .word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ')' || c == '）');
        if depth == 0 || !abbreviation {
            n += t.chars;
        }
        start -= 1;
    }
    // Cut scope words, adverbs and leading verbs while two chars remain
    // (设立院前医疗急救站点 → 院前医疗急救站点, but 献血量 stays).
    loop {
        let rest = &toks[start..end];
        if rest.len() < 2 || chars(&rest[1..]) < 2 {
            break;
        }
        let t = &rest[0];
        let action = is(t, ACTION) || is_verb(t) && chars(rest) > max_chars - 2;
        // A numeral before a one-char noun is an abbreviation (一产, 二产);
        // a filler before a noun is a modifier (年平均人口).
        let abbreviation = t.tag == "m" && rest[1].chars == 1 && is_noun(&rest[1]);
        let modifier = is(t, FILLER) && is_noun(&rest[1]) && !is(t, SCOPE);
        // `threshold`: an amount with 以上/以下 before a noun is the
        // noun's size class (亿元以上项目, 千万元以上项目).
        let threshold = t.tag == "m"
            && matches!(rest[1].word, "以上" | "以下")
            && rest.get(2).is_some_and(is_noun);
        if (cut_at_start(t) && !abbreviation && !modifier && !threshold)
            || action && rest[1..].iter().any(is_noun)
        {
            start += 1;
        } else {
            break;
        }
    }
    while start < end
        && (is_punct(&toks[start]) || is_quote(&toks[start]) || is(&toks[start], SCOPE))
    {
        start += 1;
    }
    // The object of an action inside the phrase is what is counted
    // (困难家庭学生发放|助学金).
    if let Some(i) = (start + 1..end).rev().find(|&i| {
        // (a two-char head after it is more often a compound: 研发投入强度)
        is(&toks[i], ACTION)
            && !is(&toks[i], JOIN)
            && toks[i + 1..end].iter().any(is_noun)
            && chars(&toks[i + 1..end]) >= 3
    }) {
        start = i + 1;
    }
    let core: Vec<Token<'_>> = drop_joining_verbs(&toks[start..end]);
    // noun_phrase: a subject names a thing — a noun, or a verb of two or
    // more chars that ends the phrase and is used as one (开支, 收入), not
    // an action or a link.
    let nominal = |t: &Token<'_>| is_verb(t) && t.chars >= 2 && !is(t, ACTION) && !is(t, LINK);
    if core.is_empty() || !(core.iter().any(is_noun) || core.last().is_some_and(nominal)) {
        return None;
    }
    let last = &core[core.len() - 1];
    // A verb phrase (牵头建设, 路口设置): the counted noun follows the number.
    // (one-char nouns are jieba's leftovers: 提/v 档/n 升级/vn)
    let verbal = core.iter().any(|t| is_verb(t) || t.tag == "vn")
        && !core.iter().any(|t| t.tag.starts_with('n') && t.chars >= 2)
        || is(last, ACTION);
    // A place alone (句容市17家医疗机构) is where, not what.
    let place = chars(&core) <= 5 && last.word.ends_with(PLACE_SUFFIXES);
    let weak = enumeration || core.len() == 1 || is_verb(last) || verbal || place;
    Some((
        join(&core),
        if weak { Strength::Weak } else { Strength::Sure },
    ))
}

/// Which tokens are link words, alone or with a neighbour (jieba cuts
/// 控制在 into 控制|在, 下降至 into 下降|至).
fn links(toks: &[Token<'_>]) -> Vec<bool> {
    let w = &*WORDS;
    let mut out: Vec<bool> = toks.iter().map(|t| is(t, LINK)).collect();
    for i in 1..toks.len() {
        let pair = is(&toks[i - 1], LINK_HEAD)
            && w.link_halves
                .get(toks[i - 1].word)
                .is_some_and(|rest| rest.contains(&toks[i].word));
        if pair {
            out[i - 1] = true;
            out[i] = true;
        }
    }
    out
}

/// The tokens without the years inside them (公共交通费用补贴计划|2023|至|24|
/// 年度|开支 → …计划开支): a time is never part of what is counted.
fn without_years(toks: Vec<Token<'_>>) -> Vec<Token<'_>> {
    let is_year = |t: &Token<'_>| {
        t.tag == "m" && t.word.len() == 4 && (t.word.starts_with("19") || t.word.starts_with("20"))
    };
    if !toks.iter().any(is_year) {
        return toks;
    }
    let mut out = Vec::with_capacity(toks.len());
    let mut in_year = false;
    for t in toks {
        if is_year(&t) {
            in_year = true;
            continue;
        }
        let rest = in_year
            && (matches!(
                t.word,
                "至" | "到" | "-" | "年" | "年度" | "财政年度" | "课税年度" | "财年"
            ) || t.tag == "m" && t.word.len() <= 2);
        if rest {
            continue;
        }
        in_year = false;
        out.push(t);
    }
    out
}

/// `joined_verb`: drops a verb that only joins an actor to its measure,
/// with nouns on both sides (建筑业|实现|增加值 → 建筑业增加值).
fn drop_joining_verbs<'a>(toks: &[Token<'a>]) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::with_capacity(toks.len());
    for (i, t) in toks.iter().enumerate() {
        // (完成投资 is a measure of its own: the measure after the verb must
        // be longer than the verb's usual object)
        let joins = is(t, JOIN)
            && out.last().is_some_and(is_noun)
            && toks.get(i + 1).is_some_and(is_noun)
            && chars(&toks[i + 1..]) >= 3;
        if !joins {
            out.push(*t);
        }
    }
    out
}

/// `after`: the noun phrase after the number and its unit. It runs across
/// `的` (keeping its head), quotes, brackets and coordination (及, 和), and
/// ends at punctuation, particles, adverbs, link words, and at a verb once a
/// noun of two or more chars has been taken, unless the verb and the noun
/// after it close the phrase (企业|退休人员). `toks`: the segmented start
/// of `after`.
fn after_tokens(after: &str, toks: &[Token<'_>]) -> Option<String> {
    // A book or document title is one name: 2万册《婴幼儿养育照护手册》.
    if let Some(rest) = after.trim_start().strip_prefix('《')
        && let Some(close) = rest.find('》')
        && (2..=20).contains(&rest[..close].chars().count())
    {
        return Some(rest[..close].to_string());
    }
    let mut i = 0;
    while i < toks.len()
        && (is_quote(&toks[i])
            || matches!(toks[i].word, "的" | "之")
            || toks[i].tag == "r"
            || is(&toks[i], SCOPE))
    {
        i += 1;
    }
    if let Some(run) = noun_run(&toks[i..]) {
        return Some(run);
    }
    let start = i;
    let mut have_noun = false;
    let mut n = 0;
    let mut depth = 0;
    while i < toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1);
        if is_open(t) && have_noun {
            depth += 1;
        } else if is_close(t) && depth > 0 {
            depth -= 1;
        } else if depth > 0 {
            // Inside brackets: anything but a clause break.
            if is_punct(t) && !matches!(t.word, "、") {
                break;
            }
        } else {
            let stop_word = is(t, LINK) || is(t, SCOPE);
            let coordination = matches!(t.word, "及" | "和" | "与" | "、")
                && i > start
                && next.is_some_and(|n| is_noun(n) || n.tag == "a" || n.tag == "an");
            // 备孕困难的适龄妇女: 的 after a modifier leads to the head noun;
            // after a noun it ends the phrase (床位|的老年病医院).
            let of = t.word == "的" && !have_noun && next.is_some_and(is_noun);
            // `negated`: a negation that opens the phrase modifies it
            // (未就业高校毕业生, 非公有制企业).
            let negated = i == start
                && matches!(t.word, "未" | "非" | "无" | "不")
                && next.is_some_and(|n| is_verb(n) || is_noun(n));
            if coordination || of || negated {
                // 特殊困难及高龄老年人, 备孕困难的适龄妇女
            } else if is_punct(t) && !is_quote(t)
                || t.tag.starts_with('u')
                || matches!(t.tag, "p" | "c" | "d" | "m" | "r" | "q")
                || stop_word
            {
                break;
            } else if is_verb(t) {
                // A verb ends the phrase once a noun is taken, unless it
                // and a noun close it (企业|退休|人员 then a break).
                let boundary = |x: Option<&Token<'_>>| {
                    x.is_none_or(|x| is_punct(x) && !is_quote(x) || x.tag.starts_with('u'))
                };
                // 企业|退休|人员, or a verb used as a noun that ends the
                // phrase (资格权|认定).
                let compound = t.chars == 2
                    && have_noun
                    && (next.is_some_and(is_noun) && boundary(toks.get(i + 2)) || boundary(next));
                // A one-char verb ends it too, unless it opens it (备|孕).
                if !compound && (have_noun || t.chars == 1 && i > start) {
                    break;
                }
            }
        }
        if n + t.chars > MAX_CHARS + 4 {
            break;
        }
        // (a one-char noun right before a verb heads the phrase too: 市|下放)
        have_noun |=
            is_noun(t) && t.tag != "an" && (t.chars >= 2 || toks.get(i + 1).is_some_and(is_verb));
        n += t.chars;
        i += 1;
    }
    // Trailing joiners and open brackets are not part of it.
    let mut end = i;
    while end > start
        && (matches!(toks[end - 1].word, "的" | "及" | "和" | "与" | "、")
            || is_open(&toks[end - 1]))
    {
        end -= 1;
    }
    let core = &toks[start..end];
    core.iter()
        .any(is_noun)
        .then(|| join(core))
        .filter(|s| s.chars().count() >= 2)
}

/// Longest run, in chars, of an after-phrase compound with verbs inside
/// (爱心托管托育班, 一代全民健身路径).
const MAX_COMPOUND_CHARS: usize = 9;

/// `after`, first try: the words up to the first break, predicate (an
/// action or link word) or particle, when they end in a noun and are short
/// enough to be one compound even with verbs inside.
fn noun_run(toks: &[Token<'_>]) -> Option<String> {
    let mut end = 0;
    let mut n = 0;
    let mut depth = 0;
    while end < toks.len() {
        let t = &toks[end];
        if is_open(t) && end > 0 {
            depth += 1;
        } else if is_close(t) && depth > 0 {
            depth -= 1;
        } else if depth > 0 {
            if is_punct(t) && t.word != "、" {
                return None;
            }
        } else if matches!(t.word, "及" | "和" | "与" | "、")
            && end > 0
            && toks.get(end + 1).is_some_and(is_noun)
        {
            // 国际及地区客货运航线
        } else if t.word == "的"
            && end > 0
            && matches!(toks[end - 1].tag, "a" | "an")
            && toks[end + 1..].iter().take(2).any(is_noun)
        {
            // 经济困难的严重精神障碍患者: 的 after a modifier
        } else if is_punct(t) && !is_quote(t)
            || t.tag.starts_with('u')
            || matches!(t.tag, "p" | "c" | "d" | "r")
            || is(t, LINK)
            || is(t, SCOPE)
            || is(t, ACTION)
        {
            break;
        }
        n += t.chars;
        end += 1;
    }
    let run = &toks[..end];
    let last = run.last()?;
    // (a one-char classifier closes a compound: 非保障|户)
    let head = last.tag.starts_with('n') && last.tag != "an"
        || matches!(last.tag, "eng" | "s")
        || last.tag == "vn" && run.len() >= 2
        || last.tag == "q" && last.chars == 1 && run.len() >= 2;
    let has_verb = run.iter().any(is_verb);
    // A run that fills its clause may be longer (示范性乡村互助养老睦邻点).
    let max = if toks.get(end).is_none_or(|t| is_punct(t) && !is_quote(t)) {
        MAX_CHARS
    } else {
        MAX_COMPOUND_CHARS
    };
    (head && depth == 0 && (2..=MAX_CHARS + 4).contains(&n) && (!has_verb || n <= max))
        .then(|| join(run))
}

/// `topic`: the noun phrase a clause opens with, its subject
/// (我们去年的货物出口|受压 → 货物出口, 私人消费|增长相当不错 → 私人消费); none
/// when the clause opens with a verb.
pub(crate) fn leading(clause: &str) -> Option<String> {
    leading_tokens(&tag(head_chars(clause, SEGMENT_WINDOW)))
}

/// [`leading`] on the segmented start of the clause.
fn leading_tokens(toks: &[Token<'_>]) -> Option<String> {
    // A clause without a verb is a noun phrase as a whole: its end names it.
    if !toks.iter().any(is_verb) {
        return None;
    }
    let mut i = 0;
    while i < toks.len()
        && (matches!(toks[i].tag, "r" | "t" | "p" | "c" | "d" | "m" | "q" | "f")
            || toks[i].tag.starts_with('u')
            || is_quote(&toks[i])
            || is_punct(&toks[i])
            || is(&toks[i], SCOPE)
            || is(&toks[i], FILLER))
    {
        i += 1;
    }
    let start = i;
    let mut n = 0;
    while i < toks.len() {
        let t = &toks[i];
        let of = t.word == "的" && i > start && toks.get(i + 1).is_some_and(is_noun);
        if !(is_noun(t) || t.tag == "a" || of || is_quote(t)) || is(t, LINK) {
            break;
        }
        if n + t.chars > MAX_CHARS {
            break;
        }
        n += t.chars;
        i += 1;
    }
    let core = &toks[start..i];
    // A noun phrase of four chars or more (a shorter one is more often a
    // compound jieba split at a verb: 商业|登记|费), followed by its
    // predicate (not the whole clause).
    (core.iter().any(|t| is_noun(t) && t.chars >= 2) && chars(core) >= 4 && i < toks.len())
        .then(|| join(core))
}

/// What the phrase rules found for one claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// A subject the claim's own clause gives.
    Subject(String),
    /// Only a weak guess (a lone word before the number); a subject shared
    /// along a list or carried from the clause before is better.
    Guess(String),
    /// Only the action the number counts (完成58项).
    Action(String),
    /// Nothing.
    Nothing,
}

/// The subject of a claim from the clause text before it and after it.
///
/// `counted_noun`: a noun phrase right after the number and its unit is
/// what is counted (全市111家医疗机构, 建成3000多个宜居宜业和美乡村) unless
/// the number completes a link (投资达11亿元的…): then the phrase before.
///
/// `counted_action`: with nothing else, the action the number counts
/// (完成58项, 覆盖59.53万人, 投入280万元) is a guess.
#[cfg(test)]
pub(crate) fn find(before_text: &str, after_text: &str) -> Found {
    Sides::new(before_text, after_text).find().0
}

/// The two sides of a claim in its clause, each segmented once for all
/// the rules that read it.
pub(crate) struct Sides<'a> {
    after_text: &'a str,
    /// The end of the text before the number.
    before: Vec<Token<'a>>,
    /// The start of the text after the number and its unit.
    after: Vec<Token<'a>>,
    /// Whether `before` holds the whole clause before the number.
    whole: bool,
    before_text: &'a str,
}

impl<'a> Sides<'a> {
    pub(crate) fn new(before_text: &'a str, after_text: &'a str) -> Self {
        let window = tail_chars(before_text, SEGMENT_WINDOW);
        Sides {
            after_text,
            before: tag(window),
            after: tag(head_chars(after_text, SEGMENT_WINDOW)),
            whole: window.len() == before_text.len(),
            before_text,
        }
    }

    /// The subject the claim's own clause gives, and the noun phrase
    /// before it on its own (the clause's topic, when it names one).
    pub(crate) fn find(&self) -> (Found, Option<(String, Strength)>) {
        let before = before_tokens(self.before.clone(), MAX_CHARS);
        let after_phrase = || after_tokens(self.after_text, &self.after);
        let found = match &before {
            Some((b, Strength::Sure)) if ends_in_link(&self.before) => Found::Subject(b.clone()),
            Some((b, Strength::Sure)) => {
                after_phrase().map_or(Found::Subject(b.clone()), Found::Subject)
            }
            Some((b, Strength::Weak)) => {
                after_phrase().map_or(Found::Guess(b.clone()), Found::Subject)
            }
            None => after_phrase()
                .map(Found::Subject)
                .or_else(|| action(&self.before).map(Found::Action))
                .unwrap_or(Found::Nothing),
        };
        (found, before)
    }

    /// The noun phrase the clause before the number opens with
    /// ([`leading`]).
    pub(crate) fn leading(&self) -> Option<String> {
        if self.whole {
            leading_tokens(&self.before)
        } else {
            leading(self.before_text)
        }
    }
}

/// The verbs that end the words before a number when nothing else stands
/// there, links, fillers and scope words aside (累计投入 → 投入; 增长 and 达
/// are links: none).
fn action(toks: &[Token<'_>]) -> Option<String> {
    let link = links(toks);
    let mut end = toks.len();
    while end > 0
        && (is(&toks[end - 1], FILLER)
            || toks[end - 1].tag == "d"
            || toks[end - 1].tag.starts_with('u'))
    {
        end -= 1;
    }
    let mut start = end;
    while start > 0
        && (is_verb(&toks[start - 1]) || toks[start - 1].tag == "vn")
        && !link[start - 1]
    {
        start -= 1;
    }
    let verb = &toks[start..end];
    let n = chars(verb);
    (!verb.is_empty() && (2..=6).contains(&n) && !is(&verb[0], SCOPE)).then(|| join(verb))
}

/// Whether the words before a number end in a link (达, 为, 共, 增至),
/// fillers and time words aside: the number completes the phrase before.
fn ends_in_link(toks: &[Token<'_>]) -> bool {
    let link = links(toks);
    let mut end = toks.len();
    while end > 0 {
        let t = &toks[end - 1];
        if link[end - 1] {
            return true;
        }
        let filler = is(t, FILLER)
            || matches!(t.tag, "d" | "t" | "m" | "q" | "p" | "r")
            || t.tag.starts_with('u')
            || is_quote(t);
        if !filler {
            return false;
        }
        end -= 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_by_rule() {
        // (before, after, a phrase the subject must contain)
        let cases = [
            // before
            ("市二院阳湖院区二期正式启用,新增床位", "。", "床位"),
            ("居民健康素养水平达", "", "居民健康素养水平"),
            ("累计培训人数达", "", "培训人数"),
            ("完成投资", ",占比", "投资"),
            ("急救反应时间缩短至", ",位列", "反应时间"),
            ("农村宅基地线上审批累计达到", "", "宅基地线上审批"),
            ("设立院前医疗急救站点共", "", "院前医疗急救站点"),
            ("門诊、住院人均检查频次同比下降", "、", "人均检查频次"),
            ("我们的储备下降至今年3月底估计的", "。", "储备"),
            ("全县实现生产总值(GDP)", "", "生产总值"),
            ("全社会建筑业实现增加值", "", "建筑业增加值"),
            ("省重大项目完成投资达", "", "省重大项目完成投资"),
            (
                "公共交通费用补贴计划2023至24年度开支则约",
                "",
                "补贴计划开支",
            ),
            ("全社会研发投入强度达", "", "研发投入强度"),
            ("空气优良天数比率达83.8%,PM2.5浓度", "", "PM2.5浓度"),
            (
                "但医疗卫生相关经常开支的总额在2024至25年度达",
                "",
                "相关经常开支总额",
            ),
            ("国家级专精特新“小巨人”企业增至", "", "小巨人企业"),
            ("淮安和潮州)的", "展位,呈现", "展位"),
            // after
            ("为", "适龄儿童提供免费水痘疫苗", "适龄儿童"),
            ("建成拥有", "床位的老年病特色现代化医院", "床位"),
            ("全市", "医疗机构影像数据全部汇聚云平台", "医疗机构"),
            ("储备", "隔离房间", "隔离房间"),
            ("编印", "《婴幼儿养育照护手册》", "婴幼儿养育照护手册"),
            ("", "的资格权认定", "资格权"),
            ("句容市组建", "健康管理团队", "健康管理团队"),
            ("全年地区生产总值比上年增长", "", "地区生产总值"),
            ("经常开支较2019至20年度增加", "", "开支"),
            (
                "全年为3191位备孕困难的适龄妇女提供",
                "免费卵泡监测",
                "卵泡监测",
            ),
            ("老旧小区改造项目等", "项目入选", "项目"),
            ("", "三级医院相互链接", "三级医院"),
            ("献血量达", "", "献血量"),
            ("其中持证人员", "", "持证人员"),
            ("向", "就业困难人员", "就业困难人员"),
            ("全年为", "备孕困难的适龄妇女提供", "适龄妇女"),
            ("牵头建设", "全国重点实验室。", "重点实验室"),
            ("为", "特殊困难及高龄老年人实施适老化改造", "高龄老年人"),
            ("路口设置", "遮阳挡雨棚", "挡雨棚"),
            ("句容市", "医疗机构通过评审", "医疗机构"),
            ("全年组织", "爱心托管托育班", "爱心托管托育班"),
            ("提档升级", "一代全民健身路径", "全民健身路径"),
            ("全区", "村(社区)综合服务中心", "综合服务中心"),
            ("为困难家庭学生发放助学金近", "", "助学金"),
            ("", "项目参加创响江苏高校毕业生创业大赛", "项目"),
            ("", "学科入选“双一流”建设名单", "学科"),
            (
                "改造提升",
                "示范性乡村互助养老睦邻点;",
                "示范性乡村互助养老睦邻点",
            ),
            ("", "非保障户的入库管理工作", "非保障户"),
            (
                "为不少于",
                "经济困难的严重精神障碍患者开展",
                "严重精神障碍患者",
            ),
            ("二级及以上老年医院数量新增", "", "老年医院"),
            ("全县年平均人口为", "", "平均人口"),
            ("政府的收入估计将由现时约占本地生产总值的", "", "政府收入"),
            ("句容市累计无偿献血", "", "无偿献血"),
            (
                "连续开展了",
                "应急救护知识专项培训。",
                "应急救护知识专项培训",
            ),
            ("加密", "国际及地区客货运航线", "国际及地区客货运航线"),
            ("", "地区和园区入选国家碳达峰试点", "地区和园区"),
            ("为", "各类困难群体代缴城乡居民养老保险费", "困难群体"),
        ];
        for (before, after, want) in cases {
            let got = match find(before, after) {
                Found::Subject(s) | Found::Guess(s) | Found::Action(s) => s,
                Found::Nothing => String::new(),
            };
            assert!(
                got.contains(want),
                "{before}|{after}: got {got:?}, want {want:?}"
            );
            assert!(
                got.chars().count() <= 2 * want.chars().count() + 4,
                "{got} too long for {want}"
            );
        }
    }

    #[test]
    fn no_subject() {
        assert_eq!(find("同比下降", "、"), Found::Nothing);
        assert_eq!(find("", ""), Found::Nothing);
        assert_eq!(find("有所", ""), Found::Nothing);
        assert_eq!(find("同比增长", ""), Found::Nothing);
        assert_eq!(find("累计投入", ""), Found::Action("投入".into()));
        assert_eq!(find("覆盖", ""), Found::Action("覆盖".into()));
        assert_eq!(find("现时约占本地生产总值的", ""), Found::Nothing);
        assert_eq!(find("将控制在平均每年约", ""), Found::Nothing);
        assert_eq!(find("会连续", ""), Found::Nothing);
        assert_eq!(find("会连续", "发债"), Found::Subject("发债".into()));
    }
}
