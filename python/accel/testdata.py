"""Reading ONNX backend test cases (libonnx-testdata): model signature, op types, data sets."""
import glob
import os
import re

import numpy as np

DATA_ROOT = os.environ.get("ACCEL_ONNX_TESTDATA", "/usr/share/libonnx-testdata/data")
SUITES = ("node", "pytorch-converted", "pytorch-operator", "simple")

# Ops whose expected outputs came from a random generator: no backend can reproduce them.
RANDOM_OPS = frozenset(["RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike",
                        "Bernoulli", "Multinomial"])


def _numbered(paths, prefix):
    def index(p):
        m = re.match(prefix + r"_(\d+)\.pb$", os.path.basename(p))
        return int(m.group(1)) if m else -1
    return sorted((p for p in paths if index(p) >= 0), key=index)


class TestCase:
    """One test directory: model.onnx plus test_data_set_*/{input,output}_N.pb."""

    def __init__(self, suite, name, root=DATA_ROOT):
        self.suite = suite
        self.name = name
        self.dir = os.path.join(root, suite, name)
        self.model_path = os.path.join(self.dir, "model.onnx")
        self._model = None

    @property
    def key(self):
        return f"{self.suite}/{self.name}"

    @property
    def model(self):
        if self._model is None:
            import onnx
            self._model = onnx.load(self.model_path)
        return self._model

    def graph_inputs(self):
        """Graph inputs without initializers, in graph order (how test data binds)."""
        inits = {i.name for i in self.model.graph.initializer}
        return [i for i in self.model.graph.input if i.name not in inits]

    def graph_outputs(self):
        return list(self.model.graph.output)

    def tensor_typed(self):
        return all(v.type.HasField("tensor_type")
                   for v in self.graph_inputs() + self.graph_outputs())

    def numeric(self):
        """Tensor-typed, no string tensors at the graph boundary, and only default-domain
        (ai.onnx) ops: the tests a numeric inference compiler can be asked to pass."""
        import onnx
        if not self.tensor_typed():
            return False
        if any(v.type.tensor_type.elem_type == onnx.TensorProto.STRING
               for v in self.graph_inputs() + self.graph_outputs()):
            return False
        return all(n.domain in ("", "ai.onnx") for n in self.model.graph.node)

    def op_types(self):
        """Sorted set of op types, subgraphs (If/Loop/Scan bodies) included."""
        ops = set()

        def walk(graph):
            for node in graph.node:
                ops.add(node.op_type)
                for attr in node.attribute:
                    if attr.HasField("g"):
                        walk(attr.g)
                    for g in attr.graphs:
                        walk(g)
        walk(self.model.graph)
        return sorted(ops)

    def data_sets(self):
        """[(input .pb paths, output .pb paths)] for every test_data_set_*, in order."""
        sets = []
        for d in sorted(glob.glob(os.path.join(self.dir, "test_data_set_*")),
                        key=lambda p: int(p.rsplit("_", 1)[1]) if p.rsplit("_", 1)[1].isdigit() else 0):
            files = glob.glob(os.path.join(d, "*.pb"))
            sets.append((_numbered(files, "input"), _numbered(files, "output")))
        return sets


def list_tests(suite, root=DATA_ROOT):
    d = os.path.join(root, suite)
    if not os.path.isdir(d):
        return []
    return [TestCase(suite, n, root) for n in sorted(os.listdir(d))
            if os.path.exists(os.path.join(d, n, "model.onnx"))]


def load_tensor(path):
    import onnx
    from onnx import numpy_helper
    t = onnx.TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return t, numpy_helper.to_array(t)


def tensor_dims(path):
    """Shape of a TensorProto file without converting its data."""
    import onnx
    t = onnx.TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return tuple(int(d) for d in t.dims)


def static_dims(value_info):
    """The declared shape of a graph input if every dim is a number, else None."""
    tt = value_info.type.tensor_type
    if not tt.HasField("shape"):
        return None
    dims = []
    for d in tt.shape.dim:
        if not d.HasField("dim_value"):
            return None
        dims.append(int(d.dim_value))
    return tuple(dims)


def compare(actual, expected, rtol, atol):
    """ONNX backend-runner semantics (np.testing.assert_allclose after a dtype check).
    Returns None when they match, else a one-line reason."""
    if actual.dtype != expected.dtype:
        return f"output dtype {actual.dtype} != expected {expected.dtype}"
    if actual.shape != expected.shape:
        return f"output shape {list(actual.shape)} != expected {list(expected.shape)}"
    if expected.dtype.kind in "fc":
        a = actual.astype(np.float64)
        b = expected.astype(np.float64)
        ok = np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)
        if ok.all():
            return None
        with np.errstate(invalid="ignore"):
            diff = np.abs(a - b)
        finite = np.isfinite(diff)
        worst = float(diff[finite].max()) if finite.any() else float("nan")
        return (f"numeric mismatch (max abs err {worst:.3g}, {int((~ok).sum())} of "
                f"{expected.size} elements)")
    if np.array_equal(actual, expected):
        return None
    return f"value mismatch ({int((actual != expected).sum())} of {expected.size} elements differ)"
