#!/usr/bin/env bash
# Runs every Accel test: installs missing packages, builds, runs `ninja check-accel` (lit tests
# and gtest unit tests), then the end-to-end model tests (torchvision models, a BERT-style
# encoder and 2-layer bidirectional LSTM/GRU exported to ONNX, compiled for the host target
# with and without epilogue fusion and compared with torch's outputs), the older-opset corpus
# (test/e2e/old_opsets.py), every model of the zoo (python3 -m accel.zoo --target host), the
# Python API tests, the quick ONNX conformance check, the quick checks on the Cerebras WSE
# target (fabric simulator) and on the Graphcore IPU target (BSP simulator), and the
# sanitized importer/runtime tests.
# Ends with one line `accel-tests: N passed, N failed` and exits non-zero on any failure.
#
# Environment: ACCEL_BUILD_DIR (default build/), ACCEL_E2E_MODELS (comma list, default all),
# ACCEL_E2E_OPSETS (default 13,17), ACCEL_SKIP_E2E=1, ACCEL_SKIP_OLD_OPSETS=1, ACCEL_SKIP_ZOO=1,
# ACCEL_SKIP_PYTHON=1, ACCEL_SKIP_CONFORMANCE=1, ACCEL_SKIP_WSE=1, ACCEL_SKIP_IPU=1,
# ACCEL_SKIP_SANITIZE=1 to skip steps.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${ACCEL_BUILD_DIR:-$ROOT/build}
export ACCEL_BUILD_DIR=$BUILD_DIR
LOG_DIR=$BUILD_DIR/test-logs
PY=/usr/bin/python3

start=$SECONDS
stage=setup
stamp() { stage=$*; echo "test.sh: [$((SECONDS - start))s] $*"; }

passed=0
failed=0
xfailed=0  # expected failures (conformance tests listed as failing): not in passed or failed
xpassed=0  # unexpected passes: counted in passed, listed so host.json gets updated
summary_printed=0
# A step that stops the script (install or build failure) still ends with the summary line.
on_exit() {
  local status=$?
  if ((summary_printed == 0)); then
    echo "test.sh: failed while $stage (exit $status)" >&2
    echo "accel-tests: $passed passed, $((failed + 1)) failed"
  fi
}
trap on_exit EXIT

stamp "installing dependencies"
"$ROOT/scripts/install-deps.sh"
stamp "building"
"$ROOT/scripts/build.sh"
mkdir -p "$LOG_DIR"

stamp "running ninja check-accel"
lit_status=0
ninja -C "$BUILD_DIR" check-accel 2>&1 | tee "$LOG_DIR/check-accel.log" || lit_status=$?
read -r lit_pass lit_fail < <("$PY" "$ROOT/scripts/lit_summary.py" "$LOG_DIR/check-accel.log")
# A failure before lit printed its summary (e.g. a test dependency failed to build) still
# has to show up in the count.
if ((lit_status != 0 && lit_fail == 0)); then
  echo "test.sh: check-accel failed (exit $lit_status) without a lit failure count" >&2
  lit_fail=1
fi
passed=$((passed + lit_pass))
failed=$((failed + lit_fail))
stamp "check-accel: $lit_pass passed, $lit_fail failed"

if [[ ${ACCEL_SKIP_E2E:-0} != 1 ]]; then
  stamp "running end-to-end model tests"
  e2e_args=(--build-dir "$BUILD_DIR" --summary-json "$LOG_DIR/e2e-summary.json"
            --opsets "${ACCEL_E2E_OPSETS:-13,17}")
  if [[ -n ${ACCEL_E2E_MODELS:-} ]]; then
    e2e_args+=(--models "$ACCEL_E2E_MODELS")
  fi
  e2e_status=0
  "$PY" "$ROOT/test/e2e/run_models.py" "${e2e_args[@]}" || e2e_status=$?
  if [[ -f $LOG_DIR/e2e-summary.json ]]; then
    read -r e2e_pass e2e_fail < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["passed"], d["failed"])' "$LOG_DIR/e2e-summary.json")
  else
    e2e_pass=0
    e2e_fail=1
  fi
  if ((e2e_status != 0 && e2e_fail == 0)); then
    e2e_fail=1
  fi
  passed=$((passed + e2e_pass))
  failed=$((failed + e2e_fail))
  stamp "e2e: $e2e_pass passed, $e2e_fail failed"
fi

