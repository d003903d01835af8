"""pyarrow and pandas are optional: the core imports and works without
them, and to_arrow says what to install."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_core_does_not_import_pyarrow():
    r = run(
        "import sys, zhclaims\n"
        "doc = zhclaims.Extractor().extract('新增床位1000张。')\n"
        "assert doc.claims[0].to_dict()['text'] == '1000张'\n"
        "assert 'pyarrow' not in sys.modules and 'pandas' not in sys.modules, sorted(sys.modules)\n"
    )
    assert r.returncode == 0, r.stderr


def test_to_arrow_without_pyarrow_says_what_to_install():
    r = run(
        "import sys\n"
        "sys.modules['pyarrow'] = None  # as if it were not installed\n"
        "import zhclaims\n"
        "try:\n"
        "    zhclaims.to_arrow([])\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    assert r.returncode == 0, r.stderr
    assert "pip install 'zhclaims[arrow]'" in r.stdout
