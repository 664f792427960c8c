//===- NodeImporter.h - state shared by the ONNX op handlers -----*- C++ -*-===//
//
// The graph importer walks the nodes in order; for each one it hands an op
// handler this interface: typed access to the node's inputs (as IR values or,
// when known at import, as constant values), attribute helpers, op creation
// with the node's location, and diagnostics that name the node.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_IMPORT_ONNX_NODEIMPORTER_H
#define ACCEL_LIB_IMPORT_ONNX_NODEIMPORTER_H

#include "ConstFolder.h"
#include "NodeAttrs.h"
#include "ShapeRules.h"
#include "TensorUtils.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

#include <onnx/onnx_pb.h>

namespace accel::onnx_import {

class NodeImporter {
public:
  virtual ~NodeImporter() = default;

  const onnx::NodeProto &node() const { return *currentNode; }
  int64_t opset() const { return opsetVersion; }
  mlir::Location loc() const { return currentLoc; }
  mlir::OpBuilder &builder() { return b; }
  mlir::MLIRContext *context() { return b.getContext(); }

  /// An error attached to the node, prefixed with its op type and name.
  mlir::InFlightDiagnostic error();

  //===--- inputs ---------------------------------------------------------===//
  bool hasInput(int i) const { return onnx_import::hasInput(node(), i); }
  int numInputs() const { return node().input_size(); }
  /// Input `i` as an IR value; known constants are materialised on first use.
  virtual mlir::FailureOr<mlir::Value> input(int i) = 0;
  /// Input `i` if the node gives it, a null Value if the optional input is absent.
  mlir::FailureOr<mlir::Value> optionalInput(int i) {
    if (!hasInput(i))
      return mlir::Value();
    return input(i);
  }
  /// The value of input `i` if it is known at import time, else null.
  virtual const ConstValue *constInput(int i) = 0;
  /// The float data of input `i` when it is a constant (small or a weight).
  virtual std::optional<std::vector<float>> floatData(int i) = 0;
  /// The static type of input `i` (materialising it if needed).
  mlir::FailureOr<mlir::RankedTensorType> inputType(int i);

  /// Input `i` as a list of integers, which must be known at import time;
  /// `what` names it in the diagnostic otherwise.
  mlir::FailureOr<llvm::SmallVector<int64_t>> constInts(int i,
                                                         llvm::StringRef what);
  /// Reports that input `i` (`what`) must be known at import time; when its
  /// value comes from graph inputs only through foldable ops, the message
  /// names them and suggests --bind-input.
  mlir::LogicalResult notConstant(int i, llvm::StringRef what);
  /// The graph inputs whose values would make input `i` known at import
  /// time, or nothing if other run-time values feed it.
  std::vector<std::string> graphInputsFeeding(int i) const;
  /// The ONNX element type shape inference gave output `i`, if any.
  std::optional<int32_t> outputElemType(int i) const;

  //===--- outputs --------------------------------------------------------===//
  virtual void setOutput(int i, mlir::Value value) = 0;
  virtual void setOutputConst(int i, ConstValue value) = 0;
  bool isOutputUsed(int i) const {
    return i < node().output_size() && !node().output(i).empty();
  }
  /// The static shape libonnx inferred for output `i`, if any.
  virtual std::optional<Shape> inferredOutputShape(int i) = 0;

  /// Imports the nodes of `graph` (a branch of the current If node) in place:
  /// they are named `<node name>/<their name or OpType_k>` and located at the
  /// node; output `i` of the node becomes the graph's output `i`.
  virtual mlir::LogicalResult inlineGraph(const onnx::GraphProto &graph) = 0;

  //===--- op creation ----------------------------------------------------===//
  /// Creates an op whose result type is inferred; a failed inference is
  /// reported at the node.
  template <typename OpTy, typename... Args>
  mlir::FailureOr<mlir::Value> create(Args &&...args) {
    mlir::FailureOr<OpTy> op = dataflow::createInferred<OpTy>(
        b, currentLoc, std::forward<Args>(args)...);
    if (mlir::failed(op))
      return mlir::failure();
    return op->getResult();
  }

  /// Constant op for a known value (dense, or a resource blob when large).
  virtual mlir::Value materialize(const ConstValue &value,
                                  llvm::StringRef name) = 0;
  /// Rank-0 f32 / element-typed scalar constant.
  mlir::Value scalar(double value, mlir::Type elementType);

  mlir::FailureOr<mlir::Value> unary(dataflow::UnaryKind kind, mlir::Value x,
                                     float alpha = 0, float beta = 0);
  mlir::FailureOr<mlir::Value> binary(dataflow::BinaryKind kind, mlir::Value a,
                                      mlir::Value c);
  mlir::FailureOr<mlir::Value> reshape(mlir::Value x,
                                       llvm::ArrayRef<int64_t> shape);
  mlir::FailureOr<mlir::Value> expand(mlir::Value x,
                                      llvm::ArrayRef<int64_t> shape);
  mlir::FailureOr<mlir::Value> slice(mlir::Value x, const SliceParams &params);
  mlir::FailureOr<mlir::Value> castTo(mlir::Value x, mlir::Type elementType);
  mlir::FailureOr<mlir::Value> reduce(dataflow::ReduceKind kind, mlir::Value x,
                                      llvm::ArrayRef<int64_t> axes,
                                      bool keepDims);

protected:
  explicit NodeImporter(mlir::MLIRContext *context) : b(context) {}

  mlir::OpBuilder b;
  const onnx::NodeProto *currentNode = nullptr;
  /// The node's name, or `<OpType>_<index>` for unnamed nodes.
  std::string currentName;
  /// Index of the top-level node being imported (an If's, for its branch).
  int currentIndex = 0;
  mlir::Location currentLoc = mlir::UnknownLoc::get(b.getContext());
  int64_t opsetVersion = 0;
  /// The graph being imported (for graphInputsFeeding).
  const onnx::GraphProto *graphProto = nullptr;
};

using OpHandler = mlir::LogicalResult (*)(NodeImporter &);
using HandlerMap = llvm::StringMap<OpHandler>;

void registerElementwiseHandlers(HandlerMap &map);
void registerNNHandlers(HandlerMap &map);
void registerShapeHandlers(HandlerMap &map);
void registerReduceHandlers(HandlerMap &map);
void registerDecomposedHandlers(HandlerMap &map);
void registerRNNHandlers(HandlerMap &map);
void registerControlFlowHandlers(HandlerMap &map);

/// Shared by the fused handlers for the forms they leave to decompositions.
mlir::LogicalResult importLayerNormStats(NodeImporter &imp, mlir::Value x,
                                         int64_t axis, float eps);
mlir::LogicalResult importBatchNormDynamic(NodeImporter &imp);
mlir::LogicalResult importBatchNormTraining(NodeImporter &imp);

/// Every handler, by ONNX op type (default domain).
const HandlerMap &opHandlers();

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_NODEIMPORTER_H
