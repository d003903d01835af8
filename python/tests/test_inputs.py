"""Empty, odd and huge inputs; options; pickling."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest

import zhclaims
from conftest import fixture_paths, read_text


@pytest.fixture(scope="module")
def ex():
    return zhclaims.Extractor()


@pytest.mark.parametrize("text", ["", " ", "\n\n", "没有数字。", "\x00\x01", "<html></html>", "🙂" * 1000])
def test_inputs_without_claims(ex, text):
    doc = ex.extract(text)
    assert doc.claims == []
    assert doc.to_dict()["claims"] == []


def test_empty_batches(ex):
    assert ex.extract_many([]) == []
    assert ex.extract_many(iter(())) == []
    assert [d.claims for d in ex.extract_many(["", ""])] == [[], []]


def test_huge_input_is_linear_in_claims(ex):
    """About 10 MB in one text: every copy gives its claims, at its offset."""
    all_text = "\n\n".join(read_text(p) for p in fixture_paths())
    one = ex.extract(all_text).claims
    reps = (10 << 20) // len(all_text.encode("utf-8")) + 1
    big = "\n\n".join([all_text] * reps)
    claims = ex.extract(big).claims
    assert len(claims) == len(one) * reps
    stride = len(all_text.encode("utf-8")) + 2
    last = claims[-len(one) :]
    assert [(c.start - (reps - 1) * stride, c.text, c.value) for c in last] == [
        (c.start, c.text, c.value) for c in one
    ]


def test_huge_batch(ex):
    texts = [read_text(p) for p in fixture_paths()] * 200
    docs = ex.extract_many(texts)
    assert len(docs) == len(texts)
    one = [d.to_dict() for d in ex.extract_many(texts[:5])]
    for i in (0, 1, 501, 999):
        assert docs[i].to_dict() == one[i % 5]


def test_extract_many_takes_any_iterable(ex):
    texts = ["新增床位1000张。", "投资22.86亿元。"]
    want = [d.to_dict() for d in ex.extract_many(texts)]
    assert [d.to_dict() for d in ex.extract_many(tuple(texts))] == want
    assert [d.to_dict() for d in ex.extract_many(t for t in texts)] == want


def test_values_are_exact(ex):
    doc = ex.extract("计划投资22.86亿元,人均103.1元/月,增长百分之三点五,共11.8万名。")
    values = [c.value for c in doc.claims]
    assert values == [Decimal("2286000000"), Decimal("103.1"), Decimal("3.5"), Decimal("118000")]
    assert [str(v) for v in values] == ["2286000000", "103.1", "3.5", "118000"]
    r = ex.extract("疗程4-12周。").claims[0]
    assert (r.value, r.value_max) == (Decimal("4"), Decimal("12"))


def test_offsets_are_utf8_bytes(ex):
    text = "全區居民人均可支配收入32688.5元。"
    c = ex.extract(text).claims[0]
    assert text.encode("utf-8")[c.start : c.end].decode("utf-8") == c.text == "32688.5元"
    assert text[c.start : c.end] != c.text  # str indices are characters, not bytes


def test_options():
    text = "全市新增床位1000张。"
    assert zhclaims.Extractor().extract(text).claims[0].year is None
    ex = zhclaims.Extractor(reporting_year=2021)
    assert ex.reporting_year == 2021
    doc = ex.extract(text)
    assert (doc.reporting_year, doc.reporting_source) == (2021, "given")
    assert doc.claims[0].year == 2021
    units = zhclaims.Extractor(units="标准箱\t标箱\tcount\n")
    c = units.extract("集装箱吞吐量120万标准箱。").claims[0]
    assert (c.unit, c.unit_kind, c.value) == ("标箱", "count", Decimal("1200000"))


def test_pickling(ex):
    doc = ex.extract(read_text(fixture_paths()[0]))
    back = pickle.loads(pickle.dumps(doc))
    assert back == doc and back.to_dict() == doc.to_dict()
    c = doc.claims[3]
    assert pickle.loads(pickle.dumps(c)) == c
    e2 = pickle.loads(pickle.dumps(zhclaims.Extractor(reporting_year=2020, units=[("标准箱", "标箱", "count")])))
    assert e2.reporting_year == 2020
    assert e2.extract("集装箱吞吐量120万标准箱。").claims[0].unit == "标箱"


def test_records_compare_and_print(ex):
    a = ex.extract("新增床位1000张。")
    b = ex.extract("新增床位1000张。")
    assert a == b and a.claims[0] == b.claims[0]
    assert a != ex.extract("新增床位1001张。")
    assert a.claims is a.claims  # built once per document
    assert repr(a).startswith("Document(claims=<1 claims>")
    assert "value=Decimal('1000')" in repr(a.claims[0])
    assert a.claims[0] != "not a claim"
