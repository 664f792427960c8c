//===- GraphImporter.h - ONNX graph to func.func of dataflow ops -*- C++ -*-===//

#ifndef ACCEL_LIB_IMPORT_ONNX_GRAPHIMPORTER_H
#define ACCEL_LIB_IMPORT_ONNX_GRAPHIMPORTER_H

#include "ModelLoader.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace accel::onnx_import {

/// Builds the module for a loaded model; null after emitting diagnostics.
mlir::OwningOpRef<mlir::ModuleOp> importGraph(mlir::MLIRContext &context,
                                              LoadedModel &model);

/// Whether an op type has a handler (used to reject models before libonnx runs).
OpSupportFn supportedOpPredicate();

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_GRAPHIMPORTER_H
