#!/usr/bin/env python3
"""Checks that two accel-run runs of one schedule agree exactly (the determinism tests).

    same_run.py OUT_DIR_A REPORT_A.json OUT_DIR_B REPORT_B.json

The output directories must hold the same .npy files with identical bytes, and the
reports the same non-zero device cycles and the same cycles for every layer. Prints
`SAME OUTPUTS AND CYCLES <cycles>` or exits 1 naming the difference.
"""
import filecmp
import json
import os
import sys


def main():
    dir_a, json_a, dir_b, json_b = sys.argv[1:5]
    names = sorted(f for f in os.listdir(dir_a) if f.endswith(".npy"))
    if not names or names != sorted(f for f in os.listdir(dir_b) if f.endswith(".npy")):
        print(f"FAIL outputs differ: {names} vs {sorted(os.listdir(dir_b))}")
        return 1
    for n in names:
        if not filecmp.cmp(os.path.join(dir_a, n), os.path.join(dir_b, n), shallow=False):
            print(f"FAIL output {n} differs")
            return 1
    a, b = (json.load(open(p)) for p in (json_a, json_b))
    if not a["device_cycles"] or a["device_cycles"] != b["device_cycles"]:
        print(f"FAIL device cycles {a['device_cycles']} vs {b['device_cycles']}")
        return 1
    la, lb = ([l["cycles"] for l in r["layers"]] for r in (a, b))
    if la != lb:
        print(f"FAIL layer cycles {la} vs {lb}")
        return 1
    print(f"SAME OUTPUTS AND CYCLES {a['device_cycles']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
