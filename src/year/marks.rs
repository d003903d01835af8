//! Times named in a text: explicit and fiscal years, years inside event
//! names, relative years, the present, spans that end now, periods ahead
//! and five-year plan periods — each with the role the words around it
//! give it (a comparison base, a start or end point, a frame).
//!
//! The whole normalised text is scanned once per document; every later
//! question (a sentence's times, a heading's year, a paragraph's opening
//! year) is a lookup in the sorted result.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::numeral;
use crate::words;

/// What a time names, before it is resolved against the document's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A calendar year (`2023年`, `二〇二三年`, `“2025澳门…嘉年华”`).
    Year(i32),
    /// A fiscal year or a range of years, by its last calendar year
    /// (`2024至25年度` → 2025, `2021-2023年` → 2023).
    Range(i32),
    /// A year relative to the speaker's present (`去年` -1, `五年后` +5).
    Relative(i32),
    /// A year relative to the year being reported on (`上年` -1, `本年` 0).
    Previous(i32),
    /// The present, or a part of the current year (`目前`, `1-7月`).
    Now,
    /// The year just named (`当年`).
    Same,
    /// A span of this many years that ends now (`近五年`, `十年来`, `过去一年`).
    Span(i32),
    /// A span from a year until now (`2019年以来`).
    Since(i32),
    /// A period of this many years that starts now (`未来5年`); fiscal when
    /// counted in fiscal years (`未来两个财政年度`).
    Ahead { years: i32, fiscal: bool },
    /// A five-year plan period, by its last year (`十四五` → 2025).
    Plan(i32),
    /// A run of this many years from a start the sentence names
    /// (`2024至25年起，连续五年`); nothing without one.
    Run(i32),
}

/// What the words around a time make of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// It dates what it stands with (`2023年，…`, `在2024年`, `从2025年起`).
    Frame,
    /// A comparison base (`较2019年`, `比去年`): not the year of the figures
    /// compared with it.
    Base,
    /// The start of a change (`从2018年的…`, `由上年…`).
    Start,
    /// The end point of a change or a deadline (`延长至2027年底`).
    End,
}

/// One time named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub role: Role,
    /// A period starts here (`从2025年起`, `2024至25年起`).
    pub opens: bool,
}

