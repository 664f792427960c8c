//===- ShapeRules.h - ONNX shape semantics shared by folder and ops -*- C++ -*-//
//
// The ONNX rules for the shape-changing ops, used both when the folder
// evaluates a node and when a handler emits the dataflow op, so the two can
// never disagree. Each returns nullopt and sets `error` on invalid input.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_IMPORT_ONNX_SHAPERULES_H
#define ACCEL_LIB_IMPORT_ONNX_SHAPERULES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace accel::onnx_import {

using Shape = llvm::SmallVector<int64_t>;

std::optional<Shape> broadcastShape(llvm::ArrayRef<int64_t> a,
                                    llvm::ArrayRef<int64_t> b,
                                    std::string &error);

/// ONNX Reshape: 0 copies the input dim (unless allowzero), one -1 is inferred.
std::optional<Shape> reshapeShape(llvm::ArrayRef<int64_t> in,
                                  llvm::ArrayRef<int64_t> spec, bool allowZero,
                                  std::string &error);

/// Squeeze with the given axes, or every size-1 dim when `axes` is empty.
std::optional<Shape> squeezeShape(llvm::ArrayRef<int64_t> in,
                                  llvm::ArrayRef<int64_t> axes,
                                  std::string &error);

std::optional<Shape> unsqueezeShape(llvm::ArrayRef<int64_t> in,
                                    llvm::ArrayRef<int64_t> axes,
                                    std::string &error);

/// ONNX Slice resolved to full-rank `starts`/`steps` and the result shape.
struct SliceParams {
  Shape starts, steps, shape;
};
std::optional<SliceParams> sliceParams(llvm::ArrayRef<int64_t> in,
                                       llvm::ArrayRef<int64_t> starts,
                                       llvm::ArrayRef<int64_t> ends,
                                       llvm::ArrayRef<int64_t> axes,
                                       llvm::ArrayRef<int64_t> steps,
                                       std::string &error);

/// Row-major strides of `shape`.
Shape stridesOf(llvm::ArrayRef<int64_t> shape);

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_SHAPERULES_H
