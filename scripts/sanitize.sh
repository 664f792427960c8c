#!/usr/bin/env bash
# Builds Accel with AddressSanitizer + UndefinedBehaviorSanitizer and runs the lit and
# gtest suite on it (docs/fuzzing.md, "Sanitized test suite").
#
#   scripts/sanitize.sh [--importer-runtime] [extra lit args...]
#
# --importer-runtime runs only the importer and runtime tests (test/Import,
# test/tools/accel-run, test/unit, test/errors, test/fuzz-regressions), the subset CI
# runs on every change. Without it the whole suite runs.
#
# Environment: ACCEL_ASAN_BUILD_DIR (default build-asan/ in the repo root),
# ACCEL_FUZZ_CORPUS_DIR (e.g. build-fuzz/fuzz-corpus: also replay the fuzz corpora),
# ACCEL_SANITIZE (default address,undefined), CC/CXX (default: the system gcc; clang-22
# works too). Any sanitizer report fails the test it happens in: UBSan is built
# non-recoverable and ASan/LSan exit non-zero.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ACCEL_ASAN_BUILD_DIR:-$ROOT/build-asan}
SANITIZERS=${ACCEL_SANITIZE:-address,undefined}
LIT=/usr/lib/llvm-22/bin/lit

subset=0
if [[ ${1:-} == --importer-runtime ]]; then
  subset=1
  shift
fi

# Debian's libLLVM/libMLIR are not instrumented. vptr checks need RTTI of every class a
# pointer may point to, which LLVM's classes do not provide in a checkable way, so they
# are off; everything else in UBSan stays on and aborts on the first report.
extra_flags="-fno-sanitize-recover=all"
[[ $SANITIZERS == *undefined* ]] && extra_flags+=" -fno-sanitize=vptr"

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$ROOT")}
cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
  -DACCEL_SANITIZE="$SANITIZERS" -DACCEL_BUILD_FUZZERS=ON \
  -DCMAKE_C_FLAGS="$extra_flags" -DCMAKE_CXX_FLAGS="$extra_flags" >/dev/null

targets=(accel-run accel-test-make-schedule AccelUnitTests accel-opt accel-translate
         accel-compile accel-fuzz-schedule-replay accel-fuzz-import-onnx-replay
         accel-fuzz-import-onnxtxt-replay)
ninja -C "$BUILD_DIR" -j"${ACCEL_BUILD_JOBS:-2}" "${targets[@]}"

# allocator_may_return_null: a failed huge allocation must reach the code's own error
# path (as it does without ASan) instead of ASan aborting the process.
# allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons slabs from its inline code in
# our (instrumented) files while the uninstrumented libMLIR allocates from the same
# slabs without unpoisoning; manual poisoning would only produce false reports.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:allow_user_poisoning=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-}

lit_args=(-sv)
if ((subset)); then
  lit_args+=(--filter ':: (Import|tools/accel-run|unit|errors|fuzz-regressions)/')
fi

start=$SECONDS
status=0
"$LIT" "${lit_args[@]}" "$@" "$BUILD_DIR/test" || status=$?

# Fuzz corpora (scripts/fuzz.sh builds them with ASan only) replayed under every
# sanitizer of this build, which also catches UB the fuzzing run could not see.
if [[ -n ${ACCEL_FUZZ_CORPUS_DIR:-} ]]; then
  for target in schedule import-onnx import-onnxtxt; do
    corpus=$ACCEL_FUZZ_CORPUS_DIR/$target
    [[ -d $corpus ]] || continue
    echo "sanitize.sh: replaying $corpus"
    "$BUILD_DIR/bin/accel-fuzz-$target-replay" "$corpus" || status=1
  done
fi
echo "sanitize.sh: $SANITIZERS suite finished in $((SECONDS - start))s (exit $status)"
exit $status
