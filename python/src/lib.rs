//! The native part of the Python package `zhclaims` (`zhclaims._zhclaims`).
//!
//! A thin layer over the `zhclaims` crate: it converts types, releases the
//! GIL while the library works, and maps the library's errors to Python
//! exceptions. It decides nothing about claims.

use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyLookupError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};
use rayon::prelude::*;
use zhclaims::decode::Encoding;

mod convert;
mod record;
mod table;

use record::{Claim, Document, Heading, PublicationDate, Span};

/// Extracts numeric claims from Chinese government press releases.
///
/// - ``reporting_year``: the year figures are reported for when a document
///   does not say otherwise (overrides what is found in the document);
/// - ``units``: extra units, taking precedence over the built-in ones: a
///   string of lines ``surface<TAB>canonical<TAB>kind``, or an iterable of
///   ``(surface, canonical, kind)`` tuples; ``kind`` as in ``Claim.unit_kind``.
///   A bad line raises ``ValueError`` naming it.
///
/// An extractor is immutable and safe to share between threads; all data is
/// embedded. Extraction releases the GIL.
///
/// >>> import zhclaims
/// >>> ex = zhclaims.Extractor()
/// >>> doc = ex.extract("全區居民人均可支配收入32688.5元,同比增長6.2%。")
/// >>> [(c.text, c.value, c.unit) for c in doc.claims]
/// [('32688.5元', Decimal('32688.5'), '元'), ('6.2%', Decimal('6.2'), '%')]
/// >>> doc.claims[0].subject
/// '居民人均可支配收入'
/// >>> boxes = zhclaims.Extractor(units=[("标准箱", "标箱", "count")])
/// >>> boxes.extract("集装箱吞吐量120万标准箱。").claims[0].unit
/// '标箱'
#[pyclass(frozen, module = "zhclaims", name = "Extractor")]
struct PyExtractor {
    inner: zhclaims::Extractor,
    reporting_year: Option<i32>,
    units: Option<String>,
}

/// What `Extractor.__reduce__` returns: the class and its options.
type Reduce<'py> = (Bound<'py, PyAny>, (Option<i32>, Option<String>));

/// The library's errors as Python exceptions.
fn to_py_err(py: Python<'_>, e: zhclaims::Error) -> PyErr {
    match e {
        zhclaims::Error::Decode { encoding, offset } => {
            decode_error(py, &e.to_string(), Some(encoding), offset)
        }
        zhclaims::Error::InvalidUtf8 { offset } => {
            decode_error(py, &e.to_string(), Some("UTF-8"), offset)
        }
        zhclaims::Error::Binary { offset } => decode_error(py, &e.to_string(), None, offset),
        zhclaims::Error::UnknownEncoding { .. } => PyLookupError::new_err(e.to_string()),
        zhclaims::Error::BadUserData { line, reason } => {
            PyValueError::new_err(format!("units line {line}: {reason}"))
        }
        other => PyValueError::new_err(other.to_string()),
    }
}

/// A `zhclaims.DecodeError` (defined in Python, `zhclaims/_errors.py`).
fn decode_error(py: Python<'_>, message: &str, encoding: Option<&str>, offset: usize) -> PyErr {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    match CLASS
        .import(py, "zhclaims._errors", "DecodeError")
        .and_then(|cls| cls.call1((message, encoding, offset)))
    {
        Ok(err) => PyErr::from_value(err),
        Err(e) => e,
    }
}

/// The units TSV from a string or an iterable of `(surface, canonical, kind)`.
fn units_tsv(units: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = units.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let mut tsv = String::new();
    for (i, row) in units.try_iter()?.enumerate() {
        let (surface, canonical, kind): (String, String, String) =
            row?.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "units[{i}] is not a (surface, canonical, kind) tuple of str"
                ))
            })?;
        for f in [&surface, &canonical, &kind] {
            if f.contains(['\t', '\n', '\r']) {
                return Err(PyValueError::new_err(format!(
                    "units[{i}]: {f:?} contains a tab or line break"
                )));
            }
        }
        tsv.push_str(&format!("{surface}\t{canonical}\t{kind}\n"));
    }
    Ok(tsv)
}

