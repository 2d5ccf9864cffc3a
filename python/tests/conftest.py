"""Shared fixtures: the repository's corpus and the chaff binary to compare against."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.txt"))


def read(path: Path) -> str:
    # Bytes decoded as they are: no newline translation, CRLF stays CRLF.
    return path.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def chaff_bin() -> str:
    """The CLI: $CHAFF_BIN, or the workspace's release build (built if missing)."""
    path = os.environ.get("CHAFF_BIN")
    if path:
        return path
    built = ROOT / "target" / "release" / "chaff"
    if not built.exists():
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "chaff"], cwd=ROOT, check=True)
    return str(built)


@pytest.fixture(scope="session")
def docs() -> list[dict]:
    """The corpus as records with string ids that look like numbers (a trap for readers
    that infer types) and URLs."""
    return [
        {"id": f"{i:03d}", "url": f"https://site{i % 5}.example/{p.stem}", "text": read(p)}
        for i, p in enumerate(CORPUS)
    ]


@pytest.fixture(scope="session")
def cli_cleaned(chaff_bin, docs) -> dict[str, str]:
    """id -> text as `chaff --jsonl` cleans it."""
    records = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    out = subprocess.run([chaff_bin, "--jsonl", "-q"], input=records.encode(), capture_output=True, check=True)
    # Split on "\n" only: str.splitlines also splits on U+2028, which JSON leaves unescaped.
    lines = out.stdout.decode().split("\n")
    return {r["id"]: r["text"] for r in map(json.loads, filter(None, lines))}
