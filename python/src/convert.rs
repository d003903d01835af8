//! Rust values as Python values, one trait for every field type.
//!
//! A record (a Rust struct such as `zhclaims::Claim`) becomes a frozen Python
//! class that wraps the Rust value and converts a field when it is read. The
//! classes are declared by [`record!`](crate::record) from the list of their
//! field names, so a field added to the Rust struct is one more name in that
//! list: the getter, `to_dict()`, `_fields`, `repr()`, pickling and (for
//! claims) the Arrow columns all follow from it.
//!
//! Conversions never go through `float`: a `rust_decimal::Decimal` becomes a
//! `decimal.Decimal` built from its exact (normalised) decimal string.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use rust_decimal::Decimal;
use serde::Serialize;

/// How a Rust value is seen from Python.
pub(crate) trait ToPy {
    /// The attribute value (records become their Python class).
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;

    /// The plain value for `to_dict()`: records become dicts, as in the JSON
    /// of the Rust value; everything else is the same as [`ToPy::to_py`].
    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.to_py(py)
    }
}

macro_rules! native {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.into_pyobject(py)?.into_any())
            }
        }
    )*};
}
native!(usize, i32, u8);

impl ToPy for String {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
}

/// Units and subjects, shared between the claims that have them.
impl ToPy for std::sync::Arc<str> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }

    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_plain(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_py(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }

    fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self
            .iter()
            .map(|v| v.to_plain(py))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

/// `decimal.Decimal`, looked up once per interpreter.
pub(crate) fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

/// The exact decimal string of a value, trailing zeros removed
/// (`2286000000.00` → `2286000000`), as in the Rust JSON output.
pub(crate) fn decimal_string(v: &Decimal) -> String {
    v.normalize().to_string()
}

impl ToPy for Decimal {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        decimal_type(py)?.call1((decimal_string(self),))
    }
}

/// The snake_case name serde gives a unit enum variant (`more_than`).
pub(crate) fn serde_name<T: Serialize>(v: &T) -> PyResult<String> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "expected a name, got {other}"
        ))),
        Err(e) => Err(pyo3::exceptions::PyValueError::new_err(e.to_string())),
    }
}

/// Enums are their snake_case names, the strings of the Rust JSON output.
macro_rules! by_name {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(PyString::new(py, &serde_name(self)?).into_any())
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

/// `Name(field=repr, …)` for records.
pub(crate) fn record_repr(name: &str, fields: &[(&str, String)]) -> String {
    let mut out = format!("{name}(");
    for (i, (field, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(field);
        out.push('=');
        out.push_str(value);
    }
    out.push(')');
    out
}

/// A serde error as a Python `ValueError`.
pub(crate) fn json_error(e: serde_json::Error) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(format!("not a valid record: {e}"))
}

/// Fills `dict` with the plain values of a record's fields (used by the
/// `to_dict()` that [`record!`](crate::record) generates).
pub(crate) fn plain_dict<'py>(
    py: Python<'py>,
    fields: &[(&str, &dyn ToPy)],
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (name, value) in fields {
        d.set_item(*name, value.to_plain(py)?)?;
    }
    Ok(d)
}