/// Rayon pools of a given size, built once each.
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, p)) = pools.iter().find(|(n, _)| *n == threads) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("zhclaims-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    pools.push((threads, p.clone()));
    Ok(p)
}

/// The texts of an iterable of `str`, in order.
fn texts_of(texts: &Bound<'_, PyAny>) -> PyResult<Vec<PyBackedStr>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "extract_many takes an iterable of texts, not one str (use extract for one text)",
        ));
    }
    texts
        .try_iter()?
        .enumerate()
        .map(|(i, t)| {
            let t = t?;
            if !t.is_instance_of::<PyString>() {
                let ty = t.get_type().name()?;
                return Err(PyTypeError::new_err(format!(
                    "texts[{i}] is a {ty}, not a str"
                )));
            }
            // A str that is not valid Unicode (lone surrogates) raises
            // UnicodeEncodeError here.
            t.extract::<PyBackedStr>()
        })
        .collect()
}

#[pymethods]
impl PyExtractor {
    #[new]
    #[pyo3(signature = (reporting_year=None, units=None))]
    fn new(
        py: Python<'_>,
        reporting_year: Option<i32>,
        units: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let units = units.map(units_tsv).transpose()?;
        let inner = py
            .detach(|| {
                let mut b = zhclaims::Extractor::builder();
                if let Some(y) = reporting_year {
                    b = b.reporting_year(y);
                }
                if let Some(tsv) = &units {
                    b = b.user_units(tsv)?;
                }
                Ok(b.build())
            })
            .map_err(|e| to_py_err(py, e))?;
        Ok(Self {
            inner,
            reporting_year,
            units,
        })
    }

    /// The reporting year given to the constructor, or None.
    #[getter]
    fn reporting_year(&self) -> Option<i32> {
        self.reporting_year
    }

    /// All claims of ``text``, with the document facts. Never fails on any
    /// ``str``; a ``str`` that cannot be UTF-8 (lone surrogates) raises
    /// ``UnicodeEncodeError``. Releases the GIL while it works.
    ///
    /// Claim offsets are UTF-8 byte offsets into ``text``.
    fn extract(&self, py: Python<'_>, text: PyBackedStr) -> Document {
        let doc = py.detach(|| self.inner.extract(&text));
        Document::wrap(doc)
    }

    /// Like ``extract``, for raw bytes in ``encoding``: ``"auto"`` (BOM,
    /// else UTF-8, else UTF-16 by its zero bytes, else GB18030 or Big5 as
    /// detected), ``"utf-8"``, ``"gb18030"`` (also ``"gbk"``, ``"gb2312"``),
    /// ``"big5"`` or ``"utf-16"``. Claim offsets are UTF-8 byte offsets into
    /// the decoded text (``zhclaims.decode(data)[0]``), not into ``data``.
    ///
    /// Raises ``zhclaims.DecodeError`` (with ``.offset``, the first bad
    /// byte, and ``.encoding``) on bytes that are not valid in the encoding
    /// or on a binary file, ``LookupError`` on an unknown encoding name.
    #[pyo3(signature = (data, encoding="auto"))]
    fn extract_bytes(
        &self,
        py: Python<'_>,
        data: PyBackedBytes,
        encoding: &str,
    ) -> PyResult<Document> {
        let encoding: Encoding = encoding.parse().map_err(|e| to_py_err(py, e))?;
        py.detach(|| {
            let decoded = zhclaims::decode::decode(&data, encoding)?;
            Ok(self.inner.extract(&decoded.text))
        })
        .map(Document::wrap)
        .map_err(|e| to_py_err(py, e))
    }

