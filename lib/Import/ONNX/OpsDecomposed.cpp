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

#include "llvm/ADT/StringExtras.h"

#include <map>

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

namespace {

/// A per-axis quantization parameter ([C] along `axis` of a rank-`rank`
/// tensor) reshaped to broadcast; scalars are returned unchanged.
FailureOr<Value> perAxis(NodeImporter &imp, Value param, int64_t axis,
                         int64_t rank) {
  auto type = cast<RankedTensorType>(param.getType());
  if (type.getRank() == 0 || type.getNumElements() == 1 || axis == rank - 1)
    return param;
  SmallVector<int64_t> shape(rank - axis, 1);
  shape[0] = type.getNumElements();
  return imp.reshape(param, shape);
}

/// The quantization axis; only used (and checked) for per-axis parameters.
FailureOr<int64_t> quantAxis(NodeImporter &imp, int64_t rank) {
  FailureOr<RankedTensorType> scale = imp.inputType(1);
  if (failed(scale))
    return failure();
  if (scale->getNumElements() == 1)
    return int64_t(0);
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", 1), std::max<int64_t>(rank, 1));
  if (!axis) {
    imp.error() << "axis is out of range for rank " << rank;
    return failure();
  }
  return *axis;
}

/// QuantizeLinear: saturate(round_half_even(x / scale) + zero_point), in
/// float, then converted to the (compute type of the) quantized type.
LogicalResult importQuantizeLinear(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), scale = imp.input(1);
  if (failed(x) || failed(scale))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  FailureOr<int64_t> axis = quantAxis(imp, rank);
  if (failed(axis))
    return failure();
  int32_t elem = imp.outputElemType(0).value_or(onnx::TensorProto::UINT8);
  double lo, hi;
  switch (elem) {
  case onnx::TensorProto::UINT8: lo = 0, hi = 255; break;
  case onnx::TensorProto::INT8: lo = -128, hi = 127; break;
  case onnx::TensorProto::UINT16: lo = 0, hi = 65535; break;
  case onnx::TensorProto::INT16: lo = -32768, hi = 32767; break;
  default:
    return imp.error() << "quantizing to " << dataTypeName(elem)
                       << " is not supported (uint8, int8, uint16, int16)";
  }
  scale = perAxis(imp, *scale, *axis, rank);
  if (failed(scale))
    return failure();
  FailureOr<Value> q = imp.binary(BinaryKind::Div, *x, *scale);
  if (succeeded(q))
    q = imp.unary(UnaryKind::Round, *q);
  if (failed(q))
    return failure();
  if (imp.hasInput(2)) {
    FailureOr<Value> zp = imp.input(2);
    if (succeeded(zp))
      zp = imp.castTo(*zp, imp.builder().getF32Type());
    if (succeeded(zp))
      zp = perAxis(imp, *zp, *axis, rank);
    if (succeeded(zp))
      q = imp.binary(BinaryKind::Add, *q, *zp);
    if (failed(zp) || failed(q))
      return failure();
  }
  OpBuilder &b = imp.builder();
  q = imp.create<dataflow::ClampOp>(*q, b.getF32FloatAttr(float(lo)),
                                    b.getF32FloatAttr(float(hi)));
  if (failed(q))
    return failure();
  return setResult(imp, 0,
                   imp.castTo(*q, mlirTypeOf(*elemKindOf(elem), imp.context())));
}

/// DequantizeLinear: (x - zero_point) * scale in float.
LogicalResult importDequantizeLinear(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), scale = imp.input(1);
  if (failed(x) || failed(scale))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  FailureOr<int64_t> axis = quantAxis(imp, rank);
  if (failed(axis))
    return failure();
  Type f32 = imp.builder().getF32Type();
  FailureOr<Value> y = imp.castTo(*x, f32);
  if (failed(y))
    return failure();
  if (imp.hasInput(2)) {
    FailureOr<Value> zp = imp.input(2);
    if (succeeded(zp))
      zp = imp.castTo(*zp, f32);
    if (succeeded(zp))
      zp = perAxis(imp, *zp, *axis, rank);
    if (succeeded(zp))
      y = imp.binary(BinaryKind::Sub, *y, *zp);
    if (failed(zp) || failed(y))
      return failure();
  }
  scale = perAxis(imp, *scale, *axis, rank);
  if (failed(scale))
    return failure();
  return setResult(imp, 0, imp.binary(BinaryKind::Mul, *y, *scale));
}