/// Declares the Python class of a Rust record from the list of its fields.
///
/// ```text
/// record! {
///     /// Class docstring.
///     Span(zhclaims::Span) {
///         /// Field docstring.
///         start,
///         end,
///     }
/// }
/// ```
///
/// Generates the frozen class (module `zhclaims`) wrapping the Rust value,
/// one read-only property per field (converted by [`ToPy`] when read),
/// `_fields`, `to_dict()`, `__repr__`, `__eq__` and pickling (through the
/// record's serde JSON), and `ToPy` for the Rust type. A class can serve a
/// field from a cache instead (see `Cached`); `@columns` also derives the
/// Arrow columns of the record ([`crate::table::ToColumns`]).
#[macro_export]
macro_rules! record {
    (@columns $(#[doc = $doc:literal])* $name:ident($rust:ty) {
        $( $(#[doc = $fdoc:literal])* $field:ident, )*
    }) => {
        $crate::record!($(#[doc = $doc])* $name($rust) { $( $(#[doc = $fdoc])* $field, )* });

        impl $crate::table::ToColumns for $rust {
            fn schema(prefix: &str, out: &mut Vec<$crate::table::Column>) {
                $( $crate::table::schema_of(|r: &$rust| &r.$field, &$crate::table::join(prefix, stringify!($field)), out); )*
            }
            fn push(&self, cols: &mut $crate::table::Cursor<'_>) -> Result<(), String> {
                $( $crate::table::ToColumns::push(&self.$field, cols)?; )*
                Ok(())
            }
        }
    };
    ($(#[doc = $doc:literal])* $name:ident($rust:ty) {
        $( $(#[doc = $fdoc:literal])* $field:ident, )*
    }) => {
        $(#[doc = $doc])*
        #[pyclass(frozen, module = "zhclaims")]
        pub struct $name {
            pub(crate) inner: $rust,
            #[allow(dead_code, reason = "read only by classes that cache a field")]
            pub(crate) cache: <$name as $crate::record::Cached>::Cache,
        }

        impl $name {
            /// The field names, in the order of the Rust struct and its JSON.
            pub(crate) const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            pub(crate) fn wrap(inner: $rust) -> Self {
                Self { inner, cache: Default::default() }
            }

            fn field<'py, T: $crate::convert::ToPy>(&self, py: Python<'py>, name: &str, value: &T) -> PyResult<Bound<'py, PyAny>> {
                match $crate::record::Cached::cached(self, py, name) {
                    Some(v) => v,
                    None => value.to_py(py),
                }
            }
        }

        #[pymethods]
        impl $name {
            $(
                $(#[doc = $fdoc])*
                #[getter]
                fn $field<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                    self.field(py, stringify!($field), &self.inner.$field)
                }
            )*

            /// The field names, in the order of the Rust struct and its JSON.
            #[classattr]
            fn _fields(py: Python<'_>) -> PyResult<Py<pyo3::types::PyTuple>> {
                Ok(pyo3::types::PyTuple::new(py, Self::FIELDS)?.unbind())
            }

            /// The record as a dict of plain Python values, keys and nesting as
            /// in the Rust JSON output (numbers that are amounts as
            /// `decimal.Decimal`, enums as their snake_case names).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
                $crate::convert::plain_dict(py, &[$((stringify!($field), &self.inner.$field as &dyn $crate::convert::ToPy)),*])
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let fields = vec![$((
                    stringify!($field),
                    match $crate::record::Cached::short_repr(self, stringify!($field)) {
                        Some(r) => r,
                        None => self.field(py, stringify!($field), &self.inner.$field)?.repr()?.to_cow()?.into_owned(),
                    },
                )),*];
                Ok($crate::convert::record_repr(stringify!($name), &fields))
            }

            fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
                self.inner == other.inner
            }

            /// Pickles through the record's JSON (exact numbers).
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let json = serde_json::to_string(&slf.get().inner).map_err($crate::convert::json_error)?;
                Ok((slf.get_type().getattr("_from_json")?, (json,)))
            }

            /// Rebuilds a record from its JSON (the inverse of pickling).
            #[classmethod]
            fn _from_json(_cls: &Bound<'_, pyo3::types::PyType>, json: &str) -> PyResult<Self> {
                let inner: $rust = serde_json::from_str(json).map_err($crate::convert::json_error)?;
                Ok(Self::wrap(inner))
            }
        }

        impl $crate::convert::ToPy for $rust {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(Bound::new(py, $name::wrap(self.clone()))?.into_any())
            }

            fn to_plain<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok($crate::convert::plain_dict(py, &[$((stringify!($field), &self.$field as &dyn $crate::convert::ToPy)),*])?.into_any())
            }
        }
    };
}
