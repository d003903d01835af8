//! The document stage: what a text says about itself, computed once per
//! document and consulted by the later stages (year, subject), never
//! re-derived per claim.
//!
//! Public here: the [`Document`] record that extraction returns, with the
//! document facts a user can see — publication date, reporting year and its
//! source, the current and reviewed years, and the heading outline.

use serde::{Deserialize, Serialize};

use crate::claim::{Claim, Span};

mod bounds;
pub(crate) mod dates;
pub(crate) mod layout;
pub(crate) mod tables;
pub(crate) mod time;

use std::ops::Range;

use crate::filter::Masks;
use crate::normalize::{Normalized, is_han};
use crate::year::marks;
use layout::Layout;
use tables::Tables;
use time::Timeline;

/// Everything extracted from one document: its claims and its facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The claims, in document order.
    pub claims: Vec<Claim>,
    /// The document's title, when it has one (first heading line, a
    /// `title:` field of front matter, an RSS or JSON title).
    pub title: Option<String>,
    /// The date the document carries about itself, when it carries one.
    pub published: Option<PublicationDate>,
    /// The year most figures are reported for.
    pub reporting_year: Option<i32>,
    /// How [`Document::reporting_year`] was found.
    pub reporting_source: Option<ReportingSource>,
    /// The year `今年` means: the publication year, else the reporting year.
    pub current_year: Option<i32>,
    /// The year a work report or retrospective release looks back on.
    pub reviewed_year: Option<i32>,
    /// The headings, in document order, with the years they name.
    pub outline: Vec<Heading>,
    /// The place the release is about (`常州市`, `大丰区`), when found.
    pub region: Option<String>,
}

/// The date a document carries about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicationDate {
    /// Calendar year.
    pub year: i32,
    /// Month (1–12), when given.
    pub month: Option<u8>,
    /// Day of the month, when given.
    pub day: Option<u8>,
    /// Where the date was written.
    pub source: DateSource,
    /// The date's text in the original input.
    pub span: Span,
}

/// Where a publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A dateline or a `发布时间：`/`发表时间：`/`日期：` line.
    Dateline,
    /// A `——2026年2月3日在…会议上` line under a report's title.
    Meeting,
    /// An RSS `pubDate` (RFC 822).
    Rss,
    /// A YAML front-matter `date:` field.
    FrontMatter,
    /// A JSON `"date"`/`"pubDate"` field.
    Json,
}

/// How a document's reporting year was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportingSource {
    /// Given by the caller through the builder.
    Given,
    /// A year in the title (`2023年民生实事项目完成情况`).
    Title,
    /// The year of the publication date.
    Published,
    /// The one year an excerpt's body names for its own period.
    Body,
}

/// One heading of the document's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    /// The heading's text as written.
    pub text: String,
    /// Depth in the outline: 1 for `一、`, 2 for `（一）`, 3 for `1.` …
    pub level: u8,
    /// The heading line in the original input.
    pub span: Span,
    /// The year the heading names or the last year of its named period
    /// (`“十三五”时期` → 2020), which governs the claims below it.
    pub year: Option<i32>,
}

/// The document stage's result: layout and timeline of one normalised text.
pub(crate) struct Analysis {
    pub layout: Layout,
    pub timeline: Timeline,
    pub tables: Tables,
}

/// The masks the document stage consults, found once and merged into
/// sorted, disjoint ranges per class: the stage looks them up out of order
/// (times, then dates, then the title and the headings), each lookup a
/// binary search.
struct Masked {
    /// URLs, e-mail addresses, file names.
    address: Vec<Range<usize>>,
    /// Phone numbers and plus codes.
    code: Vec<Range<usize>>,
    /// Page furniture.
    furniture: Vec<Range<usize>>,
}

impl Masked {
    fn new(masks: &Masks) -> Masked {
        let mut m = Masked {
            address: Vec::new(),
            code: Vec::new(),
            furniture: Vec::new(),
        };
        let names = [
            "url",
            "email",
            "file_name",
            "phone",
            "plus_code",
            "furniture",
        ];
        masks.each_region(&names, |name, r| match name {
            "url" | "email" | "file_name" => m.address.push(r),
            "furniture" => m.furniture.push(r),
            _ => m.code.push(r),
        });
        for list in [&mut m.address, &mut m.code, &mut m.furniture] {
            merge(list);
        }
        m
    }

    /// Inside an address: no date there is the document's.
    fn address(&self, r: &Range<usize>) -> bool {
        overlaps(&self.address, r)
    }

    /// Page furniture: no title, heading or date line.
    fn furniture(&self, r: &Range<usize>) -> bool {
        overlaps(&self.furniture, r)
    }

    /// Text that can date no figure: addresses, codes, page furniture.
    fn dates_nothing(&self, r: &Range<usize>) -> bool {
        self.address(r) || overlaps(&self.code, r) || self.furniture(r)
    }
}

