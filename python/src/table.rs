//! Claims as Arrow columns, for `zhclaims.to_arrow` and the Spark stage.
//!
//! One row per claim: `document` (index of the document in the input),
//! `claim` (index of the claim in its document), then the columns of the
//! Rust `Claim`'s fields, derived from the same field list as the `Claim`
//! class ([`record!`](crate::record) with `@columns`):
//! - an integer field is an `int64` (`usize`) or `int32` (`i32`, `u8`) column;
//! - a string field or an enum (its snake_case name) is a `string` column;
//! - a nested record is one column per field, `sentence_start`, `sentence_end`;
//! - a `Decimal` is two columns: `value`, an exact `decimal128(38, 10)` that
//!   is null when the value does not fit that type exactly (more than 28
//!   digits before the point or more than 10 after it), and `value_str`, the
//!   exact decimal string, always set. Nothing is ever rounded.
//!
//! The columns are built here, with the GIL released, as the buffers of the
//! Arrow columnar format (little-endian values, LSB-first validity bitmaps,
//! `i32` string offsets); the Python side wraps them with
//! `pyarrow.Array.from_buffers` without copying (pyarrow stays optional).

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rust_decimal::Decimal;

use crate::convert::{decimal_string, serde_name};
use crate::record::Document;

/// The Arrow type of a column, as a tag the Python side maps to a type:
/// `int64`, `int32`, `string`, `decimal` (38, 10).
pub(crate) type Kind = &'static str;

/// One column of the claim table.
pub(crate) struct Column {
    pub(crate) name: String,
    pub(crate) kind: Kind,
    /// Whether the column can hold nulls (an `Option` field, or a decimal
    /// that may not fit its type).
    pub(crate) nullable: bool,
}

/// The values of one column, as Arrow lays them out.
enum Values {
    Int64(Vec<i64>),
    Int32(Vec<i32>),
    /// Offsets (one more than rows) and UTF-8 bytes.
    Utf8(Vec<i32>, Vec<u8>),
    Decimal128(Vec<i128>),
}

/// A column under construction.
pub(crate) struct Builder {
    values: Values,
    valid: Vec<bool>,
}

impl Builder {
    fn new(kind: Kind) -> Self {
        let values = match kind {
            "int64" => Values::Int64(Vec::new()),
            "int32" => Values::Int32(Vec::new()),
            "string" => Values::Utf8(vec![0], Vec::new()),
            "decimal" => Values::Decimal128(Vec::new()),
            other => unreachable!("no column kind {other}"),
        };
        Self {
            values,
            valid: Vec::new(),
        }
    }

    fn push_null(&mut self) -> Result<(), String> {
        self.valid.push(false);
        match &mut self.values {
            Values::Int64(v) => v.push(0),
            Values::Int32(v) => v.push(0),
            Values::Decimal128(v) => v.push(0),
            Values::Utf8(offsets, data) => offsets.push(utf8_offset(data.len())?),
        }
        Ok(())
    }

    fn nulls(&self) -> usize {
        self.valid.iter().filter(|v| !**v).count()
    }

    /// The validity bitmap, or None when every value is set.
    fn bitmap(&self) -> Option<Vec<u8>> {
        if self.nulls() == 0 {
            return None;
        }
        let mut bits = vec![0u8; self.valid.len().div_ceil(8)];
        for (i, _) in self.valid.iter().enumerate().filter(|(_, v)| **v) {
            bits[i / 8] |= 1 << (i % 8);
        }
        Some(bits)
    }

    /// The data buffers, after the validity bitmap.
    fn buffers(&self) -> Vec<Vec<u8>> {
        fn le<T: Copy, const N: usize>(v: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
            v.iter().flat_map(|x| f(*x)).collect()
        }
        match &self.values {
            Values::Int64(v) => vec![le(v, i64::to_le_bytes)],
            Values::Int32(v) => vec![le(v, i32::to_le_bytes)],
            Values::Decimal128(v) => vec![le(v, i128::to_le_bytes)],
            Values::Utf8(offsets, data) => vec![le(offsets, i32::to_le_bytes), data.clone()],
        }
    }
}

/// A string offset, refused past Arrow's `i32` limit for `string` columns.
fn utf8_offset(len: usize) -> Result<i32, String> {
    i32::try_from(len).map_err(|_| {
        "more than 2 GiB of text in one string column of the claim table: \
         convert fewer documents at a time"
            .to_string()
    })
}

/// Where the next value of a row goes.
pub(crate) struct Cursor<'a> {
    cols: &'a mut [Builder],
    at: usize,
}

