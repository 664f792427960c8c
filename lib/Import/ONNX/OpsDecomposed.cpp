//===- OpsDecomposed.cpp - ONNX ops built from other dataflow ops ---------===//
//
// Ops without a dataflow op of their own: Trilu (a `where` with a constant
// mask), Hardmax (arg_reduce compared with a constant iota), CumSum (a matmul
// with a constant triangular matrix along the axis), and the forms of
// LayerNormalization / BatchNormalization the fused handlers do not cover
// (Mean/InvStdDev outputs, parameters computed at run time).
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

using namespace mlir;
using accel::dataflow::BinaryKind;
using accel::dataflow::ReduceKind;
using accel::dataflow::UnaryKind;

namespace accel::onnx_import {
namespace {

LogicalResult setResult(NodeImporter &imp, int index, FailureOr<Value> v) {
  if (failed(v))
    return failure();
  imp.setOutput(index, *v);
  return success();
}

/// A constant i1 tensor of `shape` with `pred(row, col)` per element.
template <typename Pred>
ConstValue boolMatrix(int64_t rows, int64_t cols, Pred pred) {
  ConstValue v;
  v.kind = ElemKind::I1;
  v.shape = {rows, cols};
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      v.ints.push_back(pred(i, j) ? 1 : 0);
  return v;
}

/// Trilu: keep the elements on and above (upper) or below (lower) diagonal
/// k of the last two dims, zero the others.
LogicalResult importTrilu(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 2)
    return imp.error() << "expects an input of rank >= 2";
  int64_t k = 0;
  if (imp.hasInput(1)) {
    FailureOr<SmallVector<int64_t>> ks = imp.constInts(1, "k");
    if (failed(ks))
      return failure();
    if (ks->size() != 1)
      return imp.error() << "k must be a scalar";
    k = (*ks)[0];
  }
  bool upper = getIntAttr(imp.node(), "upper", 1) != 0;
  int64_t rows = type.getDimSize(type.getRank() - 2);
  int64_t cols = type.getDimSize(type.getRank() - 1);
  ConstValue mask = boolMatrix(rows, cols, [&](int64_t i, int64_t j) {
    return upper ? j - i >= k : j - i <= k;
  });
  Value zero = imp.scalar(0, type.getElementType());
  return setResult(imp, 0,
                   imp.create<dataflow::WhereOp>(imp.materialize(mask, ""), *x,
                                                 zero));
}

/// Hardmax (opset 13): 1 at the first maximum along `axis`, 0 elsewhere.
LogicalResult importHardmax(NodeImporter &imp) {
  if (imp.opset() < 13)
    return imp.error() << "Hardmax before opset 13 (2-D coercion) is not "
                          "supported";
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank();
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", -1), rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  OpBuilder &b = imp.builder();
  FailureOr<Value> arg = imp.create<dataflow::ArgReduceOp>(
      dataflow::ArgReduceKindAttr::get(imp.context(),
                                       dataflow::ArgReduceKind::Max),
      *x, b.getI64IntegerAttr(*axis), b.getBoolAttr(true), b.getBoolAttr(false));
  if (failed(arg))
    return failure();
  ConstValue iota;
  iota.kind = ElemKind::I64;
  iota.shape.assign(rank, 1);
  iota.shape[*axis] = type.getDimSize(*axis);
  for (int64_t i = 0; i < type.getDimSize(*axis); ++i)
    iota.ints.push_back(i);
  FailureOr<Value> hit =
      imp.binary(BinaryKind::Equal, *arg, imp.materialize(iota, ""));
  if (failed(hit))
    return failure();
  return setResult(imp, 0, imp.castTo(*hit, type.getElementType()));
}

/// CumSum along `axis`: y[.., i] = sum_j x[.., j] * M[j, i] with M the
/// triangular 0/1 matrix selecting the summed positions (exclusive and
/// reverse change the triangle). The axis is moved last for the matmul.
LogicalResult importCumSum(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t rank = type.getRank();
  if (rank == 0)
    return imp.error() << "expects an input of rank >= 1";
  FailureOr<SmallVector<int64_t>> axes = imp.constInts(1, "axis");
  if (failed(axes))
    return failure();
  if (axes->size() != 1)
    return imp.error() << "axis must be a scalar";
  std::optional<int64_t> axis = normalizeAxis((*axes)[0], rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  bool exclusive = getIntAttr(imp.node(), "exclusive", 0) != 0;
  bool reverse = getIntAttr(imp.node(), "reverse", 0) != 0;
  int64_t n = type.getDimSize(*axis);
  ConstValue m = boolMatrix(n, n, [&](int64_t j, int64_t i) {
    if (exclusive && i == j)
      return false;
    return reverse ? j >= i : j <= i;
  });
  // The matrix in the input's element type.
  ConstValue typed;
  typed.kind = *elemKindOf(type.getElementType());
  typed.shape = m.shape;
  for (int64_t v : m.ints) {
    if (typed.isFloat())
      typed.floats.push_back(float(v));
    else
      typed.ints.push_back(v);
  }
  SmallVector<int64_t> perm;
  for (int64_t d = 0; d < rank; ++d)
    if (d != *axis)
      perm.push_back(d);
  perm.push_back(*axis);
  bool moved = *axis != rank - 1;
  OpBuilder &b = imp.builder();
  Value in = *x;
  if (moved) {
    FailureOr<Value> t =
        imp.create<dataflow::TransposeOp>(in, b.getDenseI64ArrayAttr(perm));
    if (failed(t))
      return failure();
    in = *t;
  }
  FailureOr<Value> y = imp.create<dataflow::MatmulOp>(
      in, imp.materialize(typed, ""), b.getBoolAttr(false), b.getBoolAttr(false));
  if (failed(y) || !moved)
    return setResult(imp, 0, y);
  SmallVector<int64_t> inverse(rank);
  for (int64_t d = 0; d < rank; ++d)
    inverse[perm[d]] = d;
  return setResult(imp, 0,
                   imp.create<dataflow::TransposeOp>(
                       *y, b.getDenseI64ArrayAttr(inverse)));
}

} // namespace

/// The Mean and InvStdDev outputs of LayerNormalization, next to the fused
/// layer_norm for Y.
LogicalResult importLayerNormStats(NodeImporter &imp, Value x, int64_t axis,
                                   float eps) {
  int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
  SmallVector<int64_t> axes;
  for (int64_t d = axis; d < rank; ++d)
    axes.push_back(d);
  FailureOr<Value> mean = imp.reduce(ReduceKind::Mean, x, axes, true);
  if (failed(mean))
    return failure();
  FailureOr<Value> diff = imp.binary(BinaryKind::Sub, x, *mean);
  if (failed(diff))
    return failure();
  FailureOr<Value> sq = imp.binary(BinaryKind::Mul, *diff, *diff);
  if (failed(sq))
    return failure();
  FailureOr<Value> var = imp.reduce(ReduceKind::Mean, *sq, axes, true);
  if (failed(var))
    return failure();
  Type f32 = imp.builder().getF32Type();
  FailureOr<Value> shifted = imp.binary(BinaryKind::Add, *var, imp.scalar(eps, f32));
  if (failed(shifted))
    return failure();
  FailureOr<Value> stddev = imp.unary(UnaryKind::Sqrt, *shifted);
  if (failed(stddev))
    return failure();
  if (imp.isOutputUsed(1))
    imp.setOutput(1, *mean);
  if (imp.isOutputUsed(2))
    return setResult(imp, 2, imp.unary(UnaryKind::Reciprocal, *stddev));
  return success();
}

/// BatchNormalization (inference) with parameters computed at run time:
/// (x - mean) * scale / sqrt(var + eps) + B, parameters reshaped to C x 1...
LogicalResult importBatchNormDynamic(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  int64_t channels = type.getDimSize(1);
  SmallVector<int64_t> shape(type.getRank() - 1, 1);
  shape[0] = channels;
  Value params[4];
  for (int i = 0; i < 4; ++i) {
    FailureOr<RankedTensorType> pt = imp.inputType(i + 1);
    if (failed(pt))
      return failure();
    if (pt->getRank() != 1 || pt->getDimSize(0) != channels)
      return imp.error() << "parameter " << i + 1 << " must have shape ["
                         << channels << "]";
    FailureOr<Value> p = imp.input(i + 1);
    if (failed(p))
      return failure();
    p = imp.reshape(*p, shape);
    if (failed(p))
      return failure();
    params[i] = *p;
  }
  float eps = getFloatAttr(imp.node(), "epsilon", 1e-5f);
  FailureOr<Value> var = imp.binary(BinaryKind::Add, params[3],
                                    imp.scalar(eps, type.getElementType()));
  if (failed(var))
    return failure();
  FailureOr<Value> stddev = imp.unary(UnaryKind::Sqrt, *var);
  if (failed(stddev))
    return failure();
  FailureOr<Value> a = imp.binary(BinaryKind::Div, params[0], *stddev);
  if (failed(a))
    return failure();
  FailureOr<Value> centred = imp.binary(BinaryKind::Sub, *x, params[2]);
  if (failed(centred))
    return failure();
  FailureOr<Value> scaled = imp.binary(BinaryKind::Mul, *centred, *a);
  if (failed(scaled))
    return failure();
  return setResult(imp, 0, imp.binary(BinaryKind::Add, *scaled, params[1]));
}

void registerDecomposedHandlers(HandlerMap &map) {
  map["Trilu"] = importTrilu;
  map["Hardmax"] = importHardmax;
  map["CumSum"] = importCumSum;
}

} // namespace accel::onnx_import
