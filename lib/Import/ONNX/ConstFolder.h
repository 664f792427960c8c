//===- ConstFolder.h - import-time evaluation of shape subgraphs -*- C++ -*-===//
//
// Exported models compute shapes at run time (Shape -> Gather -> Concat ->
// Reshape). With static input shapes all of that is constant, so the importer
// keeps the values of small tensors it knows and evaluates such nodes instead
// of emitting them; Reshape, Expand, Slice, Tile, Resize and ConstantOfShape
// then see constant shape operands.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_IMPORT_ONNX_CONSTFOLDER_H
#define ACCEL_LIB_IMPORT_ONNX_CONSTFOLDER_H

#include "TensorUtils.h"

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>
#include <vector>

namespace accel::onnx_import {

/// A tensor value known at import time. Integer and bool kinds use `ints`,
/// F32 uses `floats`.
struct ConstValue {
  ElemKind kind = ElemKind::I64;
  llvm::SmallVector<int64_t> shape;
  std::vector<int64_t> ints;
  std::vector<float> floats;

  bool isFloat() const { return kind == ElemKind::F32; }
  int64_t size() const {
    return isFloat() ? int64_t(floats.size()) : int64_t(ints.size());
  }
  double asDouble(int64_t i) const {
    return isFloat() ? double(floats[i]) : double(ints[i]);
  }
  int64_t asInt(int64_t i) const {
    return isFloat() ? int64_t(floats[i]) : ints[i];
  }
  /// Every element as int64 (floats truncated).
  llvm::SmallVector<int64_t> toInts() const;
};

/// Largest tensor the folder produces; larger results are left to the ops.
constexpr int64_t kMaxFoldedElements = 1 << 20;

/// Reads the values of a tensor with a supported element type. Error text in
/// `error` when the tensor is malformed or of another type.
std::optional<ConstValue> constFromTensor(const onnx::TensorProto &tensor,
                                          std::string &error);

/// True for the op types the folder can evaluate.
bool isFoldableOp(llvm::StringRef opType);

/// Evaluates `node` whose inputs are all known (`inputs[i]` null for an absent
/// optional input). Returns nullopt when it cannot (unsupported attribute
/// combination, too large, malformed): the op handler then takes over and
/// reports problems with a proper diagnostic.
std::optional<llvm::SmallVector<ConstValue, 1>>
foldNode(const onnx::NodeProto &node,
         llvm::ArrayRef<const ConstValue *> inputs);

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_CONSTFOLDER_H