/// DepthToSpace / SpaceToDepth: reshape to 6-D, transpose, reshape back.
LogicalResult importDepthSpace(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() != 4)
    return imp.error() << "expects a rank-4 input";
  int64_t bs = getIntAttr(imp.node(), "blocksize", 0);
  if (bs <= 0)
    return imp.error() << "blocksize must be positive";
  int64_t n = type.getDimSize(0), c = type.getDimSize(1),
          h = type.getDimSize(2), w = type.getDimSize(3);
  SmallVector<int64_t> split, perm, result;
  if (imp.node().op_type() == "DepthToSpace") {
    if (c % (bs * bs) != 0)
      return imp.error() << "channels " << c << " are not a multiple of "
                         << bs * bs;
    if (getStringAttr(imp.node(), "mode", "DCR") == "CRD") {
      split = {n, c / (bs * bs), bs, bs, h, w};
      perm = {0, 1, 4, 2, 5, 3};
    } else {
      split = {n, bs, bs, c / (bs * bs), h, w};
      perm = {0, 3, 4, 1, 5, 2};
    }
    result = {n, c / (bs * bs), h * bs, w * bs};
  } else {
    if (h % bs != 0 || w % bs != 0)
      return imp.error() << "spatial dims " << h << "x" << w
                         << " are not multiples of " << bs;
    split = {n, c, h / bs, bs, w / bs, bs};
    perm = {0, 3, 5, 1, 2, 4};
    result = {n, c * bs * bs, h / bs, w / bs};
  }
  FailureOr<Value> y = imp.reshape(*x, split);
  if (succeeded(y))
    y = imp.create<dataflow::TransposeOp>(
        *y, imp.builder().getDenseI64ArrayAttr(perm));
  if (failed(y))
    return failure();
  return setResult(imp, 0, imp.reshape(*y, result));
}

/// Shrink: x < -lambd ? x + bias : (x > lambd ? x - bias : 0).
LogicalResult importShrink(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  Type elem = cast<RankedTensorType>(x->getType()).getElementType();
  float lambd = getFloatAttr(imp.node(), "lambd", 0.5f);
  float bias = getFloatAttr(imp.node(), "bias", 0.0f);
  FailureOr<Value> low = imp.binary(BinaryKind::Less, *x, imp.scalar(-lambd, elem));
  FailureOr<Value> high = imp.binary(BinaryKind::Greater, *x, imp.scalar(lambd, elem));
  FailureOr<Value> plus = imp.binary(BinaryKind::Add, *x, imp.scalar(bias, elem));
  FailureOr<Value> minus = imp.binary(BinaryKind::Sub, *x, imp.scalar(bias, elem));
  if (failed(low) || failed(high) || failed(plus) || failed(minus))
    return failure();
  FailureOr<Value> inner =
      imp.create<dataflow::WhereOp>(*high, *minus, imp.scalar(0, elem));
  if (failed(inner))
    return failure();
  return setResult(imp, 0, imp.create<dataflow::WhereOp>(*low, *plus, *inner));
}

/// EyeLike depends only on the input's shape: a constant.
LogicalResult importEyeLike(NodeImporter &imp) {
  FailureOr<RankedTensorType> type = imp.inputType(0);
  if (failed(type))
    return failure();
  if (type->getRank() != 2)
    return imp.error() << "expects a rank-2 input";
  int64_t k = getIntAttr(imp.node(), "k", 0);
  ConstValue v;
  v.kind = *elemKindOf(type->getElementType());
  if (const onnx::AttributeProto *dtype = findAttr(imp.node(), "dtype")) {
    std::optional<ElemKind> kind = elemKindOf(int32_t(dtype->i()));
    if (!kind)
      return imp.error() << "unsupported dtype " << dataTypeName(int32_t(dtype->i()));
    v.kind = *kind;
  }
  v.shape.assign(type->getShape().begin(), type->getShape().end());
  for (int64_t i = 0; i < v.shape[0]; ++i)
    for (int64_t j = 0; j < v.shape[1]; ++j) {
      if (v.isFloat())
        v.floats.push_back(j - i == k ? 1.0f : 0.0f);
      else
        v.ints.push_back(j - i == k ? 1 : 0);
    }
  imp.setOutputConst(0, std::move(v));
  return success();
}

