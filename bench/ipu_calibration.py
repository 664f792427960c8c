#!/usr/bin/python3
"""Calibration of the IPU target: ResNet-50 and a BERT-base encoder, simulated on the BSP
simulator, against the published Graphcore (Mk2-class) figures of DESIGN.md 8.

  ipu_calibration.py --build-dir B [--cases LIST] [--bert-batch N] [--device gc200]
                     [--breakdown CASE] [--top N] [--json F]

Cases (--cases, comma-separated; default all four):
  resnet50-bs1-fp32    reference: the fp32 flow (numerics within 1e-4 abs + 1e-3 rel)
  resnet50-bs1-fp16    vs PopRT ResNet-50 fp16 bs1: 3,119 img/s (1.50 ms mean latency)
  resnet50-bs4-fp16    vs ByteMLPerf ResNet-50 fp16 bs4: 7,062 img/s (2.24 ms avg latency)
  bert-fp16            BERT-base encoder (12 x TransformerEncoderLayer(768, 12 heads, 3072,
                       GELU), input [batch, 128, 768]) at each --bert-batch (default 16,12:
                       16 does not compile today, see docs/benchmarks.md) vs PopRT
                       BERT-base seq128 bs16: 4,817/s; ByteMLPerf BERT bs40 3,134 QPS is
                       printed too (seq 384, SQuAD: see docs/benchmarks.md)

Each model is exported from torch with random weights (test/e2e/export_model.py: normalisation
layers randomised, torch's fused fast paths avoided) into BUILD/ipu-calibration (cached by
the exporter's hash), compiled with `accel-compile --target ipu --device D --precision P`, run
with `accel-run --report-json`, and checked against torch: fp16 by cosine similarity >= 0.999
and, for ResNet-50, the same arg-max per image. A numerics failure is printed, not fatal:
the timing does not depend on the values.

The table: simulated latency (the report's simulated_time_us: device cycles at the preset
clock + host kernels + host-link transfers), device-only ms, simulated throughput (batch /
latency), the published figure, their ratio (simulated / published throughput), the
device utilization (device FLOPs / (cycles x peak); must never exceed 1), the numerics, and
the wall time of accel-compile and the wall time, CPU time and peak RSS of accel-run (the
simulation; on a shared machine wall time depends on the load, CPU time much less). Then, for --breakdown
(default resnet50-bs1-fp16, and every BERT case), where the device cycles go: totals split
into compute / exchange / sync / host link (the report's per-layer compute_cycles,
exchange_cycles, sync_cycles, host_cycles) and the kernels' own inputs and outputs (host
exchanges outside every layer), the time of the layers alone, then per op type, per node
summed over the network's blocks, and the --top layers by cycles.
See docs/benchmarks.md, "IPU calibration".
"""
import argparse
import hashlib
import json
import os
import re
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
E2E_DIR = os.path.join(HERE, "..", "test", "e2e")
sys.path.insert(0, E2E_DIR)
import accel_e2e as e2e  # noqa: E402
import export_model  # noqa: E402

# Bump when the models built below change (the stamp also covers export_model.py).
MODEL_VERSION = "1"
SEQ = 128

# DESIGN.md 8 rows: (figure items/s, latency ms or None, batch, what, source).
PUBLISHED = {
    ("resnet50", 1): [(3119.0, 1.50, 1, "PopRT ResNet-50 fp16 bs1",
                       "graphcore/PopRT benchmarks/resnet50/README.md")],
    ("resnet50", 4): [(7062.0, 2.24, 4, "ByteMLPerf ResNet-50 fp16 bs4 (C600)",
                       "bytedance/ByteMLPerf reports/IPU/resnet50-torch-fp32/result-fp16.json")],
    ("bert", None): [(4817.0, 16.5, 16, "PopRT BERT-base seq128 fp16 bs16",
                      "graphcore/PopRT benchmarks/bert/README.md"),
                     (3134.0, 50.42, 40, "ByteMLPerf BERT-base seq384 (SQuAD) fp16 bs40 (C600)",
                      "bytedance/ByteMLPerf reports/IPU/bert-torch-fp32/result-fp16.json")],
}


