//! Stage 4: non-claims.
//!
//! Two kinds of rules, each with a name (reported in debug output and
//! tested with examples):
//! - **masks**: regions of the normalised text where no claim can be
//!   (URLs, e-mails, file names, ISO dates, clock times, phone numbers,
//!   codes like `1+3+N`, dotted day names like `8·13`, front matter and
//!   page-furniture lines);
//! - **number rules**: a number with its unit and surroundings is a date,
//!   an ordinal, a code or a bare label rather than a claim.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::claim::UnitKind;
use crate::segment;
use crate::words;

/// Regions of a text where no claim can be.
#[derive(Debug, Default)]
pub(crate) struct Masks {
    /// Sorted by start; may overlap.
    ranges: Vec<(Range<usize>, &'static str)>,
    /// `reach[i]`: the largest end among `ranges[..=i]`, so a lookup stops
    /// as soon as no earlier range can reach the query.
    reach: Vec<usize>,
}

struct MaskRule {
    name: &'static str,
    re: Regex,
}

static MASK_RULES: LazyLock<Vec<MaskRule>> = LazyLock::new(|| {
    let rule = |name, pattern: &str| MaskRule {
        name,
        re: Regex::new(pattern).unwrap_or_else(|e| panic!("mask rule {name}: {e}")),
    };
    vec![
        rule("url", r#"(?i)(?:https?://|ftp://|www\.)[^\s<>"'，。、；]+"#),
        rule(
            "email",
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        ),
        // file_name is found from its extension (see FILE_EXT) and grown
        // backwards over name chars: a pattern that starts with a char class
        // would be tried at every position.
        rule(
            "iso_date",
            r"(?-u:\b)(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])(?-u:\b)",
        ),
        rule(
            "clock",
            r"(?-u:\b)(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d)?(?-u:\b)",
        ),
        rule(
            "phone",
            r"(?:\(0\d{2,3}\)|(?-u:\b)0\d{2,3}-)\d{7,8}(?-u:\b)|(?-u:\b)1[3-9]\d{9}(?-u:\b)|(?-u:\b)400-?\d{3}-?\d{4}(?-u:\b)",
        ),
        rule("plus_code", r"[0-9A-Za-z]+(?:\+[0-9A-Za-z]+)+"),
        // ASCII digits: with a Unicode `\d` the search around `·` is five times slower.
        rule("dotted_name", r"[0-9]{1,2}·[0-9]{1,2}"),
        rule(
            "festival_date",
            r"(?-u:\b)(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9])[^\d,.;:!?。，；：！？\s%]{1,8}?(?:日|节)",
        ),
    ]
});

/// Furniture markers: those that make any line furniture (`any`) and those
/// that make only a short line furniture (`short`), one automaton each.
struct Furniture {
    any: aho_corasick::AhoCorasick,
    short: aho_corasick::AhoCorasick,
}

/// `.png`, `.html` …: the end of a file or image name.
static FILE_EXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:png|jpe?g|gif|bmp|webp|svg|pdf|docx?|xlsx?|pptx?|s?html?|php|aspx?|jsp|js|css|zip|rar)(?-u:\b)")
        .expect("file extension pattern")
});

/// File and image names (`20200514343233024.png`, `/a/b/c.html`).
fn file_names(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    FILE_EXT.find_iter(text).filter_map(|m| {
        let name = text.as_bytes()[..m.start()]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'))
            .count();
        (name > 0).then(|| m.start() - name..m.end())
    })
}

static FURNITURE: LazyLock<Furniture> = LazyLock::new(|| {
    const FILE: &str = "furniture.tsv";
    let (mut any, mut short) = (Vec::new(), Vec::new());
    for (marker, kind) in words::rows(FILE, include_str!("data/furniture.tsv")) {
        match kind {
            "any" => any.push(marker),
            "short" => short.push(marker),
            _ => panic!("{FILE}: unknown kind {kind:?} for {marker:?}"),
        }
    }
    // Leftmost-first lets the automaton use its SIMD prefilter (Teddy),
    // ten times faster here than the plain DFA walk of standard matching;
    // only whether a line holds a marker matters, not which one.
    let build = |words: Vec<&str>| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(words)
            .expect("furniture markers build")
    };
    Furniture {
        any: build(any),
        short: build(short),
    }
});

/// Longest line (in chars) that a "short" furniture marker makes furniture.
const SHORT_LINE: usize = 60;

/// Whether a line is page furniture: it holds an `any` marker (a footer or
/// header phrase), it is short and holds a `short` marker, or it is a link
/// list (many `|` separators).
fn judge_line(line: &str, any_marker: bool) -> bool {
    any_marker || is_short(line) && FURNITURE.short.is_match(line) || line.matches('|').count() >= 4
}

/// At most [`SHORT_LINE`] chars once trimmed.
fn is_short(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 4 * SHORT_LINE && t.chars().count() <= SHORT_LINE
}

/// The furniture lines of `text`, in order. The `any` markers are searched
/// in the whole text at once (markers hold no line break, so each match lies
/// inside one line); the `short` ones only in the short lines, the only
/// lines they can make furniture (most lines of a release are long).
fn furniture_lines(text: &str) -> Vec<Range<usize>> {
    let any: Vec<usize> = FURNITURE.any.find_iter(text).map(|m| m.start()).collect();
    let mut next_any = 0;
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        // Whether an `any` match lies before `end`; consumes those.
        let from = next_any;
        while next_any < any.len() && any[next_any] < end {
            next_any += 1;
        }
        if judge_line(line, next_any > from) {
            out.push(start..end);
        }
        start = end;
    }
    out
}

