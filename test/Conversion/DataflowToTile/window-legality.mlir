// RUN: accel-opt %s --ipu-create-device --accel-partition=target=ipu | FileCheck %s
// RUN: accel-opt %s --lower-to-ipu -o /dev/null

// The conv / pool planner splits images, channels and output rows, not the width or the
// window: a tile gets at least the input rows of one output row, whole. When even that
// smallest block does not fit a tile's layer budget (here a 1000-wide image pooled with a
// 60x80 window dilated by 10: 591 rows of 1000), no number of tiles helps and the op stays
// on the host (before, the mapping failed: 'pooling ... does not fit the IPU', as in the
// ONNX test pytorch-converted/test_MaxPool2d_stride_padding_dilation). The same image
// pooled 3x3 maps (on the whole gc200: 4 MB of input needs more than 16 tiles).

// CHECK-LABEL: func.func @main(
// CHECK:         dataflow.pool max %arg0 {{.*}} : tensor<1x1x1000x1000xf32> -> tensor<1x1x41x21xf32>
// CHECK:         tile.launch @small_window(%arg0)
// CHECK:       tile.kernel @small_window(
// CHECK-NEXT:    dataflow.pool max {{.*}} : tensor<1x1x1000x1000xf32> -> tensor<1x1x998x998xf32>

func.func @main(%x: tensor<1x1x1000x1000xf32>) -> (tensor<1x1x41x21xf32>, tensor<1x1x998x998xf32>) {
  %a = dataflow.pool max %x {dilations = array<i64: 10, 10>, kernel_shape = array<i64: 60, 80>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 10, 10>} : tensor<1x1x1000x1000xf32> -> tensor<1x1x41x21xf32> loc(fused<"MaxPool">["/big_window", "m.onnx":1:1])
  %b = dataflow.pool max %x {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : tensor<1x1x1000x1000xf32> -> tensor<1x1x998x998xf32> loc(fused<"MaxPool">["/small_window", "m.onnx":2:1])
  return %a, %b : tensor<1x1x41x21xf32>, tensor<1x1x998x998xf32>
}
