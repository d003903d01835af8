//! Stage 5a: the subject of each claim — the noun phrase its number counts.
//!
//! [`phrase`] reads one claim's own clause; this module decides along the
//! sentence, rules by name, in order:
//!
//! 1. **`own`**: the noun phrase of the claim's own clause ([`phrase::find`]);
//! 2. **`distributed`**: a list of figures after `分别`/`各` takes the
//!    members of the list before it, the shared head noun distributed
//!    (`城镇、农村居民人均可支配收入分别增长4.8%、5.9%` → 城镇居民人均可支配收入,
//!    农村居民人均可支配收入; `城乡居民…` names the same two members); when
//!    the counts differ, the shared phrase stays;
//! 3. **`list`**: figures joined by `、`/`和` share the subject written after
//!    the last of them (`完成51.6万户、164.4万人的资格权认定`);
//! 4. **`guess`**: a lone word of the claim's own clause; the action the
//!    number counts (`完成58项`, `覆盖59.53万人`) when nothing else is there;
//! 5. **`carried`**: a claim without a subject of its own takes the
//!    subject of the figure before it in the sentence — a change or share
//!    stated right after a level (`规上工业增加值1234亿元，同比增长6.1%`), or
//!    the second figure of `从710项扩展至760项`;
//! 6. **`topic`**: else the noun phrase of the clause before it
//!    (`上线远程动态心电图监测,完成1400余例` → 远程动态心电图监测).

pub(crate) mod phrase;

use std::ops::Range;
use std::sync::LazyLock;

use crate::words;
pub(crate) use phrase::Found;

