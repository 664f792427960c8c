"""The Python API speaks Python: input_shapes forms, errors naming its arguments, any numpy
array layout."""
import unittest

import numpy as np

import common  # noqa: F401  (puts python/ on the path, sets ACCEL_BUILD_DIR)
import accel

W = np.arange(12, dtype=np.float32).reshape(4, 3)


def dynamic_mlp():
    """y = x @ W with x: float[batch, 4]."""
    from onnx import TensorProto, helper, numpy_helper
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], "dynmlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])],
        [numpy_helper.from_array(W, "w")])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


class InputShapes(unittest.TestCase):
    def check_runs(self, shape_arg):
        with accel.compile(dynamic_mlp(), input_shapes={"x": shape_arg}) as schedule:
            x = np.random.default_rng(0).standard_normal((2, 4)).astype(np.float32)
            np.testing.assert_allclose(accel.run(schedule, {"x": x})["y"], x @ W, rtol=1e-5)

    def test_tuple_list_and_strings(self):
        for form in ((2, 4), [2, 4], "2,4", "2, 4", "2x4", "(2, 4)", np.array([2, 4])):
            with self.subTest(form=form):
                self.check_runs(form)

    def test_bad_string_speaks_python(self):
        with self.assertRaises(ValueError) as cm:
            accel.compile(dynamic_mlp(), input_shapes={"x": "2,a"})
        msg = str(cm.exception)
        self.assertIn("input_shapes['x']", msg)
        self.assertIn("'1,3,224,224'", msg)
        self.assertNotIn("invalid literal", msg)

    def test_bad_values(self):
        for form, why in ((5, "not one int"), ((2, 0), "not positive"), ((2.5, 4), "not an int"),
                          ("2,,4", "an empty dimension"), (None, "NoneType is not a shape")):
            with self.subTest(form=form):
                with self.assertRaises(ValueError) as cm:
                    accel.compile(dynamic_mlp(), input_shapes={"x": form})
                self.assertIn(why, str(cm.exception))
        with self.assertRaises(TypeError) as cm:
            accel.compile(dynamic_mlp(), input_shapes=[("x", (2, 4))])
        self.assertIn("input_shapes must be a dict", str(cm.exception))

    def test_dynamic_without_shape_names_the_argument(self):
        with self.assertRaises(accel.ToolError) as cm:
            accel.compile(dynamic_mlp())
        msg = cm.exception.message
        self.assertIn("input_shapes={'x': (D0, D1, ...)}", msg)
        self.assertNotIn("--input-shape", msg)

    def test_bind_inputs(self):
        x = np.ones((2, 4), np.float32)
        with accel.compile(dynamic_mlp(), bind_inputs={"x": x}) as schedule:
            self.assertEqual(accel.run(schedule, {}).get("y").tolist(), (x @ W).tolist())


class ArrayLayouts(unittest.TestCase):
    def test_fortran_order_and_byte_swapped_inputs(self):
        x = np.random.default_rng(1).standard_normal((2, 4)).astype(np.float32)
        with accel.compile(dynamic_mlp(), input_shapes={"x": (2, 4)}) as schedule:
            for value in (np.asfortranarray(x), x.astype(">f4"), x.T.copy().T, x[:, ::1]):
                with self.subTest(flags=str(value.flags.f_contiguous) + str(value.dtype)):
                    got = accel.run(schedule, {"x": value})["y"]
                    np.testing.assert_allclose(got, x @ W, rtol=1e-5)


if __name__ == "__main__":
    unittest.main()
