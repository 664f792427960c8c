"""Checks conv-pool.mlir's outputs against numpy: prints OK per output or the difference.

  check_conv_pool.py X.npy OUT_DIR
"""
import sys

import numpy as np


def conv2d(x, w, stride, pad):
    """x [c, h, w], w [cout, c, kh, kw], symmetric zero padding."""
    c, h, wd = x.shape
    cout, _, kh, kw = w.shape
    xp = np.zeros((c, h + 2 * pad, wd + 2 * pad), np.float64)
    xp[:, pad:pad + h, pad:pad + wd] = x
    oh = (h + 2 * pad - kh) // stride + 1
    ow = (wd + 2 * pad - kw) // stride + 1
    out = np.zeros((cout, oh, ow))
    for co in range(cout):
        for oy in range(oh):
            for ox in range(ow):
                patch = xp[:, oy * stride:oy * stride + kh, ox * stride:ox * stride + kw]
                out[co, oy, ox] = np.sum(patch * w[co])
    return out


def avg_pool_count_pad(y, k, pad):
    c, h, wd = y.shape
    yp = np.zeros((c, h + 2 * pad, wd + 2 * pad))
    yp[:, pad:pad + h, pad:pad + wd] = y
    oh, ow = h + 2 * pad - k + 1, wd + 2 * pad - k + 1
    out = np.zeros((c, oh, ow))
    for oy in range(oh):
        for ox in range(ow):
            out[:, oy, ox] = yp[:, oy:oy + k, ox:ox + k].sum(axis=(1, 2)) / (k * k)
    return out


def main(x_path, out_dir):
    x = np.load(x_path).astype(np.float64)[0]  # [1, 4, 4]
    w = (np.arange(18) % 5 - 2).astype(np.float64).reshape(2, 1, 3, 3) * 0.5
    y = conv2d(x, w, stride=2, pad=1)  # [2, 2, 2]
    expected = {
        "peak": y.max(axis=(1, 2)).reshape(1, 2, 1, 1),
        "smooth": avg_pool_count_pad(y, 2, 1)[:, :2, :2].reshape(1, 2, 2, 2),
    }
    ok = True
    for name, ref in expected.items():
        got = np.load(f"{out_dir}/{name}.npy")
        if got.shape != ref.shape or not np.allclose(got, ref, rtol=1e-5, atol=1e-5):
            print(f"MISMATCH {name}: {got.ravel().tolist()} != {ref.ravel().tolist()}")
            ok = False
        else:
            print(f"OK {name}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
