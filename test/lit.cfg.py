# lit configuration for Accel. Tests mirror lib/: Dialect/, Conversion/, Import/, Target/,
# Pipelines/, tools/ (command-line behaviour and diagnostics), e2e/ (numerics against
# reference outputs) and unit/ (gtest binaries).
import os
import lit.formats
from lit.llvm import llvm_config

config.name = "Accel"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".onnxtxt", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "e2e"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.accel_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.accel_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%accel_src", config.accel_src_root))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))

if config.accel_build_compiler:
    config.available_features.add("compiler")
if config.accel_sanitize:
    config.available_features.add("sanitize")
    # Defaults for running lit by hand on a sanitized build (scripts/sanitize.sh sets the
    # same): failed huge allocations reach the code's own error path, and LLVM's inline
    # allocator poisoning (instrumented here, not in libMLIR) gives no false reports.
    config.environment.setdefault(
        "ASAN_OPTIONS", "detect_leaks=1:allocator_may_return_null=1:allow_user_poisoning=0")
    config.environment.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")

# Tests that generate their model with torch (examples/small_cnn.py) need it importable by
# the test python; without it they are reported UNSUPPORTED rather than failing.
import subprocess
if subprocess.run([config.python_executable, "-c",
                   "import importlib.util, sys; sys.exit(importlib.util.find_spec('torch') is None)"],
                  capture_output=True).returncode == 0:
    config.available_features.add("torch")
