#!/usr/bin/env python3
"""Throughput of the Python package on the CLI benchmark's 20 MB JSONL slice.

Usage: python scripts/bench-python.py   (with chaff installed: pip install ./python;
the slice comes from scripts/make-bench-data.py)

Prints MB/s of text (UTF-8 bytes) through Cleaner.clean one by one, clean_batch on one
thread and on every core, and `chaff --jsonl -j1` on the same file for the ratio.
"""
import json
import os
import subprocess
import time
from pathlib import Path

import chaff

root = Path(__file__).resolve().parent.parent
path = root / "target/bench/slice-20mb.jsonl"
if not path.exists():
    subprocess.run(["python3", str(root / "scripts/make-bench-data.py")], check=True)
texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
size = sum(len(t.encode("utf-8")) for t in texts)
cleaner = chaff.Cleaner()


def timed(name, fn):
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    print(f"| {name} | {best:.2f} | {size / best / 1e6:.1f} |")
    return best


print(f"{len(texts)} documents, {size / 1e6:.1f} MB of text\n")
print("| run | seconds (best of 3) | MB/s |")
print("| --- | ---: | ---: |")
timed("Cleaner.clean, one by one", lambda: [cleaner.clean(t) for t in texts])
timed("clean_batch, threads=1", lambda: cleaner.clean_batch(texts, threads=1))
timed(f"clean_batch, threads={os.cpu_count()}", lambda: cleaner.clean_batch(texts))
binary = os.environ.get("CHAFF_BIN", str(root / "target/release/chaff"))
timed("chaff --jsonl -j1 (whole process, for the ratio)",
      lambda: subprocess.run([binary, "--jsonl", "-j1", "-q", str(path)], stdout=subprocess.DEVNULL, check=True))