/// OneHot: (indices, normalised to >= 0, unsqueezed at axis) == iota, then
/// `where` between the on and off values. depth must be known.
LogicalResult importOneHot(NodeImporter &imp) {
  FailureOr<Value> idx = imp.input(0), values = imp.input(2);
  if (failed(idx) || failed(values))
    return failure();
  const ConstValue *depthValue = imp.constInput(1);
  if (!depthValue)
    return imp.notConstant(1, "depth");
  if (depthValue->size() != 1)
    return imp.error() << "depth must be a scalar";
  int64_t depth = int64_t(depthValue->asDouble(0));
  if (depth <= 0)
    return imp.error() << "depth must be positive";
  auto idxType = cast<RankedTensorType>(idx->getType());
  auto valuesType = cast<RankedTensorType>(values->getType());
  if (valuesType.getNumElements() != 2)
    return imp.error() << "values must have two elements";
  int64_t rank = idxType.getRank() + 1;
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", -1), rank);
  if (!axis)
    return imp.error() << "axis is out of range for rank " << rank;
  // Indices in any numeric type; compare as i64 after truncation.
  FailureOr<Value> i64 = imp.castTo(*idx, imp.builder().getI64Type());
  if (failed(i64))
    return failure();
  Type i64Type = imp.builder().getI64Type();
  FailureOr<Value> neg = imp.binary(BinaryKind::Less, *i64, imp.scalar(0, i64Type));
  FailureOr<Value> wrapped =
      imp.binary(BinaryKind::Add, *i64, imp.scalar(double(depth), i64Type));
  if (failed(neg) || failed(wrapped))
    return failure();
  FailureOr<Value> norm = imp.create<dataflow::WhereOp>(*neg, *wrapped, *i64);
  if (failed(norm))
    return failure();
  SmallVector<int64_t> shape(idxType.getShape());
  shape.insert(shape.begin() + *axis, 1);
  norm = imp.reshape(*norm, shape);
  if (failed(norm))
    return failure();
  ConstValue iota;
  iota.kind = ElemKind::I64;
  iota.shape.assign(rank, 1);
  iota.shape[*axis] = depth;
  for (int64_t i = 0; i < depth; ++i)
    iota.ints.push_back(i);
  FailureOr<Value> hit =
      imp.binary(BinaryKind::Equal, *norm, imp.materialize(iota, ""));
  if (failed(hit))
    return failure();
  FailureOr<Value> flat = imp.reshape(*values, {2});
  if (failed(flat))
    return failure();
  Value pick[2];
  for (int64_t k = 0; k < 2; ++k) {
    SliceParams params;
    params.starts = {k};
    params.steps = {1};
    params.shape = {1};
    FailureOr<Value> one = imp.slice(*flat, params);
    if (succeeded(one))
      one = imp.reshape(*one, {});
    if (failed(one))
      return failure();
    pick[k] = *one;
  }
  return setResult(imp, 0, imp.create<dataflow::WhereOp>(*hit, pick[1], pick[0]));
}

/// Mean and (population) variance over `axes`, kept as size-1 dims.
LogicalResult meanAndVariance(NodeImporter &imp, Value x,
                              ArrayRef<int64_t> axes, Value &mean,
                              Value &centred, Value &var) {
  FailureOr<Value> m = imp.reduce(ReduceKind::Mean, x, axes, true);
  if (failed(m))
    return failure();
  FailureOr<Value> d = imp.binary(BinaryKind::Sub, x, *m);
  if (failed(d))
    return failure();
  FailureOr<Value> sq = imp.binary(BinaryKind::Mul, *d, *d);
  if (failed(sq))
    return failure();
  FailureOr<Value> v = imp.reduce(ReduceKind::Mean, *sq, axes, true);
  if (failed(v))
    return failure();
  mean = *m;
  centred = *d;
  var = *v;
  return success();
}