def cases(names, bert_batches):
    table = {
        "resnet50-bs1-fp32": [("resnet50", 1, "fp32")],
        "resnet50-bs1-fp16": [("resnet50", 1, "fp16")],
        "resnet50-bs4-fp16": [("resnet50", 4, "fp16")],
        "bert-fp16": [("bert", b, "fp16") for b in bert_batches],
    }
    out = []
    for n in names:
        if n not in table:
            raise SystemExit(f"ipu_calibration: unknown case '{n}'; cases: {', '.join(table)}")
        for model, batch, precision in table[n]:
            out.append({"case": n if model != "bert" else f"bert-bs{batch}-fp16", "model": model,
                        "batch": batch, "precision": precision})
    return out


def build_model(model, batch):
    """(module, example input) for a model at a batch size, deterministically."""
    import torch

    if model == "resnet50":
        module, _ = export_model.build("resnet50")
        shape = (batch, 3, 224, 224)
    else:
        torch.manual_seed(0)
        layer = torch.nn.TransformerEncoderLayer(d_model=768, nhead=12, dim_feedforward=3072,
                                                 activation="gelu", batch_first=True)
        # enable_nested_tensor=False: the nested-tensor fast path has no ONNX export.
        module = torch.nn.TransformerEncoder(layer, num_layers=12, enable_nested_tensor=False)
        export_model.randomize_normalization(module)
        module.eval()
        shape = (batch, SEQ, 768)
    gen = torch.Generator().manual_seed(1)
    return module, torch.randn(*shape, generator=gen, dtype=torch.float32)


def export_cached(model, batch, cache_dir):
    """Exports (model, batch) into cache_dir unless an export by the same code is there.
    Returns (directory, manifest, seconds spent exporting)."""
    out_dir = os.path.join(cache_dir, f"{model}-bs{batch}")
    stamp = os.path.join(out_dir, "export.stamp")
    manifest_path = os.path.join(out_dir, "manifest.json")
    with open(export_model.__file__, "rb") as f:
        digest = hashlib.sha256(f.read() + MODEL_VERSION.encode()).hexdigest()[:16]
    if os.path.exists(stamp) and os.path.exists(manifest_path):
        with open(stamp) as f:
            if f.read().strip() == digest:
                with open(manifest_path) as m:
                    return out_dir, json.load(m), 0.0
    os.makedirs(out_dir, exist_ok=True)
    module, example = build_model(model, batch)
    manifest = export_model.export_module(module, example, f"{model}-bs{batch}", 17, out_dir)
    with open(stamp, "w") as f:
        f.write(digest + "\n")
    return out_dir, manifest, manifest["export_s"]


def check_numerics(out_dir, model_dir, manifest, precision, argmax):
    """(ok, text): fp32 by e2e's tolerance, fp16 by cosine >= 0.999 (and arg-max per row)."""
    if precision == "fp32":
        ok, max_abs, _, msg = e2e.compare_outputs(out_dir, model_dir, manifest)
        return ok, (f"max abs {max_abs:.1e}" if ok else "FAIL " + msg)
    (name, info), = manifest["outputs"].items()
    path = os.path.join(out_dir, export_model.file_name(name))
    if not os.path.exists(path):
        return False, "FAIL no output"
    got = np.load(path).astype(np.float64)
    want = np.load(os.path.join(model_dir, info["file"])).astype(np.float64)
    if got.shape != want.shape:
        return False, f"FAIL shape {got.shape} != {want.shape}"
    bad = int((~np.isfinite(got)).sum())
    a, b = got.ravel(), want.ravel()
    cos = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))) if not bad else float("nan")
    text = f"cos {cos:.5f}"
    ok = cos >= 0.999
    if bad:
        text += f" ({bad} of {got.size} outputs NaN/Inf)"
    if argmax:
        same = got.argmax(axis=-1) == want.argmax(axis=-1)
        ok = ok and bool(same.all())
        text += f", arg-max {int(same.sum())}/{same.size}"
    return ok, ("" if ok else "FAIL ") + text


