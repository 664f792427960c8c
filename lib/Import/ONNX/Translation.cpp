//===- Translation.cpp - the --import-onnx translation --------------------===//

#include "accel/Import/ONNX/ONNXImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace accel {

void registerONNXImportTranslation() {
  static llvm::cl::list<std::string> inputShapes(
      "input-shape",
      llvm::cl::desc("Static shape of a graph input for --import-onnx, as "
                     "NAME=D0,D1,... (repeatable)"),
      llvm::cl::value_desc("name=d0,d1,..."));

  static TranslateToMLIRRegistration importONNX(
      "import-onnx", "Import an ONNX model (.onnx or ONNX text syntax) into "
                     "the dataflow dialect",
      [](llvm::SourceMgr &sourceMgr, MLIRContext *context)
          -> OwningOpRef<Operation *> {
        ONNXImportOptions options;
        for (const std::string &flag : inputShapes) {
          if (llvm::Error err = parseInputShapeFlag(flag, options.inputShapes)) {
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
        OwningOpRef<ModuleOp> module =
            name == "<stdin>"
                ? importONNXBuffer(buffer->getBuffer(), name, *context, options)
                : importONNXFile(name, *context, options);
        return OwningOpRef<Operation *>(module.release());
      },
      registerONNXImportDialects);
}

} // namespace accel