/// centred / sqrt(var + eps) * scale + bias, with [C] parameters applied
/// along dim 1 of a rank-`rank` tensor.
FailureOr<Value> normalizeAndScale(NodeImporter &imp, Value centred, Value var,
                                   float eps, int scaleInput, int biasInput,
                                   int64_t rank) {
  Type f32 = imp.builder().getF32Type();
  FailureOr<Value> y = imp.binary(BinaryKind::Add, var, imp.scalar(eps, f32));
  if (succeeded(y))
    y = imp.unary(UnaryKind::Sqrt, *y);
  if (succeeded(y))
    y = imp.binary(BinaryKind::Div, centred, *y);
  if (failed(y))
    return failure();
  for (auto [index, kind] : {std::pair(scaleInput, BinaryKind::Mul),
                             std::pair(biasInput, BinaryKind::Add)}) {
    FailureOr<Value> p = imp.input(index);
    if (failed(p))
      return failure();
    auto type = cast<RankedTensorType>(p->getType());
    if (type.getRank() != 1)
      return imp.error() << "input " << index << " must have rank 1";
    SmallVector<int64_t> shape(rank - 1, 1);
    shape[0] = type.getDimSize(0);
    p = imp.reshape(*p, shape);
    if (succeeded(p))
      y = imp.binary(kind, *y, *p);
    if (failed(p) || failed(y))
      return failure();
  }
  return y;
}

/// InstanceNormalization: per sample and channel over the spatial dims.
LogicalResult importInstanceNorm(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  if (rank < 3)
    return imp.error() << "expects an input of rank >= 3";
  SmallVector<int64_t> axes;
  for (int64_t d = 2; d < rank; ++d)
    axes.push_back(d);
  Value mean, centred, var;
  if (failed(meanAndVariance(imp, *x, axes, mean, centred, var)))
    return failure();
  return setResult(imp, 0,
                   normalizeAndScale(imp, centred, var,
                                     getFloatAttr(imp.node(), "epsilon", 1e-5f),
                                     1, 2, rank));
}

/// LRN: x / (bias + alpha / size * sum of x^2 over a channel window)^beta.
/// The window sum is an average pool (count_include_pad) over the channel
/// dim of x^2 viewed as [N, 1, C, rest], times size.
LogicalResult importLRN(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  auto type = cast<RankedTensorType>(x->getType());
  if (type.getRank() < 3)
    return imp.error() << "expects an input of rank >= 3";
  int64_t size = getIntAttr(imp.node(), "size", 0);
  if (size <= 0)
    return imp.error() << "size must be positive";
  float alpha = getFloatAttr(imp.node(), "alpha", 1e-4f);
  float beta = getFloatAttr(imp.node(), "beta", 0.75f);
  float bias = getFloatAttr(imp.node(), "bias", 1.0f);
  int64_t n = type.getDimSize(0), c = type.getDimSize(1);
  int64_t rest = numElements(type.getShape().drop_front(2));
  OpBuilder &b = imp.builder();
  FailureOr<Value> sq = imp.binary(BinaryKind::Mul, *x, *x);
  if (succeeded(sq))
    sq = imp.reshape(*sq, {n, 1, c, rest});
  if (failed(sq))
    return failure();
  FailureOr<Value> sum = imp.create<dataflow::PoolOp>(
      dataflow::PoolKindAttr::get(imp.context(), dataflow::PoolKind::Avg), *sq,
      b.getDenseI64ArrayAttr({size, 1}), b.getDenseI64ArrayAttr({1, 1}),
      b.getDenseI64ArrayAttr({(size - 1) / 2, 0, size / 2, 0}),
      b.getDenseI64ArrayAttr({1, 1}), b.getBoolAttr(false), b.getBoolAttr(true));
  if (succeeded(sum))
    sum = imp.reshape(*sum, type.getShape());
  Type f32 = b.getF32Type();
  // avg * size * alpha / size = avg * alpha.
  if (succeeded(sum))
    sum = imp.binary(BinaryKind::Mul, *sum, imp.scalar(alpha, f32));
  if (succeeded(sum))
    sum = imp.binary(BinaryKind::Add, *sum, imp.scalar(bias, f32));
  if (succeeded(sum))
    sum = imp.binary(BinaryKind::Pow, *sum, imp.scalar(beta, f32));
  if (failed(sum))
    return failure();
  return setResult(imp, 0, imp.binary(BinaryKind::Div, *x, *sum));
}

/// One Einsum operand: its letters and value, reduced and permuted in place.
struct EinsumTerm {
  std::string letters;
  Value value;
};

