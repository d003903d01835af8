"""Numeric claims from Chinese government press releases, as structured records.

Give it a press release, Simplified or Traditional, clean or scraped off a
web page, and every number that states how much or how many of something
there is comes back as a ``Claim``: the exact value (``22.86億元`` →
``Decimal('2286000000')``), its unit, qualifier, subject, the year it is
reported for, and the span of the original text it came from.

>>> import zhclaims
>>> ex = zhclaims.Extractor()
>>> doc = ex.extract("市二院阳湖院区二期正式启用,新增床位1000张。")
>>> c = doc.claims[0]
>>> c.text, c.value, c.unit, c.subject
('1000张', Decimal('1000'), '张', '床位')

- ``Extractor(reporting_year=None, units=None)`` with ``extract(text)``,
  ``extract_many(texts, threads=None)`` (all cores, GIL released) and
  ``extract_bytes(data, encoding="auto")`` (``DecodeError`` on bad bytes);
- ``Document`` (``claims`` and the document facts) and ``Claim`` (the fields
  of the Rust ``Claim``, ``value`` a ``decimal.Decimal``), both with
  ``to_dict()``;
- ``to_arrow(documents)`` / ``to_pandas(documents)``: one row per claim
  (needs ``pyarrow``: ``pip install 'zhclaims[arrow]'``);
- ``zhclaims.spark.extract_claims(df)``: the same as a Spark stage.

This package is a thin layer over the Rust crate ``zhclaims``: the claims
are exactly those of the Rust library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, List, Tuple

try:
    from . import _zhclaims as _native
except ImportError as e:  # pragma: no cover - depends on how it was installed
    raise ImportError(
        f"zhclaims: the native module zhclaims._zhclaims cannot be loaded from "
        f"{__file__}: install the zhclaims wheel in this Python (a zip on "
        f"sys.path, e.g. Spark's --py-files, cannot hold a native module; "
        f"a source checkout needs `maturin develop`)"
    ) from e
from ._errors import DecodeError
from ._zhclaims import (
    Claim,
    Document,
    Extractor,
    Heading,
    PublicationDate,
    Span,
    __version__,
    decode,
)

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = [
    "Claim",
    "DecodeError",
    "Document",
    "Extractor",
    "Heading",
    "PublicationDate",
    "Span",
    "__version__",
    "arrow_schema",
    "decode",
    "to_arrow",
    "to_pandas",
]


def _pyarrow():
    try:
        import pyarrow
    except ImportError as e:
        raise ImportError(
            "zhclaims.to_arrow needs pyarrow: pip install 'zhclaims[arrow]'"
        ) from e
    return pyarrow


def _arrow_type(pa, kind: str):
    return {
        "int64": pa.int64,
        "int32": pa.int32,
        "string": pa.string,
        "decimal": lambda: pa.decimal128(38, 10),
    }[kind]()


def arrow_schema() -> "pyarrow.Schema":
    """The schema of ``to_arrow``'s table (also for zero claims)."""
    pa = _pyarrow()
    return pa.schema(
        [
            pa.field(name, _arrow_type(pa, kind), nullable=nullable)
            for name, kind, nullable in _native.claim_schema()
        ]
    )


def _claim_arrays(documents: Iterable[Document]) -> Tuple[List[str], list]:
    pa = _pyarrow()
    names, arrays = [], []
    # The native module builds the Arrow buffers; pyarrow wraps them.
    for name, kind, _nullable, length, nulls, validity, data in _native.claim_columns(documents):
        buffers = [None if validity is None else pa.py_buffer(validity)]
        buffers += [pa.py_buffer(b) for b in data]
        names.append(name)
        arrays.append(pa.Array.from_buffers(_arrow_type(pa, kind), length, buffers, null_count=nulls))
    return names, arrays


def to_arrow(documents: Iterable[Document]) -> "pyarrow.Table":
    """The claims of ``documents`` as a ``pyarrow.Table``, one row per claim,
    in document order then claim order.

    Columns: ``document`` (index of the document in ``documents``),
    ``claim`` (index of the claim in its document), then the fields of
    ``Claim``: ``start``, ``end``, ``text``, ``value``, ``value_str``,
    ``value_max``, ``value_max_str``, ``unit``, ``unit_kind``,
    ``qualifier``, ``subject``, ``year``, ``year_source``,
    ``sentence_start``, ``sentence_end``.

    ``value`` and ``value_max`` are ``decimal128(38, 10)``, exact, and null
    when the value does not fit that type exactly (more than 28 digits
    before the point or more than 10 after it); ``value_str`` and
    ``value_max_str`` always hold the exact decimal string. Nothing is
    rounded.

    >>> import zhclaims
    >>> docs = zhclaims.Extractor().extract_many(["新增床位1000张。", "投资22.86亿元。"])
    >>> t = zhclaims.to_arrow(docs)
    >>> t.column("document").to_pylist(), t.column("value_str").to_pylist()
    ([0, 1], ['1000', '2286000000'])
    """
    pa = _pyarrow()
    names, arrays = _claim_arrays(documents)
    return pa.Table.from_arrays(arrays, schema=arrow_schema())


def to_pandas(documents: Iterable[Document]) -> "pandas.DataFrame":
    """``to_arrow(documents).to_pandas()`` (needs pyarrow and pandas);
    ``value`` and ``value_max`` are ``decimal.Decimal`` objects."""
    return to_arrow(documents).to_pandas()
