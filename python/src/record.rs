//! The Python classes of the library's records: `Claim`, `Document`, `Span`,
//! `PublicationDate`, `Heading`. Each lists the fields of its Rust struct,
//! in the struct's order; adding a field to the Rust struct is adding its
//! name here (`tests/test_fields.py` fails until it is).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;

use crate::convert::ToPy;
use crate::record;

/// Fields a class serves from a cache instead of converting them on every
/// read (a document's claims: one list of `Claim` objects, built once).
pub(crate) trait Cached {
    /// What the class keeps besides the Rust value.
    type Cache: Default + Send + Sync;

    /// The cached value of field `name`, when the class caches it.
    fn cached<'py>(&self, _py: Python<'py>, _name: &str) -> Option<PyResult<Bound<'py, PyAny>>> {
        None
    }

    /// A short stand-in for the field in `repr()` (a document's claims).
    fn short_repr(&self, _name: &str) -> Option<String> {
        None
    }
}

impl Cached for Span {
    type Cache = ();
}
impl Cached for Claim {
    type Cache = ();
}
impl Cached for PublicationDate {
    type Cache = ();
}
impl Cached for Heading {
    type Cache = ();
}

/// A document's list of `Claim` objects, built on first read.
pub(crate) struct ClaimList(PyOnceLock<Py<PyList>>);

impl Default for ClaimList {
    fn default() -> Self {
        Self(PyOnceLock::new())
    }
}

impl Cached for Document {
    type Cache = ClaimList;

    fn cached<'py>(&self, py: Python<'py>, name: &str) -> Option<PyResult<Bound<'py, PyAny>>> {
        (name == "claims").then(|| {
            self.cache
                .0
                .get_or_try_init(py, || {
                    let list = self.inner.claims.to_py(py)?;
                    Ok::<_, PyErr>(list.cast_into::<PyList>()?.unbind())
                })
                .map(|l| l.bind(py).clone().into_any())
        })
    }

    fn short_repr(&self, name: &str) -> Option<String> {
        (name == "claims").then(|| format!("<{} claims>", self.inner.claims.len()))
    }
}

record! {
    @columns
    /// A byte range of the ORIGINAL input, end exclusive, on character
    /// boundaries. Offsets count UTF-8 bytes, not Python characters: slice
    /// ``text.encode("utf-8")[span.start:span.end]``.
    Span(zhclaims::Span) {
        /// First byte.
        start,
        /// One past the last byte.
        end,
    }
}

record! {
    @columns
    /// One numeric claim: how much (``value``), of what unit, about what
    /// subject, for which year, and exactly where in the input it was written.
    ///
    /// ``start`` and ``end`` are UTF-8 byte offsets into the original input
    /// (the Rust library's spans), so
    /// ``text.encode("utf-8")[claim.start:claim.end].decode("utf-8") == claim.text``.
    ///
    /// >>> import zhclaims
    /// >>> c = zhclaims.Extractor().extract("新增床位1000张。").claims[0]
    /// >>> c.text, c.value, c.unit, c.unit_kind, c.subject
    /// ('1000张', Decimal('1000'), '张', 'count', '床位')
    /// >>> c.to_dict()["value"]
    /// Decimal('1000')
    Claim(zhclaims::Claim) {
        /// First byte of the claim in the original input (UTF-8 offset).
        start,
        /// One past the last byte of the claim in the original input (UTF-8 offset).
        end,
        /// The claim as written: number, qualifier words and unit.
        text,
        /// The amount as an exact ``decimal.Decimal``, scale words folded in
        /// (``11.8万名`` → ``Decimal('118000')``).
        value,
        /// Upper end of a range (``4-12周`` → ``Decimal('12')``), else None.
        value_max,
        /// Canonical unit in Simplified script (``元``, ``%``, ``人次``, ``元/月``), None when bare.
        unit,
        /// What the unit measures: ``count``, ``money``, ``percent``, ``area``,
        /// ``length``, ``volume``, ``mass``, ``duration``, ``rate``, ``age``,
        /// ``level``, ``temperature``, ``energy``, ``multiple`` or ``none``.
        unit_kind,
        /// Precision words around the number: ``approx``, ``more_than``,
        /// ``at_least``, ``less_than``, ``nearly``, ``up_to``, or None.
        qualifier,
        /// What is counted or measured, in Simplified script, or None.
        subject,
        /// The calendar year the figure is reported for, or None.
        year,
        /// Which rule decided ``year``: ``clause``, ``relative``, ``span``,
        /// ``heading``, ``paragraph``, ``reporting``, or None.
        year_source,
        /// The sentence the claim was found in (a ``Span`` of the original input).
        sentence,
    }
}

record! {
    /// The date a document carries about itself.
    PublicationDate(zhclaims::PublicationDate) {
        /// Calendar year.
        year,
        /// Month (1–12), when given.
        month,
        /// Day of the month, when given.
        day,
        /// Where the date was written: ``dateline``, ``meeting``, ``rss``,
        /// ``front_matter`` or ``json``.
        source,
        /// The date's text in the original input (a ``Span``).
        span,
    }
}

record! {
    /// One heading of the document's outline.
    Heading(zhclaims::Heading) {
        /// The heading's text as written.
        text,
        /// Depth in the outline: 1 for ``一、``, 2 for ``（一）``, 3 for ``1.`` …
        level,
        /// The heading line in the original input (a ``Span``).
        span,
        /// The year the heading names or the last year of its named period, or None.
        year,
    }
}

record! {
    /// Everything extracted from one document: its claims and its facts.
    ///
    /// >>> import zhclaims
    /// >>> doc = zhclaims.Extractor().extract("2023年，全市新增床位1000张。")
    /// >>> [c.text for c in doc.claims], doc.reporting_year
    /// (['1000张'], 2023)
    Document(zhclaims::Document) {
        /// The claims (a list of ``Claim``), in document order.
        claims,
        /// The document's title, when it has one.
        title,
        /// The date the document carries about itself (a ``PublicationDate``), or None.
        published,
        /// The year most figures are reported for, or None.
        reporting_year,
        /// How ``reporting_year`` was found: ``given``, ``title``,
        /// ``published`` or ``body``, or None.
        reporting_source,
        /// The year 今年 means: the publication year, else the reporting year.
        current_year,
        /// The year a work report or retrospective release looks back on.
        reviewed_year,
        /// The headings (a list of ``Heading``), in document order.
        outline,
        /// The place the release is about (``常州市``, ``大丰区``), when found.
        region,
    }
}
