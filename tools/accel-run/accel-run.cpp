//===- accel-run.cpp - Load, run and report an .accel schedule ------------===//
//
// accel-run model.accel --input NAME=file.npy|file.pb [--input ...] --output-dir DIR
//           [--report] [--report-json FILE] [--trace FILE] [--memory-limit BYTES]
//
// Every failure (bad flag, missing file, damaged schedule, wrong input) prints
// "accel-run: error: <what>" on stderr and exits with status 1.
//
//===----------------------------------------------------------------------===//
#include "accel/Runtime/Executor.h"
#include "accel/Runtime/Kernels.h"
#include "accel/Runtime/Report.h"
#include "accel/Runtime/ScheduleInfo.h"
#include "accel/Runtime/TensorIO.h"
#include "accel/Version.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

using namespace accel::runtime;

namespace {

const char *kUsage =
    "usage: accel-run MODEL.accel [options]\n"
    "\n"
    "Runs a compiled Accel schedule on the host and writes its outputs as .npy files.\n"
    "\n"
    "options:\n"
    "  --input NAME=FILE     bind model input NAME to FILE (.npy or ONNX TensorProto .pb);\n"
    "  --input FILE          without NAME=, inputs are bound in the schedule's order\n"
    "  --output-dir DIR      write DIR/<output>.npy for each model output (required)\n"
    "  --report              print a per-op and per-layer timing table and write\n"
    "                        DIR/report.json (or --report-json FILE)\n"
    "  --report-json FILE    write the JSON report to FILE\n"
    "  --trace FILE          write a Chrome trace-event JSON (chrome://tracing, Perfetto)\n"
    "  --max-device-cycles N stop a device segment that runs past N simulated cycles\n"
    "                        (a runaway guard; default: the simulator's own)\n"
    "  --memory-limit BYTES  refuse schedules whose tensors need more than BYTES\n"
    "                        (default: the machine's physical memory)\n"
    "  --threads N           threads for every host kernel (default: all cores)\n"
    "  --warmup N            run N times before the reported run (warm caches, as a\n"
    "                        benchmark of a served model would see; default 0)\n"
    "  --list-io             print the schedule's inputs and outputs (name, type, shape)\n"
    "                        and exit\n"
    "  --version             print the version and exit\n"
    "  --help                show this help\n";

struct Options {
  std::string model;
  std::vector<std::pair<std::string, std::string>> inputs; // name (may be empty), file
  std::string outputDir;
  bool report = false;
  std::string reportJson;
  std::string trace;
  uint64_t memoryLimit = 0;
  uint64_t maxDeviceCycles = 0;
  int threads = 0;
  int warmup = 0;
  bool listIO = false;
};

// The first line of `msg` is the error; further lines are printed as notes.
int error(const std::string &msg) {
  size_t start = 0;
  for (bool first = true;; first = false) {
    size_t nl = msg.find('\n', start);
    std::cerr << "accel-run: " << (first ? "error: " : "note: ")
              << msg.substr(start, nl == std::string::npos ? std::string::npos : nl - start)
              << "\n";
    if (nl == std::string::npos)
      return 1;
    start = nl + 1;
  }
}

bool parseBytes(const std::string &s, uint64_t &out) {
  if (s.empty())
    return false;
  uint64_t v = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (v > (UINT64_MAX - 9) / 10)
      return false;
    v = v * 10 + static_cast<uint64_t>(s[i] - '0');
  }
  if (i == 0)
    return false;
  std::string suffix = s.substr(i);
  uint64_t mult = 1;
  if (suffix == "" || suffix == "B")
    mult = 1;
  else if (suffix == "K" || suffix == "KiB")
    mult = 1ull << 10;
  else if (suffix == "M" || suffix == "MiB")
    mult = 1ull << 20;
  else if (suffix == "G" || suffix == "GiB")
    mult = 1ull << 30;
  else
    return false;
  if (v > UINT64_MAX / mult)
    return false;
  out = v * mult;
  return true;
}

