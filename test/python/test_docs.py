"""The commands in README.md and docs/getting-started.md run as written.

Each document's ```sh and ```console blocks are run in order in a fresh directory that looks
like the repository root (build/, examples/, python/ are links), so `work/...` paths resolve
as they would for a new user. Long-running or installing commands (scripts/*.sh, the full
conformance and zoo runs) are left out; they have steps of their own in scripts/test.sh.
A console command whose shown output has an `error:` line must fail with that line, and
every shown output line that does not depend on timing or the clock (no decimal number, not
an `ls -l` line, not an elision `...`) must be printed as shown."""
import os
import re
import shutil
import tempfile
import unittest

from common import BUILD_DIR, REPO, run

VOLATILE = re.compile(r"\d\.\d|^-[rwx-]{9} |^\.\.\.$")
SKIP = re.compile(r"scripts/(install-deps|build|demo|test|fuzz|sanitize)\.sh|-m accel\.(conformance|zoo)")


def blocks(path):
    """[(kind, text)] for every ```sh / ```console block of a Markdown file."""
    with open(path) as f:
        text = f.read()
    return re.findall(r"^```(sh|console)\n(.*?)^```", text, re.S | re.M)


def commands(kind, text):
    """[(command, shown output lines)] of one block."""
    out = []
    lines = text.splitlines()
    if kind == "sh":
        for line in lines:
            cmd = line.split("  #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if cmd:
                out.append((cmd, []))
        return out
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.startswith("$ "):
            if out:
                out[-1][1].append(line)
            continue
        cmd = line[2:]
        while cmd.count('"') % 2 and i < len(lines):  # a quoted argument spanning lines
            cmd += "\n" + lines[i]
            i += 1
        out.append((cmd, []))
    return out


class DocCommands(unittest.TestCase):
    def run_doc(self, rel):
        sandbox = tempfile.mkdtemp(prefix="accel-doc-")
        self.addCleanup(shutil.rmtree, sandbox, True)
        os.symlink(BUILD_DIR, os.path.join(sandbox, "build"))
        for d in ("examples", "python", "test"):
            os.symlink(os.path.join(REPO, d), os.path.join(sandbox, d))
        ran = 0
        for kind, text in blocks(os.path.join(REPO, rel)):
            for cmd, shown in commands(kind, text):
                if SKIP.search(cmd):
                    continue
                proc = run(cmd, cwd=sandbox, timeout=300)
                errors = [l for l in shown if "error:" in l]
                if errors:
                    self.assertNotEqual(proc.returncode, 0, f"{rel}: `{cmd}` should fail")
                    for line in errors:
                        self.assertIn(line.strip(), proc.stderr, f"{rel}: `{cmd}`")
                else:
                    self.assertEqual(proc.returncode, 0, f"{rel}: `{cmd}` failed:\n"
                                     f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
                printed = {l.strip() for l in (proc.stdout + proc.stderr).splitlines()}
                for line in shown:
                    line = line.strip()
                    if line and not VOLATILE.search(line):
                        self.assertIn(line, printed, f"{rel}: `{cmd}` did not print this line "
                                      f"as shown:\n{line}\nit printed:\n{proc.stdout}{proc.stderr}")
                ran += 1
        self.assertGreater(ran, 3, f"{rel}: no commands found")

    def test_readme(self):
        self.run_doc("README.md")

    def test_getting_started(self):
        self.run_doc("docs/getting-started.md")


if __name__ == "__main__":
    unittest.main()
