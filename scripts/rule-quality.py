#!/usr/bin/env python3
"""Rule-quality report: per rule and detector, how many lines it removed on a scored set
and how many of those were gold article content, so a bad rule shows itself.

Usage:
    scripts/rule-quality.py [--data DIR] [--flavour extracted|fulltext] [--chaff BIN] [--top N]
    scripts/rule-quality.py --all [--limit 0.002]   # every set under ../shared/eval, both
                                                    # flavours: the rules over the limit
    scripts/rule-quality.py --flavour gold [--data DIR]   # clean the truth itself

`--flavour gold` gives chaff each document's gold text as its input: an extractor's
output with no leftover at all, so every line removed is either article text lost or a
convention the set's truth keeps (a dateline, a photo credit); `--all --gold` adds it
to the three-way sweep. Main-body must never act on such text, nor the comment
detectors on an article.

Issue 16's bar is that no rule loses more than 0.2% of a set's article lines (its gold's
non-blank lines): the single-set table gives each rule's share, `--all` lists every
rule, set and flavour over `--limit` (worst first) and exits 1 when there is one.

DIR holds `<flavour>/<id>.txt`, `gold/<id>.txt` and optionally `meta.jsonl` (id, url), as
../shared/eval/aeb does. chaff runs once over all documents (`--jsonl --annotate`); every
removed line (or cut span) is looked up in its document's gold text after folding case and
whitespace. A removal of 20 or more characters is content lost when the gold holds it more
often than the cleaned text still does (so dropping the second copy of a line the gold has
once is right); a shorter one found in the gold is counted apart as ambiguous (a "Share" or
a date may be in both).
"""
import argparse
import json
import re
import signal
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_CHARS = 20


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def measure(data, flavour, chaff, extra):
    """Run chaff over one set and flavour; count, per rule, removals and gold lines lost."""
    urls = {}
    if (data / "meta.jsonl").exists():
        for line in (data / "meta.jsonl").open(encoding="utf-8"):
            m = json.loads(line)
            urls[m["id"]] = m.get("url")
    docs = []
    # The gold flavour cleans the truth itself: any removal from it is a loss to read.
    source = data / ("gold" if flavour == "gold" else flavour)
    for path in sorted(source.glob("*.txt")):
        gold = data / "gold" / path.name
        if gold.exists():
            docs.append((path.stem, path.read_bytes().decode("utf-8"), gold.read_bytes().decode("utf-8")))
    if not docs:
        return None
    gold_lines = sum(1 for _, _, g in docs for line in g.split("\n") if line.strip())

    records = "".join(
        json.dumps({"id": i, "url": urls.get(i), "text": t}, ensure_ascii=False) + "\n" for i, t, _ in docs
    )
    run = subprocess.run(
        [chaff, "--jsonl", "--annotate", "--clean", "-q", *extra], input=records.encode(), capture_output=True
    )
    if run.returncode != 0:
        sys.exit(f"chaff failed ({run.returncode}): {run.stderr.decode()}")

    gold_of = {i: fold(g) for i, _, g in docs}
    input_of = {i: t for i, t, _ in docs}
    removed = defaultdict(int)
    lost = defaultdict(int)
    ambiguous = defaultdict(int)
    examples = defaultdict(list)
    for line in run.stdout.decode().split("\n"):
        if not line:
            continue
        r = json.loads(line)
        text = input_of[r["id"]].encode("utf-8")
        cleaned = fold(r["text"])
        gold = gold_of[r["id"]]
        for e in r["chaff"]:
            if e["action"] == "layout":
                continue
            piece = fold(text[e["start"] : e["end"]].decode("utf-8", "replace"))
            if not piece:
                continue
            rule = e["rule"]
            removed[rule] += 1
            if piece in gold:
                if len(piece) >= MIN_CHARS:
                    if gold.count(piece) <= cleaned.count(piece):
                        continue
                    lost[rule] += 1
                    if len(examples[rule]) < 3:
                        examples[rule].append((r["id"][:12], piece[:100]))
                else:
                    ambiguous[rule] += 1
    return len(docs), gold_lines, removed, lost, ambiguous, examples


def every_set(args, extra):
    """The rules over `--limit` on any set and flavour, worst first; exit 1 if any."""
    root = Path(args.data).parent if args.data_given else ROOT.parent / "shared/eval"
    over = []
    for data in sorted(p for p in root.iterdir() if (p / "gold").is_dir()):
        for flavour in ("extracted", "fulltext") + (("gold",) if args.gold else ()):
            if not (data / ("gold" if flavour == "gold" else flavour)).is_dir():
                continue
            m = measure(data, flavour, args.chaff, extra)
            if m is None:
                continue
            _, gold_lines, _, lost, _, _ = m
            for rule, n in lost.items():
                if n > args.limit * gold_lines:
                    over.append((n / gold_lines, data.name, flavour, rule, n, gold_lines))
    over.sort(reverse=True)
    print(f"Rules losing more than {args.limit:.1%} of a set's gold lines:\n")
    print("| set | flavour | rule | gold lines lost | of the set's gold lines |")
    print("| --- | --- | --- | ---: | ---: |")
    for share, name, flavour, rule, n, gold_lines in over:
        print(f"| {name} | {flavour} | {rule} | {n} of {gold_lines} | {share:.2%} |")
    if not over:
        print("| (none) | | | | |")
    sys.exit(1 if over else 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None)
    ap.add_argument("--flavour", default="extracted")
    ap.add_argument("--chaff", default=str(ROOT / "target/release/chaff"))
    ap.add_argument("--top", type=int, default=10, help="worst rules to show examples for")
    ap.add_argument("--all", action="store_true", help="every set beside --data's (or ../shared/eval's), both flavours")
    ap.add_argument("--gold", action="store_true", help="with --all, also clean each set's gold text")
    ap.add_argument("--limit", type=float, default=0.002, help="share of a set's gold lines a rule may lose (--all)")
    args, extra = ap.parse_known_args()
    args.data_given = args.data is not None
    if args.data is None:
        args.data = str(ROOT.parent / "shared/eval/aeb")
    if args.all:
        every_set(args, extra)
        return

    m = measure(Path(args.data), args.flavour, args.chaff, extra)
    if m is None:
        sys.exit(f"no documents with gold under {args.data}/{args.flavour}")
    ndocs, gold_lines, removed, lost, ambiguous, examples = m
    rules = sorted(removed, key=lambda k: (-lost[k], -ambiguous[k], k))
    total = sum(removed.values())
    print(f"{ndocs} documents ({args.flavour}), {total} removals, {gold_lines} gold lines\n")
    print("| rule | removed | gold content lost | ambiguous (short, in gold) | share lost | of the gold lines |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for k in rules:
        flag = " over" if lost[k] > args.limit * gold_lines else ""
        print(
            f"| {k} | {removed[k]} | {lost[k]} | {ambiguous[k]} | {lost[k] / removed[k]:.1%} |"
            f" {lost[k] / gold_lines:.2%}{flag} |"
        )
    worst = [k for k in rules if lost[k]][: args.top]
    if worst:
        print("\nContent lost, by rule (document id, removed text):")
        for k in worst:
            print(f"\n{k}:")
            for doc, piece in examples[k]:
                print(f"  {doc}  {piece}")


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the report quietly
    main()
