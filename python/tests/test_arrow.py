"""Tabular output: one row per claim, exact decimals, a valid Arrow table."""

from __future__ import annotations

from decimal import Decimal

import pytest

import zhclaims
from conftest import fixture_paths, read_text

pa = pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def docs(extractor):
    return extractor.extract_many([read_text(p) for p in fixture_paths()])


def test_one_row_per_claim_in_order(docs):
    t = zhclaims.to_arrow(docs)
    t.validate(full=True)
    assert t.num_rows == sum(len(d.claims) for d in docs)
    assert t.schema == zhclaims.arrow_schema()
    rows = t.to_pylist()
    i = 0
    for di, d in enumerate(docs):
        for ci, c in enumerate(d.claims):
            r = rows[i]
            assert (r["document"], r["claim"]) == (di, ci)
            cd = c.to_dict()
            for k in ("start", "end", "text", "unit", "unit_kind", "qualifier", "subject", "year", "year_source"):
                assert r[k] == cd[k], k
            assert (r["sentence_start"], r["sentence_end"]) == (c.sentence.start, c.sentence.end)
            assert r["value_str"] == str(c.value)
            assert r["value"] == c.value  # exact: decimal128(38, 10)
            assert (r["value_max_str"] is None) == (c.value_max is None)
            if c.value_max is not None:
                assert Decimal(r["value_max_str"]) == c.value_max == r["value_max"]
            i += 1


def test_columns_follow_the_claim_fields():
    names = zhclaims.arrow_schema().names
    expected = ["document", "claim"]
    for f in zhclaims.Claim._fields:
        if f in ("value", "value_max"):
            expected += [f, f + "_str"]
        elif f == "sentence":
            expected += ["sentence_start", "sentence_end"]
        else:
            expected.append(f)
    assert names == expected


def test_empty_input_keeps_the_schema(extractor):
    for docs in ([], [extractor.extract("")], [extractor.extract("没有数字。")]):
        t = zhclaims.to_arrow(docs)
        assert t.num_rows == 0
        assert t.schema == zhclaims.arrow_schema()


def test_document_index_skips_documents_without_claims(extractor):
    docs = extractor.extract_many(["没有数字。", "新增床位1000张。", "", "投资22.86亿元,增长6.2%。"])
    t = zhclaims.to_arrow(docs)
    assert t.column("document").to_pylist() == [1, 3, 3]
    assert t.column("claim").to_pylist() == [0, 0, 1]
    assert t.column("value_str").to_pylist() == ["1000", "2286000000", "6.2"]


@pytest.mark.parametrize(
    "value,fits",
    [
        ("0", True),
        ("2286000000", True),
        ("0.0000000001", True),  # 10 decimals
        ("0.00000000001", False),  # 11 decimals: would round
        ("1.50000000000000", True),  # trailing zeros do not count
        ("9999999999999999999999999999", True),  # 28 digits + 10 decimals = 38
        ("999999999999999999.9999999999", True),  # 28 digits, the most a Rust Decimal holds
        ("10000000000000000000000000000", False),  # 29 digits before the point
        ("79228162514264337593543950335", False),  # the largest Rust Decimal
        ("-12345.6789", True),
        ("0.3333333333333333333333333333", False),  # 三分之一 as the library holds it
    ],
)
def test_decimal_rule(value, fits):
    assert zhclaims._native._fits_decimal_38_10(value) is fits
    if fits:
        # pyarrow agrees that the value is exact in decimal128(38, 10).
        arr = pa.array([Decimal(value)], type=pa.decimal128(38, 10))
        assert arr[0].as_py() == Decimal(value)
    else:
        with pytest.raises(pa.ArrowInvalid):
            pa.array([Decimal(value)], type=pa.decimal128(38, 10))


def test_decimal_rule_refuses_what_rust_cannot_hold_exactly():
    with pytest.raises(ValueError):
        zhclaims._native._fits_decimal_38_10("9999999999999999999999999999.0000000001")


def test_values_that_do_not_fit_are_null_with_the_exact_string(extractor):
    texts = ["比例为0.123456789012345%。", "共700000000000000000000亿元,另有9999亿亿元。"]
    docs = extractor.extract_many(texts)
    t = zhclaims.to_arrow(docs)
    claims = [c for d in docs for c in d.claims]
    assert [str(c.value) for c in claims] == [
        "0.123456789012345",  # 15 decimals
        "70000000000000000000000000000",  # 29 digits
        "99990000000000000000",  # fits
    ]
    assert t.column("value_str").to_pylist() == [str(c.value) for c in claims]
    assert t.column("value").to_pylist() == [None, None, claims[2].value]


def test_to_pandas(docs):
    pd = pytest.importorskip("pandas")
    df = zhclaims.to_pandas(docs)
    assert isinstance(df, pd.DataFrame)
    assert len(df) == sum(len(d.claims) for d in docs)
    assert list(df.columns) == zhclaims.arrow_schema().names
    first = docs[0].claims[0]
    assert df.loc[0, "value"] == first.value and isinstance(df.loc[0, "value"], Decimal)


def test_not_documents_is_a_type_error():
    with pytest.raises(TypeError, match=r"documents\[1\]"):
        zhclaims.to_arrow([zhclaims.Extractor().extract(""), "text"])
