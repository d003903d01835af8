"""Each Python record has exactly the fields of its Rust struct, in the
order of the struct (the keys of its serde JSON), so a field the library
adds fails here until the binding lists it."""

from __future__ import annotations

import json

import zhclaims
from conftest import read_text, fixture_paths, corpus_paths

# A text with a title, a dateline, headings and claims, so that every
# record of the Rust JSON appears at least once.
RICH = """2023年民生实事项目完成情况
发布时间：2024-01-15
一、2023年工作回顾
全市新增床位1000张,投资22.86亿元。
（一）教育
新建学校4-12所,约占85%。
"""


def rust_objects(text: str) -> dict:
    ex = zhclaims.Extractor()
    return json.loads(ex.extract_json(text))


def docs_json():
    ex = zhclaims.Extractor()
    texts = [RICH] + [read_text(p) for p in fixture_paths() + corpus_paths()]
    return [json.loads(ex.extract_json(t)) for t in texts]


def test_document_fields():
    for d in docs_json():
        assert tuple(d) == zhclaims.Document._fields


def test_claim_and_span_fields():
    seen = 0
    for d in docs_json():
        for c in d["claims"]:
            assert tuple(c) == zhclaims.Claim._fields
            assert tuple(c["sentence"]) == zhclaims.Span._fields
            seen += 1
    assert seen > 100


def test_publication_date_and_heading_fields():
    dates = [d["published"] for d in docs_json() if d["published"]]
    headings = [h for d in docs_json() for h in d["outline"]]
    # Until the library fills these facts, there is nothing to compare;
    # the Rust struct's fields are still checked through serde below.
    for p in dates:
        assert tuple(p) == zhclaims.PublicationDate._fields
        assert tuple(p["span"]) == zhclaims.Span._fields
    for h in headings:
        assert tuple(h) == zhclaims.Heading._fields


def rust_keys(record) -> tuple:
    """The keys of the Rust serde JSON of the record's Rust value (pickling
    goes through it)."""
    _rebuild, (rust_json,) = record.__reduce__()
    return tuple(json.loads(rust_json))


def test_rust_serialisation_keys_are_the_python_fields():
    doc = zhclaims.Extractor().extract(RICH)
    assert doc.claims
    assert rust_keys(doc) == zhclaims.Document._fields
    for c in doc.claims:
        assert rust_keys(c) == zhclaims.Claim._fields
        assert rust_keys(c.sentence) == zhclaims.Span._fields
    # Facts the library may not fill for this text yet: built from JSON.
    pub = {"year": 2024, "month": 1, "day": 15, "source": "dateline", "span": {"start": 1, "end": 5}}
    p = zhclaims.PublicationDate._from_json(json.dumps(pub))
    assert rust_keys(p) == zhclaims.PublicationDate._fields
    assert p.to_dict() == pub
    h = {"text": "一、2023年工作回顾", "level": 1, "span": {"start": 0, "end": 3}, "year": 2023}
    h = zhclaims.Heading._from_json(json.dumps(h))
    assert rust_keys(h) == zhclaims.Heading._fields


def test_attributes_match_to_dict():
    doc = zhclaims.Extractor().extract(RICH)
    d = doc.to_dict()
    for name in zhclaims.Document._fields:
        assert hasattr(doc, name)
    for c, cd in zip(doc.claims, d["claims"]):
        for name in zhclaims.Claim._fields:
            v = getattr(c, name)
            if name == "sentence":
                assert v.to_dict() == cd[name]
            else:
                assert v == cd[name], name