impl Mark {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// The word lists of `src/data/year_words.tsv`.
pub(crate) struct Words {
    /// Plain time words, each with the kind it names.
    pub times: Vec<(&'static str, Kind)>,
    pub base: Vec<&'static str>,
    pub end: Vec<&'static str>,
    pub start: Vec<&'static str>,
    pub from: Vec<&'static str>,
    pub at: Vec<&'static str>,
    pub lead: Vec<&'static str>,
    pub say: Vec<&'static str>,
    pub continues: Vec<&'static str>,
    pub retrospective: Vec<&'static str>,
    pub report: Vec<&'static str>,
    pub review: Vec<&'static str>,
    pub plan_part: Vec<&'static str>,
}

pub(crate) static WORDS: LazyLock<Words> = LazyLock::new(|| {
    const FILE: &str = "year_words.tsv";
    let mut w = Words {
        times: Vec::new(),
        base: Vec::new(),
        end: Vec::new(),
        start: Vec::new(),
        from: Vec::new(),
        at: Vec::new(),
        lead: Vec::new(),
        say: Vec::new(),
        continues: Vec::new(),
        retrospective: Vec::new(),
        report: Vec::new(),
        review: Vec::new(),
        plan_part: Vec::new(),
    };
    for (kind, rest) in words::rows(FILE, include_str!("../data/year_words.tsv")) {
        let (word, n) = match rest.split_once('\t') {
            Some((word, n)) => (
                word,
                Some(
                    n.trim()
                        .parse::<i32>()
                        .unwrap_or_else(|_| panic!("{FILE}: {rest:?}: bad number")),
                ),
            ),
            None => (rest, None),
        };
        let need = |n: Option<i32>| n.unwrap_or_else(|| panic!("{FILE}: {word:?} needs a number"));
        match kind {
            "relative" => w.times.push((word, Kind::Relative(need(n)))),
            "previous" => w.times.push((word, Kind::Previous(need(n)))),
            "same" => w.times.push((word, Kind::Same)),
            "now" => w.times.push((word, Kind::Now)),
            "span" => w.times.push((word, Kind::Span(need(n)))),
            "plan" => w.times.push((word, Kind::Plan(need(n)))),
            "base" => w.base.push(word),
            "end" => w.end.push(word),
            "start" => w.start.push(word),
            "from" => w.from.push(word),
            "at" => w.at.push(word),
            "lead" => w.lead.push(word),
            "say" => w.say.push(word),
            "continue" => w.continues.push(word),
            "retrospective" => w.retrospective.push(word),
            "report" => w.report.push(word),
            "review" => w.review.push(word),
            "plan_part" => w.plan_part.push(word),
            _ => panic!("{FILE}: unknown kind {kind:?}"),
        }
    }
    // Longest first, so that the first match is the longest (上年度 before 上年).
    w.times.sort_by_key(|t| std::cmp::Reverse(t.0.len()));
    for list in [
        &mut w.base,
        &mut w.end,
        &mut w.start,
        &mut w.lead,
        &mut w.at,
    ] {
        list.sort_by_key(|t| std::cmp::Reverse(t.len()));
    }
    w
});

/// A small count of years: digits or Chinese numerals up to 999.
const NUM: &str = "(?:[0-9]{1,3}|[一二两三四五六七八九十]{1,3})";

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<String> = WORDS.times.iter().map(|t| regex::escape(t.0)).collect();
    let p = format!(
        r"(?x)
        (?P<range>(?:19|20)[0-9]{{2}})[\x20\t]*(?:年度|年)?[\x20\t]*(?:至|到|-|~|/)[\x20\t]*(?P<range2>(?:19|20)?[0-9]{{2}})[\x20\t]*(?:学年|财政年度|财务年度|课税年度|财年|年度|年)
        | (?P<cn>[〇零一二三四五六七八九]{{4}})[\x20\t]*年
        | (?P<year>(?:19|20)[0-9]{{2}})[\x20\t]*(?:年度|财年|年)
        | (?P<named>(?:19|20)[0-9]{{2}})[\u{{4e00}}-\u{{9fff}}]
        | (?P<ago>{NUM})[\x20\t]*个?多?年(?P<dir>以前|以后|前|后)
        | (?:近|过去|过往|最近|这|近些)(?P<span>{NUM})[\x20\t]*个?多?年(?:来|间|里|中)?
        | (?P<since>{NUM})[\x20\t]*个?多?年(?:来|以来)
        | (?:未来|今后|此后|往后|接下来)(?P<ahead>{NUM})[\x20\t]*个?(?P<fy>财政年度|财年|年度|年)
        | (?:连续|持续)(?P<run>{NUM})[\x20\t]*个?年
        | [0-9]{{1,2}}[\x20\t]*-[\x20\t]*[0-9]{{1,2}}[\x20\t]*月份?
        | 截[至止](?:今年)?(?:[0-9]{{1,2}}|[一二三四五六七八九十]{{1,2}})月(?:底|末|份)?
        | (?:头|前)(?:[0-9]{{1,2}}|[一二三四五六七八九十两]{{1,3}})个?月
        | (?P<word>{})",
        words.join("|")
    );
    Regex::new(&p).expect("time pattern")
});

/// Builds the pattern and the word lists now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&PATTERN);
}

fn small(s: &str) -> Option<i32> {
    let n = numeral::parse(s)?;
    if !n.value.fract().is_zero() {
        return None;
    }
    i32::try_from(n.value.mantissa())
        .ok()
        .filter(|v| (1..=200).contains(v))
}

fn year(s: &str) -> Option<i32> {
    s.parse().ok().filter(|y| (1900..=2100).contains(y))
}

/// The last chars of `s`, quotes and spaces removed.
fn trim_quotes_end(s: &str) -> &str {
    s.trim_end_matches(['“', '"', '「', '『', '‘', ' ', '\u{3000}'])
}

