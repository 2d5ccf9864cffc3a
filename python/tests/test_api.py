"""The Python API against the CLI: same bytes, same errors."""

import subprocess
from pathlib import Path

import pytest

import chaff
from conftest import CORPUS, ROOT, read

SEEDS = sorted((ROOT / "tests" / "expected").glob("*.txt"))


@pytest.fixture(scope="module")
def cleaner():
    return chaff.Cleaner()


def test_seeds_give_their_expected_output(cleaner):
    assert len(SEEDS) == 5
    for expected in SEEDS:
        text = read(ROOT / "tests" / "corpus" / expected.name)
        assert cleaner.clean(text).encode() == expected.read_bytes(), expected.name


def test_every_corpus_document_cleans_as_the_cli_does(cleaner, docs, cli_cleaned):
    for d in docs:
        assert cleaner.clean(d["text"], d["url"]) == cli_cleaned[d["id"]], d["id"]


def test_module_level_clean_uses_the_default_rules(cleaner):
    text = read(CORPUS[0])
    assert chaff.clean(text) == cleaner.clean(text)


@pytest.mark.parametrize("threads", [None, 1, 3])
def test_batch_equals_one_by_one(cleaner, docs, threads):
    texts = [d["text"] for d in docs] * 3
    urls = [d["url"] for d in docs] * 3
    assert cleaner.clean_batch(texts, threads) == [cleaner.clean(t) for t in texts]
    assert cleaner.clean_batch(texts, threads, urls) == [cleaner.clean(t, u) for t, u in zip(texts, urls)]
    assert cleaner.clean_batch(iter(texts[:4]), threads) == [cleaner.clean(t) for t in texts[:4]]
    assert cleaner.clean_batch([], threads) == []


def test_batch_counts_name_the_rules(cleaner):
    text = "A story about the town.\nRead more: Another story\n"
    [(cleaned, counts)] = cleaner.clean_batch([text], with_counts=True)
    assert cleaned == "A story about the town.\n"
    assert counts == {"links.read-more": 1}


def apply(text, edits):
    out, pos = [], 0
    for e in edits:
        assert e.start >= pos
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def test_annotations_applied_give_the_cleaned_text(cleaner, docs):
    # Non-ASCII text too: offsets are code points, so slicing the str is right.
    extra = ["Ünïcödé tïtle 日本\nRead more: Ещё новости\nBody stays.\n", "", "\r\n\r\n"]
    for text in [d["text"] for d in docs] + extra:
        edits = cleaner.annotate(text)
        assert apply(text, edits) == cleaner.clean(text)
        assert all(e.action in ("drop-line", "cut", "layout") for e in edits)
        assert all((e.rule is None) == (e.action == "layout") for e in edits)


def test_explain_is_the_cli_view(cleaner, chaff_bin):
    path = CORPUS[0]
    cli = subprocess.run([chaff_bin, "--explain", str(path)], capture_output=True, check=True)
    assert cleaner.explain(read(path)) == cli.stdout.decode()


def test_rule_options(tmp_path):
    text = "A story about the town.\nRead more: Another story\n"
    assert chaff.Cleaner(disable=["links.*"]).clean(text) == text
    assert chaff.Cleaner(default_rules=False).clean(text) == text
    assert chaff.Cleaner(default_rules=False).rules == []
    rule = tmp_path / "site.toml"
    rule.write_text(
        '[[rule]]\nid = "site.motto"\ndescription = "The motto."\naction = "drop-line"\n'
        'phrases = ["Stay curious"]\n'
    )
    cleaner = chaff.Cleaner([rule])
    assert "site.motto" in cleaner.rules
    assert cleaner.clean("Body text here.\nStay curious\n") == "Body text here.\n"
    assert chaff.Cleaner([str(tmp_path)]).rules == cleaner.rules


def test_a_bad_rule_file_raises_the_cli_message(tmp_path, chaff_bin):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "site.bad"\ndescription = "x"\naction = "drop-line"\npattern = \'Read (more\'\n')
    with pytest.raises(chaff.RuleError) as err:
        chaff.Cleaner([bad])
    cli = subprocess.run([chaff_bin, "--rules", str(bad)], input=b"", capture_output=True)
    assert cli.returncode == 2
    assert "chaff: " + str(err.value) + "\n" == cli.stderr.decode()
    assert f"{bad}:5:" in str(err.value)
    assert isinstance(err.value, ValueError)


def test_bad_input_raises(cleaner, tmp_path):
    with pytest.raises(TypeError):
        cleaner.clean(b"bytes are not text")
    with pytest.raises(TypeError, match=r"texts\[1\] is not a str"):
        cleaner.clean_batch(["fine", 3])
    with pytest.raises(UnicodeEncodeError):
        cleaner.clean("a lone surrogate \ud800 cannot be UTF-8")
    with pytest.raises(ValueError, match="2 urls for 1 texts"):
        cleaner.clean_batch(["x"], urls=["a", "b"])
    with pytest.raises(chaff.RuleError, match="cannot read"):
        chaff.Cleaner([tmp_path / "missing.toml"])
    with pytest.raises(chaff.RuleError, match="nope"):
        chaff.Cleaner(disable=["nope.*"])
