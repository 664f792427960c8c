"""ONNX backend conformance for one Accel target.

    /usr/bin/python3 -m accel.conformance --target host [--quick] [--check] [--update]

Compiles every test model of the ONNX backend test data (suites node, pytorch-converted,
pytorch-operator, simple), runs it on each test_data_set_* and compares with the expected
outputs using ONNX's own tolerances (rtol 1e-3, atol 1e-7, dtype and shape must match).
Writes results.json and results.md to --out-dir. With --check, compares with the per-target
expected-results file (test/conformance/<target>.json) and exits 1 when a test that passed
there fails now, or a test fails that the file does not list. --quick runs a fixed subset
(every third node test by name, and two small zoo models) for scripts/test.sh.
"""
import argparse
import collections
import json
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import TARGETS, output_file_name
from . import testdata
from .tools import ToolError, repo_root, run_tool

RTOL = 1e-3  # onnx/backend/test/loader: node-test defaults
ATOL = 1e-7
QUICK_NODE_STRIDE = 3
QUICK_ZOO_MODELS = ("squeezenet1_1", "mobilenet_v3_small")


def tool_reason(err, stage):
    """A one-line failure reason from a ToolError, in a form that groups well."""
    if err.timed_out:
        return f"timeout ({stage})"
    msg = err.message
    if err.returncode is not None and err.returncode < 0:
        return f"{'compiler' if stage == 'compile' else 'runtime'} crash: {msg}"
    if "training-mode Dropout is random" in msg:
        return "random op: Dropout with training_mode (expected outputs not reproducible)"
    ops = unsupported_ops(msg)
    if ops:
        return "unsupported op: " + ", ".join(ops)
    dtype = re.search(r"unsupported element type:? *'?([A-Za-z0-9_]+)", msg)
    if dtype:
        return "unsupported element type: " + dtype.group(1)
    # "<model path>: node 'Cast_0' (Cast): why" -> "Cast: why" (node names do not group).
    msg = re.sub(r"^\S*\.onnx:(\d+:\d+:)? *", "", msg)
    msg = re.sub(r"^node '[^']*' \(([^)]*)\): *", r"\1: ", msg)
    if stage == "compile":
        return msg
    return "runtime error: " + msg


def unsupported_ops(msg):
    """Op types named by an 'unsupported ONNX op(s)' diagnostic, else []."""
    m = re.search(r"unsupported (?:ONNX )?(?:op|operator)s?(?: types?)?:\s*(.*)", msg, re.I)
    if not m:
        return []
    # "Foo (2 nodes, first 'n0'), ai.onnx.preview.training.Adam (1 node, first 'n1')"
    ops = re.findall(r"([A-Za-z][\w.]*) \(\d+ nodes?", m.group(1))
    if not ops:
        ops = re.findall(r"(?:^|,\s*)'?([A-Za-z][\w.]*)'?", m.group(1))
    return sorted(set(ops))


def reason_category(reason):
    """Collapses node names, numbers and shapes so equal causes count together."""
    if reason.startswith("unsupported op: "):
        return reason
    cat = re.sub(r"'[^']*'", "'…'", reason)
    cat = re.sub(r'"[^"]*"', '"…"', cat)
    cat = re.sub(r"\s*\(max abs err[^)]*\)", "", cat)
    cat = re.sub(r"\b\d+(\.\d+)?(e[-+]?\d+)?\b", "N", cat)
    cat = re.sub(r"(N(x|, ?))+N", "N…", cat)
    return cat.strip()


