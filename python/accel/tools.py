"""Finding and running the Accel command-line tools.

The package drives `accel-compile` and `accel-run` as child processes: the tools are the
product, and a crash or a hang in them must not take the Python process down with it.
"""
import os
import shutil
import subprocess
import tempfile
import time

TOOL_NAMES = ("accel-compile", "accel-run", "accel-translate", "accel-opt")

_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class ToolError(RuntimeError):
    """A tool failed. `message` is the tool's first error line without its `tool: error:`
    prefix; `output` is everything it printed."""

    def __init__(self, tool, message, output="", returncode=None, timed_out=False):
        super().__init__(f"{tool}: {message}")
        self.tool = tool
        self.message = message
        self.output = output
        self.returncode = returncode
        self.timed_out = timed_out


def repo_root():
    return _REPO


def search_dirs():
    """Directories searched for the tools, most specific first."""
    dirs = []
    if os.environ.get("ACCEL_TOOLS_DIR"):
        dirs.append(os.environ["ACCEL_TOOLS_DIR"])
    if os.environ.get("ACCEL_BUILD_DIR"):
        dirs.append(os.path.join(os.environ["ACCEL_BUILD_DIR"], "bin"))
    dirs.append(os.path.join(_REPO, "build", "bin"))
    return dirs


def find_tool(name):
    """Path of tool `name`: $ACCEL_TOOLS_DIR, then $ACCEL_BUILD_DIR/bin, then <repo>/build/bin,
    then PATH. Raises ToolError when it is nowhere."""
    for d in search_dirs():
        path = os.path.join(d, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    path = shutil.which(name)
    if path:
        return path
    raise ToolError(name, f"cannot find {name} in {', '.join(search_dirs())} or on PATH; "
                          "build it (ninja accel-compile accel-run) or set ACCEL_BUILD_DIR")


def first_error_line(tool, text):
    """The first `<tool>: error: ...` line without its prefix, else the first non-empty line."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for prefix in (f"{tool}: error: ", "error: "):
        for line in lines:
            idx = line.find(prefix)
            if idx >= 0:
                return line[idx + len(prefix):]
    return lines[0] if lines else ""


def run_tool(name, args, timeout=None):
    """Runs tool `name` with `args`. Returns (stdout, stderr, seconds); raises ToolError when it
    exits non-zero, is killed by a signal or exceeds `timeout` seconds."""
    cmd = [find_tool(name)] + [str(a) for a in args]
    # Output goes to files so a chatty tool cannot block on a full pipe.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            proc.kill()
            proc.wait()
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode(errors="replace")
        stderr = err.read().decode(errors="replace")
    text = stderr + "\n" + stdout
    if timed_out:
        raise ToolError(name, f"timeout after {timeout:g}s", text, None, timed_out=True)
    if proc.returncode < 0:
        raise ToolError(name, f"crashed (signal {-proc.returncode})", text, proc.returncode)
    if proc.returncode != 0:
        line = first_error_line(name, stderr) or first_error_line(name, stdout)
        raise ToolError(name, line or f"exit code {proc.returncode}", text, proc.returncode)
    return stdout, stderr, seconds
