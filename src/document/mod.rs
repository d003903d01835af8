//! The document stage: what a text says about itself, computed once per
//! document and consulted by the later stages (year, subject), never
//! re-derived per claim.
//!
//! Public here: the [`Document`] record that extraction returns, with the
//! document facts a user can see — publication date, reporting year and its
//! source, the current and reviewed years, and the heading outline.

use serde::{Deserialize, Serialize};

use crate::claim::{Claim, Span};

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
