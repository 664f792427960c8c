// RUN: not accel-opt %s --ipu-allocate-memory -split-input-file --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s

// The out-of-memory note points at the user's layer: the location in the kernel's
// `layers` entry of the step where the tile's memory peaks (the ONNX node's, as the
// mapping pass writes them), and the entry's name.

// CHECK: error: kernel @k does not fit in tile memory
// CHECK: model.py:7:1: note: tile 0 needs 1216 bytes at layer 'fc1' (tile.compute_set 'fill'): weights 0, activations 1200,
tile.ipu preset("test") tiles(1) memory_bytes(1024) workers(6) clock_hz(1.0e9)
    fields {code_bytes_per_tile = 0.0 : f64} {
  tile.kernel @k() attributes {layers = [#tile.layer<"fc1", flops = 0, loc = loc("model.py":7:1)>]} {
    %big = tile.tensor "big" tiles [0] : !tile.tensor<300>
    tile.compute_set "fill" attributes {layer = 0 : i64} {
      tile.vertex fill tile(0) out(%big[0:300]) value(0.0) : !tile.tensor<300>
    }
  }
}

// -----

// CHECK: error: kernel @k does not fit in tile memory
// CHECK: m.onnx:3:1: note: tile 0 needs 1216 bytes at layer '/fc/Gemm' (tile.repeat):
tile.ipu preset("test") tiles(1) memory_bytes(1024) workers(6) clock_hz(1.0e9)
    fields {code_bytes_per_tile = 0.0 : f64} {
  tile.kernel @k() attributes {layers = [#tile.layer<"/other", flops = 0>,
      #tile.layer<"/fc/Gemm", flops = 0, loc = loc(fused<"Gemm">["/fc/Gemm", "m.onnx":3:1])>]} {
    %big = tile.tensor "big" tiles [0] : !tile.tensor<300>
    tile.repeat 2 {
      tile.compute_set "fill" attributes {layer = 1 : i64} {
        tile.vertex fill tile(0) out(%big[0:300]) value(0.0) : !tile.tensor<300>
      }
    }
  }
}
