#!/usr/bin/env python3
"""Build a JSONL benchmark file of about SIZE MB from tests/corpus and ../shared/eval inputs.

Usage: scripts/make-jsonl.py OUT [SIZE_MB]. Deterministic: documents are taken in sorted
order, round after round, with ids numbering them; the file is never committed.
"""
import json
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
out = Path(sys.argv[1])
size = int(sys.argv[2]) if len(sys.argv) > 2 else 100
docs = sorted((root / "tests/corpus").glob("*.txt"))
for flavour in ("extracted", "fulltext"):
    docs += sorted((root.parent / "shared/eval/aeb" / flavour).glob("*.txt"))
texts = [d.read_text(encoding="utf-8") for d in docs]
out.parent.mkdir(parents=True, exist_ok=True)
written = 0
n = 0
with out.open("w", encoding="utf-8") as f:
    while written < size * 1_000_000:
        for t in texts:
            line = json.dumps({"id": f"doc-{n:08d}", "url": f"https://site{n % 97}.example/{n}", "text": t}, ensure_ascii=False) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))
            n += 1
print(f"{out}: {n} documents, {written / 1e6:.1f} MB")