class Runner:
    def __init__(self, target, timeout, keep_dir=None):
        self.target = target
        self.timeout = timeout
        self.keep_dir = keep_dir

    def run_test(self, case):
        start = time.monotonic()
        result = {"status": "fail", "reason": "", "ops": [], "tensor_typed": False,
                  "numeric": False}
        try:
            result.update(ops=case.op_types(), tensor_typed=case.tensor_typed(),
                          numeric=case.numeric())
            result.update(self._run(case))
        except ToolError as err:
            result["reason"] = tool_reason(err, "compile" if err.tool == "accel-compile" else "run")
        except Exception as exc:  # a broken test file must not stop the whole run
            result["reason"] = f"harness error: {type(exc).__name__}: {exc}".splitlines()[0]
        result["seconds"] = round(time.monotonic() - start, 3)
        return case.key, result

    def _run(self, case):
        out = {}
        if not case.tensor_typed():
            return dict(out, reason="non-tensor types (sequence/optional/map graph inputs or outputs)")
        random_ops = sorted(set(case.op_types()) & testdata.RANDOM_OPS)
        if random_ops:
            return dict(out, reason=f"random op: {', '.join(random_ops)} (expected outputs not reproducible)")
        inputs = case.graph_inputs()
        outputs = case.graph_outputs()
        data_sets = case.data_sets()
        if not data_sets:
            return dict(out, reason="harness error: no test_data_set_*")
        work = tempfile.mkdtemp(prefix="accel-conf-")
        try:
            compiled = {}
            # Inputs the importer asked to have bound (--bind-input): operands that must
            # be known at compile time but are fed from graph inputs. Each data set then
            # compiles with its own values.
            bound = []
            for n, (in_files, out_files) in enumerate(data_sets):
                if len(in_files) > len(inputs):
                    return dict(out, reason=f"harness error: {len(in_files)} input files for "
                                            f"{len(inputs)} graph inputs")
                files = {vi.name: f for vi, f in zip(inputs, in_files)}
                path = self._compile(case, work, inputs, files, bound, compiled)
                out_dir = os.path.join(work, f"out{n}")
                report = os.path.join(work, f"report{n}.json")
                args = [path, "--output-dir", out_dir, "--report-json", report]
                for vi, f in zip(inputs, in_files):
                    if vi.name not in bound:
                        args += ["--input", f"{vi.name}={f}"]
                run_tool("accel-run", args, timeout=self.timeout)
                out["placement"] = placement(report, out.get("placement"))
                for vo, f in zip(outputs, out_files):
                    _, expected = testdata.load_tensor(f)
                    path = os.path.join(out_dir, output_file_name(vo.name))
                    if not os.path.exists(path):
                        return dict(out, reason=f"runtime error: no output file for '{vo.name}'")
                    actual = np.load(path)
                    why = testdata.compare(actual, expected, RTOL, ATOL)
                    if why and training_dropout(case.model):
                        return dict(out, reason="random op: Dropout with training_mode "
                                                "(expected outputs not reproducible)")
                    if why:
                        if len(outputs) > 1:
                            why = f"{why} in output {outputs.index(vo)}"
                        return dict(out, reason=why)
            if bound:
                out["note"] = "inputs bound: " + ", ".join(bound)
            return dict(out, status="pass", reason="")
        finally:
            if self.keep_dir:
                dst = os.path.join(self.keep_dir, case.suite, case.name)
                shutil.rmtree(dst, ignore_errors=True)
                shutil.copytree(work, dst)
            shutil.rmtree(work, ignore_errors=True)


    def _compile(self, case, work, inputs, files, bound, compiled):
        """Compiles for one data set (cached by its dynamic shapes and bound values).
        When the importer reports that an operand fed by graph inputs must be a
        constant, retries binding exactly the inputs it names (added to `bound`)."""
        while True:
            shapes = [(vi.name, testdata.tensor_dims(files[vi.name])) for vi in inputs
                      if vi.name in files and vi.name not in bound
                      and testdata.static_dims(vi) is None]
            key = (tuple(shapes), tuple((b, files.get(b)) for b in bound))
            if key in compiled:
                return compiled[key]
            path = os.path.join(work, f"model{len(compiled)}.accel")
            args = [case.model_path, "--target", self.target, "-o", path]
            for name, dims in shapes:
                args += ["--input-shape", f"{name}={','.join(map(str, dims))}"]
            for name in bound:
                args += ["--bind-input", f"{name}={files[name]}"]
            try:
                run_tool("accel-compile", args, timeout=self.timeout)
            except ToolError as err:
                wanted = [b for b in inputs_to_bind(err.message)
                          if b in files and b not in bound]
                if err.timed_out or not wanted:
                    raise
                bound.extend(wanted)
                continue
            compiled[key] = path
            return path


def inputs_to_bind(msg):
    """Graph inputs an importer diagnostic asks to specialise with --bind-input."""
    m = re.search(r"computed from graph inputs? ((?:'[^']*'(?:, )?)+): specialise", msg)
    if m:
        return re.findall(r"'([^']*)'", m.group(1))
    m = re.search(r"specialise the model with --bind-input (\S+?)=FILE", msg)
    return [m.group(1)] if m else []


