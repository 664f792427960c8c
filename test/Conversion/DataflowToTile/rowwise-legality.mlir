// RUN: accel-opt %s --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu | FileCheck %s
// RUN: accel-opt %s --lower-to-ipu="device=tiles=16" -o /dev/null

// Reductions, softmax and layer norm give whole rows to tiles, so a row must fit in the
// half of a tile's memory a layer plans for (319488 bytes on a gc200 tile; the matmul and
// conv planners keep to the same budget): a softmax over BERT's 30522-word vocabulary does
// (2 words per element: the row and its result); one over GPT-2's 50257 words does not
// and stays on the host, as does a mean over a whole 1x3x224x224 image (150528 elements:
// before this rule that kernel failed in ipu-allocate-memory, 'does not fit in tile
// memory'). A mean per channel (rows of 50176) stays on the IPU.

// CHECK-LABEL: func.func @main(
// CHECK:         tile.launch @bert_vocab
// CHECK:         dataflow.softmax %arg1 {{.*}} : tensor<1x50257xf32> -> tensor<1x50257xf32>
// CHECK:         dataflow.reduce mean %arg2 {{.*}} : tensor<1x3x224x224xf32> -> tensor<1xf32>
// CHECK:         tile.launch @per_channel
// CHECK:       tile.kernel @bert_vocab(
// CHECK-NEXT:    dataflow.softmax {{.*}} : tensor<1x30522xf32> -> tensor<1x30522xf32>
// CHECK:       tile.kernel @per_channel(
// CHECK-NEXT:    dataflow.reduce mean {{.*}} : tensor<1x3x224x224xf32> -> tensor<1x3xf32>

func.func @main(%a: tensor<1x30522xf32>, %b: tensor<1x50257xf32>, %c: tensor<1x3x224x224xf32>) -> (tensor<1x30522xf32>, tensor<1x50257xf32>, tensor<1xf32>, tensor<1x3xf32>) {
  %sa = dataflow.softmax %a {axis = 1 : i64} : tensor<1x30522xf32> -> tensor<1x30522xf32> loc(fused<"Softmax">["/bert_vocab", "m.onnx":1:1])
  %sb = dataflow.softmax %b {axis = 1 : i64} : tensor<1x50257xf32> -> tensor<1x50257xf32> loc(fused<"Softmax">["/gpt2_vocab", "m.onnx":2:1])
  %m = dataflow.reduce mean %c {axes = array<i64: 1, 2, 3>} : tensor<1x3x224x224xf32> -> tensor<1xf32> loc(fused<"ReduceMean">["/whole", "m.onnx":3:1])
  %p = dataflow.reduce mean %c {axes = array<i64: 2, 3>} : tensor<1x3x224x224xf32> -> tensor<1x3xf32> loc(fused<"ReduceMean">["/per_channel", "m.onnx":4:1])
  return %sa, %sb, %m, %p : tensor<1x30522xf32>, tensor<1x50257xf32>, tensor<1xf32>, tensor<1x3xf32>
}
