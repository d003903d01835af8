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
//!
//! The stage is split by kind: [`Masks`] here (the pattern rules and front
//! matter), `names.rs` (file and host names), `furniture.rs` (page
//! furniture and link lists) and `rules.rs` (the number rules).

mod furniture;
mod names;
mod rules;

use std::cell::RefCell;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use regex::Regex;

use furniture::merged_furniture;
use names::{FileNames, HostNames};
pub(crate) use rules::{NumberContext, reject};

/// Regions of a text where no claim can be.
///
/// The regions are found as the lookups move through the text, not all at
/// once: [`Masks::hit`] with increasing starts (numbers left to right)
/// advances one lazy search per rule and keeps only the regions that still
/// reach the current position, so memory does not grow with the number of
/// dates, clocks or codes in a text (10 MB of `10:30 ` is 1.7 million clock
/// masks). A lookup that goes back restarts the searches.
pub(crate) struct Masks<'t> {
    text: &'t str,
    front_matter: Option<usize>,
    /// The furniture regions, found once: the document stage and the
    /// lookups both read them.
    furniture: Arc<[Range<usize>]>,
    /// Whether the regex rules can match at all (`/ @ . : - + ·`).
    regexes: bool,
    scan: RefCell<Scan<'t>>,
}

/// One lazy source of regions, with its next region looked at.
struct Source<'t> {
    name: &'static str,
    next: Option<Range<usize>>,
    rest: Box<dyn Iterator<Item = Range<usize>> + 't>,
}

impl Source<'_> {
    fn advance(&mut self) {
        self.next = self.rest.next();
    }
}

/// Where the lookups are: the sources and the regions that may overlap the
/// current or a later lookup.
struct Scan<'t> {
    sources: Vec<Source<'t>>,
    active: Vec<(Range<usize>, &'static str)>,
    last_start: usize,
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
        // domain (a host name without a scheme) is found from its top-level
        // domain, see HostNames.
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

/// Builds the rule tables now rather than on first use.
pub(crate) fn warm_up() {
    LazyLock::force(&MASK_RULES);
    names::warm_up();
    furniture::warm_up();
    rules::warm_up();
}

impl<'t> Masks<'t> {
    /// The masks of `text` (front matter and furniture found now, the
    /// pattern rules as lookups need them).
    pub(crate) fn build(text: &'t str) -> Masks<'t> {
        let regexes = text
            .bytes()
            .any(|b| matches!(b, b'/' | b'@' | b'.' | b':' | b'-' | b'+'))
            || text.contains('·');
        let mut masks = Masks {
            text,
            front_matter: front_matter(text),
            furniture: merged_furniture(text),
            regexes,
            scan: RefCell::new(Scan {
                sources: Vec::new(),
                active: Vec::new(),
                last_start: 0,
            }),
        };
        *masks.scan.get_mut() = masks.start_scan();
        masks
    }

    /// All sources from the start of the text.
    fn start_scan(&self) -> Scan<'t> {
        Scan {
            sources: self.sources(&|_| true),
            active: Vec::new(),
            last_start: 0,
        }
    }

    /// The sources of the rules `keep` names, each at its first region.
    fn sources(&self, keep: &dyn Fn(&str) -> bool) -> Vec<Source<'t>> {
        let text = self.text;
        let mut sources: Vec<Source<'t>> = Vec::new();
        let mut add = |name, rest: &dyn Fn() -> Box<dyn Iterator<Item = Range<usize>> + 't>| {
            if !keep(name) {
                return;
            }
            let mut s = Source {
                name,
                next: None,
                rest: rest(),
            };
            s.advance();
            sources.push(s);
        };
        add("front_matter", &|| {
            Box::new(self.front_matter.map(|end| 0..end).into_iter())
        });
        add("furniture", &|| {
            let f = Arc::clone(&self.furniture);
            Box::new((0..f.len()).map(move |i| f[i].clone()))
        });
        if self.regexes {
            for rule in MASK_RULES.iter() {
                add(rule.name, &|| {
                    Box::new(rule.re.find_iter(text).map(|m| m.range()))
                });
            }
            add("file_name", &|| Box::new(FileNames::new(text)));
            add("domain", &|| Box::new(HostNames::new(text)));
        }
        sources
    }

    /// Every region of the rules `names` lists, rule by rule in order of
    /// start, from one pass of their own searches: for a stage that looks
    /// masks up out of order (the document stage), where [`Masks::hit`]
    /// would restart its searches.
    pub(crate) fn each_region(
        &self,
        names: &[&str],
        mut f: impl FnMut(&'static str, Range<usize>),
    ) {
        for mut src in self.sources(&|name| names.contains(&name)) {
            while let Some(r) = src.next.take() {
                f(src.name, r);
                src.advance();
            }
        }
    }

    /// The name of a mask that overlaps `range`, if any (of those that do,
    /// the one reaching furthest, then the one starting first). Amortised O(1) per lookup when lookups
    /// come in increasing order of start.
    pub(crate) fn hit(&self, range: Range<usize>) -> Option<&'static str> {
        let mut scan = self.scan.borrow_mut();
        if range.start < scan.last_start {
            *scan = self.start_scan();
        }
        let scan = &mut *scan;
        scan.last_start = range.start;
        // A region that ends before this lookup's start cannot overlap it or
        // any later one.
        scan.active.retain(|(r, _)| r.end > range.start);
        for src in &mut scan.sources {
            while let Some(r) = src.next.clone().filter(|r| r.start < range.end) {
                if r.end > range.start {
                    scan.active.push((r, src.name));
                }
                src.advance();
            }
        }
        scan.active
            .iter()
            .filter(|(r, _)| r.start < range.end && r.end > range.start)
            .min_by_key(|(r, _)| (std::cmp::Reverse(r.end), r.start))
            .map(|(_, name)| *name)
    }
}

