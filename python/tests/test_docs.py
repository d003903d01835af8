"""The examples in the docstrings run, and help() shows the API."""

from __future__ import annotations

import doctest
import pydoc

import pytest

import zhclaims
import zhclaims._errors

DOCUMENTED = [
    zhclaims,
    zhclaims.Extractor,
    zhclaims.Extractor.extract_many,
    zhclaims.Claim,
    zhclaims.Document,
    zhclaims.decode,
    zhclaims.DecodeError,
    zhclaims.to_arrow,
]


@pytest.mark.parametrize("obj", DOCUMENTED, ids=lambda o: getattr(o, "__qualname__", o.__name__))
def test_docstring_examples_run(obj):
    if obj is zhclaims.to_arrow:
        pytest.importorskip("pyarrow")
    finder = doctest.DocTestFinder(recurse=False)
    tests = finder.find(obj, name=getattr(obj, "__qualname__", obj.__name__), globs={})
    examples = sum(len(t.examples) for t in tests)
    assert examples > 0, "no example in the docstring"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for t in tests:
        runner.run(t)
    assert runner.failures == 0


def test_help_reads_well():
    text = pydoc.render_doc(zhclaims.Extractor, renderer=pydoc.plaintext)
    assert "Extractor(reporting_year=None, units=None)" in text
    for method in ("extract(self, /, text)", "extract_many(self, /, texts, threads=None)",
                   "extract_bytes(self, /, data, encoding='auto')"):
        assert method in text
    assert ">>> " in text
    claim = pydoc.render_doc(zhclaims.Claim, renderer=pydoc.plaintext)
    for field in zhclaims.Claim._fields:
        assert f"\n |  {field}\n |      " in claim, field  # every field has a docstring
    doc = pydoc.render_doc(zhclaims.Document, renderer=pydoc.plaintext)
    for field in zhclaims.Document._fields:
        assert f"\n |  {field}\n |      " in doc, field


def test_classes_say_they_are_zhclaims():
    for cls in (zhclaims.Extractor, zhclaims.Claim, zhclaims.Document, zhclaims.Span):
        assert cls.__module__ == "zhclaims"
