// RUN: accel-opt %s --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s
// RUN: accel-opt %s --lower-to-ipu="device=tiles=16" -o /dev/null

// One ONNX node can lower to several dataflow ops (here a LayerNormalization and an
// op on its result from the same node, as an expanded function body does): each is one
// report layer named after the node, but step and tensor names must be unique in the
// kernel (the verifier rejects two compute sets of the same name), so the second op's
// get a "#2" suffix.

// CHECK:      tile.kernel @ln({{.*}}) -> tensor<2x8xf32> attributes {flops = 144 : i64, layers = [#tile.layer<"/ln", flops = 128, loc = #{{.*}}>, #tile.layer<"/ln", flops = 16, loc = #{{.*}}>]}
// CHECK-DAG:    tile.tensor "/ln.out"
// CHECK-DAG:    tile.tensor "/ln#2.out"
// CHECK:        tile.compute_set "/ln.sum" layer(0)
// CHECK:        tile.compute_set "/ln.shift" layer(0)
// CHECK:        tile.compute_set "/ln#2.compute" layer(1)
// CHECK-NOT:    tile.compute_set "/ln.compute"
// CHECK:        tile.host_exchange "outputs"

func.func @main(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %s = dataflow.constant dense<2.0> : tensor<8xf32>
  %b = dataflow.constant dense<0.5> : tensor<8xf32>
  %y = dataflow.layer_norm %x, %s, %b {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32> loc(fused<"LayerNormalization">["/ln", "m.onnx":3:1])
  %r = dataflow.unary relu %y : tensor<2x8xf32> -> tensor<2x8xf32> loc(fused<"LayerNormalization">["/ln", "m.onnx":3:1])
  return %r : tensor<2x8xf32>
}
