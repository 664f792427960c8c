"""Writes a model whose constants use element types without their own compute
type, in both encodings ONNX allows (raw_data and the typed fields), for
typed-initializers.test.

usage: make_typed_model.py OUTPUT
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def bfloat16_bits(values):
    # Exact bf16 values (a short mantissa), so truncating the f32 bits is exact.
    bits = np.array(values, dtype=np.float32).view(np.uint32) >> 16
    return [int(b) for b in bits]


def main(path):
    half_raw = numpy_helper.from_array(np.array([0.5, -2.0, 65504.0], dtype=np.float16), "half_raw")
    # make_tensor stores FLOAT16/BFLOAT16 values as their bits in int32_data.
    half_typed = helper.make_tensor("half_typed", TensorProto.FLOAT16, [3], [1.0, 0.25, -0.125])
    bf16_typed = helper.make_tensor("bf16_typed", TensorProto.BFLOAT16, [3], [1.5, -3.0, 256.0])
    bf16_raw = helper.make_tensor("bf16_raw", TensorProto.BFLOAT16, [3],
                                  np.array(bfloat16_bits([0.5, 2.0, -1.0]), dtype=np.uint16).tobytes(),
                                  raw=True)
    double_raw = numpy_helper.from_array(np.array([0.1, 2.5, -1e40], dtype=np.float64), "double_raw")
    u8_raw = numpy_helper.from_array(np.array([0, 200, 255], dtype=np.uint8), "u8_raw")
    i16_raw = numpy_helper.from_array(np.array([-32768, 1, 32767], dtype=np.int16), "i16_raw")
    u64_typed = helper.make_tensor("u64_typed", TensorProto.UINT64, [3], [1, 2**32, 2**63])
    inits = [half_raw, half_typed, bf16_typed, bf16_raw, double_raw, u8_raw, i16_raw, u64_typed]
    floats = (TensorProto.FLOAT16, TensorProto.BFLOAT16, TensorProto.DOUBLE)
    nodes, outputs = [], []
    for t in inits:
        # Add needs equal types: cast the constant to the input's type first.
        is_float = t.data_type in floats
        to = TensorProto.FLOAT if is_float else TensorProto.INT64
        nodes.append(helper.make_node("Cast", [t.name], [t.name + "_cast"], to=to,
                                      name="cast_" + t.name))
        nodes.append(helper.make_node("Add", ["x" if is_float else "n", t.name + "_cast"],
                                      [t.name + "_out"], name="add_" + t.name))
        outputs.append(helper.make_tensor_value_info(t.name + "_out", to, [3]))
    graph = helper.make_graph(
        nodes, "typed",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3]),
         helper.make_tensor_value_info("n", TensorProto.INT64, [3])],
        outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    main(sys.argv[1])
