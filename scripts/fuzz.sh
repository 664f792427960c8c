#!/usr/bin/env bash
# Builds one libFuzzer target and runs it for SECONDS (docs/fuzzing.md).
#
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer flags...]
#   TARGET: import-onnx | import-onnxtxt | schedule
#
# Build dir: ACCEL_FUZZ_BUILD_DIR (default build-fuzz/ in the repo root), configured with
# clang-22, -fsanitize=fuzzer-no-link,address for the project code and
# -fsanitize=fuzzer,address for the fuzzer binaries. The working corpus lives in
# $BUILD/fuzz-corpus/TARGET and is seeded from the test inputs on every run; crashes,
# hangs and out-of-memory inputs are written to $BUILD/fuzz-artifacts/TARGET/.
# Exits non-zero when libFuzzer reports a finding.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ACCEL_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
PY=/usr/bin/python3
CLANG=${ACCEL_FUZZ_CC:-clang-22}
CLANGXX=${ACCEL_FUZZ_CXX:-clang++-22}

usage() {
  echo "usage: $0 import-onnx|import-onnxtxt|schedule SECONDS [libFuzzer flags...]" >&2
  exit 2
}
(($# >= 2)) || usage
TARGET=$1
SECONDS_TO_RUN=$2
shift 2
case $TARGET in
  import-onnx | import-onnxtxt | schedule) ;;
  *) usage ;;
esac
[[ $SECONDS_TO_RUN =~ ^[0-9]+$ ]] || usage
if ! command -v "$CLANGXX" >/dev/null; then
  echo "fuzz.sh: $CLANGXX not found; install clang-22 and libclang-rt-22-dev" >&2
  exit 1
fi

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(dirname "$ROOT")}
if [[ ! -f $BUILD_DIR/build.ninja ]]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER="$CLANG" -DCMAKE_CXX_COMPILER="$CLANGXX" \
    -DACCEL_BUILD_FUZZERS=ON -DACCEL_SANITIZE=address \
    -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link -gline-tables-only" \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link -gline-tables-only"
fi
# The schedule seeds are compiled from the test models with this build's compiler.
tools=("accel-fuzz-$TARGET")
[[ $TARGET == schedule ]] && tools+=(accel-compile accel-translate accel-test-make-schedule)
ninja -C "$BUILD_DIR" -j"${ACCEL_FUZZ_BUILD_JOBS:-2}" "${tools[@]}"

CORPUS=$BUILD_DIR/fuzz-corpus/$TARGET
ARTIFACTS=$BUILD_DIR/fuzz-artifacts/$TARGET
mkdir -p "$CORPUS" "$ARTIFACTS"
# Leaks: the importer and runtime must not leak on bad input either. Exported before
# seeding: the seeds are compiled by this build's ASan-instrumented accel-compile, which
# without allow_user_poisoning=0 stops on LLVM's allocator poisoning (docs/fuzzing.md) for
# some models, leaving their WSE and IPU seeds out.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:allow_user_poisoning=0}
"$PY" "$ROOT/fuzz/seed_corpus.py" "$TARGET" "$CORPUS" --root "$ROOT" --bin "$BUILD_DIR/bin"
# One process (the machine is shared): no -jobs/-workers forking.
flags=(-max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=4096
       -print_final_stats=1
       -artifact_prefix="$ARTIFACTS/")
[[ -f $ROOT/fuzz/$TARGET.dict ]] && flags+=(-dict="$ROOT/fuzz/$TARGET.dict")
echo "fuzz.sh: running accel-fuzz-$TARGET for ${SECONDS_TO_RUN}s on $CORPUS"
exec "$BUILD_DIR/bin/accel-fuzz-$TARGET" "${flags[@]}" "$@" "$CORPUS"
