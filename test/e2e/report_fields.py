"""Reads the figures the demo and the benchmark need from accel-run's --report-json file.

The report layout is owned by the runtime (docs/runtime.md); this module is the one place
that knows it, so a change there is a change here only.
"""
import json


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _find(obj, names):
    """First value under any of names, searching nested objects breadth-first."""
    queue = [obj]
    while queue:
        cur = queue.pop(0)
        if isinstance(cur, dict):
            for n in names:
                if n in cur and isinstance(cur[n], (int, float)):
                    return cur[n]
            queue += [v for v in cur.values() if isinstance(v, (dict, list))]
        elif isinstance(cur, list):
            queue += [v for v in cur if isinstance(v, (dict, list))]
    return None


def run_time_ms(report):
    """(milliseconds, what it measures) of the model execution alone, or (None, None)."""
    if report is None:
        return None, None
    for key, scale in (("run_ms", 1.0), ("execute_ms", 1.0), ("wall_ms", 1.0),
                       ("run_time_ms", 1.0), ("run_s", 1e3), ("run_time_s", 1e3),
                       ("run_us", 1e-3), ("run_ns", 1e-6)):
        value = _find(report, [key])
        if value is not None:
            return value * scale, "runtime report"
    return None, None


def device_flop_share(report):
    """Fraction of FLOPs executed on the device (0..1), or None when the report has no split."""
    if report is None:
        return None
    share = _find(report, ["device_flop_fraction", "device_flops_share", "device_share"])
    if share is not None:
        return share
    device = _find(report, ["device_flops"])
    host = _find(report, ["host_flops"])
    if device is None or host is None:
        return None
    total = device + host
    return device / total if total else 0.0
