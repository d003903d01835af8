"""The Spark stage, for real: PySpark in local[2] mode (needs Java).

The example (examples/spark_claims.py) runs as a program on the 5 fixtures
and the 33 corpus texts; its Parquet output must hold the Rust library's
claims, every field, in the same order, for every document.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import zhclaims
from conftest import CORPUS, FIXTURES, PYTHON_DIR, all_paths, corpus_paths, read_text

pa = pytest.importorskip("pyarrow")
pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("SKIPPED: no Java for Spark", allow_module_level=True)

import pyarrow.parquet as pq  # noqa: E402

EXAMPLE = PYTHON_DIR / "examples" / "spark_claims.py"


def expected_rows(rust_doc: dict) -> list:
    """The rows the claim table holds for a Rust document (JSON), by the
    rules of the table: decimals as decimal128(38, 10) when exact, else null,
    plus their exact string; nested records flattened."""
    decimals = {f.name for f in zhclaims.arrow_schema() if pa.types.is_decimal(f.type)}
    rows = []
    for i, claim in enumerate(rust_doc["claims"]):
        row = {"claim": i}
        for k, v in claim.items():
            if k in decimals:
                exact = None if v is None else str(Decimal(str(v)))
                fits = exact is not None and zhclaims._native._fits_decimal_38_10(exact)
                row[k] = Decimal(exact) if fits else None
                row[f"{k}_str"] = exact
            elif isinstance(v, dict):
                for kk, vv in v.items():
                    row[f"{k}_{kk}"] = vv
            else:
                row[k] = v
        rows.append(row)
    return rows


def test_example_output_equals_rust(tmp_path, rust_docs):
    out = tmp_path / "claims.parquet"
    inputs = [str(FIXTURES)]
    if corpus_paths():
        inputs.append(str(CORPUS / "*.txt"))
    else:
        print("SKIPPED: corpus texts absent; the example runs on the fixtures only")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), "--out", str(out), *inputs],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    paths = all_paths()
    total = sum(len(rust_docs[p.name]["claims"]) for p in paths)
    assert f"{len(paths)} documents" in run.stdout and f"{total} claims" in run.stdout, run.stdout
    assert "claims per unit kind:" in run.stdout

    table = pq.read_table(out)
    assert table.schema.field("value").type == pa.decimal128(38, 10)
    rows = sorted(table.to_pylist(), key=lambda r: (r["path"], r["claim"]))
    by_file: dict = {}
    for r in rows:
        by_file.setdefault(Path(r.pop("path").replace("file://", "")).name, []).append(r)
    assert set(by_file) == {p.name for p in paths if rust_docs[p.name]["claims"]}
    for p in paths:
        want = expected_rows(rust_docs[p.name])
        got = by_file.get(p.name, [])
        assert len(got) == len(want), p.name
        for g, w in zip(got, want):
            assert g == w, (p.name, w["claim"])


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("zhclaims-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_in_process_equals_to_arrow(spark, extractor):
    from zhclaims.spark import extract_claims

    texts = [read_text(p) for p in all_paths()[:8]]
    df = spark.createDataFrame([(f"doc{i}", t) for i, t in enumerate(texts)], "name string, text string")
    got = extract_claims(df, id_col="name").orderBy("name", "claim").toArrow()
    docs = extractor.extract_many(texts)
    want = zhclaims.to_arrow(docs)
    names = [f"doc{i}" for i in want.column("document").to_pylist()]
    got_rows = sorted(got.to_pylist(), key=lambda r: (int(r["name"][3:]), r["claim"]))
    want_rows = want.to_pylist()
    assert len(got_rows) == len(want_rows) > 0
    for g, w, n in zip(got_rows, want_rows, names):
        assert g.pop("name") == n
        w.pop("document")
        assert g == w


def test_without_id_and_with_nulls(spark):
    from pyspark.sql import types as T

    from zhclaims.spark import extract_claims

    df = spark.createDataFrame(
        [("新增床位1000张。",), (None,), ("",), ("投资22.86亿元,增长6.2%。",)], "text string"
    )
    out = extract_claims(df)
    assert out.schema["document_id"].dataType == T.LongType()
    assert out.schema["value"].dataType == T.DecimalType(38, 10)
    rows = out.collect()
    assert sorted(r["value_str"] for r in rows) == ["1000", "2286000000", "6.2"]
    assert len({r["document_id"] for r in rows}) == 2


def test_binary_column_decodes(spark, tmp_path, extractor):
    from zhclaims.spark import extract_claims

    gbk = "全市新增床位1000张,投资22.86亿元。"
    big5 = "全區居民人均可支配收入32688.5元,同比增長6.2%。"
    (tmp_path / "gbk.txt").write_bytes(gbk.encode("gbk"))
    (tmp_path / "big5.txt").write_bytes(big5.encode("big5"))
    files = spark.read.format("binaryFile").load(str(tmp_path))
    rows = extract_claims(files, text_col="content", id_col="path").collect()
    got = sorted((Path(r["path"]).name, r["claim"], r["text"], r["value_str"]) for r in rows)
    want = sorted(
        [("gbk.txt", i, c.text, str(c.value)) for i, c in enumerate(extractor.extract(gbk).claims)]
        + [("big5.txt", i, c.text, str(c.value)) for i, c in enumerate(extractor.extract(big5).claims)]
    )
    assert got == want and len(got) == 4


def test_bad_bytes_fail_the_job_naming_the_document(spark, tmp_path):
    from zhclaims.spark import extract_claims

    (tmp_path / "bad.txt").write_bytes(b"\xe6\x96\xb0\xff1000\xe5\xbc\xa0")
    files = spark.read.format("binaryFile").load(str(tmp_path))
    with pytest.raises(Exception) as info:
        extract_claims(files, text_col="content", id_col="path", encoding="utf-8").collect()
    message = str(info.value)
    assert "DecodeError" in message and "bad.txt" in message and "byte 3" in message


def test_options_reach_the_executors(spark):
    from zhclaims.spark import extract_claims

    df = spark.createDataFrame([("集装箱吞吐量120万标准箱。",)], "text string")
    row = extract_claims(df, reporting_year=2021, units=[("标准箱", "标箱", "count")]).first()
    assert (row["unit"], row["year"], row["value_str"]) == ("标箱", 2021, "1200000")


def test_driver_side_errors(spark):
    from zhclaims.spark import extract_claims

    df = spark.createDataFrame([(1, "x", 2)], "n int, text string, value int")
    with pytest.raises(ValueError, match="no column"):
        extract_claims(df, text_col="body")
    with pytest.raises(TypeError, match="not string or binary"):
        extract_claims(df, text_col="n")
    with pytest.raises(ValueError, match="claim column"):
        extract_claims(df, id_col="value")
    with pytest.raises(ValueError, match="differ"):
        extract_claims(df, id_col="text")
    with pytest.raises(ValueError, match="units line 1"):
        extract_claims(df, units="bad")
    with pytest.raises(TypeError, match=r"units\[0\]"):
        extract_claims(df, units=[("a", "b")])
    with pytest.raises(ValueError, match="threads"):
        extract_claims(df, threads=0)