impl Cursor<'_> {
    fn next(&mut self) -> &mut Builder {
        self.at += 1;
        &mut self.cols[self.at - 1]
    }

    fn null(&mut self) -> Result<(), String> {
        self.next().push_null()
    }

    fn int64(&mut self, v: i64) {
        let b = self.next();
        b.valid.push(true);
        match &mut b.values {
            Values::Int64(values) => values.push(v),
            _ => unreachable!("schema and values disagree"),
        }
    }

    fn int32(&mut self, v: i32) {
        let b = self.next();
        b.valid.push(true);
        match &mut b.values {
            Values::Int32(values) => values.push(v),
            _ => unreachable!("schema and values disagree"),
        }
    }

    fn decimal(&mut self, v: i128) {
        let b = self.next();
        b.valid.push(true);
        match &mut b.values {
            Values::Decimal128(values) => values.push(v),
            _ => unreachable!("schema and values disagree"),
        }
    }

    fn string(&mut self, s: &str) -> Result<(), String> {
        let b = self.next();
        b.valid.push(true);
        match &mut b.values {
            Values::Utf8(offsets, data) => {
                data.extend_from_slice(s.as_bytes());
                offsets.push(utf8_offset(data.len())?);
            }
            _ => unreachable!("schema and values disagree"),
        }
        Ok(())
    }
}

/// A field type's columns.
pub(crate) trait ToColumns {
    /// Appends the columns of a field named `prefix`.
    fn schema(prefix: &str, out: &mut Vec<Column>);

    /// Appends the field's values to the row.
    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String>;

    /// How many columns the field has.
    fn width() -> usize {
        let mut v = Vec::new();
        Self::schema("", &mut v);
        v.len()
    }
}

/// The schema of the field `get` reads (the type is inferred from it).
pub(crate) fn schema_of<R, T: ToColumns>(_get: fn(&R) -> &T, name: &str, out: &mut Vec<Column>) {
    T::schema(name, out)
}

/// `prefix_field`, or `field` at the top level.
pub(crate) fn join(prefix: &str, field: &str) -> String {
    match (prefix.is_empty(), field.is_empty()) {
        (true, _) => field.to_string(),
        (_, true) => prefix.to_string(),
        _ => format!("{prefix}_{field}"),
    }
}

fn leaf(prefix: &str, kind: Kind, out: &mut Vec<Column>) {
    out.push(Column {
        name: prefix.to_string(),
        kind,
        nullable: false,
    });
}

impl ToColumns for usize {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        leaf(prefix, "int64", out)
    }
    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
        cols.int64(i64::try_from(*self).map_err(|_| format!("{self} does not fit an int64"))?);
        Ok(())
    }
    fn width() -> usize {
        1
    }
}

impl ToColumns for i32 {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        leaf(prefix, "int32", out)
    }
    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
        cols.int32(*self);
        Ok(())
    }
    fn width() -> usize {
        1
    }
}

impl ToColumns for u8 {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        leaf(prefix, "int32", out)
    }
    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
        cols.int32(i32::from(*self));
        Ok(())
    }
    fn width() -> usize {
        1
    }
}

impl ToColumns for String {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        leaf(prefix, "string", out)
    }
    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
        cols.string(self)
    }
    fn width() -> usize {
        1
    }
}

/// Units and subjects, shared between the claims that have them.
impl ToColumns for std::sync::Arc<str> {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        leaf(prefix, "string", out)
    }
    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
        cols.string(self)
    }
    fn width() -> usize {
        1
    }
}

/// Enums are string columns of their snake_case names.
macro_rules! by_name {
    ($($t:ty),*) => {$(
        impl ToColumns for $t {
            fn schema(prefix: &str, out: &mut Vec<Column>) {
                leaf(prefix, "string", out)
            }
            fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
                cols.string(&serde_name(self).map_err(|e| e.to_string())?)
            }
            fn width() -> usize {
                1
            }
        }
    )*};
}
by_name!(
    zhclaims::UnitKind,
    zhclaims::Qualifier,
    zhclaims::YearSource,
    zhclaims::DateSource,
    zhclaims::ReportingSource
);

impl<T: ToColumns> ToColumns for Option<T> {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        let first = out.len();
        T::schema(prefix, out);
        for c in &mut out[first..] {
            c.nullable = true;
        }
    }

    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
        match self {
            Some(v) => v.push(cols),
            None => (0..T::width()).try_for_each(|_| cols.null()),
        }
    }

    fn width() -> usize {
        T::width()
    }
}