// Returns -1 to continue, else the exit code.
int parseArgs(int argc, char **argv, Options &opts) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    // "--flag VALUE" or "--flag=VALUE".
    auto value = [&](std::string &dst) -> bool {
      size_t eq = a.find('=');
      if (eq != std::string::npos) {
        dst = a.substr(eq + 1);
        return true;
      }
      if (i + 1 >= argc)
        return false;
      dst = argv[++i];
      return true;
    };
    std::string flag = a.substr(0, a.find('='));
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (a == "--version") {
      std::cout << ACCEL_VERSION << " (schedule format " << ACCEL_SCHEDULE_FORMAT_VERSION
                << ", schema " << ACCEL_SCHEDULE_SCHEMA_HASH << ")\n";
      return 0;
    }
    if (a == "--report") {
      opts.report = true;
      continue;
    }
    if (a == "--list-io") {
      opts.listIO = true;
      continue;
    }
    std::string v;
    if (flag == "--input") {
      // --input=NAME=FILE is ambiguous with the split form; only the spaced form is
      // documented, but accept both.
      if (a == "--input") {
        if (i + 1 >= argc)
          return error("--input needs a value (NAME=FILE or FILE)");
        v = argv[++i];
      } else {
        v = a.substr(std::strlen("--input="));
      }
      size_t eq = v.find('=');
      if (eq == std::string::npos)
        opts.inputs.emplace_back("", v);
      else if (eq == 0 || eq + 1 == v.size())
        return error("bad --input '" + v + "': expected NAME=FILE or FILE");
      else
        opts.inputs.emplace_back(v.substr(0, eq), v.substr(eq + 1));
      continue;
    }
    if (flag == "--output-dir" || flag == "--report-json" || flag == "--trace" ||
        flag == "--memory-limit" || flag == "--threads" || flag == "--max-device-cycles" ||
        flag == "--warmup") {
      if (!value(v))
        return error(flag + " needs a value");
      if (flag == "--output-dir")
        opts.outputDir = v;
      else if (flag == "--report-json")
        opts.reportJson = v;
      else if (flag == "--trace")
        opts.trace = v;
      else if (flag == "--threads") {
        uint64_t n = 0;
        if (!parseBytes(v, n) || n == 0 || n > 1024 || v.find_first_not_of("0123456789") !=
                                                           std::string::npos)
          return error("bad --threads '" + v + "': expected a number from 1 to 1024");
        opts.threads = static_cast<int>(n);
      } else if (flag == "--warmup") {
        if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos)
          return error("bad --warmup '" + v + "': expected a number from 0 to 9999");
        opts.warmup = std::stoi(v);
      } else if (flag == "--max-device-cycles") {
        if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos ||
            v.size() > 18 || std::stoull(v) == 0)
          return error("bad --max-device-cycles '" + v + "': expected a positive cycle count");
        opts.maxDeviceCycles = std::stoull(v);
      }
      else if (!parseBytes(v, opts.memoryLimit))
        return error("bad --memory-limit '" + v + "': expected a byte count (e.g. 1048576, "
                     "512M, 2G)");
      continue;
    }
    if (a.size() > 1 && a[0] == '-')
      return error("unknown option '" + a + "' (see accel-run --help)");
    if (!opts.model.empty())
      return error("more than one model given ('" + opts.model + "' and '" + a + "')");
    opts.model = a;
  }
  if (opts.model.empty())
    return error("no model given (usage: accel-run MODEL.accel --input NAME=FILE "
                 "--output-dir DIR; see --help)");
  if (opts.outputDir.empty() && !opts.listIO)
    return error("--output-dir is required");
  return -1;
}

std::string sanitize(const std::string &name) {
  std::string s = name;
  for (char &c : s)
    if (c == '/' || c == ':' || c == '\\')
      c = '_';
  if (s.empty() || s == "." || s == "..")
    s = "output" + s;
  return s;
}

Status writeText(const std::string &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    return Status::error("cannot write '" + path + "': " + std::strerror(errno));
  out << text;
  if (!out)
    return Status::error("write to '" + path + "' failed");
  return Status::success();
}

