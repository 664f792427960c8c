//===- ONNXImporter.h - ONNX model to dataflow dialect ----------*- C++ -*-===//
//
// Public entry points of the ONNX importer (docs/importer.md). The importer reads
// a binary `.onnx` or an ONNX text-syntax model, validates and normalises it with
// libonnx (checker, opset conversion to opset 17, shape inference) and produces a
// `func.func @main` of `dataflow` ops with static shapes. Every failure is reported
// as an MLIR diagnostic on the given context and yields a null module.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_IMPORT_ONNX_ONNXIMPORTER_H
#define ACCEL_IMPORT_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace accel {

/// The opset every model is converted to before import.
constexpr int64_t kCanonicalONNXOpset = 17;

struct ONNXImportOptions {
  /// Static shapes for graph inputs, by ONNX input name (`--input-shape`). They
  /// replace the declared shape; declared static dims must agree.
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
  /// Graph inputs given a fixed value (`--bind-input NAME=FILE`): the file (a
  /// .npy array or a serialized ONNX TensorProto .pb) becomes a constant and
  /// the input is removed, specialising the model for that value.
  llvm::StringMap<std::string> boundInputs;
  /// Path of the model file. External data locations are resolved relative to
  /// its directory and locations name it. Empty: the buffer name is used.
  std::string modelPath;
};

/// Imports the model file at `path` (binary or text syntax).
mlir::OwningOpRef<mlir::ModuleOp>
importONNXFile(llvm::StringRef path, mlir::MLIRContext &context,
               const ONNXImportOptions &options = {});

/// Imports a model held in memory. `bufferName` is used in diagnostics and, when
/// `options.modelPath` is empty, to resolve external data.
mlir::OwningOpRef<mlir::ModuleOp>
importONNXBuffer(llvm::StringRef buffer, llvm::StringRef bufferName,
                 mlir::MLIRContext &context,
                 const ONNXImportOptions &options = {});

/// Parses one `--input-shape NAME=D0,D1,...` value into `shapes`. NAME may itself
/// contain '=' only before the last one; every dim must be a positive integer.
llvm::Error parseInputShapeFlag(
    llvm::StringRef flag,
    llvm::StringMap<llvm::SmallVector<int64_t>> &shapes);

/// Parses one `--bind-input NAME=FILE` value into `bound` (NAME may contain
/// '=' only before the last one).
llvm::Error parseBindInputFlag(llvm::StringRef flag,
                               llvm::StringMap<std::string> &bound);

/// `accel-compile --list-io`: prints the model's graph inputs (initializers
/// excluded) and outputs with element type and declared shape, its dynamic
/// dimensions and the --input-shape flags that pin them. Errors go to stderr as
/// `<tool>: error: ...`. Returns the exit status.
int listONNXModelIO(llvm::StringRef path, llvm::raw_ostream &os,
                    llvm::StringRef tool = "accel-compile");

/// Dialects the importer creates ops of.
void registerONNXImportDialects(mlir::DialectRegistry &registry);

/// Registers the `--import-onnx` translation (and its `--input-shape` and
/// `--bind-input` options)
/// with mlir-translate's registry.
void registerONNXImportTranslation();

} // namespace accel

#endif // ACCEL_IMPORT_ONNX_ONNXIMPORTER_H