/// YAML front matter: a block between `---` lines at the very start whose
/// lines are `key: value` pairs (with list items, indented continuations,
/// comments and blank lines). Returns its end. A leading `---` that
/// closes over anything else (a horizontal rule above prose) is not.
fn front_matter(text: &str) -> Option<usize> {
    let trimmed = text.trim_start();
    let rest = trimmed.strip_prefix("---")?;
    let body_start = rest.find('\n')? + 1;
    if !rest[..body_start].trim().is_empty() {
        return None;
    }
    let body = &rest[body_start..];
    let close = body
        .match_indices("---")
        .find(|&(i, _)| i == 0 || body[..i].ends_with('\n'))?
        .0;
    let mut keys = 0;
    for line in body[..close].lines() {
        let t = line.trim_end();
        if t.trim().is_empty() || t.trim_start().starts_with('#') {
            continue;
        }
        if t.starts_with([' ', '\t']) || t.starts_with("- ") {
            continue; // continuation or list item
        }
        // Anything else than `key: value` is not YAML.
        t.split_once(':').filter(|(k, v)| {
            !k.is_empty()
                && !k.contains(char::is_whitespace)
                && (v.is_empty() || v.starts_with(' '))
        })?;
        keys += 1;
    }
    if keys == 0 {
        return None;
    }
    let off = text.len() - trimmed.len();
    Some(off + 3 + body_start + close + 3)
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
    fn front_matter_is_yaml_only() {
        let yaml =
            "---\ntitle: 2023年工作报告\ndate: 2024-01-02\ntags:\n  - 民生\n---\n新增床位1000张。";
        let end = front_matter(yaml).unwrap();
        assert_eq!(&yaml[end - 3..end], "---");
        assert!(yaml[end..].starts_with("\n新增"));
        for not in [
            "---\n新增床位1000张。\n---\n正文",
            "---\n\n---\n正文",
            "--- 标题\ntitle: x\n---\n",
            "正文\n---\ntitle: x\n---\n",
        ] {
            assert_eq!(front_matter(not), None, "{not:?}");
        }
    }
    #[test]
    fn hit_under_a_long_mask_is_one_lookup() {
        // Many small masks under one furniture block: the answer does not
        // depend on walking back through them.
        let text = format!("版权所有 {}", "10:30 新增1万人 ".repeat(2000));
        let masks = Masks::build(&text);
        let at = text.rfind("1万").unwrap();
        assert_eq!(masks.hit(at..at + 4), Some("furniture"));
        let masks = Masks::build("新增1万人 10:30");
        assert_eq!(masks.hit(6..7), None);
    }

    #[test]
    fn plain_text_is_not_masked() {
        let text = "新增床位1000张,完成投资22.56亿元,占比98.69%。";
        let masks = Masks::build(text);
        assert_eq!(masks.hit(0..text.len()), None);
    }
}
