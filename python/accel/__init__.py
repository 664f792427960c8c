"""Accel from Python: compile an ONNX model for a target and run the schedule.

    import accel, numpy as np
    schedule = accel.compile("model.onnx", "host", input_shapes={"x": (1, 3, 224, 224)})
    outputs = accel.run(schedule, {"x": np.zeros((1, 3, 224, 224), np.float32)})
    outputs["y"]          # numpy array, one entry per model output, in graph order

The functions drive the `accel-compile` and `accel-run` tools (see accel.tools for how they
are found); failures raise accel.ToolError with the tool's own one-line message.
"""
import json
import numbers
import os
import re
import shutil
import tempfile
from collections.abc import Mapping

import numpy as np

from .tools import ToolError, find_tool, run_tool  # noqa: F401

__all__ = ["compile", "run", "Schedule", "Outputs", "ToolError", "TARGETS", "output_file_name"]

TARGETS = ("host", "wse", "ipu", "rdu", "lpu")


def output_file_name(tensor_name):
    """The file accel-run writes for output `tensor_name` ('/' and ':' become '_')."""
    return tensor_name.replace("/", "_").replace(":", "_") + ".npy"


def _graph_signature(model):
    """(input names without initializers, output names) of an onnx.ModelProto."""
    inits = {i.name for i in model.graph.initializer}
    inputs = [i.name for i in model.graph.input if i.name not in inits]
    return inputs, [o.name for o in model.graph.output]


class Schedule:
    """A compiled `.accel` file plus the model's input and output names.

    When compile() chose the location, the file lives in a temporary directory removed with
    this object (or by close())."""

    def __init__(self, path, target, input_names=None, output_names=None, compile_seconds=None,
                 owned_dir=None):
        self.path = os.fspath(path)
        self.target = target
        self.input_names = list(input_names) if input_names is not None else None
        self.output_names = list(output_names) if output_names is not None else None
        self.compile_seconds = compile_seconds
        self._owned_dir = owned_dir

    def close(self):
        if self._owned_dir:
            shutil.rmtree(self._owned_dir, ignore_errors=True)
            self._owned_dir = None

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"Schedule({self.path!r}, target={self.target!r})"


class Outputs(dict):
    """Output name -> numpy array (graph order), plus `report` (the parsed JSON report when
    run(..., report=True), else None) and `seconds` (wall time of accel-run)."""

    report = None
    seconds = None


_SHAPE_FORMS = ("a tuple or list of positive ints such as (1, 3, 224, 224), or a string "
                "such as '1,3,224,224'")


def _shape_arg(name, shape):
    """One input_shapes value as a list of ints: a tuple, list (or any sequence of ints, e.g.
    torch.Size or a numpy array) or a string '1,3,224,224' (also '1x3x224x224', '(1, 3)')."""
    def bad(why):
        return ValueError(f"input_shapes[{name!r}]: {why}; expected {_SHAPE_FORMS} "
                          f"(got {shape!r})")
    if isinstance(shape, str):
        text = shape.strip().strip("()[]").strip()
        parts = [p.strip() for p in re.split(r"[,x]", text)] if text else []
        dims = []
        for p in parts:
            if not re.fullmatch(r"\+?\d+", p):
                raise bad(f"{p!r} is not a positive integer" if p else "an empty dimension")
            dims.append(int(p))
    elif isinstance(shape, numbers.Integral) and not isinstance(shape, bool):
        raise bad("a shape is a sequence of dimensions, not one int")
    else:
        try:
            items = list(shape)
        except TypeError:
            raise bad(f"a {type(shape).__name__} is not a shape") from None
        dims = []
        for d in items:
            if isinstance(d, bool) or not isinstance(d, numbers.Integral):
                raise bad(f"dimension {d!r} is not an int")
            dims.append(int(d))
    for d in dims:
        if d <= 0:
            raise bad(f"dimension {d} is not positive")
    return dims


def _input_shape_args(input_shapes):
    if input_shapes is None:
        return []
    if not isinstance(input_shapes, Mapping):
        raise TypeError("input_shapes must be a dict {input name: shape}, e.g. "
                        f"{{'input': (1, 3, 224, 224)}} (got {type(input_shapes).__name__})")
    args = []
    for name, shape in input_shapes.items():
        args += ["--input-shape", f"{name}={','.join(map(str, _shape_arg(name, shape)))}"]
    return args


def _python_terms(err):
    """The compiler's ToolError with its command-line advice (--input-shape, --bind-input)
    said in terms of accel.compile's arguments."""
    msg = err.message
    msg = re.sub(r"--input-shape (\S+?)=D0,D1,\.\.\.",
                 lambda m: f"input_shapes={{{m.group(1)!r}: (D0, D1, ...)}}", msg)
    msg = re.sub(r"--input-shape (\S+?)=([\d,]+)",
                 lambda m: f"input_shapes={{{m.group(1)!r}: ({', '.join(m.group(2).split(','))})}}",
                 msg)
    msg = re.sub(r"--input-shape for '([^']*)'", r"input_shapes['\1']", msg)
    msg = msg.replace("--input-shape", "input_shapes")
    msg = re.sub(r"--bind-input (\S+?)=FILE(\.npy)?", r"bind_inputs={'\1': array}", msg)
    msg = msg.replace("--bind-input", "bind_inputs")
    if msg == err.message:
        return err
    return ToolError(err.tool, msg, err.output, err.returncode, err.timed_out)


