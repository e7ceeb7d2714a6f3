#!/usr/bin/env bash
# Benchmark of a full run on a generated corpus, beside `cat` of the same files.
# Usage: Benchmarks/pipeline.sh [DOCUMENTS] [PARAGRAPHS]   (default 6000 documents × 120
# paragraphs ≈ 100 MB; 60000 × 120 ≈ 1 GB). Needs GNU time (apt-get install time).
#
# Every command runs REPEATS times (default 5) in interleaved rounds (cat, --jobs 1,
# --jobs 2, the shards and the merge, then again), so a shared machine's drift from minute
# to minute falls on every line alike. Each line is the median wall time (the shell's
# clock, to the microsecond, around GNU time and the command), the median CPU
# time (user + system: the work done, which drifts less than the wall time on a shared
# machine) and the largest peak RSS of its runs. The last lines give, as medians over rounds of ratios within each
# round: each run over `cat` of the same files, --jobs 1 over --jobs 2, and what the machine itself allows: two --jobs 1 runs at
# once against one (2 × one's time / the pair's), the most any two-core run could gain
# there and then. A shared virtual machine does not always give two whole cores.
set -euo pipefail
cd "$(dirname "$0")/.."
documents=${1:-6000}
paragraphs=${2:-120}
repeats=${REPEATS:-5}
corpus=${TMPDIR:-/tmp}/igf-bench-${documents}x${paragraphs}
# The build a scheduled run would use (README, "Scheduled runs"): release, with the Swift
# runtime and Foundation linked in. Its own scratch folder, so that it does not rebuild the
# everyday `.build/release` (or the other way round) each time one of them is made.
build=(swift build -c release --product igf-participation --static-swift-stdlib --scratch-path .build/static)
"${build[@]}" >/dev/null
tool="$("${build[@]}" --show-bin-path)/igf-participation"
[ -f "$corpus/ground-truth.json" ] || "$tool" generate "$corpus" --documents "$documents" --seed 1 --paragraphs "$paragraphs" >/dev/null
bytes=$(find "$corpus" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
files=$(find "$corpus" -name '*.txt' | wc -l)
mb=$(echo "scale=1; $bytes / 1000000" | bc)
echo "machine: $(nproc) cores, $(uname -m); corpus: $files files, $mb MB ($corpus); $repeats interleaved rounds"
# Warm the page cache once, so every line below reads from memory alike.
find "$corpus" -name '*.txt' -print0 | xargs -0 cat > /dev/null
out=$(mktemp -d)
timing=$(mktemp)
trap 'rm -rf "$out" "$timing"' EXIT
run="$tool run Pipelines/default.yml --input $corpus --no-cache --quiet"
labels=("cat (same files)" "run --jobs 1" "run --jobs 2" "shard 1/2 --jobs 1" "shard 2/2 --jobs 1" "merge of 2 --jobs 2"
        "two runs --jobs 1 at once")
# Sharded: what each of two machines would do (one core each), then the merge on two cores.
# Throughput of a shard line is over the whole corpus; each shard reads about half of it.
commands=(
  "find '$corpus' -name '*.txt' -print0 | xargs -0 cat > /dev/null"
  "$run --output $out/latest --jobs 1"
  "$run --output $out/latest --jobs 2"
  "$run --shard 1/2 --output $out/parts --jobs 1"
  "$run --shard 2/2 --output $out/parts --jobs 1"
  "$tool merge $out/parts --pipeline Pipelines/default.yml --output $out/merged --quiet --jobs 2"
  "$run --output $out/twin-a --jobs 1 & $run --output $out/twin-b --jobs 1; wait"
)
declare -A walls rss cpus
for _ in $(seq "$repeats"); do
  for index in "${!commands[@]}"; do
    # The wall time to the microsecond from the shell's clock (GNU time's is to 10 ms);
    # GNU time gives the peak RSS and CPU times.
    began=$EPOCHREALTIME
    /usr/bin/time -v sh -c "${commands[$index]}" > /dev/null 2> "$timing" || true
    ended=$EPOCHREALTIME
    wall=$(echo "$ended - $began" | bc -l)
    peak=$(grep "Maximum resident set size" "$timing" | awk '{print $NF}')
    cpu=$(grep -E "(User|System) time \(seconds\)" "$timing" | awk '{sum += $NF} END {print sum}')
    walls[$index]="${walls[$index]:-} $wall"
    cpus[$index]="${cpus[$index]:-} $cpu"
    [ "$peak" -gt "${rss[$index]:-0}" ] && rss[$index]=$peak
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| command | wall | throughput | documents | CPU (user + system) | peak RSS |"
echo "|---|---|---|---|---|---|"
for index in "${!commands[@]}"; do
  wall=$(echo "${walls[$index]}" | median)
  cpu=$(echo "${cpus[$index]}" | median)
  printf "| %-28s | %8.3f s | %8.0f MB/s | %9.0f docs/s | %8.2f s | %7.1f MiB |\n" "${labels[$index]}" "$wall" \
    "$(echo "$mb / $wall" | bc -l)" "$(echo "$files / $wall" | bc -l)" "$cpu" "$(echo "${rss[$index]} / 1024" | bc -l)"
done
read -r -a cats <<< "${walls[0]}"
read -r -a one <<< "${walls[1]}"
read -r -a two <<< "${walls[2]}"
read -r -a twins <<< "${walls[6]}"
ratios="" ceilings="" overCat1="" overCat2=""
for round in "${!one[@]}"; do
  ratios="$ratios $(echo "${one[$round]} / ${two[$round]}" | bc -l)"
  ceilings="$ceilings $(echo "2 * ${one[$round]} / ${twins[$round]}" | bc -l)"
  overCat1="$overCat1 $(echo "${one[$round]} / ${cats[$round]}" | bc -l)"
  overCat2="$overCat2 $(echo "${two[$round]} / ${cats[$round]}" | bc -l)"
done
printf "\nrun / cat of the same files, median of the rounds' ratios: --jobs 1 %.2f×, --jobs 2 %.2f× (--jobs 2 rounds: %s)\n" \
  "$(echo "$overCat1" | median)" "$(echo "$overCat2" | median)" "$(for r in $overCat2; do printf "%.2f " "$r"; done)"
printf -- "--jobs 1 / --jobs 2, median of the rounds' ratios: %.2f× (rounds: %s)\n" "$(echo "$ratios" | median)" \
  "$(for r in $ratios; do printf "%.2f " "$r"; done)"
printf "the machine's own two-core gain (2 × one --jobs 1 run / two at once), median: %.2f× (rounds: %s)\n" \
  "$(echo "$ceilings" | median)" "$(for r in $ceilings; do printf "%.2f " "$r"; done)"
