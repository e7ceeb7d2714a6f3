#!/usr/bin/env bash
# Benchmark of a full run on a generated corpus, beside `cat` of the same files.
# Usage: Benchmarks/pipeline.sh [DOCUMENTS] [PARAGRAPHS]   (default 6000 documents × 120
# paragraphs ≈ 100 MB; 60000 × 120 ≈ 1 GB). Needs GNU time (apt-get install time).
# Each line is the median wall time and the largest peak RSS of REPEATS runs (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
documents=${1:-6000}
paragraphs=${2:-120}
corpus=${TMPDIR:-/tmp}/igf-bench-${documents}x${paragraphs}
swift build -c release --product igf-participation >/dev/null
tool="$(swift build -c release --show-bin-path)/igf-participation"
[ -f "$corpus/ground-truth.json" ] || "$tool" generate "$corpus" --documents "$documents" --seed 1 --paragraphs "$paragraphs" >/dev/null
bytes=$(find "$corpus" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
files=$(find "$corpus" -name '*.txt' | wc -l)
mb=$(echo "scale=1; $bytes / 1000000" | bc)
echo "machine: $(nproc) cores, $(uname -m); corpus: $files files, $mb MB ($corpus)"
# Warm the page cache once, so every line below reads from memory alike.
find "$corpus" -name '*.txt' -print0 | xargs -0 cat > /dev/null
repeats=${REPEATS:-3}
measure() {  # label, command…   (median wall time and largest peak RSS of $repeats runs)
  local label=$1; shift
  local walls=() rss=0
  for _ in $(seq "$repeats"); do
    /usr/bin/time -v "$@" > /dev/null 2> /tmp/igf-bench-time.txt || true
    walls+=("$(grep "Elapsed (wall clock)" /tmp/igf-bench-time.txt | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')")
    local peak
    peak=$(grep "Maximum resident set size" /tmp/igf-bench-time.txt | awk '{print $NF}')
    [ "$peak" -gt "$rss" ] && rss=$peak
  done
  local wall
  wall=$(printf "%s\n" "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf "| %-28s | %8.2f s | %8.0f MB/s | %9.0f docs/s | %7.1f MiB |\n" "$label" "$wall" \
    "$(echo "$mb / $wall" | bc -l)" "$(echo "$files / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
}
echo "| command | wall | throughput | documents | peak RSS |"
echo "|---|---|---|---|---|"
measure "cat (same files)" sh -c "find '$corpus' -name '*.txt' -print0 | xargs -0 cat > /dev/null"
out=$(mktemp -d)
measure "run --jobs 1" "$tool" run Pipelines/default.yml --input "$corpus" --output "$out/latest" --no-cache --quiet --jobs 1
measure "run --jobs 2" "$tool" run Pipelines/default.yml --input "$corpus" --output "$out/latest" --no-cache --quiet --jobs 2
# Sharded: what each of two machines would do (one core each), then the merge on two cores.
# Throughput of a shard line is over the whole corpus; each shard reads about half of it.
measure "shard 1/2 --jobs 1" "$tool" run Pipelines/default.yml --input "$corpus" --shard 1/2 --output "$out/parts" --no-cache --quiet --jobs 1
measure "shard 2/2 --jobs 1" "$tool" run Pipelines/default.yml --input "$corpus" --shard 2/2 --output "$out/parts" --no-cache --quiet --jobs 1
measure "merge of 2 --jobs 2" "$tool" merge "$out/parts" --pipeline Pipelines/default.yml --output "$out/merged" --quiet --jobs 2
rm -rf "$out"
