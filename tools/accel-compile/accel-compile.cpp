//===- accel-compile.cpp - ONNX to .accel in one process ------------------===//
//
//   accel-compile model.onnx --target host [--input-shape NAME=D0,D1,...] -o model.accel
//
// Runs import, the --lower-to-<target> pipeline and schedule emission without writing the
// intermediate IR (which would round-trip megabytes of weights through text).
//
//===----------------------------------------------------------------------===//
#include "ToolCommandLine.h"
#include "accel/Import/ONNX/ONNXImporter.h"
#include "accel/InitAll.h"
#include "accel/Device/Descriptor.h"
#include "accel/Pipelines/Pipelines.h"
#include "accel/Support/SourceNode.h"
#include "accel/Target/TargetRegistry.h"
#include "accel/Version.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("accel-compile options");
static cl::opt<std::string> inputPath(cl::Positional, cl::desc("<model.onnx>"),
                                      cl::cat(category));
static cl::opt<std::string> target("target", cl::desc("Target: wse, ipu, rdu, lpu or host"),
                                   cl::value_desc("name"), cl::cat(category));
static cl::opt<std::string> deviceSpec(
    "device",
    cl::desc("Device preset and overrides: PRESET[:key=value,...] (e.g. wse2:grid=32x24); "
             "default: the target's real chip"),
    cl::value_desc("spec"), cl::cat(category));
static cl::opt<std::string> precision("precision",
                                      cl::desc("Device arithmetic: fp32 (default) or fp16"),
                                      cl::value_desc("fp32|fp16"), cl::cat(category));
static cl::list<std::string> inputShapes(
    "input-shape", cl::desc("Pin a graph input's shape: NAME=D0,D1,... (repeatable)"),
    cl::value_desc("NAME=D0,D1,..."), cl::cat(category));
static cl::list<std::string> boundInputs(
    "bind-input", cl::desc("Fix a graph input's value: NAME=FILE.npy|FILE.pb (repeatable)"),
    cl::value_desc("NAME=FILE"), cl::cat(category));
static cl::opt<std::string> outputPath("o", cl::desc("Output schedule (.accel)"),
                                       cl::value_desc("file"), cl::cat(category));
static cl::opt<bool> listIO("list-io",
                            cl::desc("Print the model's inputs and outputs (name, type, shape, "
                                     "dynamic dims, the --input-shape to pass) and exit"),
                            cl::cat(category));
static cl::opt<bool> noFusion(
    "no-fusion",
    cl::desc("Host: keep the elementwise ops after a conv/matmul as separate kernels "
             "(to compare fused and unfused results)"),
    cl::cat(category));
static cl::opt<std::string> emitMlirPath(
    "emit-mlir", cl::desc("Also write the lowered MLIR (without resource data) to <file>"),
    cl::value_desc("file"), cl::cat(category));

