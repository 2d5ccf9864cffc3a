#!/usr/bin/env python3
"""Add each record's URL from a set's meta.jsonl, then run chaff on the records.

    scripts/with-urls.py META.jsonl CHAFF ARGS...

A filter for ../shared/eval/score.py's `--jsonl` mode, which sends only {"id", "text"}:
site rules (`sites = [...]`, as `chaff learn` writes them) need each document's URL.
Standard library only.
"""
import json
import subprocess
import sys


def main():
    meta, command = sys.argv[1], sys.argv[2:]
    urls = {}
    with open(meta, encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            urls[m["id"]] = m.get("url") or None
    records = []
    # Split on "\n" only: str.splitlines also splits on U+2028, which JSON leaves unescaped.
    for line in sys.stdin.buffer.read().decode("utf-8").split("\n"):
        if line:
            r = json.loads(line)
            r["url"] = urls.get(r["id"])
            records.append(json.dumps(r, ensure_ascii=False))
    run = subprocess.run(command, input=("\n".join(records) + "\n").encode("utf-8"))
    sys.exit(run.returncode)


if __name__ == "__main__":
    main()
