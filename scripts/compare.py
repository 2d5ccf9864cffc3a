#!/usr/bin/env python3
"""Two chaff binaries side by side on every public set, and the documents that moved.

    scripts/compare.py OLD NEW              # P/R/F1 of each, every set and flavour
    scripts/compare.py OLD NEW --docs 15    # and, per tuning set and flavour, the 15
                                            # documents whose recall fell most
    scripts/compare.py OLD NEW --sets dragnet --flavours fulltext --docs 40

A change is measured against the commit it started from, in one run: build the old
binary beside the new one (`git worktree add`, or copy target/release/chaff away before
the change) and pass both. Each binary runs once per set and flavour (`--jsonl`), and
every document is scored with ../shared/eval/score.py's own metric (imported, not
copied), so the totals are the ones score.py prints. Recall is listed first: article
text lost is the worst error. The split (tuning: aeb, dragnet; validation: readability,
cleaneval-dev) is scripts/eval.sh's: the per-document lists cover the tuning sets unless
`--validation-docs` is given.

Standard library only.
"""

import argparse
import importlib.util
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = ("aeb", "dragnet", "readability", "cleaneval-dev")
# scripts/eval.sh's split: only the tuning sets' pages are read one by one.
TUNING = ("aeb", "dragnet")
FLAVOURS = ("extracted", "fulltext")
TIMEOUT = 600


def load_score():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    if spec is None or not (EVAL / "score.py").exists():
        sys.exit(f"compare.py: {EVAL / 'score.py'} is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def per_doc(score, binary, docs):
    """{id: (tp, fp, fn)} of one binary's output, as score.py counts them."""
    outputs, notes = score.run_jsonl([binary, "--jsonl", "-q"], docs, TIMEOUT)
    for note in notes:
        print(f"compare.py: {binary}: {note}", file=sys.stderr)
    counts = {}
    for d in docs:
        raw = outputs.get(d["id"])
        text = "" if raw is None else raw.decode("utf-8", "replace")
        counts[d["id"]] = score.tp_fp_fn(score.tokenize(d["truth"]), score.tokenize(text))
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--flavours", default=",".join(FLAVOURS))
    ap.add_argument("--docs", type=int, default=0, help="documents to list per tuning set and flavour")
    ap.add_argument("--validation-docs", action="store_true",
                    help="list the validation sets' documents too (a deviation from the split: say so)")
    args = ap.parse_args()
    score = load_score()
    binaries = [str(Path(b).resolve()) for b in (args.old, args.new)]
    jobs = [(s, f) for s in args.sets.split(",") for f in args.flavours.split(",")]
    loaded = {(s, f): score.load_docs(EVAL / s, f)[1] for s, f in jobs}
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {
            (s, f, b): pool.submit(per_doc, score, b, loaded[(s, f)])
            for s, f in jobs
            for b in binaries
        }
        results = {key: future.result() for key, future in runs.items()}
    print("| set | flavour | old P / R / F1 | new P / R / F1 | ΔR | ΔF1 |")
    print("|---|---|---|---|---:|---:|")
    for s, f in jobs:
        old, new = (score.aggregate(list(results[(s, f, b)].values())) for b in binaries)
        print(
            f"| {s} | {f} | {old[0]:.4f} / {old[1]:.4f} / {old[2]:.4f} "
            f"| {new[0]:.4f} / {new[1]:.4f} / {new[2]:.4f} "
            f"| {new[1] - old[1]:+.4f} | {new[2] - old[2]:+.4f} |"
        )
    if not args.docs:
        return
    for s, f in jobs:
        if s not in TUNING and not args.validation_docs:
            continue
        old, new = (results[(s, f, b)] for b in binaries)
        moved = []
        for doc_id in old:
            (ro, po), (rn, pn) = (
                (score.recall(*c), score.precision(*c)) for c in (old[doc_id], new[doc_id])
            )
            if (ro, po) != (rn, pn):
                moved.append((rn - ro, pn - po, doc_id, ro, rn, po, pn))
        moved.sort()
        print(f"\n{s} {f}: {len(moved)} documents moved")
        for dr, dp, doc_id, ro, rn, po, pn in moved[: args.docs]:
            print(f"  {doc_id[:24]:24}  R {ro:.3f} -> {rn:.3f} ({dr:+.3f})  P {po:.3f} -> {pn:.3f} ({dp:+.3f})")


if __name__ == "__main__":
    main()