if [[ ${ACCEL_SKIP_OLD_OPSETS:-0} != 1 ]]; then
  # Models from older exporters (test/e2e/old_opsets.py): torch exports at opsets 9-12 with
  # dynamic axes compiled at another shape, and the hand-written test/Import/ONNX/opset-*.onnxtxt
  # models, against ONNX Runtime (bench/node_modules, installed if missing) and torch. Entries
  # waiting for an op (LSTM/GRU) are expected failures; without ONNX Runtime or the npm registry
  # the entries only it can check are skipped. Exports cached in $BUILD_DIR/old-opsets-work.
  # ~1 min.
  stamp "running the older-opset corpus"
  if [[ ! -d $ROOT/bench/node_modules/onnxruntime-node ]]; then
    (cd "$ROOT/bench" && npm install --ignore-scripts --no-audit --no-fund) || true
  fi
  old_status=0
  rm -f "$LOG_DIR/old-opsets-summary.json"
  "$PY" "$ROOT/test/e2e/old_opsets.py" --build-dir "$BUILD_DIR" \
    --summary-json "$LOG_DIR/old-opsets-summary.json" || old_status=$?
  old_xfail=0
  old_xpass=0
  old_skip=0
  if [[ -f $LOG_DIR/old-opsets-summary.json ]]; then
    read -r old_pass old_fail old_xfail old_xpass old_skip < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["passed"], d["failed"], d["expected_failures"], d["unexpected_passes"], d["skipped"])' "$LOG_DIR/old-opsets-summary.json")
  else
    old_pass=0
    old_fail=1
  fi
  if ((old_status != 0 && old_fail == 0)); then
    old_fail=1
  fi
  passed=$((passed + old_pass))
  failed=$((failed + old_fail))
  xfailed=$((xfailed + old_xfail))
  xpassed=$((xpassed + old_xpass))
  stamp "older opsets: $((old_pass - old_xpass)) passed, $old_xfail expected failures, $old_fail failed, $old_xpass unexpected passes, $old_skip skipped (no ONNX Runtime or npm registry)"
fi

if [[ ${ACCEL_SKIP_PYTHON:-0} != 1 ]]; then
  # test/python/test_*.py: the Python API, the commands in README.md and
  # docs/getting-started.md run verbatim, byte-identical schedules.
  stamp "running the Python tests"
  py_status=0
  rm -f "$LOG_DIR/python-summary.json"
  "$PY" "$ROOT/test/python/run_tests.py" --build-dir "$BUILD_DIR" \
    --summary-json "$LOG_DIR/python-summary.json" 2>&1 | tee "$LOG_DIR/python.log" || py_status=$?
  if [[ -f $LOG_DIR/python-summary.json ]]; then
    read -r py_pass py_fail < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["passed"], d["failed"])' "$LOG_DIR/python-summary.json")
  else
    py_pass=0
    py_fail=1
  fi
  if ((py_status != 0 && py_fail == 0)); then
    py_fail=1
  fi
  passed=$((passed + py_pass))
  failed=$((failed + py_fail))
  stamp "python: $py_pass passed, $py_fail failed"
fi

if [[ ${ACCEL_SKIP_ZOO:-0} != 1 ]]; then
  # Every zoo model (torchvision + BERT-style encoder, opset 17, exports cached in
  # $BUILD_DIR/zoo-cache): compiled for the host, run and compared with torch. Each model
  # counts as one test.
  stamp "running the model zoo on host"
  zoo_status=0
  rm -f "$LOG_DIR/zoo-summary.json"
  PYTHONPATH="$ROOT/python" "$PY" -m accel.zoo --target host \
    --summary-json "$LOG_DIR/zoo-summary.json" || zoo_status=$?
  if [[ -f $LOG_DIR/zoo-summary.json ]]; then
    read -r zoo_pass zoo_fail < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["passed"], d["failed"])' "$LOG_DIR/zoo-summary.json")
  else
    zoo_pass=0
    zoo_fail=1
  fi
  if ((zoo_status != 0 && zoo_fail == 0)); then
    zoo_fail=1
  fi
  passed=$((passed + zoo_pass))
  failed=$((failed + zoo_fail))
  stamp "zoo: $zoo_pass passed, $zoo_fail failed"
fi

if [[ ${ACCEL_SKIP_CONFORMANCE:-0} != 1 ]]; then
  # A deterministic third of the ONNX backend node tests plus two zoo models (not when the
  # zoo step above ran them all), checked against test/conformance/host.json: a regression
  # or an unlisted failure fails the run.
  stamp "running the quick ONNX conformance check"
  conf_status=0
  conf_args=()
  if [[ ${ACCEL_SKIP_ZOO:-0} != 1 ]]; then
    conf_args+=(--no-zoo)
  fi
  PYTHONPATH="$ROOT/python" "$PY" -m accel.conformance --target host --quick --check \
    "${conf_args[@]}" --summary-json "$LOG_DIR/conformance-summary.json" || conf_status=$?
  # Expected failures (listed as failing in host.json) count as neither passed nor failed.
  conf_xfail=0
  conf_xpass=0
  if [[ -f $LOG_DIR/conformance-summary.json ]]; then
    read -r conf_pass conf_fail conf_xfail conf_xpass < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["passed"], d["failed"], d["expected_failures"], d["unexpected_passes"])' "$LOG_DIR/conformance-summary.json")
  else
    conf_pass=0
    conf_fail=1
  fi
  if ((conf_status != 0 && conf_fail == 0)); then
    conf_fail=1
  fi
  passed=$((passed + conf_pass))
  failed=$((failed + conf_fail))
  xfailed=$((xfailed + conf_xfail))
  xpassed=$((xpassed + conf_xpass))
  stamp "conformance: $((conf_pass - conf_xpass)) passed, $conf_xfail expected failures, $conf_fail unexpected failures, $conf_xpass unexpected passes"