/// Sums the letters of `term` that `keep` does not contain.
LogicalResult einsumReduce(NodeImporter &imp, EinsumTerm &term,
                           llvm::function_ref<bool(char)> keep) {
  SmallVector<int64_t> axes;
  std::string left;
  for (size_t i = 0; i < term.letters.size(); ++i) {
    if (keep(term.letters[i]))
      left += term.letters[i];
    else
      axes.push_back(int64_t(i));
  }
  if (axes.empty())
    return success();
  FailureOr<Value> r = imp.reduce(ReduceKind::Sum, term.value, axes, false);
  if (failed(r))
    return failure();
  term.value = *r;
  term.letters = left;
  return success();
}

/// Permutes `term` into the letter order `order` (same letters).
LogicalResult einsumPermute(NodeImporter &imp, EinsumTerm &term,
                            StringRef order) {
  if (term.letters == order)
    return success();
  SmallVector<int64_t> perm;
  for (char c : order)
    perm.push_back(int64_t(term.letters.find(c)));
  FailureOr<Value> t = imp.create<dataflow::TransposeOp>(
      term.value, imp.builder().getDenseI64ArrayAttr(perm));
  if (failed(t))
    return failure();
  term.value = *t;
  term.letters = order.str();
  return success();
}

/// Einsum with one or two operands, explicit or implicit output, no ellipsis
/// and no letter repeated within an operand: letters only in one operand and
/// not in the output are summed first; two operands become a batched matmul
/// ([batch, kept A, contracted] x [batch, contracted, kept B]); the result
/// is permuted into the output order.
LogicalResult importEinsum(NodeImporter &imp) {
  std::string eq;
  for (char c : getStringAttr(imp.node(), "equation", ""))
    if (c != ' ')
      eq += c;
  if (eq.find("...") != std::string::npos)
    return imp.error() << "equations with '...' are not supported";
  size_t arrow = eq.find("->");
  std::string lhs = eq.substr(0, arrow);
  SmallVector<StringRef> parts;
  StringRef(lhs).split(parts, ',');
  if (int(parts.size()) != imp.numInputs() || parts.size() > 2)
    return imp.error() << "expects one or two operands matching the equation '"
                       << eq << "'";
  std::vector<EinsumTerm> terms;
  llvm::StringMap<int> count;
  std::map<char, int64_t> sizes;
  for (size_t i = 0; i < parts.size(); ++i) {
    FailureOr<Value> v = imp.input(int(i));
    if (failed(v))
      return failure();
    auto type = cast<RankedTensorType>(v->getType());
    if (int64_t(parts[i].size()) != type.getRank())
      return imp.error() << "operand " << i << " has rank " << type.getRank()
                         << " but '" << parts[i] << "' names "
                         << parts[i].size() << " dims";
    for (size_t d = 0; d < parts[i].size(); ++d) {
      char c = parts[i][d];
      if (!llvm::isAlpha(c))
        return imp.error() << "invalid equation '" << eq << "'";
      if (parts[i].take_front(d).contains(c))
        return imp.error() << "repeated letters within an operand (diagonals) "
                              "are not supported";
      auto [it, inserted] = sizes.emplace(c, type.getDimSize(int64_t(d)));
      if (!inserted && it->second != type.getDimSize(int64_t(d)))
        return imp.error() << "letter '" << c << "' has sizes " << it->second
                           << " and " << type.getDimSize(int64_t(d));
      ++count[StringRef(&c, 1)];
    }
    terms.push_back({parts[i].str(), *v});
  }
  std::string out;
  if (arrow != std::string::npos) {
    out = eq.substr(arrow + 2);
    for (char c : out)
      if (!sizes.count(c))
        return imp.error() << "output letter '" << c << "' is not an input letter";
  } else {
    // Implicit output: the letters used once, alphabetically.
    for (auto &[c, size] : sizes)
      if (count[StringRef(&c, 1)] == 1)
        out += c;
  }
  auto inOut = [&](char c) { return out.find(c) != std::string::npos; };
  if (terms.size() == 1) {
    if (failed(einsumReduce(imp, terms[0], inOut)) ||
        failed(einsumPermute(imp, terms[0], out)))
      return failure();
    return setResult(imp, 0, terms[0].value);
  }
  EinsumTerm &a = terms[0], &b = terms[1];
  auto inA = [&](char c) { return a.letters.find(c) != std::string::npos; };
  auto inB = [&](char c) { return b.letters.find(c) != std::string::npos; };
  if (failed(einsumReduce(imp, a, [&](char c) { return inOut(c) || inB(c); })) ||
      failed(einsumReduce(imp, b, [&](char c) { return inOut(c) || inA(c); })))
    return failure();
  std::string batch, keepA, keepB, contract;
  for (char c : a.letters) {
    if (inB(c))
      (inOut(c) ? batch : contract) += c;
    else
      keepA += c;
  }
  for (char c : b.letters)
    if (!inA(c))
      keepB += c;
  auto product = [&](StringRef letters) {
    int64_t n = 1;
    for (char c : letters)
      n *= sizes[c];
    return n;
  };
  if (failed(einsumPermute(imp, a, batch + keepA + contract)) ||
      failed(einsumPermute(imp, b, batch + contract + keepB)))
    return failure();
  int64_t nb = product(batch), m = product(keepA), k = product(contract),
          n = product(keepB);
  FailureOr<Value> lhsV = imp.reshape(a.value, {nb, m, k});
  FailureOr<Value> rhsV = imp.reshape(b.value, {nb, k, n});
  if (failed(lhsV) || failed(rhsV))
    return failure();
  OpBuilder &bld = imp.builder();
  FailureOr<Value> mm = imp.create<dataflow::MatmulOp>(
      *lhsV, *rhsV, bld.getBoolAttr(false), bld.getBoolAttr(false));
  if (failed(mm))
    return failure();
  EinsumTerm result{batch + keepA + keepB, *mm};
  SmallVector<int64_t> shape;
  for (char c : result.letters)
    shape.push_back(sizes[c]);
  FailureOr<Value> r = imp.reshape(*mm, shape);
  if (failed(r))
    return failure();
  result.value = *r;
  if (failed(einsumPermute(imp, result, out)))
    return failure();
  return setResult(imp, 0, result.value);
}

