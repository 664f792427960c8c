//===- ModelLoader.h - read, validate and normalise an ONNX model -*- C++ -*-===//
//
// Everything the importer does with libonnx before building IR: parse (binary or
// text syntax), load external data, set the large weights aside, reject
// unsupported ops early, pin input shapes, run the checker, convert to the
// canonical opset and infer shapes. libonnx throws on bad input; every call is
// wrapped and turned into a diagnostic.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_IMPORT_ONNX_MODELLOADER_H
#define ACCEL_LIB_IMPORT_ONNX_MODELLOADER_H

#include "accel/Import/ONNX/ONNXImporter.h"

#include "mlir/IR/Location.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <onnx/onnx_pb.h>

#include <memory>
#include <string>

namespace accel::onnx_import {

/// Raw little-endian bytes of the initializers taken out of the ModelProto, so
/// libonnx's passes (which copy the model) never touch megabytes of weights.
/// The importer hands these buffers to dense_resource blobs without copying.
struct WeightStore {
  llvm::StringMap<std::unique_ptr<std::string>> bytes;
};

struct LoadedModel {
  onnx::ModelProto model;
  WeightStore weights;
  /// Opset of the default domain the graph is imported at.
  int64_t opset = 0;
  /// Name used in locations and diagnostics.
  std::string fileName;
};

/// Predicate telling the loader which op types the importer can handle, so one
/// diagnostic can list every unsupported op before libonnx looks at the graph.
using OpSupportFn = bool (*)(llvm::StringRef domain, llvm::StringRef opType);

/// Parses a model held in memory (binary, or text syntax when `fileName` ends
/// in .onnxtxt or the first non-space character is '<').
mlir::LogicalResult parseModelBuffer(llvm::StringRef buffer,
                                     llvm::StringRef fileName,
                                     mlir::Location loc,
                                     onnx::ModelProto &model);

/// Parses a model file, streaming binary files so that the file's bytes and
/// the parsed model are never both in memory.
mlir::LogicalResult parseModelFile(llvm::StringRef path, mlir::Location loc,
                                   onnx::ModelProto &model);

/// Everything after parsing: unsupported-op check, external data, weights
/// set aside, input shapes, checker, opset conversion, shape inference.
/// `out.model` must hold the parsed model.
mlir::LogicalResult prepareModel(llvm::StringRef fileName,
                                 const ONNXImportOptions &options,
                                 OpSupportFn isSupported, mlir::Location loc,
                                 LoadedModel &out);

/// Turns the graph inputs named by `options.boundInputs` into initializers
/// holding the value read from each file.
mlir::LogicalResult bindInputs(onnx::GraphProto &graph,
                               const ONNXImportOptions &options,
                               mlir::Location loc);

/// Replaces every node whose op has no handler but whose schema (at `opset`)
/// has a function body by the body's nodes, repeatedly; nodes that cannot be
/// expanded stay for the unsupported-op check.
mlir::LogicalResult expandFunctionOps(onnx::ModelProto &model, int64_t opset,
                                      OpSupportFn isSupported,
                                      mlir::Location loc);

/// How diagnostics name node `index`: its name, or `<OpType>_<index>`.
std::string nodeDisplayName(const onnx::NodeProto &node, int index);

/// Where diagnostics about node `index` point: file:index+1:1 (`fileLoc` is
/// the model's FileLineColLoc).
mlir::Location nodeLocation(mlir::Location fileLoc, int index);

/// The model's default-domain opset, 0 if it imports none.
int64_t defaultOpset(const onnx::ModelProto &model);

/// True if a tensor of this ONNX element type with `numElements` elements has
/// its data set aside in the WeightStore.
bool isStoredAsBlob(int32_t dataType, int64_t numElements);

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_MODELLOADER_H