/// Builds the rule tables now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&MASK_RULES);
    LazyLock::force(&FILE_EXT);
    LazyLock::force(&FURNITURE);
}

impl Masks {
    /// Finds every masked region of `text`.
    pub(crate) fn build(text: &str) -> Masks {
        let mut ranges = Vec::new();
        // Front matter: a block between `---` lines at the very start.
        let trimmed = text.trim_start();
        if let Some(rest) = trimmed.strip_prefix("---")
            && let Some(close) = rest.find("\n---")
        {
            let off = text.len() - trimmed.len();
            ranges.push((0..off + 3 + close + 4, "front_matter"));
        }
        ranges.extend(furniture_lines(text).into_iter().map(|r| (r, "furniture")));
        // Regex rules only where they could match at all.
        let has_ascii_marks = text
            .bytes()
            .any(|b| matches!(b, b'/' | b'@' | b'.' | b':' | b'-' | b'+'));
        if has_ascii_marks || text.contains('·') {
            for rule in MASK_RULES.iter() {
                for m in rule.re.find_iter(text) {
                    ranges.push((m.range(), rule.name));
                }
            }
            ranges.extend(file_names(text).map(|r| (r, "file_name")));
        }
        ranges.sort_by_key(|r| (r.0.start, r.0.end));
        let reach = ranges
            .iter()
            .scan(0, |m, r| {
                *m = (*m).max(r.0.end);
                Some(*m)
            })
            .collect();
        Masks { ranges, reach }
    }

    /// The name of a mask that overlaps `range`, if any.
    pub(crate) fn hit(&self, range: Range<usize>) -> Option<&'static str> {
        // Ranges are sorted by start; any overlapping range starts before range.end.
        let upto = self.ranges.partition_point(|r| r.0.start < range.end);
        (0..upto)
            .rev()
            .take_while(|&i| self.reach[i] > range.start)
            .find(|&i| self.ranges[i].0.end > range.start)
            .map(|i| self.ranges[i].1)
    }
}

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
    // recent_span: 近五年, 近3年, 3年来, 过去5年, 前三年
    if let Some((u, _)) = c.unit
        && matches!(u, "年" | "个月" | "天")
        && (c.before.ends_with("近")
            || c.before.ends_with("过去")
            || c.before.ends_with("前")
            || c.after.starts_with("来")
            || c.after.starts_with("以来"))
    {
        return Some("recent_span");
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
    // bare_number: no unit, no percent and no scale word (120调度中心, 96111)
    if c.unit.is_none() && !c.percent && !c.has_scale {
        return Some("bare_number");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_by_rule() {
        let cases = [
            ("见https://www.gov.cn/a/1234/x", "url", "1234"),
            ("邮箱abc123@gov.cn", "email", "123"),
            (
                "<img src=20200514343233024.png>",
                "file_name",
                "20200514343233024",
            ),
            ("2024-12-19 14:28:07 来源", "iso_date", "2024"),
            ("2024-12-19 14:28:07 来源", "clock", "28"),
            ("电话0519-85682222", "phone", "85682222"),
            ("“1+3+N”服务体系", "plus_code", "3"),
            ("“8·13”龙卷风", "dotted_name", "13"),
            ("5.12防灾减灾日", "festival_date", "5.12"),
            ("苏ICP备12345678号", "furniture", "12345678"),
            ("技术支持:某某科技 电话:12345678", "furniture", "12345678"),
            (
                "黑山县| 襄汾县| 鹿泉市| 武冈市| 湖南省 100个",
                "furniture",
                "100",
            ),
            (
                "---\ntitle: x\ndate: 2021\n---\n正文",
                "front_matter",
                "2021",
            ),
        ];
        for (text, rule, number) in cases {
            let masks = Masks::build(text);
            let at = text.find(number).unwrap();
            assert_eq!(masks.hit(at..at + number.len()), Some(rule), "{text}");
        }
    }

    #[test]
    fn body_text_with_a_short_marker_is_not_furniture() {
        let text = "区妇幼保健院签约成为江苏省妇幼保健院技术支持单位。全区新增名医工作室11个,开展三、四级手术562例,新增省社区医院1家。";
        assert!(furniture_lines(text).is_empty());
    }

    #[test]
    fn furniture_lines_in_one_pass() {
        let long = "全区新增名医工作室11个,开展三、四级手术562例,技术支持单位12家,新增省社区医院1家,签约家庭医生团队35个,服务居民8.6万人。\n";
        let lines = [
            ("新增床位1000张。\n", false),
            ("责任编辑:王某\n", true), // short marker, short line
            (long, false),             // short marker, long line
            ("\n版权所有 常州市卫生健康委员会 2023年\n", true), // any marker
            ("首页 | 新闻 | 公开 | 服务 | 互动\n", true), // link list
            ("浏览次数:3208", true),
        ];
        let text: String = lines.iter().map(|(l, _)| *l).collect();
        let mut want = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let furniture = lines.iter().any(|(l, f)| *f && l.trim() == line.trim());
            if furniture {
                want.push(start..start + line.len());
            }
            start += line.len();
        }
        assert_eq!(want.len(), 4);
        assert_eq!(furniture_lines(&text), want);
    }

    #[test]
    fn plain_text_is_not_masked() {
        let text = "新增床位1000张,完成投资22.56亿元,占比98.69%。";
        let masks = Masks::build(text);
        assert_eq!(masks.hit(0..text.len()), None);
    }
}
