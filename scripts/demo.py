#!/usr/bin/python3
"""The demo behind scripts/demo.sh: builds examples/small_cnn.py's model, compiles it for every
target, runs it with accel-run and prints one table row per target.

  demo.py --build-dir B [--work-dir DIR] [--targets wse,ipu,rdu,lpu,host]
"""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(ROOT, "test", "e2e"))
import accel_e2e as e2e  # noqa: E402
import report_fields  # noqa: E402

TARGETS = ["wse", "ipu", "rdu", "lpu", "host"]


def demo_target(target, model_dir, tools, timeout):
    row = {"target": target, "compiled": "no", "matches": "-", "run": "-", "sim": "-",
           "device": "-", "note": ""}
    accel = os.path.join(model_dir, f"small_cnn.{target}.accel")
    if os.path.exists(accel):
        os.remove(accel)
    step = e2e.run_tool([tools["accel-compile"], os.path.join(model_dir, "small_cnn.onnx"),
                         "--target", target, "-o", accel], timeout)
    if not step.ok:
        message = step.error_line()
        row["compiled"] = "not implemented" if "not implemented" in message else "FAILED"
        row["note"] = message
        return row
    row["compiled"] = f"yes ({step.seconds:.2f}s)"

    out_dir = os.path.join(model_dir, f"out-{target}")
    os.makedirs(out_dir, exist_ok=True)
    report_path = os.path.join(model_dir, f"report-{target}.json")
    step = e2e.run_tool([tools["accel-run"], accel,
                         "--input", f"image={os.path.join(model_dir, 'input.npy')}",
                         "--output-dir", out_dir, "--report-json", report_path], timeout)
    if not step.ok:
        row["matches"] = "run FAILED"
        row["note"] = step.error_line()
        return row
    manifest = {"outputs": {"probs": {"file": "expected.npy"}}}
    ok, max_abs, _, message = e2e.compare_outputs(out_dir, model_dir, manifest)
    row["matches"] = f"yes (max abs err {max_abs:.1e})" if ok else "NO"
    row["note"] = message
    report = report_fields.load(report_path)
    run_ms, _ = report_fields.run_time_ms(report)
    row["run"] = (f"{run_ms:.2f} ms" if run_ms is not None
                  else f"{step.seconds * 1e3:.1f} ms (wall, incl. load)")
    sim = report_fields.simulated(report)
    if sim is not None:
        us, cycles, preset = sim
        row["sim"] = f"{us:.1f} us ({preset}, {cycles:,} cycles)"
    share = report_fields.device_flop_share(report)
    row["device"] = "-" if share is None or target == "host" else f"{share * 100:.1f}%"
    return row


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--work-dir", help="default: BUILD/demo")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args(argv)

    work = os.path.abspath(args.work_dir or os.path.join(args.build_dir, "demo"))
    os.makedirs(work, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "examples", "small_cnn.py"), "--out", work],
                   check=True)
    bin_dir = os.path.join(os.path.abspath(args.build_dir), "bin")
    tools = {t: os.path.join(bin_dir, t) for t in ("accel-compile", "accel-run")}

    rows = [demo_target(t, work, tools, args.timeout) for t in args.targets.split(",") if t]
    print()
    e2e.print_table(["target", "compiled", "matches reference", "simulated time", "run time",
                     "device share of FLOPs"],
                    [[r["target"], r["compiled"], r["matches"], r["sim"], r["run"], r["device"]]
                     for r in rows])
    notes = [r for r in rows if r["note"]]
    if notes:
        print()
        for r in notes:
            print(f"{r['target']}: {r['note']}")
    print("\nsimulated time: the schedule on the simulated chip (device segments at the preset's"
          " clock, host segments, host-link transfers), from accel-run's report;"
          "\nrun time: wall time of executing the schedule (for a device target: simulating it;"
          " no load); device share: device FLOPs / all FLOPs from the same report")
    print(f"files: {work}")
    # The demo fails only when a target that compiled produced wrong numbers or crashed, or
    # when no target works at all; unimplemented targets are expected for now.
    broken = [r for r in rows if r["compiled"] == "FAILED" or
              (r["compiled"].startswith("yes") and not r["matches"].startswith("yes"))]
    working = [r for r in rows if r["matches"].startswith("yes")]
    return 1 if broken or not working else 0


if __name__ == "__main__":
    sys.exit(main())
