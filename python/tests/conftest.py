"""Shared test data: the fixtures, the 33 corpus texts, and the Rust output.

The Rust output comes from the `zhclaims-reference` binary of this crate
(`reference/src/bin/reference.rs`, a plain Rust program): one JSON object per file.
`ci.sh` builds it; when it is not built, the tests build it with cargo
(release), and skip, saying so, when cargo is not there either.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Dict, List

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[1]
ROOT = PYTHON_DIR.parent
FIXTURES = ROOT / "fixtures" / "press"
CORPUS = ROOT.parent / "shared" / "corpus"
REFERENCE_BIN = ROOT / "target" / "release" / "zhclaims-reference"


def fixture_paths() -> List[Path]:
    return sorted(FIXTURES.glob("*.txt"))


def corpus_paths() -> List[Path]:
    return sorted(CORPUS.glob("*.txt"))


def read_text(path: Path) -> str:
    """The file's exact text (no newline translation: offsets are bytes of the file)."""
    return path.read_bytes().decode("utf-8")


def all_paths() -> List[Path]:
    return fixture_paths() + corpus_paths()


def corpus_or_skip() -> List[Path]:
    paths = corpus_paths()
    if not paths:
        pytest.skip(f"SKIPPED: corpus texts absent ({CORPUS} has no *.txt)")
    return paths


def rust_json(paths: List[Path]) -> List[str]:
    """The Rust library's JSON of each file, one string per path."""
    binary = os.environ.get("ZHCLAIMS_REFERENCE_BIN") or str(REFERENCE_BIN)
    if not Path(binary).exists():
        cargo = shutil.which("cargo")
        if cargo is None:
            pytest.skip("SKIPPED: no zhclaims-reference binary and no cargo to build it")
        subprocess.run(
            [cargo, "build", "--release", "-p", "zhclaims-python-reference", "--bin", "zhclaims-reference"],
            cwd=ROOT,
            check=True,
        )
        binary = str(REFERENCE_BIN)
    out = subprocess.run(
        [binary, *map(str, paths)], check=True, capture_output=True, text=True, encoding="utf-8"
    ).stdout
    lines = out.splitlines()
    assert len(lines) == len(paths), "one JSON document per file"
    return lines


def parse_rust(line: str) -> Dict:
    """A Rust JSON document with exact numbers (decimals as Decimal, never float)."""
    return json.loads(line, parse_float=Decimal)


_cache: Dict[str, Dict] = {}


@pytest.fixture(scope="session")
def rust_docs() -> Dict[str, Dict]:
    """File name → the Rust document (parsed), for fixtures and corpus."""
    if not _cache:
        paths = all_paths()
        for p, line in zip(paths, rust_json(paths)):
            _cache[p.name] = parse_rust(line)
    return _cache


@pytest.fixture(scope="session")
def extractor():
    import zhclaims

    return zhclaims.Extractor()
