#!/usr/bin/python3
"""Exports a reference model to ONNX together with an input and torch's output.

  export_model.py --model NAME --opset N --out DIR

writes DIR/model.onnx, DIR/inputs/<onnx input name>.npy for each graph input,
DIR/expected/<onnx output name>.npy for each graph output (torch's result on that input) and
DIR/manifest.json (names, shapes, how long the export took). File names replace '/' and ':'
in tensor names with '_', as accel-run does for its outputs.

Models have random weights (weights=None, torch.manual_seed(0)): this checks the compiler,
not accuracy, and needs no download. Runs on Debian's /usr/bin/python3 (python3-torch).
"""
import argparse
import json
import os
import sys
import time
import warnings

import numpy as np

MODELS = [
    "resnet50",
    "mobilenet_v2",
    "efficientnet_b0",
    "squeezenet1_1",
    "vit_b_16",
    "convnext_tiny",
    "bert_encoder",
    "lstm",
    "gru",
]
OPSETS = [13, 17]


def file_name(tensor_name):
    """The .npy file name accel-run writes for an output of this name."""
    s = tensor_name.replace("/", "_").replace(":", "_").replace("\\", "_")
    if s in ("", ".", ".."):
        s = "output" + s
    return s + ".npy"


def randomize_normalization(model):
    """Gives normalisation layers non-trivial statistics and affine parameters.

    Freshly initialised BatchNorm/LayerNorm layers are identities (mean 0, var 1, scale 1,
    shift 0), so a compiler that dropped or mis-folded them would still match torch. Layers
    cloned by nn.TransformerEncoder start with identical weights (and torch's exporter then
    shares them), so their linear weights are redrawn per layer as well. Zero-initialised
    linear layers (ViT's classifier head) would make the whole output zero: they are redrawn.
    """
    import torch

    gen = torch.Generator().manual_seed(2)

    def uniform(t, lo, hi):
        t.copy_(torch.rand(t.shape, generator=gen) * (hi - lo) + lo)

    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
                uniform(module.running_mean, -0.1, 0.1)
                uniform(module.running_var, 0.5, 1.5)
            if isinstance(module, (torch.nn.modules.batchnorm._BatchNorm, torch.nn.LayerNorm)):
                if module.weight is not None:
                    uniform(module.weight, 0.5, 1.5)
                    uniform(module.bias, -0.1, 0.1)
            if isinstance(module, torch.nn.Linear) and not module.weight.any():
                bound = (3.0 / module.weight.shape[1]) ** 0.5
                uniform(module.weight, -bound, bound)
                if module.bias is not None:
                    uniform(module.bias, -0.1, 0.1)
            if isinstance(module, torch.nn.TransformerEncoderLayer):
                for param in (module.self_attn.in_proj_weight, module.self_attn.out_proj.weight,
                              module.linear1.weight, module.linear2.weight):
                    bound = (3.0 / param.shape[1]) ** 0.5
                    uniform(param, -bound, bound)
                for param in (module.self_attn.in_proj_bias, module.self_attn.out_proj.bias):
                    uniform(param, -0.1, 0.1)


def Recurrent(kind):
    """nn.LSTM or nn.GRU: 2 layers, bidirectional, batch_first. Returns the output sequence
    and the final states (h_n, and c_n for the LSTM), so every ONNX output is compared."""
    import torch

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            cls = torch.nn.LSTM if kind == "lstm" else torch.nn.GRU
            self.rnn = cls(input_size=16, hidden_size=24, num_layers=2, bidirectional=True,
                           batch_first=True)

        def forward(self, x):
            y, state = self.rnn(x)
            return (y, *state) if isinstance(state, tuple) else (y, state)

    return Net()


