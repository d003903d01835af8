"""Extraction releases the GIL.

1. Python code in another thread keeps running while `extract` works (a
   count of loop turns; no timing threshold, so a loaded machine cannot
   fail it).
2. Two Python threads extracting at once finish two batches in less than
   1.5x the time of one batch (needs 2 cores: the best of a few runs, up
   to three tries; skipped, saying so, only when Rust's own threads show
   that the machine has no second free core at the time).

Both harnesses also run on `_extract_holding_gil` (extraction without
releasing the GIL, a test control) and must see the difference, so the
tests would fail if the GIL were held.
"""

from __future__ import annotations

import os
import sys
import threading
import time

import pytest

import zhclaims
from conftest import fixture_paths, read_text

two_cores = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2, reason="SKIPPED: the speed-up test needs 2 cores"
)


def turns_during(call) -> int:
    """How many loop turns a Python thread makes while `call()` runs."""
    count = [0]
    stop, started = threading.Event(), threading.Event()

    def spin():
        started.set()
        while not stop.is_set():
            count[0] += 1

    th = threading.Thread(target=spin)
    th.start()
    started.wait()
    before = count[0]
    call()
    during = count[0] - before
    stop.set()
    th.join()
    return during


def test_python_threads_run_during_extraction():
    ex = zhclaims.Extractor()
    big = "\n\n".join(read_text(p) for p in fixture_paths()) * 100  # about 0.4 s
    interval = sys.getswitchinterval()
    # Held, the spinning thread runs only until the call starts (at most a
    # switch interval or two): make that short. Released, it runs all through.
    sys.setswitchinterval(0.0005)
    try:
        released = min(turns_during(lambda: ex.extract(big)) for _ in range(2))
        held = max(turns_during(lambda: ex._extract_holding_gil(big)) for _ in range(2))
    finally:
        sys.setswitchinterval(interval)
    # Measured: released 1.3 M turns in 0.23 s; held 7 k to 70 k whatever
    # the length of the call.
    assert released > 10 * max(held, 10_000), (released, held)


def batch(target_seconds: float, ex) -> list:
    """Copies of the fixtures, about `target_seconds` of extraction."""
    texts = [read_text(p) for p in fixture_paths()]
    t = time.perf_counter()
    for text in texts:
        ex.extract(text)
    one = time.perf_counter() - t
    return texts * max(1, round(target_seconds / one))


def one_and_two(work, repeats: int = 3):
    """Best wall time of `work()` alone, and of two threads running it at once."""
    alone, pair = [], []
    for _ in range(repeats):
        t = time.perf_counter()
        work()
        alone.append(time.perf_counter() - t)
        threads = [threading.Thread(target=work) for _ in range(2)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        pair.append(time.perf_counter() - t)
    return min(alone), min(pair)


def ratio(work) -> float:
    alone, pair = one_and_two(work)
    return pair / alone


def capacity(ex, texts) -> float:
    """The machine's own two-thread ratio right now: two batches on two
    rayon threads (no Python involved) against one batch on one thread.
    About 1.0 with two free cores; near 2.0 when a neighbour holds one."""
    t = time.perf_counter()
    ex.extract_many(texts, threads=1)
    one = time.perf_counter() - t
    t = time.perf_counter()
    ex.extract_many(texts + texts, threads=2)
    return (time.perf_counter() - t) / one


def assert_two_threads_beat_one(ex, texts, work) -> None:
    """Two Python threads running `work` must do twice the work in less than
    1.5x the time of one, whenever the machine itself has a second free
    core (checked with Rust threads just before); up to three tries."""
    seen = []
    for _ in range(3):
        cap = min(capacity(ex, texts) for _ in range(2))
        r = ratio(work)
        seen.append((round(cap, 2), round(r, 2)))
        if cap < 1.4:
            if r < 1.5:
                return
        time.sleep(1)
    if all(cap >= 1.4 for cap, _ in seen):
        pytest.skip(f"SKIPPED: no second free core right now (Rust's own two-thread ratios {seen})")
    raise AssertionError(f"two Python threads took too long (capacity, ratio): {seen}")


@two_cores
def test_two_threads_beat_one():
    ex = zhclaims.Extractor()
    texts = batch(0.15, ex)
    # GIL released: about 1.0 on 2 idle cores; held: about 2.0.
    assert_two_threads_beat_one(ex, texts, lambda: ex.extract_many(texts, threads=1))


@two_cores
def test_extract_also_releases_the_gil():
    ex = zhclaims.Extractor()
    texts = batch(0.15, ex)

    def work():
        for t in texts:
            ex.extract(t)

    assert_two_threads_beat_one(ex, texts, work)


@two_cores
def test_the_harness_sees_a_held_gil():
    """The control: extraction that holds the GIL gets no speed-up."""
    ex = zhclaims.Extractor()
    texts = batch(0.15, ex)

    def work():
        for t in texts:
            ex._extract_holding_gil(t)

    r = ratio(work)
    assert r > 1.6, f"holding the GIL, two threads took only {r:.2f}x the time of one"
