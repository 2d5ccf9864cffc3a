#!/usr/bin/env python3
"""datatrove's C4 line filter as a JSONL stdin -> stdout cleaner: the reference that
scripts/bench.sh times chaff against. Documents the filter rejects are written empty.

Run with the venv scripts/bench.sh makes (target/bench/venv, `pip install datatrove`).
"""
import json
import sys

from datatrove.data import Document
from datatrove.pipeline.filters import C4QualityFilter


def main():
    f = C4QualityFilter()
    out = sys.stdout
    for n, line in enumerate(sys.stdin):
        record = json.loads(line)
        doc = Document(text=record["text"], id=str(n))
        kept = f.filter(doc)
        record["text"] = doc.text if kept is True else ""
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
