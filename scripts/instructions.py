#!/usr/bin/env python3
"""Instruction counts of the release binary, checked against benches/budget.toml.

Machines are noisy and CI machines more so; instruction counts are not. This counts,
under `valgrind --tool=cachegrind --cache-sim=no`:

- start-up: `chaff -q < /dev/null` with the default rules (loading them; their regexes
  compile when a document first needs them);
- a small job: `chaff --jsonl -j1 -q` over a fixed sample of about 1 MB built from
  the tests/corpus documents benches/sample-documents.txt lists (each as one JSONL
  record, repeated in order until the sample holds SAMPLE_BYTES), whole: start-up, the
  regexes compiled on first use, cleaning. The list is fixed so that a new corpus
  document does not move the figures;
- instructions per input byte: the same run over the sample twice minus the run over it
  once, divided by its size: the marginal cost of cleaning, free of one-off costs;
- instructions per input byte on varied pages: the sample repeats a hundred documents,
  so the lazy DFA states their lines need are built once and serve every copy; real
  input keeps meeting new lines. This runs over the first VARIED_BYTES and the first
  3 x VARIED_BYTES of distinct page dumps (../shared/eval's dragnet set, in file order),
  each after the corpus sample (which compiles the regexes nearly every rule needs, so a
  regex first needed in the second and third megabyte does not count as per-byte
  cost), and divides the difference by the difference in size. A pattern that keeps the regex
  set reading every byte of every line shows here, not in the figure above (a single
  `line-end` rule cost 11% of it). Skipped, with a note, where ../shared is absent.

    scripts/instructions.py            # print the figures and check them (exit 1 when over)
    scripts/instructions.py --no-check # print only

A figure more than TOLERANCE over its budget fails. Lower a budget when the code gets
faster; raising one is a deliberate change, with its reason in the commit message.
Standard library only; needs valgrind and `cargo build --release` done.
"""

import json
import os
import re
import subprocess
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("CHAFF_BIN", os.path.join(ROOT, "target", "release", "chaff"))
SAMPLE = os.path.join(ROOT, "target", "instructions-sample.jsonl")
SAMPLE2 = os.path.join(ROOT, "target", "instructions-sample-twice.jsonl")
BUDGET = os.path.join(ROOT, "benches", "budget.toml")
DOCUMENTS = os.path.join(ROOT, "benches", "sample-documents.txt")
VARIED_DIR = os.path.join(ROOT, "..", "shared", "eval", "dragnet", "fulltext")
VARIED = os.path.join(ROOT, "target", "instructions-varied-{}.jsonl")
VARIED_BYTES = 1_000_000

# About 1 MB: enough documents that per-byte cost dominates, small enough that valgrind
# (some 50x slower than native) finishes in seconds, twice.
SAMPLE_BYTES = 1_000_000
# Counts are exact for one binary, but a compiler or dependency update moves them a
# little: 10% is the regression that fails, not noise.
TOLERANCE = 0.10


def make_sample():
    corpus = os.path.join(ROOT, "tests", "corpus")
    with open(DOCUMENTS, encoding="utf-8") as f:
        docs = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    missing = [d for d in docs if not os.path.isfile(os.path.join(corpus, d))]
    if missing:
        sys.exit(f"instructions.py: {DOCUMENTS}: not in tests/corpus: {', '.join(missing)}")
    lines = []
    for name in docs:
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            lines.append(json.dumps({"id": name, "text": f.read()}, ensure_ascii=False) + "\n")
    out, size, i = [], 0, 0
    while size < SAMPLE_BYTES:
        line = lines[i % len(lines)]
        out.append(line)
        size += len(line.encode("utf-8"))
        i += 1
    data = "".join(out).encode("utf-8")
    with open(SAMPLE, "wb") as f:
        f.write(data)
    with open(SAMPLE2, "wb") as f:
        f.write(data + data)
    return len(data)


def make_varied():
    """The two varied samples' paths and sizes, or None without ../shared/eval."""
    if not os.path.isdir(VARIED_DIR):
        return None
    records = []
    for name in sorted(os.listdir(VARIED_DIR)):
        if name.endswith(".txt"):
            with open(os.path.join(VARIED_DIR, name), encoding="utf-8") as f:
                records.append(json.dumps({"id": name, "text": f.read()}, ensure_ascii=False) + "\n")
    samples = []
    for k, limit in enumerate((VARIED_BYTES, 3 * VARIED_BYTES)):
        out, size = [], 0
        for record in records:
            if size >= limit:
                break
            out.append(record)
            size += len(record.encode("utf-8"))
        if size < limit:
            return None
        path = VARIED.format(k + 1)
        with open(path, "wb") as f:
            f.write("".join(out).encode("utf-8"))
        samples.append((path, size))
    return samples


def instructions(args, stdin_path):
    with open(stdin_path, "rb") as stdin:
        run = subprocess.run(
            ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", BIN] + args,
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    m = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if run.returncode != 0 or not m:
        sys.exit(f"instructions.py: valgrind failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def main():
    check = "--no-check" not in sys.argv[1:]
    if not os.path.exists(BIN):
        sys.exit("instructions.py: build first: cargo build --release")
    size = make_sample()
    startup = instructions(["-q"], "/dev/null")
    once = instructions(["--jsonl", "-j1", "-q"], SAMPLE)
    twice = instructions(["--jsonl", "-j1", "-q"], SAMPLE2)
    figures = {
        "startup_instructions": startup,
        "sample_instructions": once,
        "instructions_per_byte": (twice - once) / size,
    }
    varied = make_varied()
    if varied:
        (small, small_size), (large, large_size) = varied
        # Both runs start with the corpus sample, which compiles the regexes nearly every
        # rule needs: a regex first needed between the first megabyte and the third
        # would otherwise count as per-byte cost (a block rule's member regex, 20M).
        counts = []
        for path in (small, large):
            warmed = path + ".warm"
            with open(warmed, "wb") as out, open(SAMPLE, "rb") as a, open(path, "rb") as b:
                out.write(a.read() + b.read())
            counts.append(instructions(["--jsonl", "-j1", "-q"], warmed))
        figures["varied_instructions_per_byte"] = (counts[1] - counts[0]) / (large_size - small_size)
    with open(BUDGET, "rb") as f:
        budget = tomllib.load(f)["budget"]
    failed = False
    print(f"sample: {size:,} bytes of JSONL from tests/corpus")
    if not varied:
        print(f"varied pages: skipped ({VARIED_DIR} has not {3 * VARIED_BYTES:,} bytes of pages)")
    for key, value in figures.items():
        limit = budget[key]
        over = value > limit * (1 + TOLERANCE)
        failed |= over
        state = "OVER BUDGET" if over else "ok"
        print(f"{key:24} {value:>16,.1f}   budget {limit:>14,}   {value / limit:6.1%}   {state}")
    if check and failed:
        print(f"a figure is more than {TOLERANCE:.0%} over benches/budget.toml", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
