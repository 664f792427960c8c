"""accel.conformance sorts results into passed / expected failures / unexpected failures /
unexpected passes against the expected-results file."""
import unittest

import common  # noqa: F401
from accel import conformance


def res(status, reason=""):
    return {"status": status, "reason": reason}


class Verdicts(unittest.TestCase):
    def test_four_verdicts(self):
        expected = {"a": "pass", "b": "fail: x", "c": "fail: x", "d": "pass", "e": "fail: y",
                    "f": "pass (inputs bound: t)"}
        results = {"a": res("pass"), "b": res("fail", "x"), "c": res("fail", "other reason"),
                   "d": res("fail", "broke"), "e": res("pass"), "f": res("pass"),
                   "new_ok": res("pass"), "new_bad": res("fail", "z")}
        v = conformance.verdicts(results, expected)
        self.assertEqual(v, {"passed": 3, "expected_failures": 2, "unexpected_failures": 2,
                             "unexpected_passes": 1})
        self.assertEqual(conformance.verdict_line(v), "3 passed, 2 expected failures, "
                         "2 unexpected failures, 1 unexpected passes")


if __name__ == "__main__":
    unittest.main()
