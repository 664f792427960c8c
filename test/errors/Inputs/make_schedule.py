#!/usr/bin/env python3
"""Writes a hand-made .accel schedule from a JSON description, for negative tests.

    make_schedule.py SPEC.json OUT.accel --schema Schedule.fbs --accel-run PATH

SPEC.json holds the fields of the `Schedule` table (include/accel/Schedule/Schedule.fbs)
as flatc's JSON; the identity fields the loader checks first (format_version,
schema_hash, compiler_version, device) are filled in from `accel-run --version` unless
the spec sets them, so a spec only states what the test is about. flatc does the
encoding, so the file is a well-formed FlatBuffer and the loader's semantic checks are
what gets exercised.
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def identity(accel_run):
    out = subprocess.run([accel_run, "--version"], capture_output=True, text=True,
                         check=True).stdout
    m = re.match(r"(\S+) \(schedule format (\d+), schema ([0-9a-f]+)\)", out.strip())
    if not m:
        sys.exit(f"make_schedule.py: cannot parse `accel-run --version`: {out!r}")
    return {"compiler_version": m.group(1), "format_version": int(m.group(2)),
            "schema_hash": m.group(3)}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("spec", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--schema", type=Path, required=True)
    ap.add_argument("--accel-run", required=True)
    args = ap.parse_args()
    spec = json.loads(args.spec.read_text())
    full = dict(identity(args.accel_run))
    full["device"] = {"target": "host"}
    full.update(spec)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (args.out.stem + ".json")
        src.write_text(json.dumps(full))
        subprocess.run(["flatc", "-b", "-o", tmp, str(args.schema), str(src)], check=True)
        args.out.write_bytes((Path(tmp) / (args.out.stem + ".accel")).read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