/// BitShift on the integer compute type: x * 2^y (LEFT) or x / 2^y (RIGHT;
/// the values are unsigned, so division truncates like a shift). Wrapping to
/// the unsigned storage width happens in the cast back to the output type.
LogicalResult importBitShift(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0), y = imp.input(1);
  if (failed(x) || failed(y))
    return failure();
  std::string direction = getStringAttr(imp.node(), "direction", "");
  if (direction != "LEFT" && direction != "RIGHT")
    return imp.error() << "direction must be LEFT or RIGHT, got '" << direction
                       << "'";
  Type elem = cast<RankedTensorType>(x->getType()).getElementType();
  if (!elem.isInteger(32) && !elem.isInteger(64))
    return imp.error() << "expects integer operands";
  FailureOr<Value> factor = imp.binary(BinaryKind::Pow, imp.scalar(2, elem), *y);
  if (failed(factor))
    return failure();
  return setResult(imp, 0,
                   imp.binary(direction == "LEFT" ? BinaryKind::Mul
                                                  : BinaryKind::Div,
                              *x, *factor));
}

/// Compress with a known condition: a gather of the selected positions along
/// the axis (of the flattened input without an axis).
LogicalResult importCompress(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  const ConstValue *cond = imp.constInput(1);
  if (!cond)
    return imp.notConstant(1, "condition");
  auto type = cast<RankedTensorType>(x->getType());
  Value in = *x;
  int64_t axis = 0;
  if (findAttr(imp.node(), "axis")) {
    std::optional<int64_t> a =
        normalizeAxis(getIntAttr(imp.node(), "axis", 0), type.getRank());
    if (!a)
      return imp.error() << "axis is out of range for rank " << type.getRank();
    axis = *a;
  } else {
    FailureOr<Value> flat = imp.reshape(*x, {type.getNumElements()});
    if (failed(flat))
      return failure();
    in = *flat;
  }
  int64_t len = cast<RankedTensorType>(in.getType()).getDimSize(axis);
  if (cond->size() > len)
    return imp.error() << "condition has " << cond->size()
                       << " entries for a dimension of size " << len;
  ConstValue picked;
  picked.kind = ElemKind::I64;
  for (int64_t i = 0; i < cond->size(); ++i)
    if (cond->asDouble(i) != 0)
      picked.ints.push_back(i);
  if (picked.ints.empty())
    return imp.error() << "the condition selects nothing; empty tensors are not "
                          "supported";
  picked.shape = {int64_t(picked.ints.size())};
  return setResult(imp, 0,
                   imp.create<dataflow::GatherOp>(
                       in, imp.materialize(picked, ""),
                       imp.builder().getI64IntegerAttr(axis)));
}