namespace {
/// Prints diagnostics as `accel-compile: error: <where>: <message>`, where <where> is the
/// ONNX node the location names (the importer puts node name and op type in every loc).
void printDiagnostic(Diagnostic &diag) {
  accel::SourceNode source = accel::describeSourceNode(diag.getLocation());
  const char *severity = "error";
  switch (diag.getSeverity()) {
  case DiagnosticSeverity::Warning:
    severity = "warning";
    break;
  case DiagnosticSeverity::Note:
    severity = "note";
    break;
  case DiagnosticSeverity::Remark:
    severity = "remark";
    break;
  default:
    break;
  }
  llvm::errs() << "accel-compile: " << severity << ": ";
  if (!source.file.empty())
    llvm::errs() << source.file << ": ";
  if (!source.node.empty())
    llvm::errs() << "node '" << source.node << "'"
                 << (source.opType.empty() ? "" : " (" + source.opType + ")") << ": ";
  llvm::errs() << diag << "\n";
  for (Diagnostic &note : diag.getNotes())
    printDiagnostic(note);
}

int fail(const llvm::Twine &message) {
  llvm::errs() << "accel-compile: error: " << message << "\n";
  return 1;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  registerPassManagerCLOptions();
  registerDefaultTimingManagerCLOptions();
  // MLIR and LLVM register hundreds of options; --help shows ours (the rest still work).
  cl::HideUnrelatedOptions(category);
  cl::SetVersionPrinter(
      [](llvm::raw_ostream &os) { os << ACCEL_VERSION << " (accel-compile)\n"; });
  if (!accel::parseToolCommandLine(argc, argv,
                                   "Accel: compile an ONNX model into a .accel schedule\n",
                                   category))
    return 1;

  if (inputPath.empty())
    return fail("no input model; usage: accel-compile model.onnx --target host -o "
                "model.accel");
  if (listIO)
    return accel::listONNXModelIO(inputPath, llvm::outs());
  if (target.empty())
    return fail("no --target given; choose one of: " +
                llvm::join(accel::knownTargetNames(), ", "));
  if (!llvm::is_contained(accel::knownTargetNames(), llvm::StringRef(target)))
    return fail("unknown target '" + target + "'; choose one of: " +
                llvm::join(accel::knownTargetNames(), ", "));
  const accel::CompilerTarget *compilerTarget = accel::lookupCompilerTarget(target);
  if (!compilerTarget)
    return fail("target '" + target + "' is not implemented yet; available: " +
                accel::implementedTargetList());
  {
    // The descriptor is checked again by the pipeline; checking here gives the error
    // before the (possibly long) import.
    accel::device::Descriptor descriptor;
    std::string error;
    if (!accel::device::makeDescriptor(target, deviceSpec, descriptor, error))
      return fail("bad --device '" + deviceSpec + "': " + error);
    accel::device::Precision parsed;
    if (!accel::device::parsePrecision(precision, parsed))
      return fail("bad --precision '" + precision + "': expected fp32 or fp16");
    if (parsed != accel::device::Precision::FP32 && target == "host")
      return fail("the host target computes in fp32; --precision " + precision +
                  " is for device targets");
  }
  if (outputPath.empty())
    return fail("no output file; pass -o model.accel");

  accel::ONNXImportOptions options;
  options.modelPath = inputPath;
  for (const std::string &flag : inputShapes)
    if (llvm::Error err = accel::parseInputShapeFlag(flag, options.inputShapes))
      return fail(llvm::toString(std::move(err)));
  for (const std::string &flag : boundInputs)
    if (llvm::Error err = accel::parseBindInputFlag(flag, options.boundInputs))
      return fail(llvm::toString(std::move(err)));

  DialectRegistry registry;
  accel::registerAllDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Diagnostics name the ONNX node; the generic dump of the failing op helps nobody here.
  context.printOpOnDiagnostic(false);
  // Print once, here; keep MLIR from also printing with its default handler.
  ScopedDiagnosticHandler handler(&context, [](Diagnostic &diag) {
    printDiagnostic(diag);
    return success();
  });

  DefaultTimingManager timing;
  applyDefaultTimingManagerCLOptions(timing);
  TimingScope rootTiming = timing.getRootScope();

  TimingScope importTiming = rootTiming.nest("import-onnx");
  OwningOpRef<ModuleOp> module = accel::importONNXFile(inputPath, context, options);
  importTiming.stop();
  if (!module)
    return 1;

  PassManager pm(&context);
  if (failed(applyPassManagerCLOptions(pm)))
    return fail("invalid pass manager options");
  TimingScope lowerTiming = rootTiming.nest("lower-to-" + target);
  pm.enableTiming(lowerTiming);
  accel::TargetCompileOptions compileOptions{deviceSpec, precision};
  compileOptions.fuseEpilogues = !noFusion;
  compilerTarget->buildPipeline(pm, compileOptions);
  if (failed(pm.run(*module)))
    return 1;
  lowerTiming.stop();

  if (!emitMlirPath.empty()) {
    std::string error;
    auto file = openOutputFile(emitMlirPath, &error);
    if (!file)
      return fail(error);
    OpPrintingFlags flags;
    flags.elideLargeResourceString();
    module->print(file->os(), flags);
    file->keep();
  }

  TimingScope emitTiming = rootTiming.nest("emit-schedule");
  std::string error;
  auto output = openOutputFile(outputPath, &error);
  if (!output)
    return fail(error);
  accel::EmitScheduleOptions emitOptions;
  emitOptions.releaseConstants = true; // the module is not used after this
  if (failed(accel::emitScheduleForModule(*module, output->os(), emitOptions)))
    return 1;
  output->keep();
  return 0;
}