/// The value as a `decimal128(38, 10)` (the integer `value × 10^10`) when
/// it is exactly one (Spark's `DecimalType(38, 10)`): at most 10 digits
/// after the point once trailing zeros are dropped, and fewer than 38
/// digits in all at scale 10.
pub(crate) fn decimal_38_10(v: &Decimal) -> Option<i128> {
    let n = v.normalize();
    let scale = n.scale();
    if scale > 10 {
        return None;
    }
    n.mantissa()
        .checked_mul(10i128.pow(10 - scale))
        .filter(|x| x.unsigned_abs() < 10u128.pow(38))
}

/// Whether [`decimal_38_10`] holds the value.
pub(crate) fn fits_decimal_38_10(v: &Decimal) -> bool {
    decimal_38_10(v).is_some()
}

impl ToColumns for Decimal {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        out.push(Column {
            name: prefix.to_string(),
            kind: "decimal",
            nullable: true,
        });
        out.push(Column {
            name: join(prefix, "str"),
            kind: "string",
            nullable: false,
        });
    }

    fn push(&self, cols: &mut Cursor<'_>) -> Result<(), String> {
        match decimal_38_10(self) {
            Some(scaled) => cols.decimal(scaled),
            None => cols.null()?,
        }
        cols.string(&decimal_string(self))
    }

    fn width() -> usize {
        2
    }
}

/// The columns of the claim table: `document`, `claim`, then the claim's.
fn claim_table_schema() -> Vec<Column> {
    let mut schema = Vec::new();
    leaf("document", "int64", &mut schema);
    leaf("claim", "int32", &mut schema);
    zhclaims::Claim::schema("", &mut schema);
    schema
}

/// The schema of the claim table: a list of `(name, kind, nullable)`,
/// kind one of `int64`, `int32`, `string`, `decimal` (38, 10).
#[pyfunction]
pub(crate) fn claim_schema() -> Vec<(String, Kind, bool)> {
    claim_table_schema()
        .into_iter()
        .map(|c| (c.name, c.kind, c.nullable))
        .collect()
}

/// One column for Python: `(name, kind, nullable, length, null_count,
/// validity bitmap or None, data buffers)`.
pub(crate) type ArrowColumn<'py> = (
    String,
    Kind,
    bool,
    usize,
    usize,
    Option<Bound<'py, PyBytes>>,
    Vec<Bound<'py, PyBytes>>,
);

/// The claims of `documents`, rows in document order then claim order.
fn build(docs: &[&zhclaims::Document], schema: &[Column]) -> Result<Vec<Builder>, String> {
    let mut cols: Vec<Builder> = schema.iter().map(|c| Builder::new(c.kind)).collect();
    for (i, doc) in docs.iter().enumerate() {
        for (j, claim) in doc.claims.iter().enumerate() {
            let mut cursor = Cursor {
                cols: &mut cols,
                at: 0,
            };
            i.push(&mut cursor)?;
            let j = i32::try_from(j).map_err(|_| "more than 2^31 claims in a document")?;
            j.push(&mut cursor)?;
            claim.push(&mut cursor)?;
        }
    }
    Ok(cols)
}

/// The columns of the claims of `documents` (any iterable of `Document`),
/// one row per claim, as Arrow buffers, in the order of [`claim_schema`].
#[pyfunction]
pub(crate) fn claim_columns<'py>(
    py: Python<'py>,
    documents: &Bound<'py, PyAny>,
) -> PyResult<Vec<ArrowColumn<'py>>> {
    let bound: Vec<Bound<'py, Document>> = documents
        .try_iter()?
        .enumerate()
        .map(|(i, d)| {
            d?.cast_into::<Document>().map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err(format!(
                    "documents[{i}] is not a zhclaims.Document"
                ))
            })
        })
        .collect::<PyResult<_>>()?;
    let docs: Vec<&zhclaims::Document> = bound.iter().map(|d| &d.get().inner).collect();
    let schema = claim_table_schema();
    let cols = py
        .detach(|| build(&docs, &schema))
        .map_err(pyo3::exceptions::PyOverflowError::new_err)?;
    Ok(schema
        .into_iter()
        .zip(cols)
        .map(|(c, b)| {
            (
                c.name,
                c.kind,
                c.nullable,
                b.valid.len(),
                b.nulls(),
                b.bitmap().map(|bits| PyBytes::new(py, &bits)),
                b.buffers()
                    .iter()
                    .map(|buf| PyBytes::new(py, buf))
                    .collect(),
            )
        })
        .collect())
}
