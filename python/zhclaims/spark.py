"""zhclaims as a Spark stage: one row per claim, extracted on the executors.

>>> from zhclaims.spark import extract_claims            # doctest: +SKIP
>>> texts = spark.read.text("press/", wholetext=True)     # doctest: +SKIP
>>> claims = extract_claims(texts, text_col="value")      # doctest: +SKIP

``extract_claims`` runs through ``DataFrame.mapInArrow``: each Python worker
builds one ``zhclaims.Extractor`` (kept for the worker's life) and extracts
a whole Arrow batch of documents per call, with the GIL released. The
executors need the ``zhclaims`` wheel installed (a native module does not
travel with ``--py-files``; see the package README, "On a cluster").

Output columns: the document id (``id_col``, or ``document_id``), then
``claim`` (index of the claim in its document) and the columns of
``zhclaims.to_arrow`` (``start``, ``end``, ``text``, ``value``,
``value_str``, ``value_max``, ``value_max_str``, ``unit``, ``unit_kind``,
``qualifier``, ``subject``, ``year``, ``year_source``, ``sentence_start``,
``sentence_end``). ``value`` is ``DecimalType(38, 10)``: exact, and null when
the value does not fit that type exactly (more than 28 digits before the
point or more than 10 after it); ``value_str`` always holds the exact
decimal string. ``start``/``end`` are UTF-8 byte offsets into the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterator, Optional, Tuple

import zhclaims
from zhclaims import _native

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame
    from pyspark.sql.types import StructType

__all__ = ["extract_claims", "claim_schema"]

# One extractor per Python worker process and set of options.
_EXTRACTORS: Dict[Tuple[Optional[int], Optional[str]], zhclaims.Extractor] = {}


def _extractor(reporting_year: Optional[int], units: Optional[str]) -> zhclaims.Extractor:
    key = (reporting_year, units)
    ex = _EXTRACTORS.get(key)
    if ex is None:
        ex = _EXTRACTORS[key] = zhclaims.Extractor(reporting_year=reporting_year, units=units)
    return ex


def _spark_type(kind: str):
    from pyspark.sql import types as T

    return {
        "int64": T.LongType,
        "int32": T.IntegerType,
        "string": T.StringType,
        "decimal": lambda: T.DecimalType(38, 10),
    }[kind]()


def claim_schema(id_name: str = "document_id", id_type: Any = None) -> "StructType":
    """The Spark schema of ``extract_claims``' output: the id column
    (``id_type``, default ``LongType``), then ``claim`` and the claim
    columns."""
    from pyspark.sql import types as T

    fields = [T.StructField(id_name, id_type or T.LongType(), True)]
    for name, kind, nullable in _native.claim_schema():
        if name == "document":
            continue
        fields.append(T.StructField(name, _spark_type(kind), nullable))
    return T.StructType(fields)


def _units_tsv(units: Any) -> Optional[str]:
    """Units as TSV text (validated here, on the driver)."""
    if units is None:
        return None
    if not isinstance(units, str):
        units = list(units)
    # Raises TypeError or ValueError naming a bad entry, here on the driver.
    zhclaims.Extractor(units=units)
    if isinstance(units, str):
        return units
    return "".join(f"{s}\t{c}\t{k}\n" for s, c, k in units)


def extract_claims(
    df: "DataFrame",
    text_col: str = "text",
    id_col: Optional[str] = None,
    *,
    reporting_year: Optional[int] = None,
    units: Any = None,
    encoding: str = "auto",
    threads: int = 1,
) -> "DataFrame":
    """One row per claim of the documents in ``df[text_col]``.

    Args:
        df: a DataFrame with one document per row.
        text_col: the column with the text: a string column, or a binary
            column (e.g. ``spark.read.format("binaryFile")``'s ``content``)
            decoded in ``encoding`` as ``Extractor.extract_bytes`` does; bad
            bytes fail the job with ``zhclaims.DecodeError`` naming the
            document.
        id_col: the column that identifies a document, copied to every claim
            row with its type; None adds ``document_id`` from
            ``monotonically_increasing_id()`` (unique, not consecutive).
        reporting_year, units: as for ``zhclaims.Extractor``.
        encoding: the encoding of a binary ``text_col``.
        threads: extraction threads per Spark task (1: Spark runs one task
            per core already).

    A null text is a document with no claims. The rows of one document are
    in claim order (``claim``); Spark keeps no order across documents unless
    asked (``orderBy(id, "claim")``).
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in {df.columns}")
    text_type = df.schema[text_col].dataType
    if not isinstance(text_type, (T.StringType, T.BinaryType)):
        raise TypeError(f"column {text_col!r} is {text_type.simpleString()}, not string or binary")
    binary = isinstance(text_type, T.BinaryType)
    if binary:
        zhclaims.decode(b"", encoding)  # LookupError on an unknown name, here on the driver
    if threads < 1:
        raise ValueError("threads must be at least 1")
    units_tsv = _units_tsv(units)
    if id_col is None:
        id_name = "document_id"
        df = df.withColumn(id_name, F.monotonically_increasing_id())
        id_type = T.LongType()
    else:
        if id_col not in df.columns:
            raise ValueError(f"no column {id_col!r} in {df.columns}")
        if id_col == text_col:
            raise ValueError("id_col and text_col must differ")
        id_name, id_type = id_col, df.schema[id_col].dataType
    schema = claim_schema(id_name, id_type)
    if [f.name for f in schema.fields].count(id_name) > 1:
        raise ValueError(f"id column {id_name!r} has the name of a claim column")

    def extract_batches(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        return _extract_batches(batches, reporting_year, units_tsv, binary, encoding, threads)

    source = df.select(F.col(id_name), F.col(text_col))
    return source.mapInArrow(extract_batches, schema)


def _extract_batches(
    batches: Iterator["pyarrow.RecordBatch"],
    reporting_year: Optional[int],
    units: Optional[str],
    binary: bool,
    encoding: str,
    threads: int,
) -> Iterator["pyarrow.RecordBatch"]:
    """The executor side: batches of (id, text) to batches of claims."""
    import pyarrow as pa

    ex = _extractor(reporting_year, units)
    for batch in batches:
        ids, texts = batch.column(0), batch.column(1).to_pylist()
        if binary:
            docs = []
            for i, data in enumerate(texts):
                try:
                    docs.append(ex.extract_bytes(data or b"", encoding))
                except zhclaims.DecodeError as e:
                    raise zhclaims.DecodeError(
                        f"document {ids[i].as_py()!r}: {e}", e.encoding, e.offset
                    ) from e
        else:
            docs = ex.extract_many([t or "" for t in texts], threads=threads)
        names, arrays = zhclaims._claim_arrays(docs)
        document = arrays[names.index("document")]
        columns = [ids.take(document)] + [a for n, a in zip(names, arrays) if n != "document"]
        out_names = [batch.schema.field(0).name] + [n for n in names if n != "document"]
        yield pa.RecordBatch.from_arrays(columns, names=out_names)
