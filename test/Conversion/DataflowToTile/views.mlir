// RUN: rm -rf %t && split-file %s %t
// RUN: accel-opt %t/inner.mlir --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=INNER
// RUN: accel-opt %t/only.mlir --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=ONLY
// RUN: accel-opt %t/only.mlir --lower-to-ipu="device=tiles=16" -o /dev/null
// RUN: accel-opt %t/const.mlir --ipu-create-device="device=gc200:tiles=4" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=CONST
// RUN: %python %S/Inputs/host_vs_ipu.py %t/const.mlir %t/const --device tiles=4 | FileCheck %s --check-prefix=CONSTNUM

// A transpose that keeps the innermost dim is a view (as in Poplar): no layer, no compute
// set, no exchange; the next op reads the rows of its operand where they are (here the
// relu's words 0, 12, 4, 16, 8, 20 in the transposed order).

// INNER:      tile.kernel @relu({{.*}}) -> tensor<3x2x4xf32> attributes {flops = 48 : i64, layers = [#tile.layer<"/relu", {{.*}}>, #tile.layer<"/neg", {{.*}}>]}
// INNER:        tile.compute_set "/relu.compute" layer(0) {
// INNER-NEXT:     tile.vertex unary relu tile(0) out(%[[RELU:.*]][0:24]) a(%{{.*}}[0:24])
// INNER-NEXT:   }
// INNER-NEXT:   tile.sync layer(0)
// INNER-NEXT:   tile.compute_set "/neg.compute" layer(1) {
// INNER-NEXT:     tile.vertex unary neg tile(0) out(%[[NEG:.*]][0:4]) a(%[[RELU]][0:4])
// INNER-NEXT:     tile.vertex unary neg tile(0) out(%[[NEG]][4:4]) a(%[[RELU]][12:4])
// INNER-NEXT:     tile.vertex unary neg tile(0) out(%[[NEG]][8:4]) a(%[[RELU]][4:4])
// INNER-NEXT:     tile.vertex unary neg tile(0) out(%[[NEG]][12:4]) a(%[[RELU]][16:4])
// INNER-NEXT:     tile.vertex unary neg tile(0) out(%[[NEG]][16:4]) a(%[[RELU]][8:4])
// INNER-NEXT:     tile.vertex unary neg tile(0) out(%[[NEG]][20:4]) a(%[[RELU]][20:4])
// INNER-NEXT:   }
// INNER-NEXT:   tile.sync layer(1)
// INNER-NEXT:   tile.host_exchange "outputs"
// INNER-NOT:    tile.compute_set

//--- inner.mlir
func.func @main(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  %r = dataflow.unary relu %x : tensor<2x3x4xf32> -> tensor<2x3x4xf32> loc(fused<"Relu">["/relu", "m.onnx":2:1])
  %t = dataflow.transpose %r {perm = array<i64: 1, 0, 2>} : tensor<2x3x4xf32> -> tensor<3x2x4xf32> loc(fused<"Transpose">["/t", "m.onnx":3:1])
  %n = dataflow.unary neg %t : tensor<3x2x4xf32> -> tensor<3x2x4xf32> loc(fused<"Neg">["/neg", "m.onnx":4:1])
  return %n : tensor<3x2x4xf32>
}

// A kernel of views only has no layer of its own: it gets no `layers` attribute (an empty
// one is invalid; without it the kernel is its one report layer), and its outputs are
// copied to the host straight from the words the input arrived in.

