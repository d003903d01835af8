//! Claims as columns, for `zhclaims.to_arrow` and the Spark stage.
//!
//! One row per claim: `document` (index of the document in the input),
//! `claim` (index of the claim in its document), then the columns of the
//! Rust `Claim`'s fields, derived from the same field list as the `Claim`
//! class ([`record!`](crate::record) with `@columns`):
//! - an integer or string field is one column of its name;
//! - a nested record is one column per field, `sentence_start`, `sentence_end`;
//! - an enum is a string column (its snake_case name);
//! - a `Decimal` is two columns: `value`, an exact `decimal128(38, 10)` that
//!   is null when the value does not fit that type exactly (more than 28
//!   digits before the point or more than 10 after it), and `value_str`, the
//!   exact decimal string, always set. Nothing is ever rounded.
//!
//! The columns are returned as Python lists with a type tag each; the
//! Python side builds the `pyarrow.Table` (pyarrow stays optional).

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rust_decimal::Decimal;

use crate::convert::{ToPy, decimal_string};
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

/// Where the next value of a row goes.
pub(crate) struct Cursor<'a, 'py> {
    cols: &'a mut [Vec<Bound<'py, PyAny>>],
    at: usize,
}

impl<'py> Cursor<'_, 'py> {
    fn push(&mut self, v: Bound<'py, PyAny>) {
        self.cols[self.at].push(v);
        self.at += 1;
    }
}

/// A field type's columns.
pub(crate) trait ToColumns {
    /// Appends the column names and kinds of a field named `prefix`.
    fn schema(prefix: &str, out: &mut Vec<Column>);

    /// Appends the field's values to the row.
    fn push<'py>(&self, py: Python<'py>, cols: &mut Cursor<'_, 'py>) -> PyResult<()>;

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

macro_rules! leaf {
    ($kind:literal: $($t:ty),*) => {$(
        impl ToColumns for $t {
            fn schema(prefix: &str, out: &mut Vec<Column>) {
                out.push(Column { name: prefix.to_string(), kind: $kind, nullable: false });
            }
            fn push<'py>(&self, py: Python<'py>, cols: &mut Cursor<'_, 'py>) -> PyResult<()> {
                cols.push(self.to_py(py)?);
                Ok(())
            }
            fn width() -> usize {
                1
            }
        }
    )*};
}
leaf!("int64": usize);
leaf!("int32": i32, u8);
leaf!("string": String, zhclaims::UnitKind, zhclaims::Qualifier, zhclaims::YearSource);

impl<T: ToColumns> ToColumns for Option<T> {
    fn schema(prefix: &str, out: &mut Vec<Column>) {
        let first = out.len();
        T::schema(prefix, out);
        for c in &mut out[first..] {
            c.nullable = true;
        }
    }

    fn push<'py>(&self, py: Python<'py>, cols: &mut Cursor<'_, 'py>) -> PyResult<()> {
        match self {
            Some(v) => v.push(py, cols),
            None => {
                for _ in 0..T::width() {
                    cols.push(py.None().into_bound(py));
                }
                Ok(())
            }
        }
    }

    fn width() -> usize {
        T::width()
    }
}

/// Whether a value is exactly a `decimal128(38, 10)` (Spark's
/// `DecimalType(38, 10)`): at most 10 digits after the point once trailing
/// zeros are dropped, and fewer than 38 digits in all at scale 10.
pub(crate) fn fits_decimal_38_10(v: &Decimal) -> bool {
    let n = v.normalize();
    let scale = n.scale();
    if scale > 10 {
        return false;
    }
    n.mantissa()
        .checked_mul(10i128.pow(10 - scale))
        .is_some_and(|x| x.unsigned_abs() < 10u128.pow(38))
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

    fn push<'py>(&self, py: Python<'py>, cols: &mut Cursor<'_, 'py>) -> PyResult<()> {
        let exact = decimal_string(self);
        if fits_decimal_38_10(self) {
            cols.push(crate::convert::decimal_type(py)?.call1((exact.as_str(),))?);
        } else {
            cols.push(py.None().into_bound(py));
        }
        cols.push(PyString::new(py, &exact).into_any());
        Ok(())
    }

    fn width() -> usize {
        2
    }
}

/// The columns of the claim table: `document`, `claim`, then the claim's.
fn claim_table_schema() -> Vec<Column> {
    let mut schema = vec![
        Column {
            name: "document".to_string(),
            kind: "int64",
            nullable: false,
        },
        Column {
            name: "claim".to_string(),
            kind: "int32",
            nullable: false,
        },
    ];
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

/// A column with its values: `(name, kind, nullable, values)`.
pub(crate) type ColumnValues<'py> = (String, Kind, bool, Bound<'py, PyList>);

/// The columns of the claims of `documents` (any iterable of `Document`),
/// one row per claim: a list of `(name, kind, nullable, values)` in the
/// order of [`claim_schema`].
#[pyfunction]
pub(crate) fn claim_columns<'py>(
    py: Python<'py>,
    documents: &Bound<'py, PyAny>,
) -> PyResult<Vec<ColumnValues<'py>>> {
    let schema = claim_table_schema();
    let mut cols: Vec<Vec<Bound<'py, PyAny>>> = vec![Vec::new(); schema.len()];
    for (i, doc) in documents.try_iter()?.enumerate() {
        let doc = doc?;
        let doc = doc.cast::<Document>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "documents[{i}] is not a zhclaims.Document"
            ))
        })?;
        for (j, claim) in doc.get().inner.claims.iter().enumerate() {
            cols[0].push(i.to_py(py)?);
            let j = i32::try_from(j).map_err(|_| {
                pyo3::exceptions::PyOverflowError::new_err("more than 2^31 claims in a document")
            })?;
            cols[1].push(j.to_py(py)?);
            let mut cursor = Cursor {
                cols: &mut cols[2..],
                at: 0,
            };
            claim.push(py, &mut cursor)?;
        }
    }
    schema
        .into_iter()
        .zip(cols)
        .map(|(c, values)| Ok((c.name, c.kind, c.nullable, PyList::new(py, values)?)))
        .collect()
}
