"""Model zoo: torchvision models and a BERT-style encoder through one Accel target.

    /usr/bin/python3 -m accel.zoo --target host [--models resnet50,vit_b_16] [--opset 17]
                                  [--precision fp32|fp16]

Each model is exported to ONNX at run time with random weights (test/e2e/export_model.py,
exports are cached per exporter version), compiled, run, and compared with torch's output.
fp32: a model passes when max |accel - torch| <= 1e-3 * max |torch| for every output (the
column "allclose" also says whether every element is within 1e-4 + 1e-3 * |torch|).
fp16 (device targets; the schedule computes in fp16): cosine similarity >= 0.999 with torch
and the same arg-max, per output.
Prints: model, target, max abs error, max rel error, compile s, run s (accel-run wall time:
for a device target, the simulation), simulated device cycles, device FLOP share.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

import numpy as np

from . import TARGETS, compile as accel_compile, output_file_name, run as accel_run
from .tools import ToolError, repo_root

MODELS = ("resnet50", "mobilenet_v2", "efficientnet_b0", "squeezenet1_1", "vit_b_16",
          "convnext_tiny", "mobilenet_v3_small", "regnet_y_400mf", "shufflenet_v2_x1_0",
          "densenet121", "googlenet", "alexnet", "vgg11", "bert_encoder")
REL_TOL = 1e-3
ABS_TOL = 1e-4  # elementwise check: |accel - torch| <= ABS_TOL + REL_TOL * |torch|
COSINE_MIN = 0.999  # fp16
PRECISIONS = ("fp32", "fp16")
DEFAULT_OPSET = 17

E2E_DIR = os.path.join(repo_root(), "test", "e2e")
EXPORTER = os.path.join(E2E_DIR, "export_model.py")

# export_model.export() builds any torchvision model by name (its CLI lists only the e2e set).
_EXPORT_SNIPPET = ("import sys; sys.path.insert(0, sys.argv[1]); import export_model; "
                   "export_model.export(sys.argv[2], int(sys.argv[3]), sys.argv[4])")


def default_cache_dir():
    base = os.environ.get("ACCEL_BUILD_DIR") or os.path.join(repo_root(), "build")
    return os.path.join(base, "zoo-cache")


def export(model, opset, cache_dir, timeout=1800):
    """Exports `model` unless the cache holds an export by the same exporter. Returns
    (directory, manifest, seconds spent exporting)."""
    out_dir = os.path.join(cache_dir, f"{model}-op{opset}")
    stamp = os.path.join(out_dir, "export.stamp")
    manifest_path = os.path.join(out_dir, "manifest.json")
    with open(EXPORTER, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    if os.path.exists(stamp) and os.path.exists(manifest_path):
        with open(stamp) as f:
            if f.read().strip() == digest:
                with open(manifest_path) as m:
                    return out_dir, json.load(m), 0.0
    os.makedirs(out_dir, exist_ok=True)
    start = time.monotonic()
    proc = subprocess.run(["/usr/bin/python3", "-c", _EXPORT_SNIPPET, E2E_DIR, model, str(opset),
                           out_dir], capture_output=True, text=True, timeout=timeout)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        last = [l for l in (proc.stderr or proc.stdout).splitlines() if l.strip()]
        raise RuntimeError(f"export failed: {last[-1] if last else proc.returncode}")
    with open(manifest_path) as m:
        manifest = json.load(m)
    with open(stamp, "w") as f:
        f.write(digest + "\n")
    return out_dir, manifest, seconds


def find_cycles(report):
    """Simulated cycles from accel-run's report, None for targets without a cycle model."""
    if not isinstance(report, dict):
        return None
    for key in ("device_cycles", "total_cycles", "cycles"):
        v = report.get(key)
        if isinstance(v, (int, float)) and v > 0:
            return int(v)
    for key in ("summary", "totals", "device"):
        v = find_cycles(report.get(key))
        if v:
            return v
    return None


def device_share(report):
    """device_flops / (device + host FLOPs) from the report, None without FLOP counts."""
    if not isinstance(report, dict):
        return None
    dev, host = report.get("device_flops"), report.get("host_flops")
    if not isinstance(dev, (int, float)) or not isinstance(host, (int, float)) or dev + host <= 0:
        return None
    return dev / (dev + host)


def compare(actual, expected, precision="fp32"):
    """(max abs err, max rel err = max abs / max |expected|, None or a failure reason,
    extra facts: allclose for fp32, cosine and argmax agreement for fp16)."""
    if actual.shape != expected.shape:
        return (float("nan"), float("nan"),
                f"shape {list(actual.shape)} != {list(expected.shape)}", {})
    a = actual.astype(np.float64)
    b = expected.astype(np.float64)
    if not np.all(np.isfinite(a)):
        return float("nan"), float("nan"), "output has NaN or Inf", {}
    max_abs = float(np.abs(a - b).max()) if b.size else 0.0
    scale = float(np.abs(b).max()) if b.size else 0.0
    max_rel = max_abs / scale if scale > 0 else max_abs
    extra = {"allclose": bool(np.all(np.abs(a - b) <= ABS_TOL + REL_TOL * np.abs(b)))}
    if precision != "fp32":
        na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
        cos = float(np.dot(a.ravel(), b.ravel()) / (na * nb)) if na > 0 and nb > 0 else \
            (1.0 if na == nb else 0.0)
        # Arg-max per row of the last axis (per image for classifier logits).
        same = bool(b.size == 0 or np.array_equal(a.reshape(-1, b.shape[-1]).argmax(-1),
                                                  b.reshape(-1, b.shape[-1]).argmax(-1)))
        extra.update(cosine=cos, argmax_equal=same)
        if cos < COSINE_MIN:
            return max_abs, max_rel, f"cosine similarity {cos:.6f} < {COSINE_MIN}", extra
        if not same:
            return max_abs, max_rel, "arg-max differs from torch", extra
        return max_abs, max_rel, None, extra
    if max_rel > REL_TOL:
        return max_abs, max_rel, f"numeric mismatch (max rel err {max_rel:.3g} > {REL_TOL:g})", extra
    return max_abs, max_rel, None, extra


