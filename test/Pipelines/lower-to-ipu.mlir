// RUN: rm -rf %t && split-file %s %t
// RUN: accel-opt %t/host.mlir --lower-to-ipu="device=bow:tiles=64 precision=fp16" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PIPE
// RUN: accel-opt %t/host.mlir --lower-to-ipu="device=tiles=16" | FileCheck %s --check-prefix=HOST
// RUN: accel-opt %t/host.mlir --lower-to-ipu | FileCheck %s --check-prefix=DEFAULT
// RUN: accel-opt %t/bad.mlir --lower-to-ipu="device=gc200:tiles=0" --verify-diagnostics
// RUN: accel-opt %t/precision.mlir --lower-to-ipu="precision=bf8" --verify-diagnostics

// --lower-to-ipu parses its options (device=PRESET[:key=value,...], or key=value,... on
// the default gc200; precision=fp32|fp16) and hands them to ipu-create-device; then
// partitioning for the IPU, mapping onto tiles, memory allocation and the host program.
// (End-to-end tests of device kernels come with the mapping pass.)

// PIPE:      builtin.module(
// PIPE:        canonicalize
// PIPE:        cse
// PIPE:        dataflow-fold-batchnorm
// PIPE:        canonicalize
// PIPE-NEXT:   ipu-create-device{device=bow:tiles=64 precision=fp16},
// PIPE-NEXT:   accel-partition{entry=main target=ipu},
// PIPE-NEXT:   convert-dataflow-to-tile,
// PIPE-NEXT:   ipu-allocate-memory,
// PIPE-NEXT:   convert-dataflow-to-host{device-launches={tile.launch}

// A model with no op the IPU runs (sin has no IPU mapping): everything stays in the host
// program, next to the (empty) tile.ipu the options describe.
// HOST:      host.program preset("cpu")
// HOST:        dataflow.unary sin
// HOST:      tile.ipu preset("gc200") tiles(16) memory_bytes(638976)
// HOST-SAME:   precision = "fp32", summary = "gc200:tiles=16"

// DEFAULT:   tile.ipu preset("gc200") tiles(1472) memory_bytes(638976) workers(6) clock_hz(1.330000e+09)

//--- host.mlir
func.func @main(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %s = dataflow.unary sin %x : tensor<1x8xf32> -> tensor<1x8xf32>
  return %s : tensor<1x8xf32>
}

//--- bad.mlir
// expected-error@+1 {{bad ipu device 'gc200:tiles=0': device key 'tiles' = 0 is out of range [1, 1472]}}
module {
  func.func @main(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
    return %x : tensor<1x8xf32>
  }
}

//--- precision.mlir
// expected-error@+1 {{bad precision 'bf8': expected fp32 or fp16}}
module {
  func.func @main(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
    return %x : tensor<1x8xf32>
  }
}
