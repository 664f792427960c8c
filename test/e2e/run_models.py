#!/usr/bin/python3
"""End-to-end model tests: export each model to ONNX with torch, compile it for the host target
with accel-compile (with fused epilogues, the default, and with --no-fusion), run both with
accel-run and compare every output with torch's and the two runs with each other.

  run_models.py --build-dir B [--models resnet50,bert_encoder ...] [--opsets 13,17]

An output passes when |accel - torch| <= 1e-4 + 1e-3 * |torch| elementwise. Exports are cached
in --work-dir (default B/e2e-work) per model and opset, and redone when export_model.py
changes. Prints a table and exits non-zero when any model fails.
"""
import argparse
import json
import os
import shutil
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import accel_e2e as e2e  # noqa: E402


def split_list(values):
    items = []
    for v in values:
        items += [x for x in v.replace(",", " ").split() if x]
    return items


def test_one(model, opset, args, tools):
    row = {"model": model, "opset": opset, "export_s": None, "compile_s": None, "run_s": None,
           "max_abs": None, "max_rel": None, "status": "FAIL", "message": ""}
    t0 = time.monotonic()
    model_dir, manifest, export = e2e.export_cached(model, opset, args.work_dir, args.timeout)
    row["export_s"] = round(time.monotonic() - t0, 2) if export else 0.0
    if manifest is None:
        row["message"] = "export failed: " + export.error_line()
        return row

    # The default (fused epilogues) and --no-fusion: both must match torch, and each other.
    out_dirs = {}
    for variant, flags in (("", []), ("-unfused", ["--no-fusion"])):
        accel = os.path.join(model_dir, f"model{variant}.accel")
        out_dir = os.path.join(model_dir, f"accel-out{variant}")
        for stale in (accel, out_dir):
            if os.path.isdir(stale):
                shutil.rmtree(stale)
            elif os.path.exists(stale):
                os.remove(stale)
        compile_cmd = [tools["accel-compile"], os.path.join(model_dir, "model.onnx"),
                       "--target", "host", "-o", accel, *flags]
        step = e2e.run_tool(compile_cmd, args.timeout)
        if not variant:
            row["compile_s"] = round(step.seconds, 2)
        if not step.ok:
            row["message"] = f"accel-compile{' ' + ' '.join(flags) if flags else ''}: " + step.error_line()
            return row

        os.makedirs(out_dir)
        run_cmd = [tools["accel-run"], accel, *e2e.input_args(model_dir, manifest),
                   "--output-dir", out_dir,
                   "--report-json", os.path.join(model_dir, f"report{variant}.json")]
        step = e2e.run_tool(run_cmd, args.timeout)
        if not variant:
            row["run_s"] = round(step.seconds, 2)
        if not step.ok:
            row["message"] = f"accel-run ({variant or 'fused'}): " + step.error_line()
            return row
        out_dirs[variant] = out_dir

    ok, max_abs, max_rel, message = e2e.compare_outputs(out_dirs[""], model_dir, manifest)
    ok_unfused, _, _, message_unfused = e2e.compare_outputs(out_dirs["-unfused"], model_dir, manifest)
    row["max_abs"], row["max_rel"] = max_abs, max_rel
    row["message"] = message or (f"unfused: {message_unfused}" if not ok_unfused else "")
    if ok and ok_unfused:
        import numpy as np
        for name in manifest["outputs"]:
            fused = np.load(os.path.join(out_dirs[""], e2e.file_name(name)))
            unfused = np.load(os.path.join(out_dirs["-unfused"], e2e.file_name(name)))
            same, diff, _, _ = e2e.compare(fused, unfused)
            if not same:
                ok = False
                row["message"] = f"fused and unfused differ on '{name}' (max abs {diff:.3g})"
    row["status"] = "PASS" if ok and ok_unfused else "FAIL"
    return row


def fmt(value, spec):
    return "-" if value is None else format(value, spec)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True, help="Accel build directory (tools in bin/)")
    parser.add_argument("--models", nargs="+", default=[",".join(e2e.MODELS)],
                        help="models (comma or space separated); default: all")
    parser.add_argument("--opsets", nargs="+", default=["13,17"], help="ONNX opsets, e.g. 13,17")
    parser.add_argument("--work-dir", help="export cache and outputs (default BUILD/e2e-work)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per tool invocation")
    parser.add_argument("--summary-json", help="write counts and rows as JSON here")
    args = parser.parse_args(argv)

    models = split_list(args.models)
    opsets = [int(x) for x in split_list(args.opsets)]
    for m in models:
        if m not in e2e.MODELS:
            parser.error(f"unknown model '{m}' (known: {', '.join(e2e.MODELS)})")
    for o in opsets:
        if o not in e2e.OPSETS:
            parser.error(f"unsupported opset {o} (supported: {', '.join(map(str, e2e.OPSETS))})")
    args.work_dir = os.path.abspath(args.work_dir or os.path.join(args.build_dir, "e2e-work"))
    os.makedirs(args.work_dir, exist_ok=True)
    bin_dir = os.path.join(os.path.abspath(args.build_dir), "bin")
    tools = {t: os.path.join(bin_dir, t) for t in ("accel-compile", "accel-run")}

    rows = []
    for model in models:
        for opset in opsets:
            row = test_one(model, opset, args, tools)
            rows.append(row)
            print(f"run_models: {row['status']} {model} opset {opset} "
                  f"(export {fmt(row['export_s'], '.1f')}s, compile {fmt(row['compile_s'], '.2f')}s, "
                  f"run {fmt(row['run_s'], '.2f')}s){' ' + row['message'] if row['message'] else ''}",
                  flush=True)

    print()
    e2e.print_table(
        ["model", "opset", "compile s", "run s", "max abs err", "max rel err", "status"],
        [[r["model"], r["opset"], fmt(r["compile_s"], ".2f"), fmt(r["run_s"], ".2f"),
          fmt(r["max_abs"], ".2e"), fmt(r["max_rel"], ".2e"), r["status"]] for r in rows])
    failures = [r for r in rows if r["status"] != "PASS"]
    for r in failures:
        print(f"FAILED {r['model']} opset {r['opset']}: {r['message']}")
    passed = len(rows) - len(failures)
    print(f"e2e: {passed} passed, {len(failures)} failed")
    if args.summary_json:
        with open(args.summary_json, "w") as f:
            json.dump({"passed": passed, "failed": len(failures), "rows": rows}, f, indent=1)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
