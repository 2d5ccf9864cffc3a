#!/usr/bin/env bash
# First throughput figure: chaff (release, one thread, default rules) on a ~100 MB text
# made by repeating tests/corpus, against `wc -l` and `cat` on the same file in the same run.
# The file is one document, so the repeat detectors see every copy after the first.
# Usage: scripts/throughput.sh [MB]   (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
out=target/bench/corpus-${mb}mb.txt
mkdir -p target/bench
if [ ! -s "$out" ]; then
    : > "$out"
    while [ "$(stat -c %s "$out")" -lt $((mb * 1000 * 1000)) ]; do
        for f in tests/corpus/*.txt; do cat "$f"; printf '\n\n'; done >> "$out"
    done
fi
cargo build --release --quiet
bytes=$(stat -c %s "$out")
run() {
    local name=$1; shift
    local start end
    start=$(date +%s.%N)
    "$@" < "$out" > /dev/null
    end=$(date +%s.%N)
    awk -v n="$name" -v b="$bytes" -v s="$start" -v e="$end" \
        'BEGIN { t = e - s; printf "%-8s %8.3f s %9.1f MB/s\n", n, t, b / t / 1e6 }'
}
echo "file: $out ($((bytes / 1000000)) MB)"
run cat cat
run "wc -l" wc -l
run chaff target/release/chaff
