//! The number rules: a number with its unit and surroundings that is a
//! date, an ordinal, a code, a label or a name rather than a claim. Each
//! rule has a name; the examples are table-driven tests in both scripts
//! (`tests/rules_both_scripts.rs`).

use std::sync::LazyLock;

use crate::claim::UnitKind;
use crate::segment;
use crate::words;

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
    for (kind, word) in words::rows(FILE, include_str!("../data/label_words.tsv")) {
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

/// Builds the word lists now rather than on first use.
pub(super) fn warm_up() {
    LazyLock::force(&LABEL_WORDS);
}

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
    // recent_span: 近五年, 近3年, 3年来, 过去5年, 前三年, 头四个月 (a
    // period that dates the figures, not a count)
    if let Some((u, _)) = c.unit
        && matches!(u, "年" | "个月" | "天")
        && (c.before.ends_with("近")
            || c.before.ends_with("过去")
            || c.before.ends_with("前")
            || c.before.ends_with("头")
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
