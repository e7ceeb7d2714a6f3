#!/usr/bin/env bash
# Benchmark of the two CSV reader backends on a generated CSV (default 120 MB).
# Needs libcsv-dev (apt-get install libcsv-dev). Usage: Benchmarks/csv-readers.sh [SIZE_MB] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-120}
repeats=${2:-3}
file=${TMPDIR:-/tmp}/igf-csv-benchmark-${size}MB.csv
[ -f "$file" ] || python3 Benchmarks/generate_csv.py "$file" "$size"
swift build -c release --traits LibCSV --product csv-benchmark >/dev/null
echo "machine: $(nproc) cores, $(uname -m), $(swift --version 2>/dev/null | head -1)"
"$(swift build -c release --traits LibCSV --show-bin-path)/csv-benchmark" "$file" "$repeats"