def placement(report_path, merged=None):
    """{ONNX op type: sorted schedule segments it ran in}, from a run report: host
    instructions (`instructions`, segment "host") and device layers (`layers`, one per ONNX
    node a device segment ran, segment "device")."""
    merged = {k: set(v) for k, v in (merged or {}).items()}
    try:
        with open(report_path) as f:
            report = json.load(f)
    except (OSError, ValueError):
        return {k: sorted(v) for k, v in merged.items()}
    for entry in report.get("instructions", []) + report.get("layers", []):
        op = entry.get("op_type") or ""
        # Boundary casts carry the pseudo op types "input"/"output": not ONNX ops.
        if op and not op[0].islower():
            # Segments are named "device", "device#1", "host#2", ...: keep the kind.
            seg = (entry.get("segment") or "?").split("#", 1)[0]
            merged.setdefault(op, set()).add(seg)
    return {k: sorted(v) for k, v in sorted(merged.items())}


def training_dropout(model):
    """Whether a Dropout node takes a training_mode input: its mask is then random."""
    return any(n.op_type == "Dropout" and len(n.input) >= 3 and n.input[2]
               for n in model.graph.node)


def select_tests(suites, quick, pattern):
    cases = []
    for suite in suites:
        tests = testdata.list_tests(suite)
        if quick:
            tests = tests[::QUICK_NODE_STRIDE] if suite == "node" else []
        cases += tests
    if pattern:
        rx = re.compile(pattern)
        cases = [c for c in cases if rx.search(c.key)]
    return cases


def run_all(target, cases, jobs, timeout, progress=True, keep_dir=None):
    runner = Runner(target, timeout, keep_dir)
    results = {}
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for i, (key, res) in enumerate(pool.map(runner.run_test, cases), 1):
            results[key] = res
            if progress and (i % 50 == 0 or i == len(cases)):
                print(f"conformance: {i}/{len(cases)} tests run, "
                      f"{sum(r['status'] == 'pass' for r in results.values())} pass so far, "
                      f"{time.monotonic() - start:.0f}s", file=sys.stderr, flush=True)
    return results


def suite_summary(results, suites):
    rows = {}
    for suite in suites:
        items = [r for k, r in results.items() if k.split("/", 1)[0] == suite]
        if not items:
            continue
        tensor = [r for r in items if r["tensor_typed"] or suite == "zoo"]
        numeric = [r for r in items if r.get("numeric") or suite == "zoo"]
        rows[suite] = {
            "tests": len(items),
            "tensor_typed": len(tensor),
            "numeric": len(numeric),
            "numeric_passed": sum(r["status"] == "pass" for r in numeric),
            "passed": sum(r["status"] == "pass" for r in items),
            "seconds": round(sum(r.get("seconds", 0) for r in items), 1),
        }
    return rows


def ranked_reasons(results):
    """[(count, category)] over failing tests; an unsupported-op failure counts once per op."""
    counter = collections.Counter()
    for res in results.values():
        if res["status"] == "pass":
            continue
        reason = res["reason"]
        if reason.startswith("unsupported op: "):
            for op in reason[len("unsupported op: "):].split(", "):
                counter[f"unsupported op: {op}"] += 1
        else:
            counter[reason_category(reason)] += 1
    return sorted(((n, c) for c, n in counter.items()), key=lambda x: (-x[0], x[1]))


def write_markdown(path, target, results, summary, wall):
    lines = [f"# ONNX backend conformance: target `{target}`", "",
             "| suite | tests | tensor-typed | passed | pass rate (of tensor-typed) | numeric "
             "| pass rate (of numeric) | CPU-side s |",
             "|---|---|---|---|---|---|---|---|"]
    for suite, s in summary.items():
        rate = 100.0 * s["passed"] / s["tensor_typed"] if s["tensor_typed"] else 0.0
        nrate = 100.0 * s["numeric_passed"] / s["numeric"] if s["numeric"] else 0.0
        lines.append(f"| {suite} | {s['tests']} | {s['tensor_typed']} | {s['passed']} | "
                     f"{rate:.1f}% | {s['numeric']} | {nrate:.1f}% | {s['seconds']} |")
    lines += ["", "Tensor-typed: every graph input and output is a tensor (no sequence, optional "
              "or map). Numeric: tensor-typed, no string tensors, only ai.onnx-domain ops.",
              "", f"Wall time {wall:.0f} s.", "", "## Failure reasons, most frequent first", "",
              "| tests | reason |", "|---|---|"]
    lines += [f"| {n} | {c} |" for n, c in ranked_reasons(results)]
    lines += ["", "## Every test", "", "| test | status | reason |", "|---|---|---|"]
    for key in sorted(results):
        r = results[key]
        why = r["reason"] or r.get("note", "")
        lines.append(f"| {key} | {r['status']} | {why.replace('|', '/')} |")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def expected_entry(res):
    if res["status"] == "pass":
        return f"pass ({res['note']})" if res.get("note") else "pass"
    return "fail: " + res["reason"]


