#!/usr/bin/env python3
"""Checks a WSE run of Inputs/dw-pool-softmax.onnxtxt against numpy.

    check_dw_pool_softmax.py MODEL.onnxtxt X.npy OUT_DIR REPORT.json

The model: depthwise 3x3 conv (pads 1, bias) -> MaxPool 3x3 stride 2 pads 1 (`pooled`) ->
GlobalAveragePool -> Flatten -> Softmax (`probs`). The weights are read from the model
text. Outputs must match within 1e-4 abs + 1e-3 rel (test/e2e/accel_e2e.py's compare),
and the report must show each of the four layers on the device. Prints OK lines; exits 1
with the reason otherwise.
"""
import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "e2e"))
from accel_e2e import compare  # noqa: E402


def initializer(text, name, shape):
    m = re.search(r"float\[[\d,]+\] " + name + r" = \{([^}]*)\}", text)
    return np.array([float(v) for v in m.group(1).split(",")], np.float32).reshape(shape)


def depthwise(x, w, b):
    n, c, h, wd = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    y = np.zeros_like(x)
    for i in range(3):
        for j in range(3):
            y += xp[:, :, i:i + h, j:j + wd] * w[None, :, 0, i, j, None, None]
    return y + b[None, :, None, None]


def maxpool(x, k=3, s=2, p=1):
    n, c, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), constant_values=-np.inf)
    oh, ow = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
    y = np.full((n, c, oh, ow), -np.inf, np.float32)
    for i in range(k):
        for j in range(k):
            y = np.maximum(y, xp[:, :, i:i + s * oh:s, j:j + s * ow:s])
    return y


def main():
    model, xfile, out, report = sys.argv[1:5]
    text = open(model).read()
    w = initializer(text, "dw_w", (4, 1, 3, 3))
    b = initializer(text, "dw_b", (4,))
    x = np.load(xfile).astype(np.float64)
    pooled = maxpool(depthwise(x, w.astype(np.float64), b.astype(np.float64)))
    gap = pooled.mean(axis=(2, 3)).reshape(1, 4)
    e = np.exp(gap - gap.max(axis=-1, keepdims=True))
    probs = e / e.sum(axis=-1, keepdims=True)
    for name, want in [("pooled", pooled), ("probs", probs)]:
        got = np.load(os.path.join(out, name + ".npy"))
        ok, max_abs, max_rel, msg = compare(got, want.astype(np.float32))
        if not ok:
            print(f"FAIL {name}: {msg}")
            return 1
        print(f"OK {name} {'x'.join(map(str, got.shape))} (max abs err {max_abs:.2e})")
    layers = {l["node"]: l for l in json.load(open(report))["layers"]}
    for node in ["Conv_0", "MaxPool_1", "GlobalAveragePool_2", "Softmax_4"]:
        if node not in layers or not layers[node]["units"] > 0:
            print(f"FAIL layer {node} is not on the device: {sorted(layers)}")
            return 1
        print(f"OK device layer {node}: {layers[node]['units']} PEs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
