//! zhclaims: numeric claims from Chinese government press releases.
//!
//! Give it a press release — Simplified or Traditional, clean or scraped off
//! a web page — and it returns every numeric claim as a [`Claim`]: the value
//! (exact), its unit, qualifier, subject and year, with the byte span of the
//! original text it came from.
//!
//! ```
//! use zhclaims::Extractor;
//!
//! let text = "全區居民人均可支配收入32688.5元,同比增長6.2%。";
//! let doc = Extractor::new().extract(text);
//! assert_eq!(doc.claims.len(), 2);
//! assert_eq!(doc.claims[0].text, "32688.5元");
//! assert_eq!(doc.claims[1].unit.as_deref(), Some("%"));
//! for c in &doc.claims {
//!     assert_eq!(&text[c.start..c.end], c.text); // spans point into the original
//! }
//! ```
//!
//! The pipeline is the architecture, one module per stage:
//! 1. [`normalize`] — Traditional→Simplified, width folding, markup, broken
//!    lines, with an exact offset map back to the input ([`decode`] reads
//!    bytes in their encoding first, when the caller has bytes);
//! 2. `document` — what the text says about itself, read once: sentences,
//!    clauses, paragraphs, title, headings, publication date, the times it
//!    names and its clock ([`Document`] reports the facts);
//! 3. [`numeral`] — number expressions and their exact values;
//! 4. `unit` and `qualifier` — what follows and precedes the number;
//! 5. `filter` — dates, ordinals, codes, furniture and other non-claims;
//! 6. `subject`, `year`, `region` — what the number is about and when
//!    ([`Claim::year_source`] names the rule that decided the year);
//! 7. [`Extractor`] — assembles [`Claim`] records, all at once
//!    ([`Extractor::extract`]) or one by one ([`Extractor::extract_each`]).

mod claim;
pub mod decode;
mod document;
mod error;
pub mod eval;
mod extractor;
mod filter;
pub mod normalize;
pub mod numeral;
mod qualifier;
mod region;
mod segment;
mod subject;
mod unit;
mod words;
mod year;

pub use claim::{Claim, Qualifier, Span, UnitKind, YearSource};
pub use document::{DateSource, Document, Heading, PublicationDate, ReportingSource};
pub use error::Error;
pub use extractor::{Extractor, ExtractorBuilder};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
