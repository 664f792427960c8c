"""Unit tests of the conformance harness and the accel Python API (no real tools needed:
fake accel-compile/accel-run scripts stand in for them).

    PYTHONPATH=python /usr/bin/python3 -m unittest discover -s test/conformance -v
"""
import os
import stat
import sys
import tempfile
import textwrap
import unittest

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

import accel  # noqa: E402
from accel import conformance, testdata  # noqa: E402
from accel.tools import ToolError  # noqa: E402


class ReasonTest(unittest.TestCase):
    def test_unsupported_ops_lists_every_op(self):
        msg = ("unsupported ONNX ops: Trilu (2 nodes, first 'n0'), "
               "ai.onnx.preview.training.Adam (1 node, first 'Adam_3')")
        self.assertEqual(conformance.unsupported_ops(msg),
                         ["Trilu", "ai.onnx.preview.training.Adam"])
        err = ToolError("accel-compile", msg, returncode=1)
        self.assertEqual(conformance.tool_reason(err, "compile"),
                         "unsupported op: Trilu, ai.onnx.preview.training.Adam")

    def test_element_type_and_node_prefix(self):
        err = ToolError("accel-compile", "/x/model.onnx: graph input 'x' has unsupported element "
                                         "type UINT8 (supported: float)", returncode=1)
        self.assertEqual(conformance.tool_reason(err, "compile"), "unsupported element type: UINT8")
        err = ToolError("accel-compile", "/x/model.onnx: node 'Flatten_0' (Flatten): bad axis",
                        returncode=1)
        self.assertEqual(conformance.tool_reason(err, "compile"), "Flatten: bad axis")

    def test_runtime_crash_and_timeout(self):
        self.assertEqual(conformance.tool_reason(
            ToolError("accel-run", "shape mismatch", returncode=1), "run"),
            "runtime error: shape mismatch")
        self.assertEqual(conformance.tool_reason(
            ToolError("accel-run", "crashed (signal 11)", returncode=-11), "run"),
            "runtime crash: crashed (signal 11)")
        self.assertEqual(conformance.tool_reason(
            ToolError("accel-compile", "timeout after 5s", timed_out=True), "compile"),
            "timeout (compile)")

    def test_category_drops_names_and_numbers(self):
        a = conformance.reason_category("Slice: starts (input 1) of 'a' must be constant")
        b = conformance.reason_category("Slice: starts (input 2) of 'b' must be constant")
        self.assertEqual(a, b)
        self.assertEqual(conformance.reason_category(
            "numeric mismatch (max abs err 0.5, 3 of 10 elements)"), "numeric mismatch")


class CompareTest(unittest.TestCase):
    """ONNX's runner: equal dtypes, then assert_allclose(rtol, atol) with NaN == NaN."""

    def cmp(self, a, b):
        return testdata.compare(np.asarray(a), np.asarray(b), conformance.RTOL, conformance.ATOL)

    def test_tolerance_boundary(self):
        self.assertIsNone(self.cmp(np.float32([1000.0]), np.float32([1000.9])))
        self.assertIn("numeric mismatch", self.cmp(np.float32([1000.0]), np.float32([1001.5])))

    def test_nan_matches_nan_only(self):
        self.assertIsNone(self.cmp(np.float32([np.nan, 1]), np.float32([np.nan, 1])))
        self.assertIsNotNone(self.cmp(np.float32([0, 1]), np.float32([np.nan, 1])))

    def test_dtype_and_shape_must_match(self):
        self.assertIn("dtype", self.cmp(np.int32([1]), np.int64([1])))
        self.assertIn("shape", self.cmp(np.float32([[1, 2]]), np.float32([1, 2])))

    def test_integers_and_bools_are_exact(self):
        self.assertIsNone(self.cmp(np.int64([1, 2]), np.int64([1, 2])))
        self.assertIn("value mismatch", self.cmp(np.bool_([True]), np.bool_([False])))


class CheckTest(unittest.TestCase):
    def res(self, status, reason=""):
        return {"status": status, "reason": reason}

    def test_regressions_unlisted_fixed_changed(self):
        results = {"a": self.res("fail", "x"), "b": self.res("fail", "y"),
                   "c": self.res("pass"), "d": self.res("fail", "new"), "e": self.res("pass")}
        expected = {"a": "pass", "c": "fail: old", "d": "fail: old", "e": "pass"}
        regressions, unlisted, fixed, changed = conformance.check(results, expected)
        self.assertEqual(regressions, ["a"])
        self.assertEqual(unlisted, ["b"])
        self.assertEqual(fixed, ["c"])
        self.assertEqual(changed, ["d"])

    def test_bound_inputs_are_visible_passes(self):
        res = {"status": "pass", "reason": "", "note": "inputs bound: shape"}
        self.assertEqual(conformance.expected_entry(res), "pass (inputs bound: shape)")
        # A bound pass is a pass for --check: failing later is a regression.
        regressions, _, fixed, _ = conformance.check(
            {"a": self.res("fail", "x"), "b": res},
            {"a": "pass (inputs bound: shape)", "b": "pass"})
        self.assertEqual(regressions, ["a"])
        self.assertEqual(fixed, [])

    def test_inputs_to_bind_from_importer_diagnostics(self):
        one = ("m.onnx:3:1: error: Slice node 's': starts (input 1) must be a constant known at "
               "import time; it is computed from graph input 'starts': specialise the model "
               "with --bind-input starts=FILE.npy|FILE.pb")
        two = ("error: Reshape node 'r': shape (input 1) must be a constant known at import "
               "time; it is computed from graph inputs 'a', 'b': specialise the model with "
               "--bind-input a=FILE.npy|FILE.pb")
        empty = ("error: graph input 'axes' has a zero-size dimension 0; empty tensors are not "
                 "supported; if it is an operand that must be known at import time, specialise "
                 "the model with --bind-input axes=FILE.npy|FILE.pb")
        self.assertEqual(conformance.inputs_to_bind(one), ["starts"])
        self.assertEqual(conformance.inputs_to_bind(two), ["a", "b"])
        self.assertEqual(conformance.inputs_to_bind(empty), ["axes"])
        self.assertEqual(conformance.inputs_to_bind("error: unsupported ONNX ops: TopK"), [])

    def test_check_exit_code(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "t.json")
            conformance.save_expected(path, "host", {"node/x": self.res("pass")}, {})
            self.assertEqual(conformance.load_expected(path), {"node/x": "pass"})


