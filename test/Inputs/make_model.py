#!/usr/bin/env python3
"""Writes a small dataflow model with non-uniform constants for the device tool tests
(test/Target/WSE, test/Target/IPU: damage, determinism).

    make_model.py matmul-add OUT.mlir      y = x[2x12] @ W[12x72] + b[72]
    make_model.py conv-sigmoid OUT.mlir    y = sigmoid(conv3x3(x[1x2x4x4], W[4x2x3x3]) + b[4])
    make_model.py dw-pool-softmax OUT.mlir y = softmax(maxpool3x3/2(dwconv3x3(x[1x4x6x6]) + b[4]))
    make_model.py matmul-ksplit OUT.mlir   y = x[1x1024] @ W[1024x2]
    make_model.py conv-relu-pool OUT.mlir  y = maxpool2x2/2(relu(conv3x3(x[1x2x4x4], W[4x2x3x3]) + b[4]))
    make_model.py gate OUT.mlir            y = sigmoid(x[2x16] @ W[16x16]) * x

Weights come from a fixed formula (no randomness), so every run writes the same text and a
damaged program that mixes up blocks, rows or columns gives different numbers.
"""
import sys


def dense(values, shape):
    def rec(vals, dims):
        if not dims:
            return f"{vals[0]:.6e}"
        step = len(vals) // dims[0]
        return "[" + ", ".join(rec(vals[i * step:(i + 1) * step], dims[1:])
                               for i in range(dims[0])) + "]"
    return "dense<" + rec(values, shape) + ">"


def tensor(shape):
    return "tensor<" + "x".join(map(str, shape)) + "xf32>"


def matmul_add():
    w = [((k * 7 + n * 3) % 11 - 5) / 4.0 for k in range(12) for n in range(72)]
    b = [(n % 5 - 2) / 8.0 for n in range(72)]
    return f"""func.func @main(%x: tensor<2x12xf32>) -> tensor<2x72xf32> {{
  %w = dataflow.constant {dense(w, [12, 72])} : tensor<12x72xf32> loc("w")
  %y = dataflow.matmul %x, %w : (tensor<2x12xf32>, tensor<12x72xf32>) -> tensor<2x72xf32> loc("fc")
  %b = dataflow.constant {dense(b, [72])} : tensor<72xf32> loc("b")
  %z = dataflow.binary add %y, %b : (tensor<2x72xf32>, tensor<72xf32>) -> tensor<2x72xf32> loc("bias")
  return %z : tensor<2x72xf32>
}}
"""


def conv_relu():
    w = [((i * 5) % 13 - 6) / 8.0 for i in range(4 * 2 * 3 * 3)]
    b = [0.25, -0.5, 0.125, 0.0]
    ws, out = [4, 2, 3, 3], [1, 4, 4, 4]
    return f"""func.func @main(%x: tensor<1x2x4x4xf32>) -> {tensor(out)} {{
  %w = dataflow.constant {dense(w, ws)} : {tensor(ws)} loc("w")
  %b = dataflow.constant {dense(b, [4])} : tensor<4xf32> loc("b")
  %y = dataflow.conv %x, %w, %b {{strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>}} : (tensor<1x2x4x4xf32>, {tensor(ws)}, tensor<4xf32>) -> {tensor(out)} loc("conv")
  %r = dataflow.unary sigmoid %y : {tensor(out)} -> {tensor(out)} loc("act")
  return %r : {tensor(out)}
}}
"""


def dw_pool_softmax():
    w = [((i * 7) % 11 - 5) / 4.0 for i in range(4 * 9)]
    b = [-4.0, -0.5, 0.125, -3.0]
    return f"""func.func @main(%x: tensor<1x4x6x6xf32>) -> tensor<1x4x3x3xf32> {{
  %w = dataflow.constant {dense(w, [4, 1, 3, 3])} : tensor<4x1x3x3xf32> loc("w")
  %b = dataflow.constant {dense(b, [4])} : tensor<4xf32> loc("b")
  %y = dataflow.conv %x, %w, %b {{strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, groups = 4 : i64}} : (tensor<1x4x6x6xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32> loc("dw")
  %p = dataflow.pool max %y {{kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>}} : tensor<1x4x6x6xf32> -> tensor<1x4x3x3xf32> loc("pool")
  %s = dataflow.softmax %p {{axis = 3 : i64}} : tensor<1x4x3x3xf32> -> tensor<1x4x3x3xf32> loc("softmax")
  return %s : tensor<1x4x3x3xf32>
}}
"""


def matmul_ksplit():
    w = [((k * 7 + n * 3) % 11 - 5) / 4.0 for k in range(1024) for n in range(2)]
    return f"""func.func @main(%x: tensor<1x1024xf32>) -> tensor<1x2xf32> {{
  %w = dataflow.constant {dense(w, [1024, 2])} : tensor<1024x2xf32> loc("w")
  %y = dataflow.matmul %x, %w : (tensor<1x1024xf32>, tensor<1024x2xf32>) -> tensor<1x2xf32> loc("fc")
  return %y : tensor<1x2xf32>
}}
"""


def conv_relu_pool():
    w = [((i * 5) % 13 - 6) / 8.0 for i in range(4 * 2 * 3 * 3)]
    b = [0.75, -0.5, 0.25, -1.0]
    ws, out, po = [4, 2, 3, 3], [1, 4, 4, 4], [1, 4, 2, 2]
    return f"""func.func @main(%x: tensor<1x2x4x4xf32>) -> {tensor(po)} {{
  %w = dataflow.constant {dense(w, ws)} : {tensor(ws)} loc("w")
  %b = dataflow.constant {dense(b, [4])} : tensor<4xf32> loc("b")
  %y = dataflow.conv %x, %w, %b {{strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>}} : (tensor<1x2x4x4xf32>, {tensor(ws)}, tensor<4xf32>) -> {tensor(out)} loc("conv")
  %r = dataflow.unary relu %y : {tensor(out)} -> {tensor(out)} loc("relu")
  %p = dataflow.pool max %r {{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>}} : {tensor(out)} -> {tensor(po)} loc("pool")
  return %p : {tensor(po)}
}}
"""


def gate():
    w = [((k * 7 + n * 3) % 11 - 5) / 4.0 for k in range(16) for n in range(16)]
    t = "tensor<2x16xf32>"
    return f"""func.func @main(%x: {t}) -> {t} {{
  %w = dataflow.constant {dense(w, [16, 16])} : tensor<16x16xf32> loc("w")
  %h = dataflow.matmul %x, %w : ({t}, tensor<16x16xf32>) -> {t} loc("fc")
  %s = dataflow.unary sigmoid %h : {t} -> {t} loc("act")
  %y = dataflow.binary mul %s, %x : ({t}, {t}) -> {t} loc("gate")
  return %y : {t}
}}
"""


def main():
    kind, out = sys.argv[1], sys.argv[2]
    text = {"matmul-add": matmul_add, "conv-sigmoid": conv_relu,
            "dw-pool-softmax": dw_pool_softmax, "matmul-ksplit": matmul_ksplit,
            "conv-relu-pool": conv_relu_pool, "gate": gate}[kind]()
    with open(out, "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
