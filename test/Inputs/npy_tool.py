"""Small numpy helpers for lit tests (Debian's python3 with numpy).

  npy_tool.py write FILE SHAPE VALUES...   write a float32 .npy (SHAPE like 2x4)
  npy_tool.py check FILE SHAPE VALUES...   compare a .npy with expected values
                                           (|a-b| <= 1e-4 + 1e-3|b|), print OK or the diff
"""
import sys

import numpy as np


def parse(shape, values):
    dims = [int(d) for d in shape.split("x")] if shape else []
    return np.array([float(v) for v in values], dtype=np.float32).reshape(dims)


def main(argv):
    if len(argv) < 3 or argv[0] not in ("write", "check"):
        print(__doc__)
        return 2
    cmd, path, shape, values = argv[0], argv[1], argv[2], argv[3:]
    expected = parse(shape, values)
    if cmd == "write":
        np.save(path, expected)
        return 0
    actual = np.load(path)
    if actual.shape != expected.shape:
        print(f"MISMATCH shape {actual.shape} != {expected.shape}")
        return 1
    if not np.allclose(actual, expected, rtol=1e-3, atol=1e-4):
        print(f"MISMATCH values {actual.ravel().tolist()} != {expected.ravel().tolist()}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
