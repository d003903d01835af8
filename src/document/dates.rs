//! The date a document carries about itself: a `发布时间：` line, an RSS
//! `pubDate`, a YAML `date:` field, a JSON `"date"` field, a
//! `——2026年2月3日在…会议上` line, or a date on a line of its own.
//!
//! Dates inside URLs and file names never count, nor does a page's "today"
//! widget (a date followed by its weekday, `2023年10月11日 星期三`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::DateSource;
use crate::numeral;

/// A date found in the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub source: DateSource,
    /// The date's text (normalised offsets).
    pub range: Range<usize>,
}

/// One date: RFC 822 (`Fri, 10 May 2024`), ISO (`2024-05-10`) or Chinese
/// (`2024年5月10日`, `二〇二五年三月五日`).
const DATE: &str = r"(?x:
    (?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?P<rd>[0-9]{1,2})\s+(?P<rm>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<ry>(?:19|20)[0-9]{2})
  | (?P<iy>(?:19|20)[0-9]{2})\s*[-/.]\s*(?P<im>[0-9]{1,2})\s*[-/.]\s*(?P<id>[0-9]{1,2})
  | (?P<cy>(?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<cm>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<cd>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]?
)";

/// Labels of a publication date (`发布时间：`, `"pubDate": "`, `date:`); each
/// starts with a literal the search can skip to.
const LABEL: &str = r#"(?x:
    (?P<label>发布时间|发表时间|发布日期|发文日期|成文日期|发稿时间|发稿日期|更新时间|发布于|日期|时间)\s*[:：]?\s*
  | (?P<json>"(?:date|pubDate|pubdate|publishDate|publish_date|publishTime|publish_time|datePublished|releaseDate)"\s*:\s*")
  | (?P<yaml>\ndate|\npubDate|\npublished)[\x20\t]*:\s*['"]?
)"#;

static LABELLED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{LABEL}{DATE}")).expect("labelled date"));
/// A date right before `在…会议上` (searched from the line's start).
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{DATE}\s*在[^\n。]{{0,60}}?会议上")).expect("meeting date")
});
/// A date at the start of the text searched.
static AT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{DATE}")).expect("date at start"));
/// An English month name: what an RFC 822 date is searched from.
static MONTH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec").expect("month name")
});
/// An RFC 822 date alone.
static RFC822: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?(?P<rd>[0-9]{1,2})\s+(?P<rm>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<ry>(?:19|20)[0-9]{2})")
        .expect("rfc 822 date")
});
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:星期|周|礼拜)[一二三四五六日天]").expect("weekday"));
static MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Builds the patterns now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&LABELLED);
    LazyLock::force(&MEETING);
    LazyLock::force(&AT_START);
    LazyLock::force(&RFC822);
    LazyLock::force(&MONTH_NAME);
    LazyLock::force(&WEEKDAY);
}

fn small(s: &str) -> Option<u32> {
    if let Ok(v) = s.parse() {
        return Some(v);
    }
    let n = numeral::parse(s)?;
    u32::try_from(n.value.mantissa())
        .ok()
        .filter(|_| n.value.fract().is_zero())
}

fn year(s: &str) -> Option<i32> {
    s.parse::<i32>()
        .ok()
        .or_else(|| numeral::parse(s).and_then(|n| n.value.to_string().parse().ok()))
        .filter(|y| (1949..=2100).contains(y))
}

/// Whether `line` starts with a date (a dateline, a "today" widget), after
/// spaces, dashes and an opening bracket.
pub(crate) fn opens_with_date(line: &str) -> bool {
    let head =
        line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '—' | '-' | '(' | '（'));
    if !starts_like_date(head) {
        return false;
    }
    AT_START.is_match(&head[..floor_boundary(head, head.len().min(48))])
}

/// The char boundary at or before `at`.
fn floor_boundary(t: &str, mut at: usize) -> usize {
    while !t.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether `s` starts with a char a date can start with: a digit, a Latin
/// letter (a weekday name) or a Chinese digit.
fn starts_like_date(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphanumeric() || "〇零一二三四五六七八九".contains(c))
}

