#!/usr/bin/env python3
"""Reads lit's closing summary from a log and prints "<passed> <failed>".

Passed counts tests that behaved as declared (Passed, Expectedly Failed); failed counts every
outcome that needs attention (Failed, Unresolved, Timed Out, Unexpectedly Passed). Unsupported
and excluded tests are neither. A log without a summary prints "0 0": the caller decides.
"""
import re
import sys

PASS = {"Passed", "Expectedly Failed"}
FAIL = {"Failed", "Unresolved", "Timed Out", "Unexpectedly Passed"}
LINE = re.compile(r"^\s+([A-Za-z][A-Za-z ]*?)\s*:\s*(\d+)\b")


def summarize(text):
    passed = failed = 0
    # Only the part after the last "Total Discovered Tests" line is the summary.
    idx = text.rfind("Total Discovered Tests")
    if idx < 0:
        return 0, 0
    for line in text[idx:].splitlines()[1:]:
        m = LINE.match(line)
        if not m:
            break
        kind, count = m.group(1), int(m.group(2))
        if kind in PASS:
            passed += count
        elif kind in FAIL:
            failed += count
    return passed, failed


def main():
    with open(sys.argv[1], errors="replace") as f:
        passed, failed = summarize(f.read())
    print(passed, failed)


if __name__ == "__main__":
    main()