    /// Extracts many texts at once, on all cores (``threads=None``) or on
    /// ``threads`` threads, with the GIL released. Returns one ``Document``
    /// per text, in input order.
    ///
    /// >>> import zhclaims
    /// >>> docs = zhclaims.Extractor().extract_many(["新增床位1000张。", "无数字。"])
    /// >>> [len(d.claims) for d in docs]
    /// [1, 0]
    #[pyo3(signature = (texts, threads=None))]
    fn extract_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Document>> {
        let texts = texts_of(texts)?;
        let docs = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(1) => py.detach(|| texts.iter().map(|t| self.inner.extract(t)).collect()),
            None => py.detach(|| self.inner.extract_many(&texts)),
            Some(n) => {
                let pool = pool(n)?;
                py.detach(|| {
                    pool.install(|| {
                        texts
                            .par_iter()
                            .map(|t| self.inner.extract(t))
                            .collect::<Vec<_>>()
                    })
                })
            }
        };
        Ok(docs.into_iter().map(Document::wrap).collect())
    }

    /// The Rust library's JSON of the document of ``text`` (serde, exact
    /// numbers): the same object per document as the Rust ``extract
    /// --doc`` example prints.
    fn extract_json(&self, py: Python<'_>, text: PyBackedStr) -> PyResult<String> {
        py.detach(|| serde_json::to_string(&self.inner.extract(&text)))
            .map_err(convert::json_error)
    }

    /// Test control, not for use: ``extract`` without releasing the GIL
    /// (the GIL test checks that it detects this).
    fn _extract_holding_gil(&self, text: PyBackedStr) -> Document {
        Document::wrap(self.inner.extract(&text))
    }

    fn __repr__(&self) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.reporting_year {
            parts.push(format!("reporting_year={y}"));
        }
        if let Some(u) = &self.units {
            parts.push(format!("units={u:?}"));
        }
        format!("Extractor({})", parts.join(", "))
    }

    /// Pickles as its options (the extractor is rebuilt on unpickling).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduce<'py>> {
        let me = slf.get();
        Ok((
            slf.get_type().into_any(),
            (me.reporting_year, me.units.clone()),
        ))
    }
}

/// Decodes ``data`` as ``extract_bytes`` does and returns ``(text,
/// encoding)``, the encoding one of ``UTF-8``, ``GB18030``, ``Big5``,
/// ``UTF-16LE``, ``UTF-16BE``. Claims of ``extract_bytes(data)`` point into
/// this text.
///
/// >>> import zhclaims
/// >>> zhclaims.decode("新增床位1000张".encode("gbk"))
/// ('新增床位1000张', 'GB18030')
#[pyfunction]
#[pyo3(signature = (data, encoding="auto"))]
fn decode(py: Python<'_>, data: PyBackedBytes, encoding: &str) -> PyResult<(String, &'static str)> {
    let encoding: Encoding = encoding.parse().map_err(|e| to_py_err(py, e))?;
    py.detach(|| {
        zhclaims::decode::decode(&data, encoding).map(|d| (d.text.into_owned(), d.encoding))
    })
    .map_err(|e| to_py_err(py, e))
}

/// Whether a value fits Spark's ``DecimalType(38, 10)`` exactly (test hook
/// for the rule of the ``value`` column).
#[pyfunction]
fn _fits_decimal_38_10(value: &str) -> PyResult<bool> {
    let v = rust_decimal::Decimal::from_str_exact(value)
        .map_err(|e| PyValueError::new_err(format!("{value:?}: {e}")))?;
    Ok(table::fits_decimal_38_10(&v))
}

#[pymodule]
fn _zhclaims(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyExtractor>()?;
    m.add_class::<Document>()?;
    m.add_class::<Claim>()?;
    m.add_class::<Span>()?;
    m.add_class::<PublicationDate>()?;
    m.add_class::<Heading>()?;
    m.add_function(wrap_pyfunction!(decode, m)?)?;
    m.add_function(wrap_pyfunction!(table::claim_columns, m)?)?;
    m.add_function(wrap_pyfunction!(table::claim_schema, m)?)?;
    m.add_function(wrap_pyfunction!(_fits_decimal_38_10, m)?)?;
    Ok(())
}