/// The role of a time at `m` of `text`, from the words right before it in
/// its clause and the words right after it.
fn role(text: &str, m: Range<usize>) -> Role {
    let w = &*WORDS;
    let before = trim_quotes_end(&text[..m.start]);
    let after = &text[m.end..];
    let after = after.trim_start_matches(['”', '"', '」', '』', '’', ' ']);
    let from = w.from.iter().any(|f| after.starts_with(f));
    let ends = |list: &[&'static str]| list.iter().copied().find(|x| before.ends_with(x));
    // 截至 is an "as of", not an end point.
    if before.ends_with("截至") || before.ends_with("截止") {
        return Role::Frame;
    }
    if let Some(b) = ends(&w.base) {
        // 同/与/和 compare only when a comparison or a change follows
        // (与2019年相比, 与上年增长).
        let weak = matches!(b, "同" | "与" | "和");
        let after_period = after.strip_prefix("同期").unwrap_or(after);
        let compared = ["相比", "比较", "对比", "比"]
            .iter()
            .chain(&w.continues)
            .any(|c| after_period.starts_with(c));
        if !weak || compared {
            return Role::Base;
        }
    }
    if ends(&w.start).is_some() {
        return if from { Role::Frame } else { Role::Start };
    }
    if ends(&w.end).is_some() {
        return Role::End;
    }
    Role::Frame
}

/// Every time named in `text`, sorted by position. Times inside a book or
/// document title (`《2022年…要点》`) and those `excluded` says are inside a
/// URL, a file name or a code are left out.
pub(crate) fn scan(text: &str, excluded: impl Fn(Range<usize>) -> bool) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    // 《 》 depth, counted once over the text as the scan moves on.
    let (mut depth, mut counted) = (0i32, 0usize);
    for c in PATTERN.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        let (mut start, mut end) = (all.start(), all.end());
        let kind = if let (Some(_), Some(y2)) = (c.name("range"), c.name("range2")) {
            let y1 = year(&c["range"]);
            let y2 = match y2.as_str().len() {
                2 => y1.map(|y| y / 100 * 100 + y2.as_str().parse::<i32>().unwrap_or(0)),
                _ => year(y2.as_str()),
            };
            match (y1, y2) {
                (Some(a), Some(b)) if b >= a && b - a <= 10 => Kind::Range(b),
                _ => continue,
            }
        } else if let Some(y) = c.name("cn") {
            match numeral::parse(y.as_str()).and_then(|n| year(&n.value.to_string())) {
                Some(y) => Kind::Year(y),
                None => continue,
            }
        } else if let Some(y) = c.name("year") {
            match year(y.as_str()) {
                Some(y) => Kind::Year(y),
                None => continue,
            }
        } else if let Some(y) = c.name("named") {
            // A year that opens a quoted or standalone name (`“2025澳门…`):
            // not part of a longer number, not a count with its classifier.
            end = y.end();
            let prev = text[..start].chars().next_back();
            let opens = prev.is_none_or(|p| {
                matches!(
                    p,
                    '“' | '"' | '「' | '『' | '《' | '〈' | '(' | '（' | ' ' | '\n'
                )
            });
            let rest = &text[end..];
            let counted = crate::unit::unit_prefix(rest).is_some()
                || rest.starts_with(['年', '月', '日', '届', '级', '号', '期', '版']);
            match year(y.as_str()) {
                Some(y) if opens && !counted => Kind::Year(y),
                _ => continue,
            }
        } else if let Some(n) = c.name("ago") {
            let Some(n) = small(n.as_str()) else { continue };
            match &c["dir"] {
                "前" | "以前" => Kind::Relative(-n),
                _ => Kind::Relative(n),
            }
        } else if let Some(n) = c.name("span").or_else(|| c.name("since")) {
            match small(n.as_str()) {
                Some(n) => Kind::Span(n),
                None => continue,
            }
        } else if let Some(n) = c.name("ahead") {
            let fiscal = c.name("fy").is_some_and(|f| f.as_str() != "年");
            match small(n.as_str()) {
                Some(n) => Kind::Ahead { years: n, fiscal },
                None => continue,
            }
        } else if let Some(n) = c.name("run") {
            match small(n.as_str()) {
                Some(n) => Kind::Run(n),
                None => continue,
            }
        } else if let Some(wd) = c.name("word") {
            match WORDS.times.iter().find(|t| t.0 == wd.as_str()) {
                Some(&(_, kind)) => kind,
                None => continue,
            }
        } else {
            Kind::Now
        };
        // A year that runs on into more digits is not a year (120231年).
        if matches!(kind, Kind::Year(_) | Kind::Range(_))
            && text[..start]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit() || p == '.')
        {
            continue;
        }
        // `2019年以来`, `2016年来`: a span from that year until now.
        let kind = match kind {
            Kind::Year(y) if text[end..].starts_with("以来") || text[end..].starts_with('来') => {
                end += if text[end..].starts_with("以来") {
                    "以来".len()
                } else {
                    '来'.len_utf8()
                };
                Kind::Since(y)
            }
            k => k,
        };
        // Keep the matched text trimmed of spaces.
        while text[start..end].starts_with(' ') {
            start += 1;
        }
        depth = (depth + book_depth(&text[counted..start])).max(0);
        counted = start;
        if depth > 0 || excluded(start..end) {
            continue;
        }
        // `2024至25年度至2028至29年度`: two years joined by 至 are one range.
        if let Some(prev) = out.last_mut()
            && let (Kind::Year(_) | Kind::Range(_), Kind::Year(y) | Kind::Range(y)) =
                (prev.kind, kind)
            && matches!(text[prev.end..start].trim(), "至" | "到" | "-" | "~")
        {
            prev.kind = Kind::Range(y);
            prev.end = end;
            continue;
        }
        let after = text[end..].trim_start_matches(['”', '"', '」', '』', ' ']);
        out.push(Mark {
            start,
            end,
            kind,
            role: role(text, start..end),
            opens: WORDS
                .from
                .iter()
                .any(|f| *f != "以来" && after.starts_with(f)),
        });
    }
    out.shrink_to_fit();
    out
}