fi

if [[ ${ACCEL_SKIP_WSE:-0} != 1 ]]; then
  # The WSE target end to end on the default wse2 preset (device segments on the fabric
  # simulator, the rest in host segments): the same third of the ONNX node tests plus two
  # zoo models (squeezenet1_1, mobilenet_v3_small) vs torch, checked against
  # test/conformance/wse.json. ~30 s.
  stamp "running the quick wse check"
  wse_status=0
  rm -f "$LOG_DIR/wse-summary.json"
  PYTHONPATH="$ROOT/python" "$PY" -m accel.conformance --target wse --quick --check \
    --summary-json "$LOG_DIR/wse-summary.json" || wse_status=$?
  wse_xfail=0
  wse_xpass=0
  if [[ -f $LOG_DIR/wse-summary.json ]]; then
    read -r wse_pass wse_fail wse_xfail wse_xpass < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["passed"], d["failed"], d["expected_failures"], d["unexpected_passes"])' "$LOG_DIR/wse-summary.json")
  else
    wse_pass=0
    wse_fail=1
  fi
  if ((wse_status != 0 && wse_fail == 0)); then
    wse_fail=1
  fi
  passed=$((passed + wse_pass))
  failed=$((failed + wse_fail))
  xfailed=$((xfailed + wse_xfail))
  xpassed=$((xpassed + wse_xpass))
  stamp "wse: $((wse_pass - wse_xpass)) passed, $wse_xfail expected failures, $wse_fail unexpected failures, $wse_xpass unexpected passes"
fi

if [[ ${ACCEL_SKIP_IPU:-0} != 1 ]]; then
  # The Graphcore IPU target end to end on the default gc200 preset (device kernels on the
  # BSP simulator, the rest in host segments): the same third of the ONNX node tests plus
  # two zoo models (squeezenet1_1, mobilenet_v3_small) vs torch, checked against
  # test/conformance/ipu.json, counted like the wse step. ~1.5 min.
  stamp "running the quick ipu check"
  ipu_status=0
  rm -f "$LOG_DIR/ipu-summary.json"
  PYTHONPATH="$ROOT/python" "$PY" -m accel.conformance --target ipu --quick --check \
    --summary-json "$LOG_DIR/ipu-summary.json" || ipu_status=$?
  ipu_xfail=0
  ipu_xpass=0
  if [[ -f $LOG_DIR/ipu-summary.json ]]; then
    read -r ipu_pass ipu_fail ipu_xfail ipu_xpass < <("$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["passed"], d["failed"], d["expected_failures"], d["unexpected_passes"])' "$LOG_DIR/ipu-summary.json")
  else
    ipu_pass=0
    ipu_fail=1
  fi
  if ((ipu_status != 0 && ipu_fail == 0)); then
    ipu_fail=1
  fi
  passed=$((passed + ipu_pass))
  failed=$((failed + ipu_fail))
  xfailed=$((xfailed + ipu_xfail))
  xpassed=$((xpassed + ipu_xpass))
  stamp "ipu: $((ipu_pass - ipu_xpass)) passed, $ipu_xfail expected failures, $ipu_fail unexpected failures, $ipu_xpass unexpected passes"
fi

if [[ ${ACCEL_SKIP_SANITIZE:-0} != 1 ]]; then
  # The importer and runtime tests again, built with ASan + UBSan (a second build tree,
  # ACCEL_ASAN_BUILD_DIR, default build-asan/): any sanitizer report fails its test.
  stamp "running the sanitized importer and runtime tests"
  san_status=0
  ACCEL_ASAN_BUILD_DIR=${ACCEL_ASAN_BUILD_DIR:-$ROOT/build-asan} \
    "$ROOT/scripts/sanitize.sh" --importer-runtime 2>&1 | tee "$LOG_DIR/sanitize.log" || san_status=$?
  read -r san_pass san_fail < <("$PY" "$ROOT/scripts/lit_summary.py" "$LOG_DIR/sanitize.log")
  if ((san_status != 0 && san_fail == 0)); then
    echo "test.sh: sanitize.sh failed (exit $san_status) without a lit failure count" >&2
    san_fail=1
  fi
  passed=$((passed + san_pass))
  failed=$((failed + san_fail))
  stamp "sanitized: $san_pass passed, $san_fail failed"
fi

stamp "done"
summary_printed=1
echo "test.sh: not counted below: $xfailed expected failures; counted as passed: $xpassed unexpected passes"
echo "accel-tests: $passed passed, $failed failed"
((failed == 0))