def is_pass_entry(entry):
    """'pass', or 'pass (inputs bound: ...)' for a test specialised with --bind-input."""
    return entry == "pass" or entry.startswith("pass (")


def load_expected(path, key="tests"):
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f).get(key, {})


def merged_placement(results, previous):
    """{ONNX op type: segments} over passing tests: where the target ran each op."""
    merged = {k: set(v.split("+")) for k, v in (previous or {}).items()}
    for res in results.values():
        if res["status"] == "pass":
            for op, segs in res.get("placement", {}).items():
                merged.setdefault(op, set()).update(segs)
    return {k: "+".join(sorted(v)) for k, v in sorted(merged.items())}


def save_expected(path, target, results, previous, previous_placement=None):
    tests = dict(previous)
    for key, res in results.items():
        tests[key] = expected_entry(res)
    doc = {
        "comment": "Expected ONNX-conformance and zoo results for this target: 'pass' or "
                   "'fail: <reason>'. Regenerate with python3 -m accel.conformance "
                   f"--target {target} --update.",
        "target": target,
        "placement": merged_placement(results, previous_placement),
        "tests": {k: tests[k] for k in sorted(tests)},
    }
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, sort_keys=False)
        f.write("\n")


def check(results, expected):
    """Returns (regressions, unlisted failures, newly passing, changed reasons) as key lists."""
    regressions, unlisted, fixed, changed = [], [], [], []
    for key in sorted(results):
        res = results[key]
        want = expected.get(key)
        if res["status"] == "pass":
            if want is not None and not is_pass_entry(want):
                fixed.append(key)
            continue
        if want is None:
            unlisted.append(key)
        elif is_pass_entry(want):
            regressions.append(key)
        elif want != expected_entry(res):
            changed.append(key)
    return regressions, unlisted, fixed, changed


def verdicts(results, expected):
    """{passed, expected_failures, unexpected_failures, unexpected_passes} against the
    expected-results file: a test listed as failing that fails (for whatever reason) is an
    expected failure; one listed as passing, or not listed, that fails is unexpected."""
    regressions, unlisted, fixed, _ = check(results, expected)
    total_pass = sum(r["status"] == "pass" for r in results.values())
    unexpected_failures = len(regressions) + len(unlisted)
    return {"passed": total_pass - len(fixed),
            "expected_failures": len(results) - total_pass - unexpected_failures,
            "unexpected_failures": unexpected_failures,
            "unexpected_passes": len(fixed)}


def verdict_line(v):
    return (f"{v['passed']} passed, {v['expected_failures']} expected failures, "
            f"{v['unexpected_failures']} unexpected failures, "
            f"{v['unexpected_passes']} unexpected passes")


