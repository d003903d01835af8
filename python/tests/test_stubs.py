"""The type stubs describe the native module as it is: every class of the
stub has exactly the public attributes of the native class, every function
exists, and the stub is valid Python."""

from __future__ import annotations

import ast
from pathlib import Path

import zhclaims
from zhclaims import _native

STUB = Path(zhclaims.__file__).with_name("_zhclaims.pyi")


def stub_classes():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    classes, functions = {}, []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names = set()
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    names.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    names.add(item.target.id)
            classes[node.name] = names
        elif isinstance(node, ast.FunctionDef):
            functions.append(node.name)
    return classes, functions


def public(cls) -> set:
    names = {n for n in vars(cls) if not n.startswith("__") and n not in ("_from_json", "_extract_holding_gil")}
    if "__init__" in STUB.read_text() and cls is zhclaims.Extractor:
        names.add("__init__")
    return names


def test_every_native_class_is_in_the_stub():
    classes, functions = stub_classes()
    native = {n for n in dir(_native) if isinstance(getattr(_native, n), type)}
    assert set(classes) == native
    for name, names in classes.items():
        assert names == public(getattr(_native, name)), name
    public_functions = {n for n in dir(_native) if callable(getattr(_native, n)) and not isinstance(getattr(_native, n), type) and not n.startswith("_")}
    assert set(functions) == public_functions


def test_stub_fields_are_in_field_order():
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and hasattr(getattr(_native, node.name), "_fields"):
            props = [i.name for i in node.body if isinstance(i, ast.FunctionDef) and i.decorator_list]
            assert tuple(props) == getattr(_native, node.name)._fields, node.name
