#!/usr/bin/env python3
"""Build the benchmark inputs under target/bench/ (never committed).

Usage: scripts/make-bench-data.py [SIZE_MB]   (default 200)

- corpus.txt: about SIZE_MB of documents from tests/corpus and ../shared/eval, shuffled
  with a fixed seed, separated by blank lines (one large text-mode document);
- docs.jsonl: about SIZE_MB of the same documents as JSON Lines (`id`, `url`, `text`);
- slice-20mb.txt / slice-20mb.jsonl: the first 20 MB of each, for slower references;
- adversarial inputs: one-line.txt (a 100 MB single line), words.txt (10 million
  one-word lines), paragraphs.txt (100,000 copies of one paragraph).

Everything is reproducible: same sources, same seed, same bytes. A file that exists
with the right size is kept.
"""
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "bench"
SEED = 20261122


def sources():
    docs = sorted((ROOT / "tests/corpus").glob("*.txt"))
    for flavour in ("extracted", "fulltext"):
        docs += sorted((ROOT.parent / "shared/eval/aeb" / flavour).glob("*.txt"))
    return [d.read_text(encoding="utf-8") for d in docs]


def rounds(texts, rng):
    """Endless shuffled rounds over all documents."""
    while True:
        order = list(range(len(texts)))
        rng.shuffle(order)
        for i in order:
            yield texts[i]


def fresh(path, size):
    if path.exists() and path.stat().st_size >= size * 0.99:
        print(f"{path.relative_to(ROOT)}: kept ({path.stat().st_size / 1e6:.1f} MB)")
        return False
    return True


def write_docs(path, size, texts, render):
    """Documents in shuffled rounds, each as `render(n, text)` gives it, to `size` bytes."""
    if not fresh(path, size):
        return
    rng = random.Random(SEED)
    written = 0
    with path.open("w", encoding="utf-8", newline="") as f:
        for n, t in enumerate(rounds(texts, rng)):
            chunk = render(n, t)
            f.write(chunk)
            written += len(chunk.encode("utf-8"))
            if written >= size:
                break
    print(f"{path.relative_to(ROOT)}: {written / 1e6:.1f} MB")


def as_text(n, t):
    return t.rstrip("\n") + "\n\n"


def as_jsonl(n, t):
    record = {"id": f"doc-{n:08d}", "url": f"https://site{n % 97}.example/{n}", "text": t}
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_slice(src, dest, size):
    if not fresh(dest, size):
        return
    with src.open("rb") as f:
        data = f.read(size)
    # End on a whole line.
    data = data[: data.rfind(b"\n") + 1]
    dest.write_bytes(data)
    print(f"{dest.relative_to(ROOT)}: {len(data) / 1e6:.1f} MB")


def write_adversarial():
    line = OUT / "one-line.txt"
    if fresh(line, 100_000_000):
        word = "lorem ipsum dolor sit amet, consectetur adipiscing elit. "
        line.write_text(word * (100_000_000 // len(word) + 1) + "\n", encoding="utf-8")
        print(f"{line.relative_to(ROOT)}: 100 MB in one line")
    words = OUT / "words.txt"
    if fresh(words, 10_000_000 * 2):
        rng = random.Random(SEED)
        vocab = ["word", "text", "line", "data", "web", "page", "news", "home", "menu", "share"]
        with words.open("w", encoding="utf-8") as f:
            for _ in range(100):
                f.write("".join(f"{rng.choice(vocab)}\n" for _ in range(100_000)))
        print(f"{words.relative_to(ROOT)}: 10 million one-word lines")
    paras = OUT / "paragraphs.txt"
    if fresh(paras, 100_000 * 100):
        p = (
            "The council met on Tuesday to discuss the new budget, and after a long "
            "debate it approved the plan by seven votes to two.\n\n"
        )
        paras.write_text(p * 100_000, encoding="utf-8")
        print(f"{paras.relative_to(ROOT)}: 100,000 identical paragraphs")


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    OUT.mkdir(parents=True, exist_ok=True)
    texts = sources()
    write_docs(OUT / "corpus.txt", size * 1_000_000, texts, as_text)
    write_docs(OUT / "docs.jsonl", size * 1_000_000, texts, as_jsonl)
    write_slice(OUT / "corpus.txt", OUT / "slice-20mb.txt", 20_000_000)
    write_slice(OUT / "docs.jsonl", OUT / "slice-20mb.jsonl", 20_000_000)
    write_adversarial()


if __name__ == "__main__":
    main()