def build(name):
    """Returns (module, example input tensor) for a model name, deterministically."""
    import torch

    torch.manual_seed(0)
    if name in ("lstm", "gru"):
        model = Recurrent(name)
        shape = (2, 12, 16)
    elif name == "bert_encoder":
        layer = torch.nn.TransformerEncoderLayer(
            d_model=128, nhead=4, dim_feedforward=256, batch_first=True)
        # enable_nested_tensor=False: the nested-tensor fast path has no ONNX export.
        model = torch.nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)
        shape = (1, 16, 128)
    else:
        import torchvision

        model = getattr(torchvision.models, name)(weights=None)
        shape = (1, 3, 224, 224)
    randomize_normalization(model)
    model.eval()
    gen = torch.Generator().manual_seed(1)
    example = torch.randn(*shape, generator=gen, dtype=torch.float32)
    return model, example


def export(name, opset, out_dir):
    model, example = build(name)
    return export_module(model, example, name, opset, out_dir)


def export_module(model, example, name, opset, out_dir):
    """Exports `model` (in eval mode) on `example` as export() does; `name` goes in the
    manifest. Other scripts (bench/ipu_calibration.py) use it for models of their own."""
    import onnx
    import torch

    # Tracing warns about every Python-level shape check in torchvision; they are expected.
    warnings.filterwarnings("ignore", category=torch.jit.TracerWarning)
    warnings.filterwarnings("ignore", category=UserWarning)
    os.makedirs(os.path.join(out_dir, "inputs"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "expected"), exist_ok=True)

    t0 = time.monotonic()
    # Grad stays enabled (parameters require grad) so that torch's fused inference fast paths
    # (e.g. the TransformerEncoderLayer one, which has no ONNX symbolic) are not taken, neither
    # in tracing nor for the reference output: both see the same decomposed computation.
    reference = model(example)
    if isinstance(reference, (tuple, list)):
        reference = list(reference)
    else:
        reference = [reference]
    reference = [r.detach().numpy().astype(np.float32) for r in reference]
    t1 = time.monotonic()

    onnx_path = os.path.join(out_dir, "model.onnx")
    output_names = ["output"] if len(reference) == 1 else [f"output{i}" for i in range(len(reference))]
    torch.onnx.export(
        model,
        (example,),
        onnx_path,
        opset_version=opset,
        do_constant_folding=True,
        input_names=["input"],
        output_names=output_names,
    )
    t2 = time.monotonic()

    proto = onnx.load(onnx_path)
    onnx.checker.check_model(proto)
    initializers = {i.name for i in proto.graph.initializer}
    graph_inputs = [i.name for i in proto.graph.input if i.name not in initializers]
    graph_outputs = [o.name for o in proto.graph.output]
    if len(graph_inputs) != 1 or len(graph_outputs) != len(reference):
        raise SystemExit(f"export_model: unexpected graph signature {graph_inputs} -> {graph_outputs}")

    np.save(os.path.join(out_dir, "inputs", file_name(graph_inputs[0])), example.numpy())
    for oname, value in zip(graph_outputs, reference):
        np.save(os.path.join(out_dir, "expected", file_name(oname)), value)

    weight_bytes = sum(
        int(np.prod(i.dims, dtype=np.int64)) * np.dtype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[i.data_type]).itemsize
        for i in proto.graph.initializer)
    manifest = {
        "model": name,
        "opset": opset,
        "inputs": {n: {"file": "inputs/" + file_name(n), "shape": list(example.shape)} for n in graph_inputs},
        "outputs": {n: {"file": "expected/" + file_name(n), "shape": list(v.shape)}
                    for n, v in zip(graph_outputs, reference)},
        "weight_bytes": weight_bytes,
        "nodes": len(proto.graph.node),
        "torch_forward_s": round(t1 - t0, 3),
        "export_s": round(t2 - t1, 3),
    }
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
    return manifest


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, choices=MODELS)
    parser.add_argument("--opset", type=int, required=True, choices=OPSETS)
    parser.add_argument("--out", required=True, help="output directory")
    args = parser.parse_args(argv)
    manifest = export(args.model, args.opset, args.out)
    print(f"export_model: {args.model} opset {args.opset}: {manifest['nodes']} nodes, "
          f"{manifest['weight_bytes'] / 1e6:.1f} MB weights, export {manifest['export_s']:.1f}s "
          f"-> {args.out}")


if __name__ == "__main__":
    sys.exit(main())
