"""Writes the binary ONNX models the importer's lit tests need.

usage: make_model.py KIND OUTPUT
KIND: external, external-missing, external-short, truncated, random, no-graph,
      opset11, named, checker, undefined
OUTPUT: the .onnx path to write (external data goes next to it)
"""
import os
import random
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def conv_model(weight_name="w", opset=17):
    w = numpy_helper.from_array(
        np.arange(2 * 3 * 3 * 3, dtype=np.float32).reshape(2, 3, 3, 3), weight_name)
    node = helper.make_node("Conv", ["x", weight_name], ["y"], name="conv1", pads=[1, 1, 1, 1])
    graph = helper.make_graph(
        [node], "convnet",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 4, 4])], [w])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def set_external(tensor, location, offset, length):
    tensor.data_location = TensorProto.EXTERNAL
    del tensor.external_data[:]
    for key, value in (("location", location), ("offset", str(offset)), ("length", str(length))):
        entry = tensor.external_data.add()
        entry.key, entry.value = key, value
    tensor.ClearField("raw_data")


def main():
    kind, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    if kind in ("external", "external-missing", "external-short"):
        model = conv_model()
        tensor = model.graph.initializer[0]
        data = tensor.raw_data
        # 16 bytes of padding first so the offset is exercised.
        blob = b"\xff" * 16 + data
        if kind == "external-short":
            blob = blob[: len(blob) // 2]
        location = "missing.bin" if kind == "external-missing" else "weights.bin"
        if kind != "external-missing":
            with open(os.path.join(os.path.dirname(os.path.abspath(out)), location), "wb") as f:
                f.write(blob)
        set_external(tensor, location, 16, len(data))
        onnx.save(model, out)
    elif kind == "truncated":
        data = conv_model().SerializeToString()
        with open(out, "wb") as f:
            f.write(data[: len(data) // 2])
    elif kind == "random":
        rng = random.Random(1234)
        with open(out, "wb") as f:
            f.write(bytes(rng.randrange(256) for _ in range(4096)))
    elif kind == "no-graph":
        model = onnx.ModelProto()
        model.producer_name = "empty"
        with open(out, "wb") as f:
            f.write(model.SerializeToString())
    elif kind == "opset11":
        # Opset-11 forms: Squeeze/Unsqueeze axes and Split sizes as attributes,
        # ReduceSum axes as attribute; libonnx converts them to opset 17.
        nodes = [
            helper.make_node("Unsqueeze", ["x"], ["u"], axes=[0]),
            helper.make_node("Split", ["u"], ["a", "b"], axis=2, split=[1, 3]),
            helper.make_node("Squeeze", ["a"], ["sa"], axes=[0, 2]),
            helper.make_node("ReduceSum", ["b"], ["y"], axes=[2], keepdims=0),
        ]
        graph = helper.make_graph(
            nodes, "legacy",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4, 5])],
            [helper.make_tensor_value_info("sa", TensorProto.FLOAT, [2, 5]),
             helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 5])])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
        model.ir_version = 6
        onnx.save(model, out)
    elif kind == "named":
        # Initializer names that are not identifiers, and two that sanitise to
        # the same blob name.
        model = conv_model("layer.0/w:0")
        w2 = numpy_helper.from_array(np.full((2, 3, 3, 3), 0.5, dtype=np.float32), "layer.0_w_0")
        w2.raw_data = np.linspace(0, 1, 54, dtype=np.float32).tobytes()
        model.graph.initializer.append(w2)
        model.graph.node.append(helper.make_node(
            "Conv", ["x", "layer.0_w_0"], ["z"], name="block/conv:2", pads=[1, 1, 1, 1]))
        model.graph.output.append(helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 2, 4, 4]))
        onnx.save(model, out)
    elif kind == "opset9-named":
        # Named nodes through the opset conversion: Upsample becomes Resize (a
        # new node in libonnx's adapter), Softmax over dims 1.. becomes
        # Flatten -> Softmax -> Reshape.
        nodes = [
            helper.make_node("Relu", ["x"], ["r"], name="act"),
            helper.make_node("Constant", [], ["s"], name="scales", value=helper.make_tensor(
                "s", TensorProto.FLOAT, [4], [1, 1, 2, 2])),
            helper.make_node("Upsample", ["r", "s"], ["u"], name="up/1", mode="nearest"),
            helper.make_node("Softmax", ["u"], ["y"], name="sm"),
        ]
        graph = helper.make_graph(
            nodes, "legacy9",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 2, 2])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 4, 4])])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 9)])
        model.ir_version = 4
        onnx.save(model, out)
    elif kind == "opset8-unconvertible":
        # BatchNormalization spatial=0 whose running-mean output is used: no
        # inference form exists; the error names the node.
        p = helper.make_tensor("p", TensorProto.FLOAT, [2, 3], [1.0] * 6)
        nodes = [
            helper.make_node("Relu", ["x"], ["r"], name="act"),
            helper.make_node("BatchNormalization", ["r", "p", "p", "p", "p"],
                             ["y", "m", "v", "sm", "sv"], name="block/bn", spatial=0),
        ]
        graph = helper.make_graph(
            nodes, "legacy8",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 2, 3])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 2, 3]),
             helper.make_tensor_value_info("m", TensorProto.FLOAT, [2, 3])], [p])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 8)])
        model.ir_version = 4
        onnx.save(model, out)
    elif kind in ("checker", "undefined"):
        # checker: Relu with two inputs; undefined: a node reading a value
        # nothing produces.
        inputs = ["x", "x"] if kind == "checker" else ["nowhere"]
        node = helper.make_node("Relu", inputs, ["y"], name="bad")
        graph = helper.make_graph(
            [node], "broken",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
        onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), out)
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
