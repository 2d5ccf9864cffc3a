#!/usr/bin/env bash
# Whole-process throughput of chaff against references, all in one run, as a Markdown
# table: MB/s, the ratio to chaff's own figure where it compares, and peak memory.
#
#   scripts/bench.sh            # the table (about 3 minutes on 2 cores)
#   scripts/bench.sh --no-c4    # without datatrove's C4 filter (no venv, no network)
#
# Inputs come from scripts/make-bench-data.py (under target/bench/, never committed).
# The C4 reference is datatrove's C4QualityFilter, pip-installed into target/bench/venv
# on first use, run by scripts/c4_reference.py on a 20 MB slice (it is slow).
# Machines are shared and noisy: compare the ratios of one run, not figures across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
c4=1
[ "${1:-}" = "--no-c4" ] && c4=0

python3 scripts/make-bench-data.py >&2
cargo build --release --quiet
bin=target/release/chaff
b=target/bench

# time_it NAME INPUT CMD...: run CMD with INPUT on stdin, output to /dev/null; prints
# "NAME seconds peak_kb bytes".
time_it() {
    local name=$1 input=$2; shift 2
    local stats
    stats=$( { /usr/bin/time -f "%e %M" "$@" < "$input" > /dev/null; } 2>&1 | tail -n 1)
    echo "$name $stats $(stat -c %s "$input")"
}

rows=()
rows+=("$(time_it "wc -l (text)" $b/corpus.txt wc -l)")
rows+=("$(time_it "chaff text mode" $b/corpus.txt $bin -q)")
rows+=("$(time_it "chaff --jsonl -j1" $b/docs.jsonl $bin --jsonl -j1 -q)")
rows+=("$(time_it "chaff --jsonl -j2" $b/docs.jsonl $bin --jsonl -j2 -q)")
rows+=("$(time_it "chaff --jsonl -j1 (20 MB slice)" $b/slice-20mb.jsonl $bin --jsonl -j1 -q)")
if [ $c4 = 1 ]; then
    if [ ! -x $b/venv/bin/python ] || ! $b/venv/bin/python -c "import datatrove, spacy" 2>/dev/null; then
        echo "installing datatrove into $b/venv" >&2
        python3 -m venv $b/venv
        $b/venv/bin/pip install --quiet datatrove regex nltk spacy >&2
    fi
    rows+=("$(time_it "datatrove C4 filter (20 MB slice)" $b/slice-20mb.jsonl $b/venv/bin/python scripts/c4_reference.py)")
fi
rows+=("$(time_it "chaff: 100 MB single line" $b/one-line.txt $bin -q)")
rows+=("$(time_it "chaff: 10 million one-word lines" $b/words.txt $bin -q)")
rows+=("$(time_it "chaff: 100,000 identical paragraphs" $b/paragraphs.txt $bin -q)")

printf '%s\n' "${rows[@]}" | awk '
function name(line,   n) { n = line; sub(/ [0-9.]+ [0-9]+ [0-9]+$/, "", n); return n }
{
    split($0, f, " "); k = length(f)
    rows[NR] = name($0); secs[NR] = f[k-2]; kb[NR] = f[k-1]; bytes[NR] = f[k]
    mbs[NR] = bytes[NR] / (secs[NR] > 0 ? secs[NR] : 0.001) / 1e6
    idx[rows[NR]] = NR
}
END {
    text = mbs[idx["chaff text mode"]]
    j1 = mbs[idx["chaff --jsonl -j1"]]
    slice = mbs[idx["chaff --jsonl -j1 (20 MB slice)"]]
    print "| run | input | seconds | MB/s | ratio | peak RSS |"
    print "| --- | ---: | ---: | ---: | --- | ---: |"
    for (i = 1; i <= NR; i++) {
        r = rows[i]; ratio = ""
        if (r == "chaff --jsonl -j2") ratio = sprintf("%.2f× -j1", mbs[i] / j1)
        if (r ~ /^wc/) ratio = sprintf("chaff text mode is %.3f× this", text / mbs[i])
        if (r ~ /^datatrove/) ratio = sprintf("chaff -j1 is %.0f× this", slice / mbs[i])
        if (r ~ /^chaff: /) ratio = sprintf("%.2f× text mode", mbs[i] / text)
        printf "| %s | %.0f MB | %.2f | %.1f | %s | %.0f MB |\n", r, bytes[i] / 1e6, secs[i], mbs[i], ratio, kb[i] / 1024
    }
}'
