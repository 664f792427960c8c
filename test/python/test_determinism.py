"""The same model gives byte-identical schedules however its path is spelled, through
accel-compile and the Python API, and accel.compile(ModelProto) twice gives the same bytes
(locations name the model file without its directory)."""
import os
import shutil
import tempfile
import unittest

import common
import accel


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Determinism(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="accel-det-")
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.onnx = os.path.join(common.small_cnn_dir(), "small_cnn.onnx")

    def compile_cli(self, model, cwd, out):
        common.run([common.tool("accel-compile"), model, "--target", "host", "-o", out],
                   cwd=cwd, check=True)
        return read(out)

    def test_path_spellings_and_python_api(self):
        src_dir = os.path.dirname(self.onnx)
        absolute = self.compile_cli(self.onnx, self.dir, os.path.join(self.dir, "abs.accel"))
        spellings = {
            "relative": (os.path.basename(self.onnx), src_dir),
            "dot-dot": (os.path.join("..", os.path.basename(src_dir), "small_cnn.onnx"), src_dir),
            "relative from elsewhere": (os.path.relpath(self.onnx, self.dir), self.dir),
        }
        for what, (model, cwd) in spellings.items():
            with self.subTest(spelling=what):
                out = os.path.join(self.dir, what.replace(" ", "_") + ".accel")
                self.assertEqual(self.compile_cli(model, cwd, out), absolute)
        link = os.path.join(self.dir, "link")
        os.symlink(src_dir, link)
        self.assertEqual(self.compile_cli(os.path.join(link, "small_cnn.onnx"), self.dir,
                                          os.path.join(self.dir, "link.accel")), absolute)
        with accel.compile(self.onnx) as schedule:
            self.assertEqual(read(schedule.path), absolute)

    def test_model_proto_twice(self):
        import onnx
        model = onnx.load(self.onnx)
        with accel.compile(model) as first, accel.compile(model) as second:
            self.assertNotEqual(first.path, second.path)
            self.assertEqual(read(first.path), read(second.path))
        with accel.compile(model.SerializeToString()) as third:
            with accel.compile(model) as fourth:
                self.assertEqual(read(third.path), read(fourth.path))


if __name__ == "__main__":
    unittest.main()