/// TopK: `top_k` with a known k.
LogicalResult importTopK(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  FailureOr<SmallVector<int64_t>> ks = imp.constInts(1, "K");
  if (failed(ks))
    return failure();
  if (ks->size() != 1)
    return imp.error() << "K must have one element";
  auto type = cast<RankedTensorType>(x->getType());
  std::optional<int64_t> axis =
      normalizeAxis(getIntAttr(imp.node(), "axis", -1), type.getRank());
  if (!axis)
    return imp.error() << "axis is out of range for rank " << type.getRank();
  OpBuilder &b = imp.builder();
  OperationState state(imp.loc(), dataflow::TopKOp::getOperationName());
  dataflow::TopKOp::build(
      b, state, Type(), Type(), *x, b.getI64IntegerAttr((*ks)[0]),
      b.getI64IntegerAttr(*axis),
      b.getBoolAttr(getIntAttr(imp.node(), "largest", 1) != 0));
  SmallVector<Type, 2> types;
  if (failed(dataflow::TopKOp::inferReturnTypes(
          imp.context(), imp.loc(), state.operands,
          state.attributes.getDictionary(imp.context()),
          state.getRawProperties(), state.regions, types)))
    return failure();
  state.types.assign(types.begin(), types.end());
  auto op = cast<dataflow::TopKOp>(b.create(state));
  if (imp.isOutputUsed(0))
    imp.setOutput(0, op.getValues());
  if (imp.isOutputUsed(1))
    imp.setOutput(1, op.getIndices());
  return success();
}

} // namespace

/// BatchNormalization with training_mode=1 (opset >= 14): normalises with the
/// batch statistics and returns the updated running mean and variance.
LogicalResult importBatchNormTraining(NodeImporter &imp) {
  FailureOr<Value> x = imp.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  if (rank < 2)
    return imp.error() << "expects an input of rank >= 2";
  SmallVector<int64_t> axes = {0};
  for (int64_t d = 2; d < rank; ++d)
    axes.push_back(d);
  Value mean, centred, var;
  if (failed(meanAndVariance(imp, *x, axes, mean, centred, var)))
    return failure();
  float eps = getFloatAttr(imp.node(), "epsilon", 1e-5f);
  float momentum = getFloatAttr(imp.node(), "momentum", 0.9f);
  if (failed(setResult(imp, 0,
                       normalizeAndScale(imp, centred, var, eps, 1, 2, rank))))
    return failure();
  Type f32 = imp.builder().getF32Type();
  for (auto [out, stat, input] : {std::tuple(1, mean, 3), std::tuple(2, var, 4)}) {
    if (!imp.isOutputUsed(out))
      continue;
    FailureOr<Value> running = imp.input(input);
    if (failed(running))
      return failure();
    FailureOr<Value> batch = imp.reshape(
        stat, cast<RankedTensorType>(running->getType()).getShape());
    if (succeeded(batch))
      batch = imp.binary(BinaryKind::Mul, *batch, imp.scalar(1 - momentum, f32));
    FailureOr<Value> kept =
        imp.binary(BinaryKind::Mul, *running, imp.scalar(momentum, f32));
    if (failed(batch) || failed(kept) ||
        failed(setResult(imp, out, imp.binary(BinaryKind::Add, *kept, *batch))))
      return failure();
  }
  return success();
}

void registerDecomposedHandlers(HandlerMap &map) {
  map["InstanceNormalization"] = importInstanceNorm;
  map["Einsum"] = importEinsum;
  map["BitShift"] = importBitShift;
  map["Compress"] = importCompress;
  map["TopK"] = importTopK;
  map["LRN"] = importLRN;
  map["DepthToSpace"] = importDepthSpace;
  map["SpaceToDepth"] = importDepthSpace;
  map["Shrink"] = importShrink;
  map["EyeLike"] = importEyeLike;
  map["OneHot"] = importOneHot;
  map["QuantizeLinear"] = importQuantizeLinear;
  map["DequantizeLinear"] = importDequantizeLinear;
  map["Trilu"] = importTrilu;
  map["Hardmax"] = importHardmax;
  map["CumSum"] = importCumSum;
}

} // namespace accel::onnx_import
