// RUN: rm -rf %t && split-file %s %t
// RUN: accel-opt %t/split-k.mlir --ipu-create-device="device=gc200:tiles=2" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=SPLITK
// RUN: %python %S/Inputs/host_vs_ipu.py %t/split-k.mlir %t/num2 --device tiles=2 | FileCheck %s --check-prefix=NUM
// RUN: %python %S/Inputs/host_vs_ipu.py %t/split-k.mlir %t/num16 --device tiles=16 | FileCheck %s --check-prefix=NUM
// RUN: accel-opt %t/no-fit.mlir --ipu-create-device="device=gc200:tiles=1,memory_bytes=40960" --accel-partition=target=ipu --convert-dataflow-to-tile -verify-diagnostics

// NUM:      OK output_0
// NUM-NEXT: device layers: MatMul

// [2 x 256] x [256 x 3] on 2 tiles: the reduction dim is split (each tile multiplies
// 128 columns of A by 128 rows of B into a [2 x 3] partial), then a second superstep: each
// tile receives its half (3 elements) of both partials and adds them with a `sum` vertex
// (count = 2 partials of n = 3). The result is row 0 on tile 0 and row 1 on tile 1.

// SPLITK:      tile.kernel @fc(
// SPLITK:        tile.exchange "/fc.matmul" layer(0) {
// SPLITK:        tile.compute_set "/fc.matmul" layer(0) attributes {plan = "batch 1, rows 1, cols 1, k 2 over 2 tiles; modelled {{[0-9]+}} cycles"} {
// SPLITK-NEXT:     tile.vertex matmul tile(0) out(%[[P:[_a-zA-Z0-9.]+]][0:6]) a(%{{.*}}[0:256]) b(%{{.*}}) m(2) k(128) n(3)
// SPLITK-NEXT:     tile.vertex matmul tile(1) out(%[[P]][0:6]) a(%{{.*}}[0:256]) b(%{{.*}}) m(2) k(128) n(3)
// SPLITK-NEXT:   }
// SPLITK-NEXT:   tile.sync layer(0)
// SPLITK-NEXT:   tile.exchange "/fc.reduce" layer(0) {
// SPLITK-NEXT:     tile.transfer %[[P]][tile(0), 0:3] to [%[[R:[_a-zA-Z0-9.]+]][tile(0), 0]]
// SPLITK-NEXT:     tile.transfer %[[P]][tile(1), 0:3] to [%[[R]][tile(0), 3]]
// SPLITK-NEXT:     tile.transfer %[[P]][tile(0), 3:3] to [%[[R]][tile(1), 0]]
// SPLITK-NEXT:     tile.transfer %[[P]][tile(1), 3:3] to [%[[R]][tile(1), 3]]
// SPLITK-NEXT:   }
// SPLITK-NEXT:   tile.compute_set "/fc.reduce" layer(0) {
// SPLITK-NEXT:     tile.vertex sum tile(0) out(%[[OUT:[_a-zA-Z0-9.]+]][0:3]) a(%[[R]][0:6]) n(3) count(2)
// SPLITK-NEXT:     tile.vertex sum tile(1) out(%[[OUT]][0:3]) a(%[[R]][0:6]) n(3) count(2)
// SPLITK-NEXT:   }
// SPLITK-NEXT:   tile.sync layer(0)
// SPLITK-NEXT:   tile.host_exchange "outputs" {
// SPLITK-NEXT:     tile.host_copy %[[OUT]][tile(0), 0:3] to result(0) view(#tile.view<dims = {{\[\[}}3, 1]]>)
// SPLITK-NEXT:     tile.host_copy %[[OUT]][tile(1), 0:3] to result(0) view(#tile.view<base = 3, dims = {{\[\[}}3, 1]]>)

//--- split-k.mlir
func.func @main(%x: tensor<2x256xf32>, %w: tensor<256x3xf32>) -> tensor<2x3xf32> {
  %y = dataflow.matmul %x, %w : (tensor<2x256xf32>, tensor<256x3xf32>) -> tensor<2x3xf32> loc(fused<"MatMul">["/fc", "m.onnx":2:1])
  return %y : tensor<2x3xf32>
}

// A product that cannot be split to fit: one tile with 40 KiB, of which a layer may plan
// for half; A alone is 64 KiB.

//--- no-fit.mlir
func.func @main(%x: tensor<64x256xf32>, %w: tensor<256x64xf32>) -> tensor<64x64xf32> {
  // expected-error@+1 {{matmul 1x64x256x64 does not fit the IPU: no split over 1 tiles keeps a tile's share under 20480 bytes; use more tiles or IPUs (device option ipus=N)}}
  %y = dataflow.matmul %x, %w : (tensor<64x256xf32>, tensor<256x64xf32>) -> tensor<64x64xf32>
  return %y : tensor<64x64xf32>
}