class PlacementTest(unittest.TestCase):
    def test_device_layers_and_host_instructions(self):
        import json
        report = {"instructions": [
                      {"op_type": "input", "segment": "host"},
                      {"op_type": "Softmax", "segment": "host#1"},
                      {"op_type": "output", "segment": "host#2"}],
                  "layers": [{"node": "Conv_0", "op_type": "Conv", "segment": "device"},
                             {"node": "Relu_1", "op_type": "Relu", "segment": "device#1"}]}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.json")
            with open(path, "w") as f:
                json.dump(report, f)
            got = conformance.placement(path, {"Conv": ["host"]})
        self.assertEqual(got, {"Conv": ["device", "host"], "Relu": ["device"],
                               "Softmax": ["host"]})


class QuickSubsetTest(unittest.TestCase):
    def test_quick_rule_is_fixed(self):
        a = [c.key for c in conformance.select_tests(["node", "simple"], True, None)]
        b = [c.key for c in conformance.select_tests(["node", "simple"], True, None)]
        self.assertEqual(a, b)
        every = [c.key for c in conformance.select_tests(["node"], False, None)]
        self.assertEqual(a, every[::conformance.QUICK_NODE_STRIDE])
        self.assertGreater(len(a), 200)


FAKE_COMPILE = """#!/bin/sh
# Fake accel-compile: writes its arguments into the -o file; 'crash' and 'fail' in the
# model path make it die or fail like the real tool would.
case "$1" in *crash*) kill -SEGV $$ ;; *fail*) echo "accel-compile: error: unsupported ONNX ops: Foo (1 node, first 'n')" >&2; exit 1 ;; esac
while [ $# -gt 0 ]; do [ "$1" = -o ] && echo "$@" > "$2"; shift; done
"""

FAKE_RUN = """#!/usr/bin/python3
# Fake accel-run: copies the input bound to 'x' to output 'y/0' (as file y_0.npy), times two.
import sys, numpy as np
args = sys.argv[1:]
inputs = dict(a.split("=", 1) for a in args[args.index("--input") + 1::2] if "=" in a)
out = args[args.index("--output-dir") + 1]
np.save(out + "/y_0.npy", np.load(inputs["x"]) * 2)
if "--report-json" in args:
    open(args[args.index("--report-json") + 1], "w").write('{"total_cycles": 42}')
"""


class ApiTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        for name, text in (("accel-compile", FAKE_COMPILE), ("accel-run", FAKE_RUN)):
            path = os.path.join(self.tmp.name, name)
            with open(path, "w") as f:
                f.write(textwrap.dedent(text))
            os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
        self.old = os.environ.get("ACCEL_TOOLS_DIR")
        os.environ["ACCEL_TOOLS_DIR"] = self.tmp.name

    def tearDown(self):
        if self.old is None:
            del os.environ["ACCEL_TOOLS_DIR"]
        else:
            os.environ["ACCEL_TOOLS_DIR"] = self.old
        self.tmp.cleanup()

    def model(self):
        import onnx
        from onnx import helper, TensorProto
        graph = helper.make_graph(
            [helper.make_node("Relu", ["x"], ["y/0"])], "g",
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
            [helper.make_tensor_value_info("y/0", TensorProto.FLOAT, [2])])
        return helper.make_model(graph)

    def test_compile_and_run(self):
        schedule = accel.compile(self.model(), "host", input_shapes={"x": (2,)})
        with open(schedule.path) as f:
            self.assertIn("--input-shape x=2", f.read())
        self.assertEqual(schedule.input_names, ["x"])
        out = accel.run(schedule, [np.float32([1, 2])], report=True)
        self.assertEqual(list(out), ["y/0"])
        np.testing.assert_array_equal(out["y/0"], np.float32([2, 4]))
        self.assertEqual(out.report["total_cycles"], 42)
        path = schedule.path
        schedule.close()
        self.assertFalse(os.path.exists(path))

    def test_errors(self):
        with self.assertRaises(ValueError):
            accel.compile(self.model(), "tpu")
        bad = os.path.join(self.tmp.name, "fail.onnx")
        with self.assertRaises(ToolError) as ctx:
            accel.compile(bad, "host")
        self.assertTrue(ctx.exception.message.startswith("unsupported ONNX ops: Foo"))
        with self.assertRaises(ToolError) as ctx:
            accel.compile(os.path.join(self.tmp.name, "crash.onnx"), "host")
        self.assertIn("signal", ctx.exception.message)
        schedule = accel.compile(self.model(), "host")
        with self.assertRaises(ValueError):
            accel.run(schedule, [np.float32([1]), np.float32([2])])


if __name__ == "__main__":
    unittest.main()
