"""Shared pieces of the end-to-end tests and the benchmark: cached model export, running the
Accel tools with timing and peak memory, and comparing outputs.

Only the standard library and numpy: runs on Debian's /usr/bin/python3.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXPORTER = os.path.join(HERE, "export_model.py")
sys.path.insert(0, HERE)
from export_model import MODELS, OPSETS, file_name  # noqa: E402,F401

ATOL = 1e-4
RTOL = 1e-3


class StepResult:
    """Outcome of one tool invocation."""

    def __init__(self, ok, seconds, max_rss_kb, stdout, stderr, returncode, cpu_seconds=None):
        self.ok = ok
        self.seconds = seconds
        self.max_rss_kb = max_rss_kb
        self.cpu_seconds = cpu_seconds  # the child's user + system CPU time
        self.stdout = stdout
        self.stderr = stderr
        self.returncode = returncode

    def error_line(self):
        """The most useful line of a failed step's output, for a table cell."""
        text = (self.stderr or "") + "\n" + (self.stdout or "")
        lines = [l.strip() for l in text.splitlines() if l.strip()]
        for line in lines:
            if "error" in line.lower():
                return line[:160]
        return (lines[-1][:160] if lines else f"exit code {self.returncode}")


def run_tool(cmd, timeout):
    """Runs cmd in a fresh child process and reaps it with os.wait4, which gives the child's
    own peak RSS (ru_maxrss, KiB) next to the wall time. Output goes to temporary files so a
    chatty tool cannot block on a full pipe."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        try:
            proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        except OSError as exc:
            return StepResult(False, 0.0, 0, "", f"error: cannot start {cmd[0]}: {exc}", -1)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, rusage = os.wait4(proc.pid, 0)
        finally:
            timed_out = not timer.is_alive()
            timer.cancel()
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    cpu = rusage.ru_utime + rusage.ru_stime
    if timed_out:
        return StepResult(False, seconds, rusage.ru_maxrss, stdout,
                          f"error: timed out after {timeout}s", -1, cpu)
    code = proc.returncode
    if code < 0:
        stderr += f"\nerror: killed by signal {-code} (crash)"
    return StepResult(code == 0, seconds, rusage.ru_maxrss, stdout, stderr, code, cpu)


def exporter_digest():
    with open(EXPORTER, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def export_cached(model, opset, work_dir, timeout=900):
    """Exports model at opset into work_dir/<model>-op<opset> unless an export made by the same
    exporter script is already there. Returns (directory, manifest, StepResult or None)."""
    out_dir = os.path.join(work_dir, f"{model}-op{opset}")
    stamp = os.path.join(out_dir, "export.stamp")
    digest = exporter_digest()
    manifest_path = os.path.join(out_dir, "manifest.json")
    if os.path.exists(stamp) and os.path.exists(manifest_path):
        with open(stamp) as f:
            if f.read().strip() == digest:
                with open(manifest_path) as m:
                    return out_dir, json.load(m), None
    shutil.rmtree(out_dir, ignore_errors=True)
    result = run_tool([sys.executable, EXPORTER, "--model", model, "--opset", str(opset),
                       "--out", out_dir], timeout)
    if not result.ok:
        return out_dir, None, result
    with open(manifest_path) as m:
        manifest = json.load(m)
    with open(stamp, "w") as f:
        f.write(digest + "\n")
    return out_dir, manifest, result


def input_args(model_dir, manifest):
    args = []
    for name, info in sorted(manifest["inputs"].items()):
        args += ["--input", f"{name}={os.path.join(model_dir, info['file'])}"]
    return args


def compare(actual, expected):
    """Returns (ok, max_abs, max_rel, message). ok when |a-b| <= ATOL + RTOL*|b| everywhere."""
    if actual.shape != expected.shape:
        return False, float("nan"), float("nan"), f"shape {actual.shape} != expected {expected.shape}"
    a = actual.astype(np.float64)
    b = expected.astype(np.float64)
    if not np.all(np.isfinite(a)):
        return False, float("nan"), float("nan"), "output has NaN or Inf"
    diff = np.abs(a - b)
    max_abs = float(diff.max()) if diff.size else 0.0
    nonzero = np.abs(b) > 0
    max_rel = float((diff[nonzero] / np.abs(b[nonzero])).max()) if nonzero.any() else 0.0
    bad = diff > ATOL + RTOL * np.abs(b)
    if bad.any():
        idx = np.unravel_index(int(np.argmax(diff - (ATOL + RTOL * np.abs(b)))), b.shape)
        return (False, max_abs, max_rel,
                f"{int(bad.sum())} of {b.size} elements out of tolerance, e.g. at {idx}: "
                f"{a[idx]:.6g} vs {b[idx]:.6g}")
    return True, max_abs, max_rel, ""


def compare_outputs(out_dir, model_dir, manifest):
    """Compares every expected output with accel-run's. Returns (ok, max_abs, max_rel, message)."""
    worst_abs = worst_rel = 0.0
    for name, info in sorted(manifest["outputs"].items()):
        path = os.path.join(out_dir, file_name(name))
        if not os.path.exists(path):
            return False, float("nan"), float("nan"), f"accel-run wrote no {file_name(name)}"
        try:
            actual = np.load(path)
        except ValueError as exc:
            return False, float("nan"), float("nan"), f"cannot read {path}: {exc}"
        expected = np.load(os.path.join(model_dir, info["file"]))
        ok, max_abs, max_rel, message = compare(actual, expected)
        if not ok:
            return False, max_abs, max_rel, f"output {name}: {message}"
        worst_abs = max(worst_abs, max_abs)
        worst_rel = max(worst_rel, max_rel)
    return True, worst_abs, worst_rel, ""


def print_table(headers, rows, file=sys.stdout):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    line = " | ".join(str(h).ljust(w) for h, w in zip(headers, widths))
    print(line, file=file)
    print("-+-".join("-" * w for w in widths), file=file)
    for r in rows:
        print(" | ".join(str(c).ljust(w) for c, w in zip(r, widths)), file=file)
    file.flush()