def run_case(c, args, bin_dir):
    model_dir, manifest, export_s = export_cached(c["model"], c["batch"], args.cache_dir)
    c["export_s"] = export_s
    tag = f"{args.device}-{c['precision']}"
    accel = os.path.join(model_dir, f"{tag}.accel")
    report_path = os.path.join(model_dir, f"{tag}.report.json")
    out_dir = os.path.join(model_dir, f"out-{tag}")
    step = e2e.run_tool([os.path.join(bin_dir, "accel-compile"),
                         os.path.join(model_dir, "model.onnx"), "--target", "ipu",
                         "--device", args.device, "--precision", c["precision"], "-o", accel],
                        args.timeout)
    c["compile_s"], c["compile_rss_mb"] = step.seconds, step.max_rss_kb / 1024
    if not step.ok:
        c["error"] = "accel-compile: " + step.error_line()
        return c
    inputs = e2e.input_args(model_dir, manifest)
    step = e2e.run_tool([os.path.join(bin_dir, "accel-run"), accel, *inputs, "--output-dir",
                         out_dir, "--report-json", report_path], args.timeout)
    c["sim_wall_s"], c["sim_rss_mb"] = step.seconds, step.max_rss_kb / 1024
    c["sim_cpu_s"] = step.cpu_seconds
    c["load_avg"] = os.getloadavg()[0]
    if not step.ok:
        c["error"] = "accel-run: " + step.error_line()
        return c
    with open(report_path) as f:
        rep = json.load(f)
    c["report"] = report_path
    c["numerics_ok"], c["numerics"] = check_numerics(
        out_dir, model_dir, manifest, c["precision"], argmax=c["model"] == "resnet50")
    c["latency_ms"] = rep["simulated_time_us"] / 1e3
    c["device_ms"] = rep["device_time_us"] / 1e3
    c["host_ms"] = rep["host_time_us"] / 1e3
    c["link_ms"] = rep["transfer_time_us"] / 1e3
    c["cycles"] = rep["device_cycles"]
    # Steps outside every layer are the kernels' own inputs and outputs over the host link.
    c["layer_cycles"] = sum(l["cycles"] for l in rep["layers"])
    c["layers_ms"] = c["layer_cycles"] / rep["clock_hz"] * 1e3
    c["layers_throughput"] = c["batch"] / (c["layers_ms"] / 1e3) if c["layer_cycles"] else None
    c["throughput"] = c["batch"] / (c["latency_ms"] / 1e3)
    c["device_throughput"] = c["batch"] / (c["device_ms"] / 1e3)
    c["utilization"] = rep["utilization"]
    c["gflop"] = rep["device_flops"] / 1e9
    c["host_gflop"] = rep["host_flops"] / 1e9
    c["tflops"] = rep["device_flops"] / (c["device_ms"] / 1e3) / 1e12
    c["peak_tflops"] = rep["peak_flops_per_cycle"] * rep["clock_hz"] / 1e12
    c["memory_high_water"] = rep["memory_high_water_bytes"]
    c["memory_per_tile"] = rep["memory_per_unit_bytes"]
    c["host_instructions"] = len(rep["instructions"])
    c["device_segments"] = len({l["segment"] for l in rep["layers"]})
    c["max_layer_utilization"] = max((l["utilization"] for l in rep["layers"]), default=0)
    key = (c["model"], c["batch"] if c["model"] == "resnet50" else None)
    c["published"] = [] if c["precision"] == "fp32" else PUBLISHED.get(key, [])
    if c["published"]:
        c["ratio"] = c["throughput"] / c["published"][0][0]
    return c


