#!/usr/bin/env python3
"""Writes a damaged copy of a compiled wse schedule, for load-error tests.

The schedule must have no constants: flatc does not keep the constants blob's 64-byte
alignment, which the loader checks first (compile an elementwise-only model).

    damage_wavelet.py IN.accel DAMAGE OUT.accel --schema Schedule.fbs --accel-run PATH

flatc turns IN.accel into JSON, the named DAMAGE edits it, and make_schedule.py (next to
this file) writes it back as a well-formed FlatBuffer, so what gets exercised is the
loader's semantic check of the wavelet program and the device descriptor. Damages:

  none            no change (the round trip itself must load and run)
  region-outside  the first region's x moved past the fabric's width
  color           the first route's color set to the fabric's color count
  address         the first Recv's address set past the region's memory words
  tensor          the first input stream's window tensor index set past the tensor table

  side            the first input stream's side set to 7
  missing-field   the device descriptor's `colors` field removed
  unknown-field   a device field `bogus` added
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def first_program(spec):
    for seg in spec["segments"]:
        if seg.get("program_type") == "wavelet_WaveletProgram":
            return seg["program"]
    sys.exit("damage_wavelet.py: no wavelet segment")


def first_region(spec):
    return first_program(spec)["layers"][0]["regions"][0]


def field(spec, name):
    return next(f for f in spec["device"]["fields"] if f["name"] == name)


def damage(spec, kind):
    region = first_region(spec)
    if kind == "none":
        pass
    elif kind == "region-outside":
        region["x"] = int(field(spec, "width")["f"]) + 1
    elif kind == "color":
        region["routes"][0]["color"] = int(field(spec, "colors")["f"])
    elif kind == "address":
        # The first Recv (opcode 0; it stores at `a`) past the region's memory words.
        instr = next(i for i in region["tasks"][0]["body"] if i.get("op", 0) == 0)
        instr["a"]["addr"] = region["memory_words"] + 100
    elif kind == "tensor":
        region["inputs"][0]["window"]["tensor"] = len(spec["tensors"]) + 5
    elif kind == "side":
        region["inputs"][0]["side"] = 7
    elif kind == "missing-field":
        spec["device"]["fields"] = [f for f in spec["device"]["fields"] if f["name"] != "colors"]
    elif kind == "unknown-field":
        spec["device"]["fields"].append({"name": "bogus", "kind": "Float", "f": 1.0})
    else:
        sys.exit(f"damage_wavelet.py: unknown damage '{kind}'")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input", type=Path)
    ap.add_argument("damage")
    ap.add_argument("out", type=Path)
    ap.add_argument("--schema", type=Path, required=True)
    ap.add_argument("--accel-run", required=True)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["flatc", "--json", "--strict-json", "--raw-binary", "--defaults-json",
                        "-o", tmp, str(args.schema), "--", str(args.input)], check=True)
        spec = json.loads((Path(tmp) / (args.input.stem + ".json")).read_text())
        damage(spec, args.damage)
        spec_path = Path(tmp) / "spec.json"
        spec_path.write_text(json.dumps(spec))
        subprocess.run([sys.executable, str(Path(__file__).with_name("make_schedule.py")),
                        str(spec_path), str(args.out), "--schema", str(args.schema),
                        "--accel-run", args.accel_run], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
