#!/usr/bin/python3
"""Calibration of the WSE fabric simulator: a weak-scaling fp32 GEMM against the published
CS-2 SGEMM rate (DESIGN.md 8: 349 TFLOPS at 33000^2 on 745,500 PEs, ~0.47 GFLOP/s per PE,
weak-scaling efficiency 1.00; Matsuzaki et al., SC24 workshop).

  wse_gemm_calibration.py --build-dir B [--grids 8,16,32,64] [--block 38] [--json F]

For each P in --grids: an ONNX model C[n, n] = A[n, n] x W[n, n] with n = block * P (W a
constant initializer, so the compiler maps the MatMul onto the device as its
weight-stationary GEMM), compiled with `--target wse --device wse2:grid=PxP`, run on the
fabric simulator with `--report-json`, and checked against numpy. The GEMM mapping
(lib/Conversion/DataflowToWavelet/GemmMapping.cpp) chooses the per-PE block itself: up to
64 outputs wide and as many inputs deep as fit a PE's memory, so on the default 48 KB it
does not produce block x block blocks. Each grid is therefore also run with the PE memory
reduced (`--device ...,memory_bytes=M`) so that the chosen block is `block` inputs deep
and the layer spreads over (almost) the whole grid: the closest the mapping gets to
block x block blocks per PE.

Reported per run: the mapping (region PEs wide x tall, instances, kb x nb block), PEs used,
device cycles, simulated time at the preset clock, the simulation's wall time, GFLOP/s in
total, per grid PE and per used PE, the report's utilization (device FLOPs / (cycles x peak
FLOPs per cycle of the grid); must never exceed 1) and the max relative error vs numpy.
See docs/benchmarks.md.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

PUBLISHED_GFLOPS_PER_PE = 349e12 / 745_500 / 1e9  # CS-2 SGEMM, DESIGN.md 8
CODE_BYTES = 6144          # wse2 preset code_bytes_per_pe (lib/Device/WSEDevices.cpp)
GEMM_NB = 64               # GemmMapping.cpp chooseBlocks: nb = min(N, 64)


def make_model(path, input_path, n, seed=0):
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((n, n), dtype=np.float32) / np.sqrt(n)).astype(np.float32)
    a = rng.standard_normal((n, n), dtype=np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["a", "w"], ["c"], name="gemm")], "sgemm",
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [n, n])],
        [helper.make_tensor_value_info("c", TensorProto.FLOAT, [n, n])],
        [numpy_helper.from_array(w, "w")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)
    np.save(input_path, a)
    return a, w


def memory_for_depth(block):
    """PE memory (bytes) for which chooseBlocks picks cb = block with nb = 64:
    cb = (words - 3 nb) / (nb + 1), words = (memory - code) / 4."""
    return CODE_BYTES + 4 * (block * (GEMM_NB + 1) + 3 * GEMM_NB)


def run(bin_dir, work, p, block, memory, a, w, timeout):
    device = f"wse2:grid={p}x{p}" + (f",memory_bytes={memory}" if memory else "")
    tag = f"p{p}" + ("-mem" if memory else "")
    accel = os.path.join(work, f"{tag}.accel")
    mlir = os.path.join(work, f"{tag}.mlir")
    report_path = os.path.join(work, f"{tag}.report.json")
    out_dir = os.path.join(work, f"out-{tag}")
    subprocess.run([os.path.join(bin_dir, "accel-compile"), os.path.join(work, f"n{p}.onnx"),
                    "--target", "wse", "--device", device, "-o", accel, "--emit-mlir", mlir],
                   check=True, timeout=timeout)
    start = time.monotonic()
    subprocess.run([os.path.join(bin_dir, "accel-run"), accel, "--input",
                    f"a={os.path.join(work, f'a{p}.npy')}", "--output-dir", out_dir,
                    "--report-json", report_path], check=True, timeout=timeout,
                   stdout=subprocess.DEVNULL)
    wall = time.monotonic() - start
    with open(report_path) as f:
        rep = json.load(f)
    with open(mlir) as f:
        text = f.read()
    m = re.search(r"wavelet\.region @\S+ at\(\d+, \d+\) size\((\d+), (\d+)\)", text)
    plan = {k: int(v) for k, v in re.findall(r"\b(kb|nb|pk|pn|rows) = (\d+) : i64", text)}
    instances = len(re.findall(r"wavelet\.stream_in %arg0 to\(0, 0\) instance\(", text))
    c = np.load(os.path.join(out_dir, "c.npy"))
    ref = a.astype(np.float64) @ w.astype(np.float64)
    rel = float(np.abs(c - ref).max() / np.abs(ref).max())
    cycles = rep["device_cycles"]
    seconds = cycles / rep["clock_hz"]
    gflops = rep["device_flops"] / seconds / 1e9
    return {
        "grid": p, "n": block * p, "memory_bytes": memory or 49152,
        "region": f"{m.group(1)}x{m.group(2)}" if m else "?", "instances": instances,
        "block": f"{plan.get('kb')}x{plan.get('nb')}", "pes_used": rep["units_used"],
        "pes_grid": rep["units_total"], "cycles": cycles, "device_ms": seconds * 1e3,
        "sim_wall_s": wall, "gflops": gflops, "per_grid_pe": gflops / rep["units_total"],
        "per_used_pe": gflops / rep["units_used"], "utilization": rep["utilization"],
        "used_pe_utilization": rep["device_flops"] / (cycles * rep["units_used"] *
                                                      rep["peak_flops_per_cycle"] /
                                                      rep["units_total"]),
        "max_rel_err": rel, "clock_hz": rep["clock_hz"],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--grids", default="8,16,32,64")
    parser.add_argument("--block", type=int, default=38)
    parser.add_argument("--work-dir", help="default: a temporary directory")
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument("--json", help="also write the rows here")
    args = parser.parse_args(argv)
    bin_dir = os.path.join(os.path.abspath(args.build_dir), "bin")
    work = args.work_dir or tempfile.mkdtemp(prefix="accel-gemm-cal-")
    os.makedirs(work, exist_ok=True)
    rows = []
    for p in [int(x) for x in args.grids.split(",") if x]:
        n = args.block * p
        a, w = make_model(os.path.join(work, f"n{p}.onnx"), os.path.join(work, f"a{p}.npy"), n)
        for memory in (None, memory_for_depth(args.block)):
            row = run(bin_dir, work, p, args.block, memory, a, w, args.timeout)
            rows.append(row)
            print(f"gemm-cal: P={p} n={n} mem={row['memory_bytes']}: {row['gflops']:.1f} GFLOP/s, "
                  f"{row['per_grid_pe']:.3f}/grid PE, sim {row['sim_wall_s']:.1f}s",
                  file=sys.stderr, flush=True)
    hdr = ("grid | n | PE memory | region (instances) | block kb x nb | PEs used | cycles | "
           "device ms | sim wall s | GFLOP/s | per grid PE | per used PE | util (grid) | "
           "util (used PEs) | max rel err")
    print(hdr)
    print("|".join("-" * (len(h) + 2) for h in hdr.split(" | ")))
    for r in rows:
        print(f"{r['grid']}x{r['grid']} | {r['n']} | {r['memory_bytes']} | {r['region']} "
              f"({r['instances']}) | {r['block']} | {r['pes_used']} | {r['cycles']:,} | "
              f"{r['device_ms']:.2f} | {r['sim_wall_s']:.1f} | {r['gflops']:.1f} | "
              f"{r['per_grid_pe']:.3f} | {r['per_used_pe']:.3f} | {r['utilization']:.3f} | "
              f"{r['used_pe_utilization']:.3f} | {r['max_rel_err']:.1e}")
    print(f"published CS-2 SGEMM: {PUBLISHED_GFLOPS_PER_PE:.3f} GFLOP/s per PE "
          "(GFLOP/s columns here: per PE at the preset clock, 1.1 GHz)")
    bad = [r for r in rows if r["utilization"] > 1 or r["used_pe_utilization"] > 1]
    if bad:
        print("gemm-cal: ERROR: simulated utilization above 1", file=sys.stderr)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