def default_out_dir(target):
    base = os.environ.get("ACCEL_BUILD_DIR") or os.path.join(repo_root(), "build")
    return os.path.join(base, "conformance", target)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m accel.conformance",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True, choices=TARGETS)
    parser.add_argument("--suites", default=",".join(testdata.SUITES),
                        help="comma list of suites (default: all four)")
    parser.add_argument("--quick", action="store_true",
                        help=f"every {QUICK_NODE_STRIDE}rd node test by name plus zoo models "
                             f"{', '.join(QUICK_ZOO_MODELS)}")
    parser.add_argument("--zoo", action="store_true", help="also run the whole model zoo")
    parser.add_argument("--no-zoo", action="store_true", help="no zoo models, even with --quick")
    parser.add_argument("--tests", help="only tests whose suite/name matches this regex")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120, help="seconds per tool call")
    parser.add_argument("--out-dir", help="where results.json and results.md go "
                                          "(default $ACCEL_BUILD_DIR/conformance/<target>)")
    parser.add_argument("--expected", help="expected-results file "
                                           "(default test/conformance/<target>.json)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 on a regression or an unlisted failure")
    parser.add_argument("--update", action="store_true",
                        help="write these results into the expected-results file")
    parser.add_argument("--keep", action="store_true", help="keep every test's work files")
    parser.add_argument("--summary-json", help="write {passed, failed, expected_failures, "
                                               "unexpected_failures, unexpected_passes} here; "
                                               "passed includes unexpected passes, failed is "
                                               "the unexpected failures (for scripts/test.sh)")
    args = parser.parse_args(argv)

    suites = [s for s in args.suites.split(",") if s]
    for s in suites:
        if s not in testdata.SUITES:
            parser.error(f"unknown suite {s!r}; expected some of {', '.join(testdata.SUITES)}")
    if not os.path.isdir(testdata.DATA_ROOT):
        print(f"conformance: error: no ONNX test data at {testdata.DATA_ROOT} "
              "(apt-get install libonnx-testdata, or set ACCEL_ONNX_TESTDATA)", file=sys.stderr)
        return 1
    out_dir = args.out_dir or default_out_dir(args.target)
    os.makedirs(out_dir, exist_ok=True)
    expected_path = args.expected or os.path.join(repo_root(), "test", "conformance",
                                                  f"{args.target}.json")

    start = time.monotonic()
    cases = select_tests(suites, args.quick, args.tests)
    keep = os.path.join(out_dir, "work") if args.keep else None
    results = run_all(args.target, cases, args.jobs, args.timeout, keep_dir=keep)
    suite_wall = time.monotonic() - start

    zoo_models = []
    if args.zoo:
        from .zoo import MODELS
        zoo_models = list(MODELS)
    elif args.quick and not args.no_zoo:
        zoo_models = list(QUICK_ZOO_MODELS)
    if args.tests:
        rx = re.compile(args.tests)
        zoo_models = [m for m in zoo_models if rx.search(f"zoo/{m}")]
    zoo_rows = []
    if zoo_models:
        from . import zoo
        for model in zoo_models:
            row = zoo.run_model(model, args.target, timeout=max(args.timeout, 900))
            zoo_rows.append(row)
            results[f"zoo/{model}"] = {"status": row["status"], "reason": row["reason"],
                                       "ops": [], "tensor_typed": True, "numeric": True,
                                       "seconds": row.get("seconds", 0)}
            print(f"conformance: zoo {model}: {row['status']} {row['reason']}",
                  file=sys.stderr, flush=True)
    wall = time.monotonic() - start

    summary = suite_summary(results, suites + (["zoo"] if zoo_rows else []))
    doc = {"target": args.target, "data_root": testdata.DATA_ROOT, "quick": args.quick,
           "rtol": RTOL, "atol": ATOL, "wall_seconds": round(wall, 1),
           "suite_wall_seconds": round(suite_wall, 1), "summary": summary,
           "reasons": [{"tests": n, "reason": c} for n, c in ranked_reasons(results)],
           "tests": results, "zoo": zoo_rows}
    with open(os.path.join(out_dir, "results.json"), "w") as f:
        json.dump(doc, f, indent=1, sort_keys=True)
    write_markdown(os.path.join(out_dir, "results.md"), args.target, results, summary, wall)

    print(f"conformance: target {args.target}, {len(results)} tests in {wall:.0f}s "
          f"(results in {out_dir})")
    for suite, s in summary.items():
        print(f"  {suite:18} {s['passed']:4d} / {s['tensor_typed']:4d} tensor-typed passed, "
              f"{s['numeric_passed']:4d} / {s['numeric']:4d} numeric ({s['tests']} tests)")

    status = 0
    expected = load_expected(expected_path)
    regressions, unlisted, fixed, changed = check(results, expected)
    for title, keys in (("newly passing (run with --update)", fixed),
                        ("failing with a different reason", changed)):
        if keys:
            print(f"conformance: {len(keys)} {title}: {' '.join(keys[:20])}"
                  + (" ..." if len(keys) > 20 else ""))
    for title, keys in (("REGRESSION (expected pass)", regressions),
                        ("UNLISTED FAILURE", unlisted)):
        for key in keys:
            print(f"conformance: {title}: {key}: {results[key]['reason']}")
    v = verdicts(results, expected)
    print(f"conformance: {verdict_line(v)} (against {os.path.relpath(expected_path)})")
    if args.summary_json:
        # passed: tests that pass (unexpected passes included); failed: unexpected failures.
        # Expected failures count as neither.
        with open(args.summary_json, "w") as f:
            json.dump(dict(v, passed=v["passed"] + v["unexpected_passes"],
                           failed=v["unexpected_failures"]), f)
    if args.update:
        save_expected(expected_path, args.target, results, expected,
                      load_expected(expected_path, "placement"))
        print(f"conformance: updated {expected_path}")
    elif args.check:
        if regressions or unlisted:
            print(f"conformance: FAILED: {len(regressions)} regressions, "
                  f"{len(unlisted)} unlisted failures (expected results: {expected_path})")
            status = 1
        else:
            print(f"conformance: OK against {expected_path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
