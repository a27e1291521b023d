#!/usr/bin/env bash
# Fuzz one target with libFuzzer and AddressSanitizer.
#   Fuzz/run.sh TARGET [SECONDS]      TARGET: query, csv, yaml, catalog, narrative
#   FUZZ_ASAN=0 Fuzz/run.sh TARGET    libFuzzer alone, without AddressSanitizer: 2 to 13 times
#                                     the inputs a second, for volume (Swift's own checks still trap)
# New inputs go to .fuzz/corpus/TARGET (ignored by git; the committed seeds stay in
# Fuzz/corpus/TARGET); a crash or a hang is saved in .fuzz/findings/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-60}
if [ "${FUZZ_ASAN:-1}" = 0 ]; then
    sanitizers=fuzzer
    build=.build-fuzz-plain
else
    sanitizers=fuzzer,address
    build=.build-fuzz
fi
swift build -c release --product chiso-fuzz --scratch-path "$build" \
    -Xswiftc -sanitize="$sanitizers" -Xswiftc -parse-as-library -Xswiftc -DFUZZING 2>&1 | grep -v "Cannot export local symbol" || true
mkdir -p ".fuzz/corpus/$target" ".fuzz/findings/$target"
# No stack is recorded per allocation (a leak found is re-run with ASAN_OPTIONS unset to see
# its stack): Swift allocates often, and without the stacks inputs run 1.3 to 1.5 times as fast.
# Freed memory is held back 16 MB deep, not 256: the leak checks scan a smaller heap, and csv
# inputs run 3 times as fast.
ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0:quarantine_size_mb=16} CHISO_FUZZ_TARGET="$target" "$build/release/chiso-fuzz" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=4096 \
    -artifact_prefix=".fuzz/findings/$target/" -print_final_stats=1 \
    ".fuzz/corpus/$target" "Fuzz/corpus/$target"
