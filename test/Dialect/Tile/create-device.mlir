// RUN: rm -rf %t && split-file %s %t
// RUN: accel-opt %t/main.mlir --ipu-create-device | FileCheck %s --check-prefix=DEFAULT
// RUN: accel-opt %t/main.mlir --ipu-create-device="device=bow:tiles=64,memory_bytes=65536 precision=fp16" | FileCheck %s --check-prefix=SMALL
// RUN: accel-opt %t/main.mlir --ipu-create-device="device=tiles=16" | FileCheck %s --check-prefix=NOPRESET
// RUN: accel-opt %t/main.mlir --ipu-create-device="device=tiles=16" | accel-opt --ipu-create-device="device=gc200:tiles=16" | FileCheck %s --check-prefix=ONCE
// RUN: accel-opt %t/preset.mlir --ipu-create-device="device=gc9" --verify-diagnostics
// RUN: accel-opt %t/key.mlir --ipu-create-device="device=gc200:bogus=1" --verify-diagnostics
// RUN: accel-opt %t/key-nopreset.mlir --ipu-create-device="device=bogus=1" --verify-diagnostics
// RUN: accel-opt %t/zero.mlir --ipu-create-device="device=gc200:tiles=0" --verify-diagnostics
// RUN: accel-opt %t/chip.mlir --ipu-create-device="device=bow:tiles=2000" --verify-diagnostics
// RUN: accel-opt %t/integer.mlir --ipu-create-device="device=gc200:tiles=1.5" --verify-diagnostics
// RUN: accel-opt %t/number.mlir --ipu-create-device="device=gc200:tiles=many" --verify-diagnostics
// RUN: accel-opt %t/override.mlir --ipu-create-device="device=gc200:tiles" --verify-diagnostics
// RUN: accel-opt %t/code.mlir --ipu-create-device="device=gc200:memory_bytes=4096,code_bytes_per_tile=4096" --verify-diagnostics
// RUN: accel-opt %t/precision.mlir --ipu-create-device="precision=fp8" --verify-diagnostics
// RUN: accel-opt %t/other.mlir --ipu-create-device="device=bow" --verify-diagnostics

// ipu-create-device: the tile.ipu anchor from a device descriptor (lib/Device), at the end
// of the module; every bad device description is a diagnostic listing what is valid.

//--- main.mlir
// The default is the real chip: GC200, 1472 tiles of 624 KiB, 6 workers, 1.33 GHz, fp32.
// The fields carry every descriptor value (as f64) for later passes and the schedule.
// DEFAULT:      func.func @main
// DEFAULT:      tile.ipu preset("gc200") tiles(1472) memory_bytes(638976) workers(6) clock_hz(1.330000e+09) fields {
// DEFAULT-SAME: amp_f16_macs_per_cycle = 6.400000e+01 : f64, amp_f32_macs_per_cycle = 1.600000e+01 : f64
// DEFAULT-SAME: code_bytes_per_tile = 3.276800e+04 : f64
// DEFAULT-SAME: ipus = 1.000000e+00 : f64, memory_bytes = 6.389760e+05 : f64
// DEFAULT-SAME: precision = "fp32", summary = "gc200"
// DEFAULT-SAME: tiles = 1.472000e+03 : f64
// DEFAULT-SAME: workers = 6.000000e+00 : f64} {
// DEFAULT-NEXT: }
// DEFAULT-NEXT: }

// A preset with overrides: the summary lists what was overridden.
// SMALL:      tile.ipu preset("bow") tiles(64) memory_bytes(65536) workers(6) clock_hz(1.850000e+09) fields {
// SMALL-SAME: precision = "fp16", summary = "bow:tiles=64,memory_bytes=65536"

// Overrides without a preset apply to the default preset.
// NOPRESET:   tile.ipu preset("gc200") tiles(16)
// NOPRESET-SAME: summary = "gc200:tiles=16"

// A module that already has the same tile.ipu keeps it (running the pass twice is a no-op).
// ONCE:     tile.ipu preset("gc200") tiles(16)
// ONCE-NOT: tile.ipu

func.func @main(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %r = dataflow.unary relu %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

//--- preset.mlir
// expected-error@+1 {{bad ipu device 'gc9': unknown ipu device preset 'gc9'; valid presets: gc200 (Graphcore GC200 (Mk2), 1472 tiles at 1.33 GHz), bow (Graphcore Bow IPU, 1472 tiles at 1.85 GHz)}}
module {}
//--- key.mlir
// expected-error-re@+1 {{bad ipu device 'gc200:bogus=1': unknown device key 'bogus' for target 'ipu'; valid keys: tiles, ipus, memory_bytes, workers, clock_hz, {{.*}}, code_bytes_per_tile, {{.*}}}}
module {}
//--- key-nopreset.mlir
// expected-error@+1 {{bad ipu device 'bogus=1': unknown device key 'bogus' for target 'ipu'; valid keys: tiles,}}
module {}
//--- zero.mlir
// expected-error@+1 {{bad ipu device 'gc200:tiles=0': device key 'tiles' = 0 is out of range [1, 1472] (tiles per IPU the program may use)}}
module {}
//--- chip.mlir
// expected-error@+1 {{bad ipu device 'bow:tiles=2000': device key 'tiles' = 2000 is out of range [1, 1472]}}
module {}
//--- integer.mlir
// expected-error@+1 {{device key 'tiles' must be an integer, got 1.5}}
module {}
//--- number.mlir
// expected-error@+1 {{device key 'tiles' needs a number, got 'many'}}
module {}
//--- override.mlir
// expected-error@+1 {{bad device override 'tiles' in 'gc200:tiles': expected PRESET:key=value,key=value}}
module {}
//--- code.mlir
// expected-error@+1 {{device key 'code_bytes_per_tile' = 4096 must be less than 'memory_bytes' = 4096 (the code must leave room for data)}}
module {}
//--- precision.mlir
// expected-error@+1 {{bad precision 'fp8': expected fp32 or fp16}}
module {}
//--- other.mlir
// A module made for another device is not silently re-targeted.
module {
  // expected-error@+1 {{the module already has a tile.ipu for 'gc200:tiles=16' but ipu-create-device was asked for 'bow' (fp32); run it on a module without a tile.ipu, or with the device and precision the module was made for}}
  tile.ipu preset("gc200") tiles(16) memory_bytes(638976) workers(6) clock_hz(1.33e9)
      fields {summary = "gc200:tiles=16"} {
  }
}