def run_model(model, target, opset=DEFAULT_OPSET, cache_dir=None, timeout=900,
              precision="fp32"):
    """Exports, compiles, runs and checks one model. Returns a table row (dict)."""
    row = {"model": model, "target": target, "opset": opset, "precision": precision,
           "status": "fail", "reason": "", "max_abs": None, "max_rel": None, "allclose": None,
           "cosine": None, "compile_s": None, "run_s": None, "cycles": None,
           "device_flop_share": None, "device_time_us": None, "simulated_time_us": None,
           "export_s": None}
    start = time.monotonic()
    try:
        model_dir, manifest, row["export_s"] = export(model, opset, cache_dir or default_cache_dir())
        extra_args = ["--precision", precision] if precision != "fp32" else []
        schedule = accel_compile(os.path.join(model_dir, "model.onnx"), target, timeout=timeout,
                                 extra_args=extra_args)
        row["compile_s"] = round(schedule.compile_seconds, 2)
        inputs = {name: os.path.join(model_dir, info["file"])
                  for name, info in manifest["inputs"].items()}
        outputs = accel_run(schedule, inputs, report=True, timeout=timeout)
        row["run_s"] = round(outputs.seconds, 2)
        report = outputs.report
        row["cycles"] = find_cycles(report)
        row["device_flop_share"] = device_share(report)
        if isinstance(report, dict):
            row["device_time_us"] = report.get("device_time_us")
            row["simulated_time_us"] = report.get("simulated_time_us")
        schedule.close()
        worst_abs = worst_rel = 0.0
        all_close, worst_cos = True, None
        for name, info in manifest["outputs"].items():
            expected = np.load(os.path.join(model_dir, info["file"]))
            max_abs, max_rel, why, extra = compare(outputs[name], expected, precision)
            row["max_abs"], row["max_rel"] = max(worst_abs, max_abs), max(worst_rel, max_rel)
            worst_abs, worst_rel = row["max_abs"], row["max_rel"]
            all_close = all_close and extra.get("allclose", False)
            row["allclose"] = all_close
            if "cosine" in extra:
                worst_cos = extra["cosine"] if worst_cos is None else min(worst_cos, extra["cosine"])
                row["cosine"] = worst_cos
            if why:
                row["reason"] = why
                break
        else:
            row["status"] = "pass"
    except ToolError as err:
        stage = "compile" if err.tool == "accel-compile" else "run"
        row["reason"] = f"timeout ({stage})" if err.timed_out else f"{stage}: {err.message}"
    except Exception as exc:
        row["reason"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
    row["seconds"] = round(time.monotonic() - start, 1)
    return row


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def table(rows):
    fp16 = any(r.get("precision", "fp32") != "fp32" for r in rows)
    headers = ["model", "target", "status", "max abs err", "max rel err",
               "cosine" if fp16 else "allclose", "compile s", "run s", "cycles",
               "device FLOPs", "reason"]
    cells = []
    for r in rows:
        check = (fmt(r.get("cosine"), ".6f") if fp16 else
                 "-" if r.get("allclose") is None else "yes" if r["allclose"] else "no")
        share = r.get("device_flop_share")
        cells.append([r["model"], r["target"], r["status"], fmt(r["max_abs"], ".2e"),
                      fmt(r["max_rel"], ".2e"), check, fmt(r["compile_s"], ".2f"),
                      fmt(r["run_s"], ".2f"), fmt(r["cycles"], "d"),
                      "-" if share is None else f"{100 * share:.2f}%", r["reason"]])
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in cells]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m accel.zoo", description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, choices=TARGETS)
    parser.add_argument("--models", default=",".join(MODELS), help="comma list (default: all)")
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET, choices=(13, 17))
    parser.add_argument("--precision", default="fp32", choices=PRECISIONS,
                        help="fp16: compile with --precision fp16 and check cosine similarity "
                             f">= {COSINE_MIN} and the arg-max")
    parser.add_argument("--cache-dir", help="exported models (default $ACCEL_BUILD_DIR/zoo-cache)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per tool call")
    parser.add_argument("--json", help="also write the rows as JSON here")
    parser.add_argument("--summary-json", help="write {passed, failed} (models) here, for "
                                               "scripts/test.sh")
    args = parser.parse_args(argv)
    models = [m for m in args.models.split(",") if m]
    for m in models:
        if m not in MODELS:
            parser.error(f"unknown model {m!r}; expected some of {', '.join(MODELS)}")
    rows = []
    for m in models:
        row = run_model(m, args.target, args.opset, args.cache_dir, args.timeout,
                        args.precision)
        print(f"zoo: {m}: {row['status']} {row['reason']} ({row['seconds']}s)", file=sys.stderr,
              flush=True)
        rows.append(row)
    print(table(rows))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    passed = sum(r["status"] == "pass" for r in rows)
    if args.summary_json:
        with open(args.summary_json, "w") as f:
            json.dump({"passed": passed, "failed": len(rows) - passed,
                       "failures": {r["model"]: r["reason"] for r in rows
                                    if r["status"] != "pass"}}, f, indent=1)
    rule = (f"cosine >= {COSINE_MIN}, same arg-max" if args.precision != "fp32"
            else f"max rel err <= {REL_TOL:g}")
    print(f"zoo: {passed}/{len(rows)} models match torch ({rule})")
    return 0 if passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
