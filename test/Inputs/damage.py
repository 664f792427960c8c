#!/usr/bin/env python3
"""Damage test for the device targets (DESIGN.md 7.3): every communication op matters.

    damage.py LOWERED.mlir INPUT.npy WORKDIR [--kinds KIND,...]

LOWERED.mlir is the output of `accel-opt --lower-to-wse` or `--lower-to-ipu`. The script
emits and runs the undamaged program (accel-translate --emit-schedule, accel-run; both from
PATH), then for each damage in turn rewrites the IR text, emits and runs it again. The
kinds (default: all; each only finds the ops of its own dialect):

  WSE (`wavelet` dialect)
  route      delete one `wavelet.route` op (each of them, one at a time)
  stream_in  delete one `wavelet.stream_in` op (each of them)
  addr       shift the `addr(N)` of one `wavelet.buffer` by one word (each buffer after
             the first of its region, so the shift overlaps its neighbour)

  IPU (`tile` dialect)
  exchange   delete one `tile.exchange` op with all its transfers (each of them)
  transfer   delete one `tile.transfer` op (each of them; an exchange left without
             transfers stays, empty)

A damage is caught when the emitter or verifier rejects the IR, the runtime rejects or
fails the run (routing error, deadlock, a read of memory nothing wrote, ...) with an
`error:` message, or the output differs from the undamaged run. Prints one line per damage
and exits 1 if any damage went unnoticed (or a tool crashed: exit code other than 0/1).
"""
import argparse
import os
import re
import subprocess
import sys

import numpy as np

KINDS = ("route", "stream_in", "addr", "exchange", "transfer")


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True)


def compile_and_run(ir_text, work, tag, npy):
    mlir = os.path.join(work, tag + ".mlir")
    accel = os.path.join(work, tag + ".accel")
    out = os.path.join(work, tag + ".out")
    with open(mlir, "w") as f:
        f.write(ir_text)
    r = run(["accel-translate", "--emit-schedule", mlir, "-o", accel])
    if r.returncode != 0:
        return "compile", r.returncode, r.stderr
    r = run(["accel-run", accel, "--input", npy, "--output-dir", out])
    if r.returncode != 0:
        return "run", r.returncode, r.stderr
    outputs = sorted(f for f in os.listdir(out) if f.endswith(".npy"))
    return "ok", 0, [np.load(os.path.join(out, f)) for f in outputs]


def first_error(text):
    """The first line that says `error`, with the paths of the work files cut off."""
    for line in text.splitlines():
        if "error" in line:
            return re.sub(r"\S*/(d\d+\.(mlir|accel))", r"\1", line.strip())[:300]
    return text.strip().splitlines()[0][:300] if text.strip() else "(no message)"


def block_end(lines, i):
    """Index one past the `}` closing the op that opens a block on line i."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    for j in range(i + 1, len(lines)):
        if lines[j].strip() == "}" and len(lines[j]) - len(lines[j].lstrip()) == indent:
            return j + 1
    raise ValueError(f"no closing brace for line {i + 1}: {lines[i].strip()}")


def without_types(op):
    """`tile.transfer %a[...] to [...] : !tile.tensor<..>, ...` -> the part before ` : `."""
    return op.split(" : ")[0]


def damages(lines, kinds):
    """Yields (description, damaged line list) for every damage of the requested kinds."""
    region = None  # wavelet.region, or tile.kernel
    exchange = None
    first_buffer = True
    for i, line in enumerate(lines):
        m = re.search(r"wavelet\.region @(\S+)", line)
        if m:
            region, first_buffer = f"region @{m.group(1)}", True
        m = re.search(r"tile\.kernel @([\w.$-]+)", line)
        if m:
            region = f"kernel @{m.group(1)}"
        stripped = line.strip()
        if "route" in kinds and stripped.startswith("wavelet.route "):
            yield f"{region}: delete `{stripped}`", lines[:i] + lines[i + 1:]
        if "stream_in" in kinds and stripped.startswith("wavelet.stream_in "):
            short = stripped.split(" window(")[0]
            yield f"{region}: delete `{short}`", lines[:i] + lines[i + 1:]
        m = re.search(r'wavelet\.buffer "(\w+)" addr\((\d+)\)', line)
        if m:
            if "addr" in kinds and not first_buffer:
                shifted = line[:m.start(2)] + str(int(m.group(2)) - 1) + line[m.end(2):]
                yield (f"{region}: buffer '{m.group(1)}' addr({m.group(2)}) -> "
                       f"addr({int(m.group(2)) - 1})", lines[:i] + [shifted] + lines[i + 1:])
            first_buffer = False
        m = re.match(r'tile\.exchange "([^"]*)"', stripped)
        if m:
            exchange = m.group(1)
            if "exchange" in kinds:
                end = block_end(lines, i)
                n = end - i - 2  # one transfer a line
                yield (f'{region}: delete exchange "{exchange}" ({n} transfer{"s" * (n != 1)})',
                       lines[:i] + lines[end:])
        if "transfer" in kinds and stripped.startswith("tile.transfer "):
            yield (f'{region}: exchange "{exchange}": delete `{without_types(stripped)}`',
                   lines[:i] + lines[i + 1:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lowered")
    ap.add_argument("input")
    ap.add_argument("work")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
    kinds = set(args.kinds.split(","))
    unknown = kinds - set(KINDS)
    if unknown:
        ap.error(f"unknown damage kinds: {', '.join(sorted(unknown))}")
    os.makedirs(args.work, exist_ok=True)
    text = open(args.lowered).read()
    lines = text.splitlines(keepends=True)

    status, code, base = compile_and_run(text, args.work, "undamaged", args.input)
    if status != "ok":
        print(f"FAIL undamaged program does not run: {first_error(base)}")
        return 1
    print(f"undamaged: ok")

    counts = {"compile": 0, "run": 0, "changed": 0}
    missed = crashed = total = 0
    for n, (what, damaged) in enumerate(damages(lines, kinds)):
        total += 1
        status, code, result = compile_and_run("".join(damaged), args.work, f"d{n}", args.input)
        if status != "ok":
            if code != 1 or "error" not in result:
                crashed += 1
                print(f"CRASH {what}: {status} exit {code}: {first_error(result)}")
                continue
            counts[status] += 1
            print(f"caught ({status} error) {what}: {first_error(result)}")
            continue
        same = len(result) == len(base) and all(
            a.shape == b.shape and np.array_equal(a, b) for a, b in zip(result, base))
        if same:
            missed += 1
            print(f"MISSED {what}: output unchanged")
        else:
            counts["changed"] += 1
            print(f"caught (output changed) {what}")
    print(f"damages: {total}, compile errors: {counts['compile']}, run errors: "
          f"{counts['run']}, changed outputs: {counts['changed']}, missed: {missed}, "
          f"crashes: {crashed}")
    return 1 if missed or crashed or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
