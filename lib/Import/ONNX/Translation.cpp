//===- Translation.cpp - the --import-onnx translation --------------------===//

#include "accel/Import/ONNX/ONNXImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace accel {
namespace {

/// Prints import diagnostics as `file:node:1: error: message`. The line of a
/// node location is the node's index in the graph, not a line of the file,
/// so the source line the default handler would quote is not shown.
LogicalResult printImportDiagnostic(Diagnostic &diag) {
  llvm::raw_ostream &os = llvm::errs();
  FileLineColLoc fileLoc;
  diag.getLocation()->walk([&](Location loc) {
    if (auto f = dyn_cast<FileLineColLoc>(loc)) {
      fileLoc = f;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (fileLoc) {
    os << fileLoc.getFilename().getValue();
    if (fileLoc.getLine() != 0)
      os << ":" << fileLoc.getLine() << ":" << fileLoc.getColumn();
    os << ": ";
  }
  switch (diag.getSeverity()) {
  case DiagnosticSeverity::Error:
    os << "error: ";
    break;
  case DiagnosticSeverity::Warning:
    os << "warning: ";
    break;
  case DiagnosticSeverity::Note:
    os << "note: ";
    break;
  case DiagnosticSeverity::Remark:
    os << "remark: ";
    break;
  }
  os << diag << "\n";
  for (Diagnostic &note : diag.getNotes())
    os << "note: " << note << "\n";
  return success();
}

} // namespace

void registerONNXImportTranslation() {
  static llvm::cl::list<std::string> inputShapes(
      "input-shape",
      llvm::cl::desc("Static shape of a graph input for --import-onnx, as "
                     "NAME=D0,D1,... (repeatable)"),
      llvm::cl::value_desc("name=d0,d1,..."));
  static llvm::cl::list<std::string> boundInputs(
      "bind-input",
      llvm::cl::desc("Fix a graph input's value for --import-onnx, as "
                     "NAME=FILE.npy or NAME=FILE.pb (repeatable)"),
      llvm::cl::value_desc("name=file"));

  static TranslateToMLIRRegistration importONNX(
      "import-onnx", "Import an ONNX model (.onnx or ONNX text syntax) into "
                     "the dataflow dialect",
      [](llvm::SourceMgr &sourceMgr, MLIRContext *context)
          -> OwningOpRef<Operation *> {
        ScopedDiagnosticHandler handler(context, printImportDiagnostic);
        ONNXImportOptions options;
        for (const std::string &flag : inputShapes) {
          if (llvm::Error err = parseInputShapeFlag(flag, options.inputShapes)) {
            emitError(UnknownLoc::get(context))
                << llvm::toString(std::move(err));
            return nullptr;
          }
        }
        for (const std::string &flag : boundInputs) {
          if (llvm::Error err = parseBindInputFlag(flag, options.boundInputs)) {
            emitError(UnknownLoc::get(context))
                << llvm::toString(std::move(err));
            return nullptr;
          }
        }
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        StringRef name = buffer->getBufferIdentifier();
        // Re-reading a named file streams it (mlir-translate's copy is
        // mapped and never touched), which keeps peak memory near the size
        // of the weights.
        // (Only when the buffer is the whole file, not a --split-input-file
        // chunk.)
        uint64_t fileSize = 0;
        bool wholeFile = name != "<stdin>" &&
                         !llvm::sys::fs::file_size(name, fileSize) &&
                         fileSize == buffer->getBufferSize();
        OwningOpRef<ModuleOp> module =
            wholeFile
                ? importONNXFile(name, *context, options)
                : importONNXBuffer(buffer->getBuffer(), name, *context, options);
        return OwningOpRef<Operation *>(module.release());
      },
      registerONNXImportDialects);
}

} // namespace accel
