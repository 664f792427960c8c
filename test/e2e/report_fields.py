"""Reads the figures the demo and the benchmark need from accel-run's --report-json file.

The report layout is owned by the runtime (lib/Runtime/Report.cpp, docs/runtime.md): top-level
`total_time_us` (execution of the schedule, without loading it or reading inputs),
`host_flops` and `device_flops`. This module is the one place here that knows those names.
"""
import json


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _number(report, key):
    if isinstance(report, dict) and isinstance(report.get(key), (int, float)):
        return report[key]
    return None


def run_time_ms(report):
    """(milliseconds, what it measures) of the model execution alone, or (None, None)."""
    us = _number(report, "total_time_us")
    return (us / 1e3, "runtime report") if us is not None else (None, None)


def device_flop_share(report):
    """Fraction of FLOPs executed on the device (0..1), or None when the report has no split."""
    device = _number(report, "device_flops")
    host = _number(report, "host_flops")
    if device is None or host is None:
        return None
    total = device + host
    return device / total if total else 0.0


def simulated(report):
    """(simulated schedule time in us, device cycles, preset) for a device target's report
    (`simulated_time_us` = device + host segments + host-link transfers), else None."""
    us = _number(report, "simulated_time_us")
    cycles = _number(report, "device_cycles")
    if us is None or not cycles or report.get("target") in (None, "host"):
        return None
    return us, int(cycles), report.get("preset") or "?"
