// RUN: accel-opt %s --lower-to-ipu="device=tiles=4" --mlir-print-debuginfo | FileCheck %s

// End to end through --lower-to-ipu: a user location on each dataflow op (a file
// location; ONNX node locations) survives to its report layer (#tile.layer), the tile
// tensors and the steps charged to it, and the launch; ipu-allocate-memory gives every
// tile tensor an offset and records the kernel's memory use
// (mlir-aie's test/base/loc_preservation.mlir).
// CHECK-DAG: #[[MM:loc[0-9]*]] = loc("user/model.py":12:3)
// CHECK-DAG: #[[ADD:loc[0-9]*]] = loc(fused<"Add">[#{{loc[0-9]*}}, #{{loc[0-9]*}}])
// CHECK-DAG: #[[RELU:loc[0-9]*]] = loc(fused<"Relu">[#{{loc[0-9]*}}, #{{loc[0-9]*}}])
// CHECK:     tile.launch @{{.*}} loc(#[[LAUNCH:loc[0-9]*]])
// CHECK:     tile.kernel @{{[a-z_0-9]+}}({{.*}}) -> tensor<1x8xf32> attributes {flops = 272 : i64,
// CHECK-SAME:  layers = [#tile.layer<"{{[^"]*}}", flops = 256, loc = #[[MM]]>, #tile.layer<"/fc/Add", flops = 8, loc = #[[ADD]]>, #tile.layer<"/relu", flops = 8, loc = #[[RELU]]>],
// CHECK-SAME:  memory_high_water_bytes = {{[0-9]+}} : i64, memory_words_per_tile = {{[0-9]+}} : i64}
// CHECK-NOT: = tile.tensor "{{[^"]*}}" tiles [{{[0-9, ]*}}] :
// CHECK:     = tile.tensor {{.*}} offset({{[0-9]+}}) : !tile.tensor<{{[0-9]+}}> loc(#[[MM]])
// CHECK-NOT: = tile.tensor "{{[^"]*}}" tiles [{{[0-9, ]*}}] :
// CHECK:     = tile.tensor {{.*}} offset({{[0-9]+}}) : !tile.tensor<{{[0-9]+}}> loc(#[[ADD]])
// CHECK-NOT: = tile.tensor "{{[^"]*}}" tiles [{{[0-9, ]*}}] :
// CHECK:     = tile.tensor {{.*}} offset({{[0-9]+}}) : !tile.tensor<{{[0-9]+}}> loc(#[[RELU]])
// CHECK-NOT: = tile.tensor "{{[^"]*}}" tiles [{{[0-9, ]*}}] :
// CHECK:     tile.sync layer(0) loc(#[[MM]])
// CHECK:     tile.sync layer(1) loc(#[[ADD]])
// CHECK:     tile.sync layer(2) loc(#[[RELU]])
// CHECK:     #[[LAUNCH]] = loc(fused[#[[MM]], #[[ADD]], #[[RELU]]])

func.func @main(%x: tensor<1x16xf32>) -> tensor<1x8xf32> {
  %w = dataflow.constant dense<0.5> : tensor<16x8xf32>
  %b = dataflow.constant dense<0.1> : tensor<8xf32>
  %m = dataflow.matmul %x, %w : (tensor<1x16xf32>, tensor<16x8xf32>) -> tensor<1x8xf32> loc("user/model.py":12:3)
  %a = dataflow.binary add %m, %b : (tensor<1x8xf32>, tensor<8xf32>) -> tensor<1x8xf32> loc(fused<"Add">["/fc/Add", "m.onnx":4:1])
  %r = dataflow.unary relu %a : tensor<1x8xf32> -> tensor<1x8xf32> loc(fused<"Relu">["/relu", "m.onnx":5:1])
  return %r : tensor<1x8xf32>
}