def compile(model, target="host", input_shapes=None, output=None, timeout=None, extra_args=(),
            bind_inputs=None):
    """Compiles `model` (a path, an onnx.ModelProto or serialized bytes) for `target`.

    input_shapes: {input name: shape} for inputs whose ONNX shape is not static; a shape is a
    tuple or list of ints or a string '1,3,224,224'.
    bind_inputs: {input name: array or .npy/.pb path} fixes inputs to a value (the model is
    specialised for it and the input disappears).
    output: where to write the .accel file (default: a temporary file owned by the result).
    Returns a Schedule; raises ToolError with the compiler's message when it fails."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; expected one of {', '.join(TARGETS)}")
    shape_args = _input_shape_args(input_shapes)
    if bind_inputs is not None and not isinstance(bind_inputs, Mapping):
        raise TypeError("bind_inputs must be a dict {input name: array or file path} "
                        f"(got {type(bind_inputs).__name__})")
    owned = tempfile.mkdtemp(prefix="accel-")
    try:
        names = (None, None)
        if isinstance(model, (str, os.PathLike)):
            model_path = os.fspath(model)
            try:
                import onnx
                names = _graph_signature(onnx.load(model_path, load_external_data=False))
            except Exception:  # the compiler gives the real diagnostic for a broken file
                pass
        else:
            import onnx
            proto = model
            if isinstance(model, (bytes, bytearray)):
                proto = onnx.load_from_string(bytes(model))
            names = _graph_signature(proto)
            model_path = os.path.join(owned, "model.onnx")
            with open(model_path, "wb") as f:
                f.write(proto.SerializeToString())
        out_path = os.fspath(output) if output is not None else os.path.join(owned, "model.accel")
        args = [model_path, "--target", target, "-o", out_path] + shape_args
        for i, (name, value) in enumerate((bind_inputs or {}).items()):
            if isinstance(value, (str, os.PathLike)):
                file = os.fspath(value)
            else:
                file = os.path.join(owned, f"bound{i}.npy")
                np.save(file, _plain_array(value))
            args += ["--bind-input", f"{name}={file}"]
        args += list(extra_args)
        try:
            _, _, seconds = run_tool("accel-compile", args, timeout=timeout)
        except ToolError as err:
            raise _python_terms(err) from None
    except BaseException:
        shutil.rmtree(owned, ignore_errors=True)
        raise
    if output is not None:
        shutil.rmtree(owned, ignore_errors=True)
        owned = None
    return Schedule(out_path, target, names[0], names[1], seconds, owned)


def _plain_array(value):
    """`value` as a C-contiguous, native-byte-order numpy array, the only layout accel-run
    reads (Fortran-order and byte-swapped arrays are copied)."""
    array = np.ascontiguousarray(value)
    if not array.dtype.isnative:
        array = array.astype(array.dtype.newbyteorder("="))
    return array


def _bind_inputs(schedule, inputs):
    """Normalises `inputs` to a list of (name or None, value)."""
    if isinstance(inputs, dict):
        return list(inputs.items())
    if isinstance(inputs, np.ndarray):
        inputs = [inputs]
    names = schedule.input_names if isinstance(schedule, Schedule) else None
    if names is not None and len(names) != len(inputs):
        raise ValueError(f"the model has {len(names)} inputs ({', '.join(names)}) "
                         f"but {len(inputs)} values were given")
    return [(names[i] if names else None, v) for i, v in enumerate(inputs)]


def run(schedule, inputs, report=False, timeout=None, output_dir=None):
    """Runs a Schedule (or a path to an .accel file) on `inputs`.

    inputs: {name: array}, a list of arrays in the model's input order, or one array. A value
    may also be a path to a .npy or ONNX TensorProto .pb file, passed to accel-run as is.
    Returns Outputs (a dict of numpy arrays in graph output order); with report=True its
    `report` attribute holds accel-run's JSON report."""
    path = schedule.path if isinstance(schedule, Schedule) else os.fspath(schedule)
    work = tempfile.mkdtemp(prefix="accel-run-")
    try:
        out_dir = os.fspath(output_dir) if output_dir is not None else os.path.join(work, "out")
        os.makedirs(out_dir, exist_ok=True)
        args = [path]
        for i, (name, value) in enumerate(_bind_inputs(schedule, inputs)):
            if isinstance(value, (str, os.PathLike)):
                file = os.fspath(value)
            else:
                file = os.path.join(work, f"input{i}.npy")
                np.save(file, _plain_array(value))
            args += ["--input", f"{name}={file}" if name else file]
        args += ["--output-dir", out_dir]
        report_path = os.path.join(work, "report.json")
        if report:
            args += ["--report-json", report_path]
        _, _, seconds = run_tool("accel-run", args, timeout=timeout)
        result = Outputs()
        names = schedule.output_names if isinstance(schedule, Schedule) else None
        if names is None:
            names = sorted(f[:-4] for f in os.listdir(out_dir) if f.endswith(".npy"))
        for name in names:
            file = os.path.join(out_dir, output_file_name(name))
            if not os.path.exists(file):
                raise ToolError("accel-run", f"wrote no output file for '{name}'")
            result[name] = np.load(file)
        result.seconds = seconds
        if report:
            with open(report_path) as f:
                result.report = json.load(f)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