/// The date of one match of [`DATE`].
fn date(t: &str, c: &regex::Captures<'_>, source: DateSource) -> Option<Found> {
    let (y, m, d) = if let Some(y) = c.name("ry") {
        let m = MONTHS.iter().position(|m| *m == &c["rm"])? as u32 + 1;
        (year(y.as_str())?, m, small(&c["rd"])?)
    } else if let Some(y) = c.name("iy") {
        (year(y.as_str())?, small(&c["im"])?, small(&c["id"])?)
    } else {
        (year(&c["cy"])?, small(&c["cm"])?, small(&c["cd"])?)
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let r = ["ry", "iy", "cy"].iter().find_map(|n| c.name(n))?;
    let mut last = ["rd", "ry", "id", "cd"]
        .iter()
        .filter_map(|n| c.name(n))
        .map(|m| m.end())
        .max()?;
    let rest = &t[last..];
    let day = rest.trim_start();
    if day.starts_with(['日', '号']) {
        last += rest.len() - day.len() + '日'.len_utf8();
    }
    let first = ["rd", "iy", "cy"]
        .iter()
        .filter_map(|n| c.name(n))
        .map(|m| m.start())
        .min()
        .unwrap_or(r.start());
    Some(Found {
        year: y,
        month: u8::try_from(m).ok(),
        day: u8::try_from(d).ok(),
        source,
        range: first..last,
    })
}

/// The publication date of `t`: a labelled date first (a dateline, RSS,
/// front matter or JSON field), then a meeting line, then a date that
/// stands on a line of its own. `front_matter` is the range of a YAML
/// front-matter block; `excluded` says whether a range is inside a URL or a
/// file name.
pub(crate) fn publication(
    t: &str,
    front_matter: Option<&Range<usize>>,
    excluded: impl Fn(Range<usize>) -> bool,
) -> Option<Found> {
    let visit_date = |f: &Found| WEEKDAY.is_match(&t[f.range.end..]);
    let ok = |f: &Found| !excluded(f.range.clone()) && !visit_date(f);
    let labelled = LABELLED.captures_iter(t).find_map(|c| {
        let in_front = |at: usize| front_matter.is_some_and(|r| r.contains(&at));
        let source = if c.name("json").is_some() {
            DateSource::Json
        } else if c.name("yaml").is_some() || in_front(c.get(0)?.start()) {
            DateSource::FrontMatter
        } else if c.name("rd").is_some() {
            DateSource::Rss
        } else {
            DateSource::Dateline
        };
        date(t, &c, source).filter(ok)
    });
    if labelled.is_some() {
        return labelled;
    }
    // An RFC 822 date is an RSS item's pubDate once the tags are gone.
    // (Searched around its month name: a digit at every position makes a
    // scan of the whole text for the date itself slow.)
    let rss = MONTH_NAME.find_iter(t).find_map(|m| {
        let from = floor_boundary(t, m.start().saturating_sub(24));
        let to = floor_boundary(t, (m.end() + 16).min(t.len()));
        RFC822
            .captures_iter(&t[from..to])
            .filter_map(|c| date(&t[from..to], &c, DateSource::Rss))
            .map(|mut f| {
                f.range = f.range.start + from..f.range.end + from;
                f
            })
            .find(ok)
    });
    if rss.is_some() {
        return rss;
    }
    // A meeting line: found from its `会议上`, read from its line's start.
    let meeting = t.match_indices("会议上").find_map(|(at, _)| {
        let line = t[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = at + "会议上".len();
        MEETING
            .captures(&t[line..end])
            .and_then(|c| date(&t[line..end], &c, DateSource::Meeting))
            .map(|mut f| {
                f.range = f.range.start + line..f.range.end + line;
                f
            })
            .filter(ok)
    });
    if meeting.is_some() {
        return meeting;
    }
    // A date that opens a line and is followed by nothing but a time, a
    // source or the end of the line.
    let mut line_start = 0;
    t.split_inclusive('\n').find_map(|line| {
        let at = line_start;
        line_start += line.len();
        let head = line.trim_start_matches([' ', '\t', '\u{3000}']);
        if !head.starts_with(|c: char| c.is_ascii_digit() || "〇零一二三四五六七八九".contains(c))
        {
            return None;
        }
        let lead = at + line.len() - head.len();
        let c = AT_START.captures(head)?;
        let m = c.get(0)?;
        let rest = &head[m.end()..];
        let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
        let tail_ok = rest.trim().is_empty()
            || rest
                .trim_start()
                .starts_with(|ch: char| ch.is_ascii_digit() || matches!(ch, '来' | '(' | '（'))
            || rest.chars().count() <= 12;
        if !tail_ok {
            return None;
        }
        date(head, &c, DateSource::Dateline)
            .map(|mut f| {
                f.range = f.range.start + lead..f.range.end + lead;
                f
            })
            .filter(ok)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The date of a raw text, normalised first as the pipeline does.
    fn find(raw: &str) -> Option<Found> {
        let n = crate::normalize::normalize(raw);
        publication(n.text(), None, |_| false)
    }

    #[test]
    fn dates_by_source() {
        use DateSource::*;
        let cases: &[(&str, (i32, u8, u8), DateSource)] = &[
            (
                "标题\n发布时间：2023-05-06 浏览次数：12\n正文",
                (2023, 5, 6),
                Dateline,
            ),
            ("发表时间：\n2026-02-09 09:45:30\n", (2026, 2, 9), Dateline),
            ("發表時間：\n2026-02-09 09:45:30\n", (2026, 2, 9), Dateline),
            ("發佈日期：2017-05-15 10:49:00", (2017, 5, 15), Dateline),
            ("會議時間:2023年12月22日 內容", (2023, 12, 22), Dateline),
            (
                "标题\nWed, 28 Feb 2024 00:00:00 +0800\nhttps://x",
                (2024, 2, 28),
                Rss,
            ),
            (
                "---\ntitle: x\ndate: Mon, 30 Aug 2021 06:31:44 GMT\n---\n",
                (2021, 8, 30),
                FrontMatter,
            ),
            (
                r#"[{"title": "x", "pubDate": "2025-07-10", "link": "y"}]"#,
                (2025, 7, 10),
                Json,
            ),
            (
                "——2026年2月3日在江苏省第十四届人民代表大会第五次会议上",
                (2026, 2, 3),
                Meeting,
            ),
            (
                "二〇二五年三月五日在第十四届全国人民代表大会第三次会议上",
                (2025, 3, 5),
                Meeting,
            ),
            (
                "——2024年3月5日在第十四屆全國人民代表大會第二次會議上",
                (2024, 3, 5),
                Meeting,
            ),
            ("２０２４年１２月１９日\n正文", (2024, 12, 19), Dateline),
            (
                "标题\n2026年02月10日 07时41分\n来源",
                (2026, 2, 10),
                Dateline,
            ),
            ("正文。\n某某局\n2023年12月22日\n", (2023, 12, 22), Dateline),
        ];
        for (t, (y, m, d), source) in cases {
            let f = find(t).unwrap_or_else(|| panic!("no date in {t:?}"));
            assert_eq!(
                (f.year, f.month, f.day, f.source),
                (*y, Some(*m), Some(*d), *source),
                "{t}"
            );
        }
    }

    #[test]
    fn not_publication_dates() {
        for t in [
            "2023年10月11日 星期三\n网站首页",
            "见 https://www.news.gov.hk/chi/2024/02/20240228/x.html",
            "2023年12月22日,全市召开会议,部署明年工作,会议要求各地各部门抓好落实。",
            "7月11日至20日于澳门渔人码头",
        ] {
            let excluded = |r: Range<usize>| t[..r.start].contains("http");
            assert_eq!(publication(t, None, excluded).map(|f| f.year), None, "{t}");
        }
    }
}
