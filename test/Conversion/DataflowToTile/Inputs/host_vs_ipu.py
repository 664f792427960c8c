"""Runs a dataflow module on the host and on the IPU simulator and compares the outputs.

  host_vs_ipu.py MODULE.mlir WORKDIR [--device SPEC] [--seed N]

Lowers MODULE with --lower-to-host and with --lower-to-ipu="device=SPEC", emits both
schedules, runs them on the same seeded random inputs (uniform in [-2, 2]) and prints, per
output, `OK output_i` or `MISMATCH output_i: max abs err E at index I` (tolerance
1e-4 + 1e-3 |host|), then `device layers: OP ...` (the op types of the report layers the IPU ran). The host target
is the reference: the IPU mapping must give its numbers. Tools come from PATH.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np


def run(*args):
    subprocess.run(args, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("module")
    ap.add_argument("work")
    ap.add_argument("--device", default="tiles=16")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    sched = {}
    for target, pipeline in (("host", "--lower-to-host"),
                             ("ipu", f"--lower-to-ipu=device={a.device}")):
        lowered = os.path.join(a.work, f"{target}.mlir")
        run("accel-opt", a.module, pipeline, "-o", lowered)
        sched[target] = os.path.join(a.work, f"{target}.accel")
        run("accel-translate", "--emit-schedule", lowered, "-o", sched[target])
    io = subprocess.run(["accel-run", "--list-io", sched["host"]], check=True,
                        capture_output=True, text=True).stdout
    rng = np.random.default_rng(a.seed)
    args = []
    section = None
    for line in io.splitlines():
        if line.startswith("inputs"):
            section = "in"
        elif line.startswith("outputs"):
            section = "out"
        elif section == "in" and line.startswith("  "):
            name, rest = line.strip().split(": ", 1)
            dtype, dims = rest.split()
            shape = [int(d) for d in dims.split("x")] if dims != "scalar" else []
            path = os.path.join(a.work, f"{name}.npy")
            np.save(path, rng.uniform(-2, 2, shape).astype(np.float32))
            args += ["--input", f"{name}={path}"]
    outs = {}
    for target in ("host", "ipu"):
        out = os.path.join(a.work, f"out_{target}")
        run("accel-run", sched[target], *args, "--output-dir", out, "--report-json",
            os.path.join(a.work, f"report_{target}.json"))
        outs[target] = out
    status = 0
    for f in sorted(os.listdir(outs["host"])):
        want = np.load(os.path.join(outs["host"], f))
        got = np.load(os.path.join(outs["ipu"], f))
        name = f[:-4]
        if got.shape != want.shape:
            print(f"MISMATCH {name}: shape {got.shape} vs {want.shape}")
            status = 1
            continue
        err = np.abs(got.astype(np.float64) - want)
        bad = err > 1e-4 + 1e-3 * np.abs(want)
        if bad.any():
            i = int(np.argmax(err))
            print(f"MISMATCH {name}: max abs err {err.max():.3g} at index "
                  f"{np.unravel_index(i, want.shape)}")
            status = 1
        else:
            print(f"OK {name}")
    with open(os.path.join(a.work, "report_ipu.json")) as f:
        report = json.load(f)
    ops = [l.get("op_type") or l.get("node") for l in report.get("layers", [])
           if l.get("segment", "").startswith("device")]
    print("device layers: " + " ".join(ops))
    return status


if __name__ == "__main__":
    sys.exit(main())
