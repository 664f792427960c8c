#!/usr/bin/env python3
"""Checks a WSE run of the small CNN against torch's expected output and its report.

    check_run.py OUT.npy EXPECTED.npy REPORT.json [--fp16] [--preset P] [--units-total N]

fp32: every element within 1e-4 abs + 1e-3 rel (test/e2e/accel_e2e.py's compare).
fp16: cosine similarity >= 0.999 and the same argmax per row.
The report must carry DESIGN.md 7.5's device keys with consistent values. Prints OK lines;
exits 1 with the reason otherwise.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "e2e"))
from accel_e2e import compare  # noqa: E402

KEYS = ["target", "preset", "precision", "clock_hz", "device_cycles", "device_time_us",
        "host_time_us", "transfer_time_us", "device_flops", "host_flops",
        "peak_flops_per_cycle", "utilization", "units_used", "units_total",
        "memory_per_unit_bytes", "memory_high_water_bytes", "layers"]
LAYER_KEYS = ["node", "cycles", "units", "utilization"]


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("expected")
    ap.add_argument("report")
    ap.add_argument("--fp16", action="store_true")
    ap.add_argument("--preset", default="wse2")
    ap.add_argument("--units-total", type=int)
    args = ap.parse_args()
    got, want = np.load(args.out), np.load(args.expected)
    if args.fp16:
        if got.shape != want.shape:
            fail(f"shape {got.shape} != {want.shape}")
        a, b = got.astype(np.float64).ravel(), want.astype(np.float64).ravel()
        cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
        if not cos >= 0.999:
            fail(f"cosine similarity {cos:.6f} < 0.999")
        if not np.array_equal(got.argmax(axis=-1), want.argmax(axis=-1)):
            fail(f"argmax {got.argmax(axis=-1)} != {want.argmax(axis=-1)}")
        print("OK numerics fp16 (cosine >= 0.999, same argmax)")
    else:
        ok, max_abs, max_rel, msg = compare(got, want)
        if not ok:
            fail("numerics: " + msg)
        print("OK numerics fp32 (1e-4 abs + 1e-3 rel)")

    r = json.load(open(args.report))
    missing = [k for k in KEYS if k not in r]
    if missing:
        fail(f"report lacks {missing}")
    if r["target"] != "wse" or r["preset"] != args.preset:
        fail(f"target/preset {r['target']}/{r['preset']}")
    if r["precision"] != ("fp16" if args.fp16 else "fp32"):
        fail(f"precision {r['precision']}")
    if not (r["device_cycles"] > 0 and r["device_flops"] > 0 and r["clock_hz"] > 0):
        fail("no device work reported")
    if not 0 < r["utilization"] <= 1:
        fail(f"utilization {r['utilization']} not in (0, 1]")
    expected_util = r["device_flops"] / (r["device_cycles"] * r["peak_flops_per_cycle"])
    if abs(expected_util - r["utilization"]) > 1e-5 + 1e-2 * expected_util:
        fail(f"utilization {r['utilization']} != device_flops / (device_cycles x peak) "
             f"= {expected_util}")
    if abs(r["device_time_us"] - r["device_cycles"] / r["clock_hz"] * 1e6) > 1e-2:
        fail("device_time_us != device_cycles / clock_hz")
    if not 0 < r["units_used"] <= r["units_total"]:
        fail(f"units_used {r['units_used']} of {r['units_total']}")
    if args.units_total is not None and r["units_total"] != args.units_total:
        fail(f"units_total {r['units_total']} != {args.units_total}")
    if not 0 < r["memory_high_water_bytes"] <= r["memory_per_unit_bytes"]:
        fail(f"memory_high_water_bytes {r['memory_high_water_bytes']} of "
             f"{r['memory_per_unit_bytes']}")
    for k in ("host_time_us", "transfer_time_us", "host_flops"):
        if r[k] < 0:
            fail(f"{k} < 0")
    layers = r["layers"]
    if not layers:
        fail("no layers")
    for layer in layers:
        lack = [k for k in LAYER_KEYS if k not in layer]
        if lack:
            fail(f"layer {layer.get('node')} lacks {lack}")
        if not 0 <= layer["utilization"] <= 1:
            fail(f"layer {layer['node']} utilization {layer['utilization']}")
    nodes = {layer["node"] for layer in layers}
    print(f"OK report: {len(KEYS)} device keys, {len(layers)} layers, utilization <= 1")
    for node in sorted(nodes):
        print("layer " + node)
    return 0


if __name__ == "__main__":
    sys.exit(main())