/// Coordinated compounds that name two members at once (城乡 → 城镇, 农村),
/// from `src/data/subject_words.tsv` (kind `pair`).
static PAIRS: LazyLock<Vec<(&'static str, [&'static str; 2])>> = LazyLock::new(|| {
    const FILE: &str = "subject_pairs.tsv";
    words::rows(FILE, include_str!("../data/subject_pairs.tsv"))
        .map(|(word, members)| {
            let mut m = members.split(',').map(str::trim);
            match (m.next(), m.next(), m.next()) {
                (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty() => (word, [a, b]),
                _ => panic!("{FILE}: {word:?} needs two members"),
            }
        })
        .collect()
});

/// Builds the word lists now rather than on first use.
pub(crate) fn warm_up() {
    phrase::warm_up();
    LazyLock::force(&PAIRS);
}

/// Marks that end a clause for the subject: the text before a claim is read
/// back to the last of them, the text after it up to the first.
fn is_clause_break(ch: char) -> bool {
    matches!(
        ch,
        ',' | '，' | ';' | '；' | ':' | '：' | '。' | '!' | '！' | '?' | '？' | '\n' | '\t'
    )
}

/// Words that distribute a list of figures over a list of members.
const DISTRIBUTE: [&str; 2] = ["分别", "各"];

/// The text after the last clause break of `s`.
fn last_clause(s: &str) -> &str {
    s.rfind(is_clause_break).map_or(s, |p| {
        let ch = s[p..].chars().next().map_or(1, char::len_utf8);
        &s[p + ch..]
    })
}

/// Subjects of the claims of one sentence (`claims`: their ranges in `t`,
/// in order).
pub(crate) fn sentence_subjects(
    t: &str,
    sent: Range<usize>,
    claims: &[Range<usize>],
) -> Vec<Option<String>> {
    let n = claims.len();
    let mut found: Vec<Found> = Vec::with_capacity(n);
    // The noun phrase before each claim, even where the one after it won:
    // what a later change is about (地区生产总值连续迈上4个万亿元台阶、达…).
    let mut topics: Vec<Option<String>> = Vec::with_capacity(n);
    // The text from the previous claim (or the sentence start) to each claim.
    let mut gaps: Vec<Range<usize>> = Vec::with_capacity(n);
    // Whether the claim's own clause starts right after the previous claim.
    let mut follows: Vec<bool> = Vec::with_capacity(n);
    for (k, c) in claims.iter().enumerate() {
        let lo = if k > 0 {
            claims[k - 1].end.max(sent.start)
        } else {
            sent.start
        };
        let before_all = &t[lo..c.start];
        let before = last_clause(before_all);
        let hi = claims
            .get(k + 1)
            .map_or(sent.end, |x| x.start.min(sent.end));
        let after_all = &t[c.end..hi.max(c.end)];
        let after = after_all
            .find(is_clause_break)
            .map_or(after_all, |p| &after_all[..p]);
        let right_after = k > 0 && before.len() == before_all.len();
        let before = if right_after {
            // Right after another claim: only this list item's own words;
            // words that end in 和/及 belong to the claim before
            // (3款进口HPV疫苗和|2款国产HPV疫苗).
            let own = before
                .rfind('、')
                .map_or(before, |p| &before[p + '、'.len_utf8()..]);
            if own.trim_end().ends_with(['和', '及', '与', '或']) {
                ""
            } else {
                own
            }
        } else {
            before
        };
        follows.push(right_after);
        gaps.push(lo..c.start);
        let sides = phrase::Sides::new(before, after);
        let (f, own) = sides.find();
        // Only where the counted noun after the number won over the words
        // before it does the clause's own topic differ from the subject.
        let object = match &f {
            Found::Subject(s) => own.is_none_or(|(b, _)| b != *s),
            _ => true,
        };
        topics.push(if object { sides.leading() } else { None });
        found.push(f);
    }
    let mut out: Vec<Option<String>> = found
        .iter()
        .map(|f| match f {
            Found::Subject(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    distribute(t, sent.clone(), claims, &mut out);
    // list: a list of claims shares the subject written after its last member.
    for k in (0..n.saturating_sub(1)).rev() {
        if out[k].is_none() && out[k + 1].is_some() {
            let gap = &t[claims[k].end..claims[k + 1].start];
            if gap
                .chars()
                .all(|ch| matches!(ch, '、' | '和' | '及' | '与' | '或' | ' '))
            {
                out[k] = out[k + 1].clone();
            }
        }
    }
    // The topic a later change is about: the latest clause topic of an
    // object count, else the claim before.
    let mut topic_before: Option<String> = None;
    let mut breaks: Option<Breaks> = None;
    let mut clause_topic = |end: usize| {
        let b = breaks.get_or_insert_with(|| Breaks::new(t, sent.clone()));
        topic(t, sent.start, b, end)
    };
    for k in 0..n {
        let carried = (k > 0)
            .then(|| topic_before.clone().or(out[k - 1].clone()))
            .flatten();
        if let Some(tp) = &topics[k] {
            topic_before = Some(tp.clone());
        } else if out[k].is_some() && !follows[k] {
            topic_before = None;
        }
        if out[k].is_some() {
            continue;
        }
        out[k] = match &found[k] {
            // carried, first for the second figure of a change
            // (检测项目从710项扩展至760项)
            // when its own words name nothing
            Found::Nothing | Found::Action(_) if k > 0 && follows[k] && out[k - 1].is_some() => {
                carried
            }
            Found::Guess(g) if k > 0 && follows[k] && out[k - 1].is_some() && !names(g) => carried,
            // guess
            Found::Guess(g) => Some(g.clone()),
            // counted action, before the figure before it, but after the
            // topic of the clause before when it opens the sentence
            // (上线远程动态心电图监测,完成1400余例)
            Found::Action(a) if k > 0 => Some(a.clone()),
            Found::Action(a) => clause_topic(claims[k].start).or(Some(a.clone())),
            _ => {
                // carried: the figure before, or the topic of its clause
                // when it counted an object (地区生产总值连续迈上4个万亿元台阶、
                // 达14.2万亿元); else the topic of the clause before.
                carried.or_else(|| clause_topic(claims[k].start))
            }
        };
    }
    // threshold: a figure right after a threshold claim (10亿元以上项目3个)
    // is counted among what passes it.
    for k in 1..n {
        let prev = &t[claims[k - 1].clone()];
        if let (Some(own), true) = (&out[k], follows[k])
            && (prev.ends_with("以上") || prev.ends_with("以下"))
            && t[claims[k - 1].end..claims[k].start].contains(own.as_str())
        {
            out[k] = Some(format!("{prev}{own}"));
        }
    }
    out
}

/// Whether a guessed phrase holds a noun (not only a verb: 扩展).
fn names(g: &str) -> bool {
    phrase::tag(g).iter().any(phrase::is_noun)
}

/// The clause breaks of one sentence, found once (a sentence can be long
/// and hold many claims: searching back from each claim would be
/// quadratic).
struct Breaks {
    /// Byte offset and length of each break, in order.
    at: Vec<(usize, usize)>,
}

impl Breaks {
    fn new(t: &str, sent: Range<usize>) -> Self {
        let at = t[sent.clone()]
            .char_indices()
            .filter(|&(_, ch)| is_clause_break(ch))
            .map(|(i, ch)| (sent.start + i, ch.len_utf8()))
            .collect();
        Breaks { at }
    }

    /// The last break that starts before byte `end`.
    fn last_before(&self, end: usize) -> Option<(usize, usize)> {
        let i = self.at.partition_point(|&(p, _)| p < end);
        i.checked_sub(1).map(|i| self.at[i])
    }
}

/// `topic`: the noun phrase that opens the clause before the one that
/// holds byte `end` (its subject, when a predicate follows it), else the
/// one that ends it, within the sentence whose breaks are `breaks`.
fn topic(t: &str, sent_start: usize, breaks: &Breaks, end: usize) -> Option<String> {
    let (cut, _) = breaks.last_before(end).filter(|&(p, _)| p >= sent_start)?;
    let from = breaks
        .last_before(cut)
        .map_or(sent_start, |(p, len)| p + len);
    let prev = &t[from.max(sent_start)..cut];
    phrase::leading(prev).or_else(|| phrase::before(prev).map(|(s, _)| s))
}

/// `distributed`: figures joined by `、`/`和` right after `分别`/`各` take
/// the members of the list before it, one each, with the shared head.
fn distribute(t: &str, sent: Range<usize>, claims: &[Range<usize>], out: &mut [Option<String>]) {
    // The end of the run of figures joined by 、/和 that starts at `k`.
    let run_end = |k: usize| {
        let mut run = k + 1;
        while run < claims.len() {
            let gap = t[claims[run - 1].end..claims[run].start].trim();
            if matches!(gap, "、" | "和" | "及" | "与") || gap.is_empty() {
                run += 1;
            } else {
                break;
            }
        }
        run
    };
    let mut k = 0;
    while k < claims.len() {
        let lo = if k > 0 { claims[k - 1].end } else { sent.start };
        let before = last_clause(&t[lo.max(sent.start)..claims[k].start]);
        // 分别 anywhere before the figure; 各 only right before it or its
        // link (省、市级各1个, 各增长), not in 各级/各类.
        let at = DISTRIBUTE
            .iter()
            .filter_map(|d| before.rfind(d).map(|i| (i, d)))
            .filter(|(i, d)| {
                let rest = before[i + d.len()..].trim();
                **d == "分别"
                    || rest.chars().count() <= 2 && !rest.starts_with(['级', '类', '地', '项'])
            })
            .map(|(i, _)| i)
            .max();
        let Some(at) = at else {
            k += 1;
            continue;
        };
        let run = run_end(k);
        let count = run - k;
        if let Some(members) = members(&before[..at], count) {
            for (i, m) in members.into_iter().enumerate() {
                out[k + i] = Some(m);
            }
        } else if phrase::before(&before[..at]).is_none() && k >= count {
            // Nothing before 分别: it distributes over the figures stated
            // just before (第一产业增加值…，第二…，第三…，分别比上年增长…).
            for i in 0..count {
                out[k + i] = out[k - count + i].clone();
            }
        }
        // A list of as many changes right after it is about the same
        // members (分别达6.9万元、3.4万元，增长4.2%、5.3%).
        let mut k2 = run;
        while k2 < claims.len() {
            let next = run_end(k2);
            let gap =
                t[claims[k2 - 1].end..claims[k2].start].trim_start_matches([',', '，', ' ', '、']);
            let changes = crate::year::marks::WORDS
                .continues
                .iter()
                .any(|w| gap.starts_with(w))
                || DISTRIBUTE.iter().any(|d| gap.starts_with(d));
            if next - k2 != count || !changes || gap.contains(['。', '；', ';']) {
                break;
            }
            for i in 0..count {
                out[k2 + i] = out[k + i].clone();
            }
            k2 = next;
        }
        k = k2;
    }
}

/// The `count` subjects of a distributed list `phrase` (`一产、二产、三产增加值`):
/// its members with the head noun the last one carries, or a coordinated
/// compound's two members (`城乡居民收入` → 城镇居民收入, 农村居民收入).
fn members(phrase: &str, count: usize) -> Option<Vec<String>> {
    let (core, _) = phrase::before_within(phrase, 3 * phrase::MAX_CHARS)?;
    let parts: Vec<&str> = core.split('、').filter(|p| !p.is_empty()).collect();
    if parts.len() == count && count > 1 {
        let last = parts[count - 1];
        // The first member starts after the last verb before the list
        // (带动|限上新能源汽车).
        let first_toks = phrase::tag(parts[0]);
        let after_verb = first_toks
            .iter()
            .rposition(|t| t.tag == "v" && t.chars >= 2)
            .filter(|&i| i + 1 < first_toks.len())
            .map_or(0, |i| first_toks[i + 1].start);
        let first = &parts[0][after_verb..];
        let first_toks = phrase::tag(first);
        // A member that is a whole phrase (three words ending in a noun:
        // 规上高技术制造业增加值) is its own subject; a short one shares the
        // head the last member carries (城镇、农村居民…收入, 一产、三产增加值):
        // the last member's own part has as many words as the first.
        let complete = first_toks.len() >= 3 && first_toks.last().is_some_and(phrase::is_noun);
        let last_toks = phrase::tag(last);
        let own = if complete || last_toks.len() < 2 {
            last.len()
        } else {
            last_toks[first_toks.len().min(last_toks.len() - 1)].start
        };
        let head = &last[own..];
        let mut out: Vec<String> = std::iter::once(first)
            .chain(parts[1..count - 1].iter().copied())
            .map(|p| format!("{p}{head}"))
            .collect();
        out.push(last.to_string());
        return Some(out);
    }
    if count == 2 {
        for (word, [a, b]) in PAIRS.iter() {
            if let Some(i) = core.find(word) {
                let (pre, post) = (&core[..i], &core[i + word.len()..]);
                return Some(vec![format!("{pre}{a}{post}"), format!("{pre}{b}{post}")]);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The subjects of every claim-like span (marked with ⟦⟧) of `s`.
    /// The text is normalised first, as the pipeline does (Traditional
    /// becomes Simplified).
    fn subjects(s: &str) -> Vec<Option<String>> {
        let norm = crate::normalize::normalize(s);
        let mut t = String::new();
        let mut claims = Vec::new();
        let mut open = 0;
        for ch in norm.text().chars() {
            match ch {
                '⟦' => open = t.len(),
                '⟧' => claims.push(open..t.len()),
                c => t.push(c),
            }
        }
        sentence_subjects(&t, 0..t.len(), &claims)
    }

    #[test]
    fn sentence_rules() {
        let cases: &[(&str, &[&str])] = &[
            // distributed
            (
                "城镇、农村居民人均可支配收入分别增长⟦4.8%⟧、⟦5.9%⟧。",
                &["城镇居民人均可支配收入", "农村居民人均可支配收入"],
            ),
            (
                "城鎮、農村居民收入分別增長⟦4.8%⟧、⟦5.9%⟧。",
                &["城镇居民收入", "农村居民收入"],
            ),
            (
                "一产、二产、三产增加值分别增长⟦6%⟧、⟦5.2%⟧、⟦5.2%⟧。",
                &["一产增加值", "二产增加值", "三产增加值"],
            ),
            (
                "城乡居民人均可支配收入分别达⟦6.9万元⟧、⟦3.4万元⟧。",
                &["城镇居民人均可支配收入", "农村居民人均可支配收入"],
            ),
            (
                "带动限上新能源汽车、节能家电零售额分别增长⟦21.2%⟧、⟦39.5%⟧。",
                &["限上新能源汽车", "节能家电零售额"],
            ),
            (
                "规上高技术制造业增加值、规上高技术服务业营收分别增长⟦11.9%⟧、⟦6.5%⟧。",
                &["规上高技术制造业增加值", "规上高技术服务业营收"],
            ),
            (
                "城乡居民人均可支配收入分别达⟦6.9万元⟧、⟦3.4万元⟧,增长⟦4.2%⟧、⟦5.3%⟧。",
                &[
                    "城镇居民人均可支配收入",
                    "农村居民人均可支配收入",
                    "城镇居民人均可支配收入",
                    "农村居民人均可支配收入",
                ],
            ),
            (
                "体育俱乐部⟦3个⟧、各级社会指导员⟦250人⟧。",
                &["体育俱乐部", "社会指导员"],
            ),
            ("省、市级各⟦1个⟧,创新团队⟦2个⟧。", &["市级", "创新团队"]),
            // list
            (
                "完成⟦51.6万户⟧、⟦164.4万人⟧的资格权认定。",
                &["资格权认定", "资格权认定"],
            ),
            (
                "第一产业增加值⟦142145万元⟧,第二产业增加值⟦626858万元⟧,分别比上年增长⟦4.0%⟧、⟦9.2%⟧。",
                &[
                    "第一产业增加值",
                    "第二产业增加值",
                    "第一产业增加值",
                    "第二产业增加值",
                ],
            ),
            // carried
            (
                "全市规上工业增加值⟦1234亿元⟧,同比增长⟦6.1%⟧。",
                &["规上工业增加值", "规上工业增加值"],
            ),
            (
                "检测项目从⟦710项⟧扩展至⟦760项⟧。",
                &["检测项目", "检测项目"],
            ),
            // topic
            (
                "上线远程动态心电图监测,完成⟦1400余例⟧。",
                &["远程动态心电图监测"],
            ),
            (
                "包含⟦3款⟧进口HPV疫苗和⟦2款⟧国产HPV疫苗。",
                &["进口HPV疫苗", "国产HPV疫苗"],
            ),
            (
                "我们去年的货物出口受压,下跌大概⟦10.3%左右⟧。",
                &["货物出口"],
            ),
            (
                "地区生产总值连续迈上⟦4个⟧万亿元台阶、达⟦14.2万亿元⟧、年均增长⟦5.7%⟧。",
                &["万亿元台阶", "地区生产总值", "地区生产总值"],
            ),
            (
                "全县实现生产总值⟦1102284万元⟧,按可比价格计算,比上年增长⟦9.3%⟧。",
                &["生产总值", "生产总值"],
            ),
            // threshold
            ("⟦10亿元以上⟧项目⟦3个⟧。", &["项目", "10亿元以上项目"]),
        ];
        for (s, want) in cases {
            let got = subjects(s);
            let got: Vec<&str> = got.iter().map(|g| g.as_deref().unwrap_or("")).collect();
            assert_eq!(got.len(), want.len(), "{s}");
            for (g, w) in got.iter().zip(*want) {
                assert!(
                    g.contains(w) && g.chars().count() <= 2 * w.chars().count() + 4,
                    "{s}: {got:?}"
                );
            }
        }
    }
}
