#!/usr/bin/env python3
"""Runs a command and succeeds only if it exits with exactly the given code.

    expect_exit.py CODE COMMAND [ARGS...]

The command's output passes through (for FileCheck). A death by signal or any other
exit code is reported and fails, so tests pin the documented exit code, not just
"non-zero" as `not` does.
"""
import subprocess
import sys


def main():
    want = int(sys.argv[1])
    code = subprocess.run(sys.argv[2:]).returncode
    if code == want:
        return 0
    how = f"was killed by signal {-code}" if code < 0 else f"exited with {code}"
    print(f"expect_exit.py: {sys.argv[2]} {how}, expected exit code {want}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
