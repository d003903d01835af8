"""extract_many from Python against the Rust library, on the fixtures.

    cargo build --release -p zhclaims-python-reference --bin zhclaims-throughput
    python python/bench/throughput.py [--copies 8] [--rounds 10] [--alternations 5] [--threads 0]

Runs the Rust `zhclaims-throughput` binary and the same calls from Python,
alternating (this machine's speed drifts with its neighbours), on a batch
of `copies` copies of the 5 fixtures:
- `extract_many(batch)` (all cores; `--threads 1`: one core, one document
  after the other) in Rust and from Python (which also builds the Python
  `Document` objects);
- the same plus `to_arrow` (Python only);
- `extract` of one short sentence, many times: the per-call overhead is the
  Python time minus the Rust time.
Prints medians and the Python/Rust throughput ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import time
from pathlib import Path

import zhclaims

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / "target" / "release" / "zhclaims-throughput"
SHORT = "新增床位1000张。"


def python_side(ex, batch, rounds, threads):
    many, arrow = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        docs = ex.extract_many(batch, threads=threads)
        many.append(time.perf_counter() - t)
        t = time.perf_counter()
        zhclaims.to_arrow(docs)
        arrow.append(many[-1] + time.perf_counter() - t)
    calls = 20_000
    t = time.perf_counter()
    for _ in range(calls):
        ex.extract(SHORT)
    short_us = (time.perf_counter() - t) * 1e6 / calls
    return many, arrow, short_us


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--alternations", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, choices=(0, 1), help="0: all cores")
    args = ap.parse_args()
    files = sorted((ROOT / "fixtures" / "press").glob("*.txt"))
    texts = [f.read_bytes().decode("utf-8") for f in files]
    batch = texts * args.copies
    size = sum(len(t.encode("utf-8")) for t in batch)
    ex = zhclaims.Extractor()
    threads = args.threads or None
    ex.extract_many(batch, threads=threads)  # warm up

    rust, rust_short, py, py_arrow, py_short = [], [], [], [], []
    for _ in range(args.alternations):
        out = subprocess.run(
            [str(BIN), str(args.copies), str(args.rounds), str(args.threads), *map(str, files)],
            check=True, capture_output=True, text=True,
        ).stdout
        r = json.loads(out)
        assert r["bytes"] == size
        rust.append(statistics.median(r["seconds"]))
        rust_short.append(r["short_extract_us"])
        many, arrow, short_us = python_side(ex, batch, args.rounds, threads)
        py.append(statistics.median(many))
        py_arrow.append(statistics.median(arrow))
        py_short.append(short_us)

    mbs = lambda s: size / 1e6 / s  # noqa: E731
    med = statistics.median
    cores = "all cores" if threads is None else "one thread"
    print(f"batch: {len(batch)} documents, {size / 1e6:.3f} MB, {cores}; medians of {args.alternations} alternations of {args.rounds} rounds")
    print(f"Rust   extract_many           {mbs(med(rust)):6.2f} MB/s  (alternations: {', '.join(f'{mbs(s):.1f}' for s in rust)})")
    print(f"Python extract_many           {mbs(med(py)):6.2f} MB/s  (alternations: {', '.join(f'{mbs(s):.1f}' for s in py)})")
    print(f"Python extract_many + to_arrow {mbs(med(py_arrow)):5.2f} MB/s")
    print(f"ratio Python/Rust: {med(rust) / med(py):.3f} (per alternation: {', '.join(f'{r / p:.3f}' for r, p in zip(rust, py))})")
    print(f"one short extract: Rust {med(rust_short):.2f} us, Python {med(py_short):.2f} us, "
          f"overhead {med(py_short) - med(rust_short):.2f} us per call")


if __name__ == "__main__":
    main()
