#!/usr/bin/python3
"""Runs the Python tests in this directory (test_*.py, plain unittest) against a build.

  run_tests.py [--build-dir B] [--summary-json FILE] [-k PATTERN]

Uses $ACCEL_BUILD_DIR (default <repo>/build) for the tools. Prints one line per test and
`python-tests: N passed, N failed`; exits non-zero on any failure.
"""
import argparse
import json
import os
import sys
import unittest

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", help="Accel build directory (default $ACCEL_BUILD_DIR "
                                            "or <repo>/build)")
    parser.add_argument("--summary-json", help="write {passed, failed} here")
    parser.add_argument("-k", dest="pattern", help="only tests whose id contains this")
    args = parser.parse_args(argv)
    if args.build_dir:
        os.environ["ACCEL_BUILD_DIR"] = os.path.abspath(args.build_dir)
    sys.path.insert(0, HERE)
    suite = unittest.defaultTestLoader.discover(HERE, pattern="test_*.py", top_level_dir=HERE)
    if args.pattern:
        def flatten(s):
            for t in s:
                yield from (flatten(t) if isinstance(t, unittest.TestSuite) else [t])
        suite = unittest.TestSuite(t for t in flatten(suite) if args.pattern in t.id())
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    # A test with failing subtests counts once.
    failed_ids = {getattr(t, "test_case", t).id() for t, _ in result.failures + result.errors}
    failed = len(failed_ids) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    if args.summary_json:
        with open(args.summary_json, "w") as f:
            json.dump({"passed": passed, "failed": failed, "skipped": len(result.skipped)}, f)
    print(f"python-tests: {passed} passed, {failed} failed")
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
