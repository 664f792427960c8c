#!/usr/bin/env python3
"""Runs accel-run on a schedule with zero-filled inputs, like the schedule fuzzer does.

    run_schedule.py --schema Schedule.fbs SCHEDULE.accel WORKDIR

Input names, dtypes and shapes are read by dumping the schedule to JSON with flatc.
When flatc cannot decode the file (it is damaged), accel-run gets no inputs: its loader
rejects such a file before it looks at inputs. Exits with accel-run's exit code and
passes its stderr through, so a lit test can check both.
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I8": np.int8,
          "I16": np.int16, "I32": np.int32, "I64": np.int64, "U8": np.uint8,
          "Bool": np.bool_, "U16": np.uint16, "U32": np.uint32, "U64": np.uint64}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--schema", required=True)
    ap.add_argument("schedule", type=Path)
    ap.add_argument("workdir", type=Path)
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    dump = subprocess.run(["flatc", "--json", "--raw-binary", "--strict-json",
                           "-o", str(args.workdir), args.schema, "--", str(args.schedule)],
                          capture_output=True)
    cmd = ["accel-run", str(args.schedule), "--output-dir", str(args.workdir / "out")]
    json_path = args.workdir / (args.schedule.stem + ".json")
    if dump.returncode == 0 and json_path.exists():
        sched = json.loads(json_path.read_text())
        tensors = sched.get("tensors", [])
        for n, idx in enumerate(sched.get("inputs", [])):
            if not 0 <= idx < len(tensors):
                continue
            t = tensors[idx]
            dtype = DTYPES.get(t.get("dtype", "F32"))
            shape = t.get("shape", [])
            if dtype is None or any(d < 0 or d > 1 << 20 for d in shape) or \
                    int(np.prod(shape, dtype=np.float64)) > 1 << 24:
                continue
            path = args.workdir / f"in{n}.npy"
            np.save(path, np.zeros(shape, dtype))
            cmd += ["--input", f"{t.get('name', '')}={path}"]
    code = subprocess.run(cmd).returncode
    if code < 0:
        print(f"run_schedule.py: accel-run was killed by signal {-code}", file=sys.stderr)
        return 99
    return code


if __name__ == "__main__":
    sys.exit(main())
