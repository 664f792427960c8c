"""Inputs and reference outputs for storage-types-end-to-end.test.

  storage_types.py inputs DIR    write a.npy b.npy d.npy x.npy bf.pb into DIR
  storage_types.py check DIR     compare DIR/out/*.npy with numpy, print OK or the diffs
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper

A = np.array([200, 100, 7, 255], np.uint8)
B = np.array([100, 3, 2, 1], np.uint8)
D = np.array([1.5, -2.25, 1e10, 0.1], np.float64)
# 1 + 2^-11 is a tie in f16 (rounds to even); the others exercise truncation.
X = np.array([1.0 + 2.0**-11, -2.7, 100.5, -128.9], np.float32)
BF = [1.5, -3.0, 0.25, 256.0]  # exact in bfloat16


def write_inputs(d):
    for name, v in [("a", A), ("b", B), ("d", D), ("x", X)]:
        np.save(os.path.join(d, name + ".npy"), v)
    t = helper.make_tensor("bf", TensorProto.BFLOAT16, [4], BF)
    with open(os.path.join(d, "bf.pb"), "wb") as f:
        f.write(t.SerializeToString())


def check(d):
    s = (A.astype(np.int32) + B).astype(np.uint8)  # wraps: 300 -> 44
    want = {
        "s": s,
        "q": (s // B).astype(np.uint8),  # divides the wrapped sum
        "dd": D * D,
        "h": X.astype(np.float16),
        "i8": np.trunc(X).astype(np.int8),
        "bb": np.array(BF, np.float32) * 2,  # bf16 outputs are written as f32 values
    }
    bad = []
    for name, ref in want.items():
        got = np.load(os.path.join(d, "out", name + ".npy"))
        if got.dtype != ref.dtype or got.shape != ref.shape:
            bad.append(f"{name}: {got.dtype}{got.shape} != {ref.dtype}{ref.shape}")
        elif ref.dtype.kind == "f" and not np.allclose(got, ref, rtol=1e-6, atol=0):
            bad.append(f"{name}: {got} != {ref}")
        elif ref.dtype.kind != "f" and not np.array_equal(got, ref):
            bad.append(f"{name}: {got} != {ref}")
    print("\n".join(bad) if bad else "OK")


if __name__ == "__main__":
    {"inputs": write_inputs, "check": check}[sys.argv[1]](sys.argv[2])
