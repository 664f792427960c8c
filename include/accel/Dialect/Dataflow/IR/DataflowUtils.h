//===- DataflowUtils.h - helpers shared with dataflow users -----*- C++ -*-===//
//
// Shape rules and op-creation helpers the importer, the passes and the
// schedule emitter share with the dialect's own shape inference, so that all
// of them agree on what a valid op is.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWUTILS_H
#define ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWUTILS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace accel::dataflow {

/// numpy/ONNX multidirectional broadcast of two static shapes; failure if
/// some pair of dims is neither equal nor 1.
mlir::FailureOr<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> lhs, llvm::ArrayRef<int64_t> rhs);

/// Whether `op` can extend a fused epilogue whose current value is `chain`
/// (`dataflow.fused`): an f32 `unary` (not isnan/isinf), a `clamp`, or an
/// arithmetic `binary` (add, sub, mul, div, max, min) taking `chain` as its lhs
/// (either side for add, mul, max, min) whose other operand broadcasts into
/// `chain`'s type.
bool isEpilogueStep(mlir::Operation *op, mlir::Value chain);

/// Whether `sigmoid` (a `unary sigmoid` of `chain`) and `mul` (a `binary mul` of
/// `chain` and the sigmoid, either order) compute SiLU of `chain`.
bool isSiluPair(mlir::Operation *sigmoid, mlir::Operation *mul, mlir::Value chain);

/// The case name (e.g. "leaky_relu") of any dataflow enum attribute, or
/// std::nullopt if `attr` is not one.
std::optional<llvm::StringRef> stringifyDataflowEnum(mlir::Attribute attr);

/// Creates `OpTy` with its inferred result type. Unlike `OpTy::create`, which
/// aborts when inference fails, this reports the inference diagnostic at `loc`
/// and returns failure, so invalid user input never crashes the caller.
/// `args` are the ODS builder arguments after the result type.
template <typename OpTy, typename... Args>
mlir::FailureOr<OpTy> createInferred(mlir::OpBuilder &b, mlir::Location loc,
                                     Args &&...args) {
  mlir::OperationState state(loc, OpTy::getOperationName());
  OpTy::build(b, state, mlir::Type(), std::forward<Args>(args)...);
  llvm::SmallVector<mlir::Type, 1> types;
  if (mlir::failed(OpTy::inferReturnTypes(
          b.getContext(), loc, state.operands,
          state.attributes.getDictionary(b.getContext()),
          state.getRawProperties(), state.regions, types)))
    return mlir::failure();
  state.types.assign(types.begin(), types.end());
  return mlir::cast<OpTy>(b.create(state));
}

} // namespace accel::dataflow

#endif // ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWUTILS_H
