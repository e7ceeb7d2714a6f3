#!/usr/bin/env bash
# Instructions a full run executes, counted by valgrind's callgrind: a measure of the work
# that does not move with a shared machine's load, for comparing two builds where wall
# times differ by less than their noise (a few per cent). Wall time, throughput and memory
# are Benchmarks/pipeline.sh's.
# Usage: Benchmarks/instructions.sh [DOCUMENTS] [PARAGRAPHS] [TOP]   (default 600 × 120 ≈ 10 MB,
# top 25 functions). Needs valgrind (apt-get install valgrind). About a minute.
#
# Valgrind's virtual CPU has no SHA extensions, so SHA-256 runs BoringSSL's AVX code there,
# several times the cost of the SHA-NI path a real run takes on these machines; the total is
# printed with and without it. Valgrind 3.19 cannot read the DWARF 5 the Swift compiler
# writes, so the binary is counted from a copy without debug information (its symbol table
# kept, so functions keep their names). Swift seeds its hashing afresh in each process, so
# two runs of one build differ by up to about 0.2 % of the count without SHA-256.
set -euo pipefail
cd "$(dirname "$0")/.."
documents=${1:-600}
paragraphs=${2:-120}
top=${3:-25}
corpus=${TMPDIR:-/tmp}/igf-bench-${documents}x${paragraphs}
build=(swift build -c release --product igf-participation --static-swift-stdlib --scratch-path .build/static)
"${build[@]}" >/dev/null
tool="$("${build[@]}" --show-bin-path)/igf-participation"
[ -f "$corpus/ground-truth.json" ] || "$tool" generate "$corpus" --documents "$documents" --seed 1 --paragraphs "$paragraphs" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip -g -o "$work/igf-participation" "$tool"
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/igf-participation" \
  run Pipelines/default.yml --input "$corpus" --no-cache --quiet --output "$work/out" --jobs 1 > /dev/null 2>&1 || true
total=$(callgrind_annotate "$work/callgrind.out" | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
callgrind_annotate --inclusive=yes "$work/callgrind.out" > "$work/inclusive.txt"
sha=$(awk '/Hashing.*sha256/ && !found {gsub(",", "", $1); print $1; found = 1}' "$work/inclusive.txt")
echo "corpus: $(find "$corpus" -name '*.txt' | wc -l) files ($corpus), --jobs 1"
millions() { echo "scale=1; $1 / 1000000" | bc; }
echo "instructions: $(millions "$total") M in all; without SHA-256 ($(millions "${sha:-0}") M): $(millions "$((total - ${sha:-0}))") M"
echo "functions by instructions, callees included:"
grep -E 'IGFParticipation|sqlite3_(step|exec)' "$work/inclusive.txt" \
  | grep -vE 'Runner(O3run|O13computeStored)|IGFParticipationCommand|sha256' | head -"$top" \
  | sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | swift demangle --simplified | cut -c1-160
