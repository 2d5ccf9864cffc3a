#!/usr/bin/env bash
# The two-pass recipe beside the default one, on every public set with URLs: `chaff learn`
# over the set's own page dumps (as a pipeline learns on the pages it then cleans), then
# cleaning each flavour with the learned site rules loaded next to the defaults.
#
#   scripts/eval-learned.sh        # prints one row per set and flavour: default, learned
#
# Sets whose pages share no site (aeb, cleaneval-dev) learn nothing: their rows repeat.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
root="$PWD"
bin="$root/target/release/chaff"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd ../shared/eval
printf '| set | flavour | default P / R / F1 | learned P / R / F1 | empty (learned) |\n|---|---|---|---|---|\n'
for set in aeb dragnet readability cleaneval-dev; do
    # The set's page dumps as JSONL with each page's URL from meta.jsonl.
    python3 - "$set" > "$work/$set.jsonl" <<'PY'
import json, sys
from pathlib import Path
s = sys.argv[1]
urls = {m["id"]: m.get("url") for m in map(json.loads, open(f"{s}/meta.jsonl", encoding="utf-8"))}
for p in sorted(Path(s, "fulltext").glob("*.txt")):
    text = p.read_bytes().decode("utf-8")
    print(json.dumps({"id": p.stem, "url": urls.get(p.stem), "text": text}, ensure_ascii=False))
PY
    "$bin" learn "$work/$set.jsonl" > "$work/$set.toml" 2>/dev/null
    for flavour in extracted fulltext; do
        figures() {
            python3 score.py --data "$set" --flavour "$flavour" --jsonl -- "$@" 2>/dev/null |
                awk '$1=="P"{p=$2} $1=="R"{r=$2} $1=="empty"{e=$2} $1=="F1"{f=$2} END{printf "%s / %s / %s\t%s", p, r, f, e}'
        }
        default=$(figures "$bin" --jsonl)
        learned=$(figures python3 "$root/scripts/with-urls.py" "$set/meta.jsonl" "$bin" --jsonl --rules "$work/$set.toml")
        printf '| %s | %s | %s | %s | %s |\n' "$set" "$flavour" "${default%%$'\t'*}" "${learned%%$'\t'*}" "${learned##*$'\t'}"
    done
done
