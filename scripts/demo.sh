#!/usr/bin/env bash
# Demo: installs missing packages, builds, then compiles a small CNN (examples/small_cnn.py)
# for every target, runs it with accel-run, compares with torch and prints a table.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ACCEL_BUILD_DIR=${ACCEL_BUILD_DIR:-$ROOT/build}
"$ROOT/scripts/install-deps.sh"
"$ROOT/scripts/build.sh"
exec /usr/bin/python3 "$ROOT/scripts/demo.py" --build-dir "$ACCEL_BUILD_DIR" "$@"
