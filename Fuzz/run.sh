#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time. Usage: Fuzz/run.sh [SECONDS_PER_TARGET]
# Needs a Swift toolchain with libFuzzer (the Linux toolchains have it). Exit status 0 when
# no target crashed and no sanitizer reported anything.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
targets=(fuzz-proposal fuzz-report-page fuzz-event-listing fuzz-table fuzz-csv)
# SwiftPM passes `-sanitize=fuzzer` and `-sanitize=address` to swiftc as two flags, and the
# second replaces the first, leaving Swift code without coverage: the combined flag, given
# last, restores it (C code is instrumented either way).
flags=(-c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
       --scratch-path .build-fuzz)
for target in "${targets[@]}"; do
  swift build "${flags[@]}" --product "$target" 2>&1 | grep -Ev "Cannot export local symbol '__asan" | tail -n 1
done
bin=$(swift build "${flags[@]}" --show-bin-path)
mkdir -p .build-fuzz/crashes
status=0
for target in "${targets[@]}"; do
  mkdir -p ".build-fuzz/corpus/$target"
  echo "== $target: ${seconds}s"
  if ! SWIFT_BACKTRACE=enable=no "$bin/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix=".build-fuzz/crashes/$target-" \
      ".build-fuzz/corpus/$target" "Fuzz/seeds/$target" > ".build-fuzz/$target.log" 2>&1; then
    echo "!! $target crashed; see .build-fuzz/$target.log and .build-fuzz/crashes/"
    tail -n 30 ".build-fuzz/$target.log"
    status=1
  else
    grep -E "stat::number_of_executed_runs|stat::new_units_added" ".build-fuzz/$target.log" | tr '\n' ' '; echo
  fi
done
exit $status
