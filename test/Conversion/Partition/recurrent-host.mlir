// RUN: accel-opt %s --wse-create-fabric="grid=8x8" --accel-partition="target=wse" | FileCheck %s --check-prefix=WSE
// RUN: accel-opt %s --ipu-create-device="device=tiles=16" --accel-partition=target=ipu | FileCheck %s --check-prefix=IPU

// Neither device maps the recurrent ops: the lstm stays in the function for the host,
// between the device kernels of the ops around it.

// WSE:      wavelet.launch @before(
// WSE-NEXT: dataflow.lstm forward
// WSE-NEXT: wavelet.launch @after(
// IPU:      tile.launch @before(
// IPU-NEXT: dataflow.lstm forward
// IPU-NEXT: tile.launch @after(
module {
  func.func @main(%x: tensor<3x2x4xf32>) -> tensor<3x1x2x3xf32> {
    %w = dataflow.constant dense<0.25> : tensor<1x12x4xf32>
    %r = dataflow.constant dense<0.5> : tensor<1x12x3xf32>
    %a = dataflow.unary relu %x : tensor<3x2x4xf32> -> tensor<3x2x4xf32> loc("before")
    %y, %yh, %yc = dataflow.lstm forward %a, %w, %r activations [sigmoid, tanh, tanh]
        : (tensor<3x2x4xf32>, tensor<1x12x4xf32>, tensor<1x12x3xf32>)
        -> (tensor<3x1x2x3xf32>, tensor<1x2x3xf32>, tensor<1x2x3xf32>) loc("enc")
    %b = dataflow.unary relu %y : tensor<3x1x2x3xf32> -> tensor<3x1x2x3xf32> loc("after")
    return %b : tensor<3x1x2x3xf32>
  }
}