def breakdown(c, top):
    """Prints where the device cycles of one case go."""
    with open(c["report"]) as f:
        rep = json.load(f)
    layers = rep["layers"]
    total = rep["device_cycles"]
    parts = ["compute_cycles", "exchange_cycles", "sync_cycles", "host_cycles"]
    if not layers or any(p not in layers[0] for p in parts):
        print(f"{c['case']}: the report has no per-layer compute/exchange/sync split")
        return
    sums = {p: sum(l[p] for l in layers) for p in parts}
    outside = total - c["layer_cycles"]
    print(f"\n{c['case']}: {total:,} device cycles = {c['device_ms']:.3f} ms, "
          f"{len(layers)} layers in {c['device_segments']} device segment(s), "
          f"utilization {c['utilization']:.3f}; host kernels {c['host_ms']:.3f} ms "
          f"({c['host_instructions']} instructions), host link {c['link_ms']:.3f} ms")
    print("  totals: " + ", ".join(
        f"{p.split('_')[0]} {sums[p]:,} ({100 * sums[p] / total:.1f}%)" for p in parts) +
        (f", kernel inputs/outputs over the host link (steps outside layers) {outside:,} "
         f"({100 * outside / total:.1f}%)" if outside else ""))
    print(f"  layers alone (no kernel I/O, no host kernels): {c['layers_ms']:.3f} ms = "
          f"{c['layers_throughput']:,.0f}/s")
    byop = {}
    for l in layers:
        a = byop.setdefault(l["op_type"] or "?", {"n": 0, "cycles": 0, "flops": 0,
                                                  **{p: 0 for p in parts}})
        a["n"] += 1
        a["cycles"] += l["cycles"]
        a["flops"] += l["flops"]
        for p in parts:
            a[p] += l[p]
    peak = rep["peak_flops_per_cycle"]
    rows = []
    for op, a in sorted(byop.items(), key=lambda kv: -kv[1]["cycles"]):
        rows.append([op, a["n"], f"{a['cycles']:,}", f"{100 * a['cycles'] / total:.1f}",
                     *(f"{100 * a[p] / a['cycles']:.0f}" if a["cycles"] else "0" for p in parts),
                     f"{a['flops'] / (a['cycles'] * peak) if a['cycles'] else 0:.3f}"])
    print("\n  per op type:")
    e2e.print_table(["op", "layers", "cycles", "% device", "compute %", "exchange %", "sync %",
                     "host %", "util"], rows)
    # The same node in every block (/layers.N/..., /layerK/layerK.N/...) as one row.
    bynode = {}
    for l in layers:
        a = bynode.setdefault(re.sub(r"\.\d+/", ".*/", l["node"]),
                              {"n": 0, "cycles": 0, "flops": 0, **{p: 0 for p in parts}})
        a["n"] += 1
        a["cycles"] += l["cycles"]
        a["flops"] += l["flops"]
        for p in parts:
            a[p] += l[p]
    rows = []
    for node, a in sorted(bynode.items(), key=lambda kv: -kv[1]["cycles"])[:top]:
        rows.append([node, a["n"], f"{a['cycles']:,}", f"{100 * a['cycles'] / total:.1f}",
                     *(f"{100 * a[p] / a['cycles']:.0f}" if a["cycles"] else "0" for p in parts),
                     f"{a['flops'] / (a['cycles'] * peak) if a['cycles'] else 0:.3f}"])
    print(f"\n  top {top} nodes summed over the blocks:")
    e2e.print_table(["node", "layers", "cycles", "% device", "compute %", "exchange %", "sync %",
                     "host %", "util"], rows)
    rows = []
    for l in sorted(layers, key=lambda l: -l["cycles"])[:top]:
        bound = max(parts, key=lambda p: l[p]).split("_")[0]
        rows.append([l["node"], l["op_type"], f"{l['cycles']:,}",
                     f"{100 * l['cycles'] / total:.1f}", f"{l['compute_cycles']:,}",
                     f"{l['exchange_cycles']:,}", f"{l['sync_cycles']:,}", f"{l['host_cycles']:,}",
                     f"{l['exchange_bytes'] / 1e6:.2f}", l["units"], f"{l['utilization']:.3f}",
                     bound])
    print(f"\n  top {top} layers by cycles:")
    e2e.print_table(["node", "op", "cycles", "% device", "compute", "exchange", "sync", "host",
                     "exch MB", "tiles", "util", "bound"], rows)


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--cases", default="resnet50-bs1-fp32,resnet50-bs1-fp16,resnet50-bs4-fp16,"
                                           "bert-fp16")
    parser.add_argument("--bert-batch", default="16,12",
                        help="batch sizes of the BERT case, comma-separated")
    parser.add_argument("--device", default="gc200", help="accel-compile --device (gc200, bow)")
    parser.add_argument("--cache-dir", help="default: BUILD/ipu-calibration")
    parser.add_argument("--breakdown", default="resnet50-bs1-fp16",
                        help="cases whose cycles are broken down (BERT cases always are)")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--timeout", type=int, default=3600)
    parser.add_argument("--json", help="also write the rows here")
    args = parser.parse_args(argv)
    build = os.path.abspath(args.build_dir)
    bin_dir = os.path.join(build, "bin")
    args.cache_dir = args.cache_dir or os.path.join(build, "ipu-calibration")
    rows = []
    for c in cases([n for n in args.cases.split(",") if n],
                   [int(b) for b in args.bert_batch.split(",") if b]):
        print(f"ipu-cal: {c['case']} on {args.device} ...", file=sys.stderr, flush=True)
        run_case(c, args, bin_dir)
        print(f"ipu-cal: {c['case']}: " + (c.get("error") or
              f"{c['latency_ms']:.3f} ms, {c['throughput']:.0f}/s, {c['numerics']}, "
              f"compile {c['compile_s']:.0f}s, sim {c['sim_wall_s']:.1f}s "
              f"({c['sim_rss_mb']:.0f} MB)"), file=sys.stderr, flush=True)
        rows.append(c)

    hdr = ["model", "batch", "precision", "sim latency ms", "device ms", "sim items/s",
           "published items/s", "ratio", "utilization", "numerics", "compile s", "sim wall s",
           "sim CPU s", "sim RSS MB"]
    table = []
    for c in rows:
        if "error" in c:
            table.append([c["model"], c["batch"], c["precision"],
                          c["error"].split(":")[0] + " failed (below)"] + [""] * 10)
            continue
        pub = c["published"][0] if c["published"] else None
        table.append([c["model"], c["batch"], c["precision"], fmt(c["latency_ms"], ".3f"),
                      fmt(c["device_ms"], ".3f"), fmt(c["throughput"], ",.0f"),
                      f"{pub[0]:,.0f} (bs{pub[2]})" if pub else "-", fmt(c.get("ratio"), ".2f"),
                      fmt(c["utilization"], ".3f"), c["numerics"], fmt(c["compile_s"], ".0f"),
                      fmt(c["sim_wall_s"], ".1f"), fmt(c["sim_cpu_s"], ".1f"),
                      fmt(c["sim_rss_mb"], ".0f")])
    print(f"IPU calibration on {args.device} (ratio = simulated / published throughput)")
    e2e.print_table(hdr, table)
    print()
    for c in rows:
        if "error" in c:
            print(f"{c['case']}: {c['error']}")
    for c in rows:
        if "error" in c:
            continue
        print(f"{c['case']}: {c['gflop']:.2f} GFLOP on the device ({c['host_gflop']:.3f} on the "
              f"host), {c['tflops']:.1f} TFLOP/s of {c['peak_tflops']:.1f} peak; "
              f"{c['device_throughput']:,.0f}/s device only; memory high water "
              f"{c['memory_high_water']:,} of {c['memory_per_tile']:,} B per tile; "
              f"max layer utilization {c['max_layer_utilization']:.3f}; load average "
              f"{c['load_avg']:.1f} after the simulation")
        for fig, lat, batch, what, source in c["published"]:
            print(f"  published: {what}: {fig:,.0f}/s, {lat} ms mean latency ({source}); "
                  f"simulated / published {c['throughput'] / fig:.2f}")
    for c in rows:
        if "error" not in c and (c["case"] in args.breakdown.split(",") or c["model"] == "bert"):
            breakdown(c, args.top)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)
    over = [c["case"] for c in rows if "error" not in c and
            (c["utilization"] > 1 or c["max_layer_utilization"] > 1)]
    if over:
        print(f"ipu-cal: ERROR: simulated utilization above 1 in {over}", file=sys.stderr)
    failed = [c["case"] for c in rows if "error" in c]
    bad = [c["case"] for c in rows if "error" not in c and not c["numerics_ok"]]
    if failed or bad:
        print(f"ipu-cal: failed: {failed}; numerics off: {bad}", file=sys.stderr)
    return 1 if over or failed or bad else 0


if __name__ == "__main__":
    sys.exit(main())
