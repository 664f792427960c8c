#!/usr/bin/env python3
"""Seeds a fuzz target's corpus directory from the repository's test inputs.

import-onnxtxt: every *.onnxtxt under test/ and fuzz/seeds/onnxtxt/.
import-onnx:    the same models converted to binary protobuf, plus the small node
                models of Debian's libonnx-testdata when it is installed.
schedule:       the text models compiled for the host target, for the WSE (a 16x16 grid,
                so wavelet device segments are in the corpus) and for the IPU (16 tiles
                in fp32 and 4 tiles in fp16, so tile device segments are: exchanges,
                reductions over tiles, every codelet the mapping uses) with this build's
                accel-compile; the hand-written tile modules of test/Target/IPU emitted
                with accel-translate (conv, pools, transpose, clamp); plus the canned
                schedules of accel-test-make-schedule.

Files are named by content hash, so reseeding an existing corpus adds nothing twice.
Seeds that fail to convert or compile are skipped: the corpus only needs some valid
inputs for the fuzzer to mutate.
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TESTDATA = Path("/usr/share/libonnx-testdata/data")
MAX_SEED_BYTES = 64 * 1024


def text_models(root):
    paths = sorted(root.glob("test/**/*.onnxtxt")) + sorted(root.glob("fuzz/seeds/onnxtxt/*.onnxtxt"))
    return [p for p in paths if "fuzz-regressions" not in p.parts]


def add(corpus, data):
    name = hashlib.sha1(data).hexdigest()
    path = corpus / name
    if not path.exists():
        path.write_bytes(data)
        return 1
    return 0


def to_binary(text):
    import onnx.parser  # Debian's python3-onnx; only needed for the binary target
    try:
        return onnx.parser.parse_model(text).SerializeToString()
    except Exception:  # noqa: BLE001 - a seed the parser rejects is just skipped
        return None


def seed_onnxtxt(root, corpus, _bin):
    return sum(add(corpus, p.read_bytes()) for p in text_models(root))


def seed_onnx(root, corpus, _bin):
    n = 0
    for p in text_models(root):
        data = to_binary(p.read_text())
        if data:
            n += add(corpus, data)
    for sub in ("node", "simple"):
        for p in sorted((TESTDATA / sub).glob("*/model.onnx")):
            if p.stat().st_size <= MAX_SEED_BYTES:
                n += add(corpus, p.read_bytes())
    return n


def seed_schedule(root, corpus, bindir):
    n = 0
    compiled = {}  # source -> schedules written (before deduplication)
    with tempfile.TemporaryDirectory() as tmp:
        targets = (("host",), ("wse", "--device", "wse2:grid=16x16"),
                   ("ipu", "--device", "gc200:tiles=16"),
                   ("ipu", "--device", "gc200:tiles=4", "--precision", "fp16"))
        for i, p in enumerate(text_models(root)):
            for t, target in enumerate(targets):
                out = Path(tmp) / f"{i}-{t}.accel"
                r = subprocess.run([str(bindir / "accel-compile"), str(p), "--target", *target,
                                    "-o", str(out)], capture_output=True)
                if r.returncode == 0 and out.stat().st_size <= MAX_SEED_BYTES:
                    n += add(corpus, out.read_bytes())
                    compiled[target[0]] = compiled.get(target[0], 0) + 1
        for i, p in enumerate(sorted(root.glob("test/Target/IPU/*.mlir"))):
            out = Path(tmp) / f"tile-{i}.accel"
            r = subprocess.run([str(bindir / "accel-translate"), str(p), "--emit-schedule",
                                "-o", str(out)], capture_output=True)
            if r.returncode == 0 and out.stat().st_size <= MAX_SEED_BYTES:
                n += add(corpus, out.read_bytes())
                compiled["tile modules"] = compiled.get("tile modules", 0) + 1
        # A device target that compiles nothing is a broken seeding (e.g. ASan stopping the
        # instrumented compiler), not a quiet corpus: say what each source gave.
        print("seed_corpus: schedules compiled: " +
              ", ".join(f"{k} {compiled.get(k, 0)}" for k in ("host", "wse", "ipu", "tile modules")))
        maker = bindir / "accel-test-make-schedule"
        for kind in list_canned(maker):
            out = Path(tmp) / f"canned-{kind}.accel"
            r = subprocess.run([str(maker), kind, str(out)], capture_output=True)
            if r.returncode == 0 and out.exists():
                n += add(corpus, out.read_bytes())
    return n


def list_canned(maker):
    """Names of the canned schedules accel-test-make-schedule can write."""
    r = subprocess.run([str(maker)], capture_output=True, text=True)
    for line in (r.stdout + r.stderr).splitlines():
        if line.startswith("kinds:"):
            return line.split()[1:]
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("target", choices=["import-onnx", "import-onnxtxt", "schedule"])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--bin", type=Path, required=True)
    args = ap.parse_args()
    args.corpus.mkdir(parents=True, exist_ok=True)
    seeders = {"import-onnx": seed_onnx, "import-onnxtxt": seed_onnxtxt,
               "schedule": seed_schedule}
    added = seeders[args.target](args.root, args.corpus, args.bin)
    total = len(os.listdir(args.corpus))
    print(f"seed_corpus: {args.target}: {added} new seeds, {total} inputs in {args.corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