/// The change in 《 》 nesting over `s`.
fn book_depth(s: &str) -> i32 {
    let count = |c: char| i32::try_from(s.matches(c).count()).unwrap_or(i32::MAX);
    count('《') - count('》')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind, Role)> {
        scan(text, |_| false)
            .into_iter()
            .map(|m| (text[m.range()].to_string(), m.kind, m.role))
            .collect()
    }

    #[test]
    fn times_by_kind() {
        use Kind::*;
        let cases: &[(&str, &str, Kind)] = &[
            ("2023年全市新增", "2023年", Year(2023)),
            ("二〇二五年三月五日", "二〇二五年", Year(2025)),
            ("在2024至25年度达3,437亿元", "2024至25年度", Range(2025)),
            ("2023至24财政年度的总开支", "2023至24财政年度", Range(2024)),
            ("2021-2023年累计", "2021-2023年", Range(2023)),
            ("连续五年发债", "连续五年", Run(5)),
            (
                "在2024至25年度至2028至29年度,比率",
                "2024至25年度至2028至29年度",
                Range(2029),
            ),
            ("“2025澳门国际美食之都嘉年华”", "2025", Year(2025)),
            ("五年后达致约20%", "五年后", Relative(5)),
            ("较五年前增加", "五年前", Relative(-5)),
            ("去年新增", "去年", Relative(-1)),
            ("上年度", "上年度", Previous(-1)),
            ("本年新增", "本年", Previous(0)),
            ("近五年累计", "近五年", Span(5)),
            ("十年来,浙江", "十年来", Span(10)),
            ("过去一年,全区", "过去一年", Span(1)),
            ("2019年以来最高", "2019年以来", Since(2019)),
            (
                "未来5年",
                "未来5年",
                Ahead {
                    years: 5,
                    fiscal: false,
                },
            ),
            (
                "未来两个财政年度每年",
                "未来两个财政年度",
                Ahead {
                    years: 2,
                    fiscal: true,
                },
            ),
            ("“十四五”时期", "十四五", Plan(2025)),
            ("1-7月,全区", "1-7月", Now),
            ("截至6月底", "截至6月底", Now),
            ("今年头4个月", "今年", Relative(0)),
            ("目前全市", "目前", Now),
            ("当年", "当年", Same),
        ];
        for (text, surface, kind) in cases {
            let got = kinds(text);
            assert!(
                got.iter().any(|g| g.0 == *surface && g.1 == *kind),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn not_times() {
        for text in [
            "2000个项目",
            "新增1000张床位",
            "120231年",
            "《2022年全市药政工作要点》",
            "五年规划",
            "年均增长5%",
            "2025个",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
        // Excluded ranges (URLs, file names) give nothing.
        assert_eq!(scan("gastronomy-fest-2025年", |_| true), []);
    }

    #[test]
    fn roles_from_the_words_around() {
        let cases = [
            ("较2019年增长", Role::Base),
            ("比上年增长", Role::Base),
            ("较“十三五”末改善", Role::Base),
            ("与2022年相比", Role::Base),
            ("与2022年的数据", Role::Frame),
            ("从2018年的341.7万剂次", Role::Start),
            ("从2024至25课税年度起实施", Role::Frame),
            ("由上年729万人", Role::Start),
            ("延长至2027年底", Role::End),
            ("截至2023年底", Role::Frame),
            ("2023年,全市", Role::Frame),
            ("在2024年", Role::Frame),
        ];
        for (text, role) in cases {
            let got = kinds(text);
            assert_eq!(got.first().map(|g| g.2), Some(role), "{text}: {got:?}");
        }
    }
}
