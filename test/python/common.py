"""Shared pieces of the Python tests: where the repository, the build and the tools are."""
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD_DIR = os.path.abspath(os.environ.get("ACCEL_BUILD_DIR") or os.path.join(REPO, "build"))
os.environ["ACCEL_BUILD_DIR"] = BUILD_DIR
BIN = os.path.join(BUILD_DIR, "bin")
PY = "/usr/bin/python3"
sys.path.insert(0, os.path.join(REPO, "python"))


def tool(name):
    return os.path.join(BIN, name)


def run(cmd, cwd=None, check=False, **kw):
    """Runs cmd (a list, or a string for the shell); returns CompletedProcess with text."""
    proc = subprocess.run(cmd, cwd=cwd, shell=isinstance(cmd, str), capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, **kw)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    return proc


_small_cnn_dir = None


def small_cnn_dir():
    """A directory holding examples/small_cnn.py's files (small_cnn.onnx, input.npy,
    expected.npy), made once per test run."""
    global _small_cnn_dir
    if _small_cnn_dir is None:
        import tempfile
        d = os.path.join(tempfile.gettempdir(), f"accel-pytest-{os.getpid()}")
        run([PY, os.path.join(REPO, "examples", "small_cnn.py"), "--out", d], check=True)
        import atexit
        import shutil
        atexit.register(shutil.rmtree, d, True)
        _small_cnn_dir = d
    return _small_cnn_dir