// ONLY:       tile.kernel @t(%arg0: tensor<2x3x4xf32>) -> tensor<12x2xf32> attributes {flops = 0 : i64} {
// ONLY-NEXT:    %[[IN:.*]] = tile.tensor "input0.host" tiles [0] : !tile.tensor<24>
// ONLY-NEXT:    tile.host_exchange "input0" {
// ONLY-NEXT:      tile.host_copy %arg0 view(#tile.view<dims = {{\[\[}}24, 1]]>) to %[[IN]][tile(0), 0:24]
// ONLY-NEXT:    }
// ONLY-NEXT:    tile.host_exchange "outputs" {
// ONLY-NEXT:      tile.host_copy %[[IN]][tile(0), 0:4] to result(0) view(#tile.view<dims = {{\[\[}}4, 1]]>)
// ONLY-NEXT:      tile.host_copy %[[IN]][tile(0), 12:4] to result(0) view(#tile.view<base = 4, dims = {{\[\[}}4, 1]]>)
// ONLY-NEXT:      tile.host_copy %[[IN]][tile(0), 4:4] to result(0) view(#tile.view<base = 8, dims = {{\[\[}}4, 1]]>)
// ONLY-NEXT:      tile.host_copy %[[IN]][tile(0), 16:4] to result(0) view(#tile.view<base = 12, dims = {{\[\[}}4, 1]]>)
// ONLY-NEXT:      tile.host_copy %[[IN]][tile(0), 8:4] to result(0) view(#tile.view<base = 16, dims = {{\[\[}}4, 1]]>)
// ONLY-NEXT:      tile.host_copy %[[IN]][tile(0), 20:4] to result(0) view(#tile.view<base = 20, dims = {{\[\[}}4, 1]]>)
// ONLY-NEXT:    }
// ONLY-NEXT:  }

//--- only.mlir
func.func @main(%x: tensor<2x3x4xf32>) -> tensor<12x2xf32> {
  %t = dataflow.transpose %x {perm = array<i64: 1, 0, 2>} : tensor<2x3x4xf32> -> tensor<3x2x4xf32> loc(fused<"Transpose">["/t", "m.onnx":3:1])
  %r = dataflow.reshape %t : tensor<3x2x4xf32> -> tensor<12x2xf32> loc(fused<"Reshape">["/r", "m.onnx":4:1])
  return %r : tensor<12x2xf32>
}

// A view of a constant (ViT's class token concatenated with the patch embeddings): the
// constant gets words of its own, laid out from the next tile and written by tile.init,
// and the concat is a view over them and the relu's words (before, the mapping failed:
// 'data movement of a constant is not mapped onto the IPU').

// CONST:      tile.kernel @relu(%arg0: tensor<1x4x6xf32>, %arg1: tensor<1x1x6xf32>)
// CONST:        %[[C:.*]] = tile.tensor "{{.*}}resident" tiles [1] : !tile.tensor<6>
// CONST-NEXT:   tile.init %[[C]][tile(1), 0:6] from %arg1 view(#tile.view<dims = {{\[\[}}6, 1]]>)
// CONST:        tile.compute_set "/tanh.compute" layer(1) {
// CONST-NEXT:     tile.vertex unary tanh tile(1) out(%{{.*}}[0:6]) a(%[[C]][0:6])
// CONST-NEXT:     tile.vertex unary tanh tile(0) out(%{{.*}}[0:24]) a(%{{.*}}relu.out[0:24])
// CONST-NEXT:   }
// CONSTNUM:      OK output_0
// CONSTNUM-NEXT: device layers: Relu Tanh

//--- const.mlir
func.func @main(%x: tensor<1x4x6xf32>) -> tensor<1x5x6xf32> {
  %cls = dataflow.constant dense<[[[0.5, -1.0, 2.0, 0.25, -0.75, 1.5]]]> : tensor<1x1x6xf32>
  %r = dataflow.unary relu %x : tensor<1x4x6xf32> -> tensor<1x4x6xf32> loc(fused<"Relu">["/relu", "m.onnx":1:1])
  %c = dataflow.concat %cls, %r {axis = 1 : i64} : (tensor<1x1x6xf32>, tensor<1x4x6xf32>) -> tensor<1x5x6xf32> loc(fused<"Concat">["/Concat", "m.onnx":2:1])
  %t = dataflow.unary tanh %c : tensor<1x5x6xf32> -> tensor<1x5x6xf32> loc(fused<"Tanh">["/tanh", "m.onnx":3:1])
  return %t : tensor<1x5x6xf32>
}