/// Sorts `list` and merges the ranges that overlap or touch.
fn merge(list: &mut Vec<Range<usize>>) {
    list.sort_unstable_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(list.len());
    for r in list.drain(..) {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    *list = out;
}

/// Whether a range of the sorted, disjoint `list` overlaps `r`.
fn overlaps(list: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = list.partition_point(|x| x.end <= r.start);
    list.get(i).is_some_and(|x| x.start < r.end)
}

impl Analysis {
    /// Reads the structure of normalised text `t` once: sentences,
    /// paragraphs, title, headings, times, publication date and the
    /// document's clock. `given` is the caller's reporting year.
    pub(crate) fn new(t: &str, masks: &Masks, given: Option<i32>) -> Analysis {
        let mut layout = Layout::new(t);
        let front = front_matter(t);
        let masked = Masked::new(masks);
        let marks = marks::scan(t, |r| masked.dates_nothing(&r));
        // A page footer is where a publication date often stands.
        let in_address = |r: Range<usize>| masked.address(&r);
        let published = dates::publication(t, front.as_ref().map(|f| &f.block), in_address);
        layout.title = title(t, &layout, front.as_ref(), |r| {
            masked.furniture(r) || dates::opens_with_date(&t[r.clone()])
        });
        let date_line = |r: &Range<usize>| {
            published
                .as_ref()
                .is_some_and(|p| r.contains(&p.range.start))
                || front.as_ref().is_some_and(|f| f.block.contains(&r.start))
                || masked.furniture(r)
        };
        layout.find_headings(t, date_line);
        let timeline = Timeline::new(t, &layout, marks, published, given);
        let tables = Tables::find(t, &layout.paragraphs);
        Analysis {
            layout,
            timeline,
            tables,
        }
    }

    /// The public facts of the document, with spans in the original input.
    pub(crate) fn facts(
        &self,
        original: &str,
        norm: &Normalized,
        claims: Vec<Claim>,
        region: Option<String>,
    ) -> Document {
        let span = |r: Range<usize>| {
            let o = norm.to_original(r);
            Span {
                start: o.start,
                end: o.end,
            }
        };
        let text = |r: Range<usize>| span(r).text(original).trim().to_string();
        let tl = &self.timeline;
        Document {
            claims,
            title: self.layout.title.clone().map(text),
            published: tl.published.as_ref().map(|f| PublicationDate {
                year: f.year,
                month: f.month,
                day: f.day,
                source: f.source,
                span: span(f.range.clone()),
            }),
            reporting_year: tl.reporting.map(|r| r.0),
            reporting_source: tl.reporting.map(|r| r.1),
            current_year: tl.clock.current,
            reviewed_year: tl.clock.reviewed,
            outline: self
                .layout
                .headings
                .iter()
                .zip(&tl.own_heading_years)
                .map(|(h, y)| Heading {
                    text: text(h.text.clone()),
                    level: h.level,
                    span: span(h.line.clone()),
                    year: *y,
                })
                .collect(),
            region,
        }
    }
}

/// A YAML front-matter block at the start of a text.
pub(crate) struct FrontMatter {
    /// The whole block, `---` lines included.
    pub block: Range<usize>,
    /// The value of its `title:` field.
    pub title: Option<Range<usize>>,
}

/// The front matter of `t`: `---`, then `key: value` lines (and their
/// list items), then `---`.
pub(crate) fn front_matter(t: &str) -> Option<FrontMatter> {
    let lead = t.len() - t.trim_start().len();
    let body = t[lead..].strip_prefix("---")?;
    let first = body.find('\n')?;
    if !body[..first].trim().is_empty() {
        return None;
    }
    let mut at = lead + 3 + first + 1;
    let mut title = None;
    let mut keys = 0;
    for line in t[at..].split_inclusive('\n') {
        let l = line.trim_end();
        if l.trim() == "---" {
            return (keys > 0).then_some(FrontMatter {
                block: lead..at + line.len(),
                title,
            });
        }
        let key_value = l.split_once(':').filter(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        if let Some((k, v)) = key_value {
            keys += 1;
            if k == "title" {
                let v = v.trim().trim_matches(['\'', '"']);
                if !v.is_empty() {
                    let s = at + l.find(v).unwrap_or(0);
                    title = Some(s..s + v.len());
                }
            }
        } else if !(l.trim().is_empty() || l.trim_start().starts_with('-') || l.starts_with(' ')) {
            return None;
        }
        at += line.len();
    }
    None
}

/// Most chars of a title line.
const MAX_TITLE_CHARS: usize = 60;

/// The title: a front-matter `title:`, a JSON `"title"` field, or a short
/// line before the body starts (skipping navigation, furniture, dates,
/// labels): the first that names a year, else the first.
fn title(
    t: &str,
    layout: &Layout,
    front: Option<&FrontMatter>,
    skip: impl Fn(&Range<usize>) -> bool,
) -> Option<Range<usize>> {
    if let Some(r) = front.and_then(|f| f.title.clone()) {
        return Some(r);
    }
    let mut cut = t.len().min(4000);
    while !t.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &t[..cut];
    if head.trim_start().starts_with(['{', '[']) {
        if let Some(k) = head.find("\"title\"") {
            let rest = &head[k + 7..];
            let open = rest.find('"')?;
            let v = &rest[open + 1..];
            let close = v.find('"')?;
            let s = k + 7 + open + 1;
            return Some(s..s + close);
        }
    }
    let mut found = Vec::new();
    for p in layout.paragraphs.iter().take(60) {
        let s = &t[p.clone()];
        let n = s.chars().count();
        let last = s.chars().next_back().unwrap_or(' ');
        let body = n > MAX_TITLE_CHARS || matches!(last, '。' | '！' | '？' | '；' | '，' | ',');
        if body {
            break;
        }
        let hans = s.chars().filter(|&c| is_han(c)).count();
        let words = hans + s.chars().filter(char::is_ascii_digit).count();
        if hans < 4
            || words < 6
            || skip(&p)
            || s.contains([':', '：', '>', '＞', '|', '【', '】'])
            || s.contains("://")
        {
            continue;
        }
        found.push(p.clone());
    }
    // Site names and navigation come first on scraped pages: a line that
    // names a year is the title if there is one.
    found
        .iter()
        .find(|r| t[(*r).clone()].contains('年'))
        .or(found.first())
        .cloned()
}
