"""The Python package gives the Rust library's claims and facts, field by
field, in the same order, with exact values: on the 5 fixtures and on the
33 corpus texts (skipped, visibly, when ../shared/corpus is absent)."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest

import zhclaims
from conftest import corpus_paths, fixture_paths, read_text

PATHS = fixture_paths() + corpus_paths()


def test_fixtures_present():
    assert len(fixture_paths()) == 5


def test_corpus_present_or_skipped_visibly():
    if not corpus_paths():
        pytest.skip("SKIPPED: ../shared/corpus is absent; the corpus comparisons do not run")
    assert len(corpus_paths()) == 33


def assert_exact_values(doc: dict) -> None:
    for c in doc["claims"]:
        assert type(c["value"]) is Decimal
        assert c["value_max"] is None or type(c["value_max"]) is Decimal


@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_extract_equals_rust(path, extractor, rust_docs):
    ours = extractor.extract(read_text(path)).to_dict()
    assert_exact_values(ours)
    want = rust_docs[path.name]
    assert [c["text"] for c in ours["claims"]] == [c["text"] for c in want["claims"]]
    for i, (a, b) in enumerate(zip(ours["claims"], want["claims"])):
        assert a == b, f"claim {i}"
        # Decimal == int is numeric equality; the exact digits must agree too.
        assert str(a["value"]) == str(b["value"]), f"claim {i}"
    assert ours == want


def test_extract_many_equals_extract_and_rust(extractor, rust_docs):
    texts = [read_text(p) for p in PATHS]
    for threads in (None, 1, 2, 3):
        docs = extractor.extract_many(texts, threads=threads)
        assert [d.to_dict() for d in docs] == [rust_docs[p.name] for p in PATHS], threads


def test_extract_bytes_equals_rust(extractor, rust_docs):
    for p in PATHS:
        assert extractor.extract_bytes(p.read_bytes()).to_dict() == rust_docs[p.name], p.name


def test_claim_text_is_the_span_of_the_input(extractor):
    for p in PATHS:
        raw = p.read_bytes()
        for c in extractor.extract(read_text(p)).claims:
            assert raw[c.start : c.end].decode("utf-8") == c.text
            assert c.sentence.start <= c.start < c.end <= c.sentence.end


def test_extract_json_is_the_rust_json(extractor, rust_docs):
    """The JSON the binding exposes is the Rust serde JSON, key for key."""
    for p in fixture_paths():
        ours = extractor.extract_json(read_text(p))
        assert zhclaims_json(ours) == rust_docs[p.name]


def zhclaims_json(s: str) -> dict:
    from conftest import parse_rust

    return parse_rust(s)


def test_every_unit_kind_and_qualifier_is_a_name(extractor):
    kinds, quals = set(), set()
    for p in PATHS:
        for c in extractor.extract(read_text(p)).claims:
            kinds.add(c.unit_kind)
            quals.add(c.qualifier)
    assert all(isinstance(k, str) for k in kinds)
    assert {"count", "money", "percent"} <= kinds
    assert None in quals and "more_than" in quals


def test_the_installed_wheel_is_tested():
    """ci.sh sets ZHCLAIMS_TEST_INSTALLED: the package must come from the venv."""
    if not os.environ.get("ZHCLAIMS_TEST_INSTALLED"):
        pytest.skip("SKIPPED: not a test of an installed wheel (ZHCLAIMS_TEST_INSTALLED unset)")
    assert "site-packages" in zhclaims.__file__
    assert "site-packages" in zhclaims._native.__file__


def test_module_surface():
    assert isinstance(zhclaims.__version__, str)
    for name in zhclaims.__all__:
        assert hasattr(zhclaims, name), name
