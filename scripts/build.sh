#!/usr/bin/env bash
# Configures and builds everything (compiler, runtime, tools, unit tests) with Ninja.
# ACCEL_BUILD_DIR overrides the build directory (default: build/ in the repo root);
# extra arguments are passed to ninja (e.g. a target name).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ACCEL_BUILD_DIR:-$ROOT/build}

cmake_args=(-G Ninja -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release)
# ccache when present: a base dir makes cache hits independent of where the checkout lives.
if command -v ccache >/dev/null 2>&1; then
  cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}
fi

cmake "${cmake_args[@]}"
ninja -C "$BUILD_DIR" "$@"
