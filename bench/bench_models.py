#!/usr/bin/python3
"""Benchmarks the host flow on the end-to-end models and compares with ONNX Runtime.

  bench_models.py --build-dir B [--models resnet50,...|--zoo] [--opset 17] [--runs 5]

Models are the end-to-end set of test/e2e (default) or any model of the zoo
(python/accel/zoo.py; --zoo runs all 14), exported with random weights.

Per model: accel-compile wall time and peak RSS (the child's own ru_maxrss via os.wait4)
next to the model's weight size; accel-run time (median of --runs fresh processes: the run
time from accel-run's report JSON when it has one, else the process wall time including
loading; the table says which); ONNX Runtime's median over --runs in-process runs after a
warm-up (bench/ort_run.js, onnxruntime-node, one process); accel/ORT ratio; and the
largest error of accel-run's output against torch's and against ONNX Runtime's.
See docs/benchmarks.md.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(ROOT, "test", "e2e"))
import accel_e2e as e2e  # noqa: E402
import report_fields  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "python"))
from accel import zoo  # noqa: E402

ORT_SCRIPT = os.path.join(BENCH, "ort_run.js")
ORT_PACKAGE = os.path.join(BENCH, "node_modules", "onnxruntime-node")


def ensure_ort():
    """Returns None when ONNX Runtime for Node is usable, else why not (installs it if needed)."""
    if not shutil.which("node"):
        return "node is not installed"
    if not os.path.isdir(ORT_PACKAGE):
        if not shutil.which("npm"):
            return "npm is not installed"
        # --ignore-scripts: the package carries its CPU binaries; its install script would only
        # try to download optional GPU providers.
        proc = subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund"],
                              cwd=BENCH, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL)
        if proc.returncode != 0 or not os.path.isdir(ORT_PACKAGE):
            return "npm install onnxruntime-node failed: " + proc.stdout.decode(errors="replace")[-300:]
    return None


def max_error(out_dir, ref_dir, manifest):
    """Largest |a-b| and whether every element is within the e2e tolerance, or (None, None)."""
    worst, all_ok = 0.0, True
    import numpy as np

    for name in manifest["outputs"]:
        a_path = os.path.join(out_dir, e2e.file_name(name))
        b_path = os.path.join(ref_dir, e2e.file_name(name))
        if not (os.path.exists(a_path) and os.path.exists(b_path)):
            return None, None
        ok, max_abs, _, _ = e2e.compare(np.load(a_path), np.load(b_path))
        worst = max(worst, max_abs)
        all_ok = all_ok and ok
    return worst, all_ok


def bench_model(model, args, tools, ort_problem):
    r = {"model": model, "opset": args.opset}
    if model in e2e.MODELS:
        model_dir, manifest, export = e2e.export_cached(model, args.opset, args.work_dir,
                                                        args.timeout)
        if manifest is None:
            r["error"] = "export failed: " + export.error_line()
            return r
    else:
        try:
            model_dir, manifest, _ = zoo.export(model, args.opset,
                                                os.path.join(args.build_dir, "zoo-cache"),
                                                args.timeout)
        except (RuntimeError, OSError) as e:
            r["error"] = str(e)
            return r
    r["weights_mb"] = manifest["weight_bytes"] / 2**20
    onnx_path = os.path.join(model_dir, "model.onnx")
    inputs = e2e.input_args(model_dir, manifest)

    threads = ["--threads", str(args.threads)] if args.threads > 0 else []
    accel = os.path.join(model_dir, "bench.accel")
    step = e2e.run_tool([tools["accel-compile"], onnx_path, "--target", "host", "-o", accel],
                        args.timeout)
    if step.ok:
        r["compile_s"] = step.seconds
        r["compile_rss_mb"] = step.max_rss_kb / 1024
        r["rss_per_weight"] = r["compile_rss_mb"] / r["weights_mb"] if r["weights_mb"] else None
        out_dir = os.path.join(model_dir, "bench-out")
        times, source = [], "wall incl. load"
        for i in range(args.runs):
            shutil.rmtree(out_dir, ignore_errors=True)
            os.makedirs(out_dir)
            report = os.path.join(model_dir, "bench-report.json")
            # Warm runs first, as ONNX Runtime gets: the reported run is the last one.
            run = e2e.run_tool([tools["accel-run"], accel, *inputs, "--output-dir", out_dir,
                                "--report-json", report, "--warmup", str(args.warmup),
                                *threads], args.timeout)
            if not run.ok:
                r["error"] = "accel-run: " + run.error_line()
                break
            ms, src = report_fields.run_time_ms(report_fields.load(report))
            if ms is None:
                ms = run.seconds * 1e3
            else:
                source = "report"
            times.append(ms)
        if times and "error" not in r:
            r["accel_ms"] = statistics.median(times)
            r["accel_ms_source"] = source
            r["err_vs_torch"], r["ok_vs_torch"] = max_error(out_dir, os.path.join(model_dir, "expected"),
                                                            manifest)
    else:
        r["error"] = "accel-compile: " + step.error_line()

    if ort_problem is None:
        ort_out = os.path.join(model_dir, "ort-out")
        shutil.rmtree(ort_out, ignore_errors=True)
        cmd = ["node", ORT_SCRIPT, "--model", onnx_path, *inputs, "--runs", str(args.runs),
               "--warmup", str(args.warmup), "--output-dir", ort_out, *threads]
        ort = e2e.run_tool(cmd, args.timeout)
        if ort.ok:
            info = json.loads(ort.stdout.strip().splitlines()[-1])
            r["ort_ms"] = info["median_ms"]
            r["ort_version"] = info["ort_version"]
            r["ort_vs_torch"], _ = max_error(ort_out, os.path.join(model_dir, "expected"), manifest)
            if "accel_ms" in r:
                r["accel_over_ort"] = r["accel_ms"] / r["ort_ms"]
                r["err_vs_ort"], r["ok_vs_ort"] = max_error(os.path.join(model_dir, "bench-out"),
                                                            ort_out, manifest)
        else:
            r["ort_error"] = ort.error_line()
    return r


def fmt(value, spec, suffix=""):
    return "-" if value is None else format(value, spec) + suffix


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--models", default=",".join(e2e.MODELS),
                        help="comma-separated: test/e2e models or zoo models")
    parser.add_argument("--zoo", action="store_true", help="every model of the zoo")
    parser.add_argument("--opset", type=int, default=17, choices=e2e.OPSETS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2,
                        help="warm-up runs before each timed run (accel-run --warmup, and "
                             "ONNX Runtime's in-process warm-up)")
    parser.add_argument("--work-dir", help="export cache (default BUILD/e2e-work, shared with run_models.py)")
    parser.add_argument("--timeout", type=int, default=1800)
    parser.add_argument("--threads", type=int, default=0,
                        help="threads for both accel-run and ONNX Runtime (default: each its own "
                             "default, i.e. all cores); 1 gives steadier figures on a busy machine")
    parser.add_argument("--no-ort", action="store_true", help="skip ONNX Runtime")
    parser.add_argument("--json", help="write the raw figures here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    args.work_dir = os.path.abspath(args.work_dir or os.path.join(args.build_dir, "e2e-work"))
    os.makedirs(args.work_dir, exist_ok=True)
    bin_dir = os.path.join(os.path.abspath(args.build_dir), "bin")
    tools = {t: os.path.join(bin_dir, t) for t in ("accel-compile", "accel-run")}
    ort_problem = "disabled by --no-ort" if args.no_ort else ensure_ort()
    if ort_problem:
        print(f"bench: ONNX Runtime not used: {ort_problem}")

    results = []
    models = list(zoo.MODELS) if args.zoo else [m for m in args.models.replace(",", " ").split() if m]
    for model in models:
        if model not in e2e.MODELS and model not in zoo.MODELS:
            parser.error(f"unknown model '{model}' (test/e2e: {', '.join(e2e.MODELS)}; "
                         f"zoo: {', '.join(zoo.MODELS)})")
        r = bench_model(model, args, tools, ort_problem)
        results.append(r)
        print(f"bench: {model}: " + json.dumps({k: (float(f"{v:.4g}") if isinstance(v, float) else v)
                                                for k, v in r.items()}), flush=True)

    print()
    e2e.print_table(
        ["model", "weights MB", "compile s", "compile peak RSS MB", "RSS/weights",
         "accel-run ms", "ORT ms", "accel/ORT", "max err vs torch", "max err vs ORT"],
        [[r["model"], fmt(r.get("weights_mb"), ".1f"), fmt(r.get("compile_s"), ".2f"),
          fmt(r.get("compile_rss_mb"), ".0f"), fmt(r.get("rss_per_weight"), ".2f", "x"),
          fmt(r.get("accel_ms"), ".1f") + (" (wall)" if r.get("accel_ms_source", "").startswith("wall") else ""),
          fmt(r.get("ort_ms"), ".1f"), fmt(r.get("accel_over_ort"), ".2f", "x"),
          fmt(r.get("err_vs_torch"), ".1e"), fmt(r.get("err_vs_ort"), ".1e")] for r in results])
    print(f"\nopset {args.opset}, {args.runs} runs per figure (median); accel-run time: "
          "'(wall)' = process wall time including load, else the run time from its report; "
          f"ONNX Runtime: {results[0].get('ort_version', 'n/a') if results else 'n/a'}, "
          "in-process after warm-up; threads: "
          f"{args.threads if args.threads > 0 else 'each engine its default (all cores)'}; "
          f"load average at the end: {os.getloadavg()[0]:.1f}")
    for r in results:
        for key in ("error", "ort_error"):
            if key in r:
                print(f"{r['model']}: {r[key]}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
