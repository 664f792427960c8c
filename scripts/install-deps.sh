#!/usr/bin/env bash
# Installs the Debian packages Accel needs to build, test and run its demo. Only what is
# missing is installed, so a machine that already has everything pays a few dpkg queries.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ ccache
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools
  libonnx-dev libprotobuf-dev protobuf-compiler libonnx-testdata
  libflatbuffers-dev flatbuffers-compiler
  libopenblas-dev libdnnl-dev libgtest-dev
  python3-onnx python3-numpy python3-torch python3-torchvision
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  # `dpkg -s` also succeeds for removed-but-configured packages; require "install ok installed".
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$pkg")
  fi
done
# Node.js is only needed for ONNX Runtime for Node (the benchmark's baseline, the older-opset
# corpus's reference) and npm (which also fetches that corpus's PaddleOCR models). A machine
# may carry its own Node.js build; Debian's packages are only installed when there is no node
# at all.
if ! command -v node >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    SUDO=sudo
  else
    SUDO=
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
else
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
fi

status=0
for tool in /usr/lib/llvm-22/bin/mlir-tblgen /usr/lib/llvm-22/bin/lit /usr/lib/llvm-22/bin/FileCheck; do
  if [[ ! -x $tool ]]; then
    echo "install-deps: error: $tool is missing after installation" >&2
    status=1
  fi
done
exit $status