// "accel-run: wrote 1 output (probs) to work/out in 0.52 ms": a run that worked says so.
void printSuccessLine(const Options &opts, const RunResult &result) {
  std::string names;
  for (size_t i = 0; i < result.outputs.size() && i < 4; ++i)
    names += (i ? ", " : "") + result.outputs[i].first;
  if (result.outputs.size() > 4)
    names += ", ...";
  char ms[32];
  std::snprintf(ms, sizeof(ms), "%.3f", result.totalUs / 1000.0);
  std::cout << "accel-run: wrote " << result.outputs.size()
            << (result.outputs.size() == 1 ? " output (" : " outputs (") << names << ") to "
            << opts.outputDir << " in " << ms << " ms\n";
}

uint64_t physicalMemoryBytes() {
  long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0)
    return 0; // unknown: no limit
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize);
}

int run(const Options &opts) {
  setKernelThreads(opts.threads);
  LoadOptions lo;
  // Without a limit a schedule declaring absurd tensor sizes would only fail once
  // the allocation is attempted (or overcommitted memory is touched); refuse it up
  // front instead.
  lo.memoryLimit = opts.memoryLimit ? opts.memoryLimit : physicalMemoryBytes();
  lo.maxDeviceCycles = opts.maxDeviceCycles;
  std::unique_ptr<LoadedSchedule> sched;
  if (Status st = loadSchedule(opts.model, lo, sched); !st.ok())
    return error(st.message());
  if (opts.listIO) {
    printScheduleIO(*sched, std::cout);
    return 0;
  }

  const auto &tensors = sched->tensors();
  const auto &inputIds = sched->inputs();
  std::vector<NamedTensor> inputs;
  size_t positional = 0;
  for (const auto &[name, file] : opts.inputs) {
    std::string bound = name;
    if (bound.empty()) {
      if (positional >= inputIds.size())
        return error("too many inputs: the model has " + std::to_string(inputIds.size()) +
                     " input(s)");
      bound = tensors[inputIds[positional++]].name;
    }
    Tensor t;
    if (Status st = readTensorFile(file, t); !st.ok())
      return error(st.message());
    inputs.emplace_back(bound, std::move(t));
  }

  // The output directory is created only once the run succeeded: a failed run leaves none.
  struct stat sb;
  bool createDir = ::stat(opts.outputDir.c_str(), &sb) != 0;
  if (!createDir && !S_ISDIR(sb.st_mode))
    return error("--output-dir '" + opts.outputDir + "' is not a directory");

  Executor exec(*sched);
  RunResult result;
  for (int i = 0; i < opts.warmup; ++i) {
    std::vector<NamedTensor> copy;
    for (const auto &[name, tensor] : inputs) {
      Tensor t;
      if (Status st = tensor.clone(t); !st.ok())
        return error(st.message());
      copy.emplace_back(name, std::move(t));
    }
    if (Status st = exec.run(std::move(copy), result); !st.ok())
      return error(st.message());
  }
  if (Status st = exec.run(std::move(inputs), result); !st.ok())
    return error(st.message());
  if (createDir && ::mkdir(opts.outputDir.c_str(), 0777) != 0)
    return error("cannot create output directory '" + opts.outputDir +
                 "': " + std::strerror(errno));

  for (const auto &[name, tensor] : result.outputs) {
    std::string path = opts.outputDir + "/" + sanitize(name) + ".npy";
    if (Status st = writeNpy(path, tensor); !st.ok())
      return error(st.message());
  }
  if (opts.report)
    std::cout << formatReportTable(*sched, result);
  std::string jsonPath = opts.reportJson;
  if (jsonPath.empty() && opts.report)
    jsonPath = opts.outputDir + "/report.json";
  if (!jsonPath.empty())
    if (Status st = writeText(jsonPath, formatReportJson(*sched, result)); !st.ok())
      return error(st.message());
  if (!opts.trace.empty())
    if (Status st = writeText(opts.trace, formatChromeTrace(*sched, result)); !st.ok())
      return error(st.message());
  printSuccessLine(opts, result);
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  try {
    Options opts;
    int rc = parseArgs(argc, argv, opts);
    if (rc >= 0)
      return rc;
    return run(opts);
  } catch (const std::bad_alloc &) {
    return error("out of memory");
  } catch (const std::exception &e) {
    return error(std::string("internal error: ") + e.what());
  }
}
