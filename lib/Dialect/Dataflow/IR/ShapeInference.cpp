//===- ShapeInference.cpp - result types of the dataflow ops --------------===//
//
// inferReturnTypes for every op whose result type follows from its operands
// and attributes. These run on unverified input (the InferTypeOpInterface
// verifier, builders called by the importer), so every attribute and operand
// they read is checked first and failures are diagnostics, never asserts.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace accel::dataflow;

FailureOr<SmallVector<int64_t>>
accel::dataflow::broadcastShapes(ArrayRef<int64_t> lhs, ArrayRef<int64_t> rhs) {
  size_t rank = std::max(lhs.size(), rhs.size());
  SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t l = i < lhs.size() ? lhs[lhs.size() - 1 - i] : 1;
    int64_t r = i < rhs.size() ? rhs[rhs.size() - 1 - i] : 1;
    if (l != r && l != 1 && r != 1)
      return failure();
    result[rank - 1 - i] = l == 1 ? r : l;
  }
  return result;
}

namespace {
/// Reports errors in the same form as an op verifier, at the op location if
/// there is one.
struct Checker {
  std::optional<Location> loc;
  StringRef opName;

  LogicalResult fail(const Twine &msg) const {
    return emitOptionalError(loc, "'", opName, "' op ", msg);
  }

  /// The ranked tensor type of `value`, or a diagnostic naming `what`.
  FailureOr<RankedTensorType> tensor(Value value, StringRef what) const {
    if (!value)
      return fail(Twine("requires operand '") + what + "'");
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || !type.hasStaticShape())
      return fail(Twine("operand '") + what +
                  "' must be a statically shaped tensor");
    return type;
  }

  LogicalResult sameElementType(RankedTensorType a, RankedTensorType b,
                                StringRef aName, StringRef bName) const {
    if (a.getElementType() == b.getElementType())
      return success();
    std::string msg;
    llvm::raw_string_ostream os(msg);
    os << "operands '" << aName << "' and '" << bName
       << "' must have the same element type, got '" << a.getElementType()
       << "' and '" << b.getElementType() << "'";
    return fail(msg);
  }

  LogicalResult length(ArrayRef<int64_t> values, size_t expected,
                       StringRef name) const {
    if (values.size() == expected)
      return success();
    return fail(Twine("'") + name + "' must have " + Twine(expected) +
                " values, got " + Twine(values.size()));
  }

  LogicalResult allAtLeast(ArrayRef<int64_t> values, int64_t min,
                           StringRef name) const {
    for (int64_t v : values)
      if (v < min)
        return fail(Twine("'") + name + "' values must be >= " + Twine(min) +
                    ", got " + Twine(v));
    return success();
  }

  LogicalResult axisInRange(int64_t axis, int64_t rank, StringRef name) const {
    if (axis >= 0 && axis < rank)
      return success();
    return fail(Twine("'") + name + "' " + Twine(axis) +
                " is out of range for rank " + Twine(rank) + " (expected 0.." +
                Twine(rank - 1) + ")");
  }
};

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleave(shape, os, ",");
  os << "]";
  return s;
}

ArrayRef<int64_t> arrayOrEmpty(DenseI64ArrayAttr attr) {
  return attr ? attr.asArrayRef() : ArrayRef<int64_t>();
}

/// Output spatial sizes shared by conv and conv_transpose: checks the
/// attribute lengths against the number of spatial dims and the channel
/// arithmetic, then applies the ONNX size formulas.
LogicalResult inferConvLike(const Checker &c, Value inputV, Value weightV,
                            Value biasV, DenseI64ArrayAttr stridesA,
                            DenseI64ArrayAttr dilationsA, DenseI64ArrayAttr padsA,
                            DenseI64ArrayAttr outputPaddingA, IntegerAttr groupsA,
                            bool transposed,
                            SmallVectorImpl<Type> &inferred) {
  auto input = c.tensor(inputV, "input");
  auto weight = c.tensor(weightV, "weight");
  if (failed(input) || failed(weight))
    return failure();
  int64_t rank = input->getRank();
  if (rank < 3 || rank > 5)
    return c.fail("'input' must have rank 3 to 5 (N, C and 1-3 spatial dims), "
                  "got rank " +
                  Twine(rank));
  if (weight->getRank() != rank)
    return c.fail("'weight' must have the same rank as 'input' (" +
                  Twine(rank) + "), got " + Twine(weight->getRank()));
  if (failed(c.sameElementType(*input, *weight, "input", "weight")))
    return failure();
  size_t spatial = rank - 2;
  ArrayRef<int64_t> strides = arrayOrEmpty(stridesA);
  ArrayRef<int64_t> dilations = arrayOrEmpty(dilationsA);
  ArrayRef<int64_t> pads = arrayOrEmpty(padsA);
  if (failed(c.length(strides, spatial, "strides")) ||
      failed(c.length(dilations, spatial, "dilations")) ||
      failed(c.length(pads, 2 * spatial, "pads")) ||
      failed(c.allAtLeast(strides, 1, "strides")) ||
      failed(c.allAtLeast(dilations, 1, "dilations")) ||
      failed(c.allAtLeast(pads, 0, "pads")))
    return failure();
  ArrayRef<int64_t> outputPadding;
  if (transposed) {
    outputPadding = arrayOrEmpty(outputPaddingA);
    if (failed(c.length(outputPadding, spatial, "output_padding")) ||
        failed(c.allAtLeast(outputPadding, 0, "output_padding")))
      return failure();
    for (size_t i = 0; i < spatial; ++i)
      if (outputPadding[i] >= strides[i] && outputPadding[i] >= dilations[i])
        return c.fail("'output_padding' " + Twine(outputPadding[i]) +
                      " must be smaller than the stride or the dilation of "
                      "spatial dim " +
                      Twine(i));
  }
  int64_t groups = groupsA ? groupsA.getInt() : 1;
  if (groups < 1)
    return c.fail("'groups' must be >= 1, got " + Twine(groups));

  ArrayRef<int64_t> in = input->getShape();
  ArrayRef<int64_t> w = weight->getShape();
  int64_t channels = in[1];
  int64_t outChannels;
  if (channels % groups != 0)
    return c.fail("input channels (" + Twine(channels) +
                  ") must be divisible by 'groups' (" + Twine(groups) + ")");
  if (!transposed) {
    if (w[1] * groups != channels)
      return c.fail("'weight' dim 1 (" + Twine(w[1]) + ") times 'groups' (" +
                    Twine(groups) + ") must equal the input channels (" +
                    Twine(channels) + ")");
    if (w[0] % groups != 0)
      return c.fail("output channels (" + Twine(w[0]) +
                    ") must be divisible by 'groups' (" + Twine(groups) + ")");
    outChannels = w[0];
  } else {
    if (w[0] != channels)
      return c.fail("'weight' dim 0 (" + Twine(w[0]) +
                    ") must equal the input channels (" + Twine(channels) +
                    ")");
    outChannels = w[1] * groups;
  }
  if (biasV) {
    auto bias = c.tensor(biasV, "bias");
    if (failed(bias))
      return failure();
    if (bias->getRank() != 1 || bias->getDimSize(0) != outChannels)
      return c.fail("'bias' must have shape [" + Twine(outChannels) +
                    "] (the output channels), got " +
                    shapeString(bias->getShape()));
    if (failed(c.sameElementType(*input, *bias, "input", "bias")))
      return failure();
  }

  SmallVector<int64_t> out = {in[0], outChannels};
  for (size_t i = 0; i < spatial; ++i) {
    int64_t kernel = w[i + 2];
    if (kernel < 1)
      return c.fail("kernel dim " + Twine(i) + " must be >= 1");
    int64_t effectiveKernel = dilations[i] * (kernel - 1) + 1;
    int64_t padded = pads[i] + pads[i + spatial];
    int64_t size;
    if (!transposed) {
      int64_t span = in[i + 2] + padded - effectiveKernel;
      if (span < 0)
        return c.fail("spatial dim " + Twine(i) + " of size " +
                      Twine(in[i + 2]) + " plus pads is smaller than the " +
                      "dilated kernel (" + Twine(effectiveKernel) + ")");
      size = span / strides[i] + 1;
    } else {
      size = strides[i] * (in[i + 2] - 1) + outputPadding[i] +
             effectiveKernel - padded;
      if (size < 1)
        return c.fail("spatial dim " + Twine(i) +
                      " of the result would be empty (size " + Twine(size) +
                      ")");
    }
    out.push_back(size);
  }
  inferred.push_back(RankedTensorType::get(out, input->getElementType()));
  return success();
}

bool isComparisonOrLogic(BinaryKind kind) {
  switch (kind) {
  case BinaryKind::Equal:
  case BinaryKind::Less:
  case BinaryKind::LessEqual:
  case BinaryKind::Greater:
  case BinaryKind::GreaterEqual:
  case BinaryKind::And:
  case BinaryKind::Or:
  case BinaryKind::Xor:
    return true;
  default:
    return false;
  }
}
} // namespace

//===----------------------------------------------------------------------===//

LogicalResult ConstantOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto value = adaptor.getValueAttr();
  if (!value)
    return c.fail("requires attribute 'value'");
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return c.fail("'value' must have a statically shaped tensor type");
  inferred.push_back(type);
  return success();
}

LogicalResult MatmulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto lhs = c.tensor(adaptor.getLhs(), "lhs");
  auto rhs = c.tensor(adaptor.getRhs(), "rhs");
  if (failed(lhs) || failed(rhs) ||
      failed(c.sameElementType(*lhs, *rhs, "lhs", "rhs")))
    return failure();
  SmallVector<int64_t> l(lhs->getShape()), r(rhs->getShape());
  if (l.empty() || r.empty())
    return c.fail("operands must have rank >= 1");
  auto swapLast = [&](SmallVector<int64_t> &s, bool flag, StringRef name) {
    if (!flag)
      return success();
    if (s.size() < 2)
      return c.fail(Twine("'transpose_") + name +
                    "' requires '" + name + "' to have rank >= 2");
    std::swap(s[s.size() - 1], s[s.size() - 2]);
    return success();
  };
  if (failed(swapLast(l, adaptor.getTransposeLhs(), "lhs")) ||
      failed(swapLast(r, adaptor.getTransposeRhs(), "rhs")))
    return failure();
  bool lhsVector = l.size() == 1, rhsVector = r.size() == 1;
  if (lhsVector)
    l.insert(l.begin(), 1);
  if (rhsVector)
    r.push_back(1);
  int64_t m = l[l.size() - 2], k = l.back();
  int64_t k2 = r[r.size() - 2], n = r.back();
  if (k != k2)
    return c.fail("contracting dims differ: 'lhs' has " + Twine(k) +
                  ", 'rhs' has " + Twine(k2) + " (after transposes)");
  auto batch = broadcastShapes(ArrayRef<int64_t>(l).drop_back(2),
                               ArrayRef<int64_t>(r).drop_back(2));
  if (failed(batch))
    return c.fail("batch dims " + shapeString(ArrayRef<int64_t>(l).drop_back(2)) +
                  " and " + shapeString(ArrayRef<int64_t>(r).drop_back(2)) +
                  " are not broadcast-compatible");
  SmallVector<int64_t> out = *batch;
  if (!lhsVector)
    out.push_back(m);
  if (!rhsVector)
    out.push_back(n);
  inferred.push_back(RankedTensorType::get(out, lhs->getElementType()));
  return success();
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  return inferConvLike(c, adaptor.getInput(), adaptor.getWeight(),
                       adaptor.getBias(), adaptor.getStridesAttr(),
                       adaptor.getDilationsAttr(), adaptor.getPadsAttr(),
                       /*outputPaddingA=*/nullptr, adaptor.getGroupsAttr(),
                       /*transposed=*/false, inferred);
}

LogicalResult ConvTransposeOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc,
                                                Adaptor adaptor,
                                                SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  return inferConvLike(c, adaptor.getInput(), adaptor.getWeight(),
                       adaptor.getBias(), adaptor.getStridesAttr(),
                       adaptor.getDilationsAttr(), adaptor.getPadsAttr(),
                       adaptor.getOutputPaddingAttr(), adaptor.getGroupsAttr(),
                       /*transposed=*/true, inferred);
}

LogicalResult UnaryOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  if (!adaptor.getKindAttr())
    return c.fail("requires attribute 'kind'");
  UnaryKind kind = adaptor.getKind();
  if (kind == UnaryKind::IsNaN || kind == UnaryKind::IsInf)
    inferred.push_back(
        RankedTensorType::get(input->getShape(), IntegerType::get(ctx, 1)));
  else
    inferred.push_back(*input);
  return success();
}

LogicalResult BinaryOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto lhs = c.tensor(adaptor.getLhs(), "lhs");
  auto rhs = c.tensor(adaptor.getRhs(), "rhs");
  if (failed(lhs) || failed(rhs) ||
      failed(c.sameElementType(*lhs, *rhs, "lhs", "rhs")))
    return failure();
  if (!adaptor.getKindAttr())
    return c.fail("requires attribute 'kind'");
  auto shape = broadcastShapes(lhs->getShape(), rhs->getShape());
  if (failed(shape))
    return c.fail("operand shapes " + shapeString(lhs->getShape()) + " and " +
                  shapeString(rhs->getShape()) +
                  " are not broadcast-compatible");
  Type element = isComparisonOrLogic(adaptor.getKind())
                     ? IntegerType::get(ctx, 1)
                     : lhs->getElementType();
  inferred.push_back(RankedTensorType::get(*shape, element));
  return success();
}

LogicalResult ClampOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  inferred.push_back(*input);
  return success();
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto cond = c.tensor(adaptor.getCond(), "cond");
  auto lhs = c.tensor(adaptor.getLhs(), "lhs");
  auto rhs = c.tensor(adaptor.getRhs(), "rhs");
  if (failed(cond) || failed(lhs) || failed(rhs) ||
      failed(c.sameElementType(*lhs, *rhs, "lhs", "rhs")))
    return failure();
  if (!cond->getElementType().isInteger(1))
    return c.fail("operand 'cond' must have element type i1");
  auto partial = broadcastShapes(lhs->getShape(), rhs->getShape());
  FailureOr<SmallVector<int64_t>> shape = failure();
  if (succeeded(partial))
    shape = broadcastShapes(cond->getShape(), *partial);
  if (failed(shape))
    return c.fail("operand shapes " + shapeString(cond->getShape()) + ", " +
                  shapeString(lhs->getShape()) + " and " +
                  shapeString(rhs->getShape()) +
                  " are not broadcast-compatible");
  inferred.push_back(RankedTensorType::get(*shape, lhs->getElementType()));
  return success();
}

LogicalResult ReduceOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  llvm::SmallBitVector reduced(rank);
  for (int64_t axis : arrayOrEmpty(adaptor.getAxesAttr())) {
    if (failed(c.axisInRange(axis, rank, "axes")))
      return failure();
    if (reduced.test(axis))
      return c.fail("'axes' contains " + Twine(axis) + " more than once");
    reduced.set(axis);
  }
  SmallVector<int64_t> out;
  for (int64_t d = 0; d < rank; ++d) {
    if (!reduced.test(d))
      out.push_back(input->getDimSize(d));
    else if (adaptor.getKeepDims())
      out.push_back(1);
  }
  inferred.push_back(RankedTensorType::get(out, input->getElementType()));
  return success();
}

LogicalResult ArgReduceOp::inferReturnTypes(MLIRContext *ctx,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  if (!adaptor.getAxisAttr())
    return c.fail("requires attribute 'axis'");
  int64_t rank = input->getRank(), axis = adaptor.getAxis();
  if (failed(c.axisInRange(axis, rank, "axis")))
    return failure();
  if (input->getDimSize(axis) == 0)
    return c.fail("cannot take the extreme value of an empty axis");
  SmallVector<int64_t> out;
  for (int64_t d = 0; d < rank; ++d) {
    if (d != axis)
      out.push_back(input->getDimSize(d));
    else if (adaptor.getKeepDims())
      out.push_back(1);
  }
  inferred.push_back(RankedTensorType::get(out, IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult PoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  if (rank < 3 || rank > 5)
    return c.fail("'input' must have rank 3 to 5 (N, C and 1-3 spatial dims), "
                  "got rank " +
                  Twine(rank));
  size_t spatial = rank - 2;
  ArrayRef<int64_t> kernel = arrayOrEmpty(adaptor.getKernelShapeAttr());
  ArrayRef<int64_t> strides = arrayOrEmpty(adaptor.getStridesAttr());
  ArrayRef<int64_t> dilations = arrayOrEmpty(adaptor.getDilationsAttr());
  ArrayRef<int64_t> pads = arrayOrEmpty(adaptor.getPadsAttr());
  if (failed(c.length(kernel, spatial, "kernel_shape")) ||
      failed(c.length(strides, spatial, "strides")) ||
      failed(c.length(dilations, spatial, "dilations")) ||
      failed(c.length(pads, 2 * spatial, "pads")) ||
      failed(c.allAtLeast(kernel, 1, "kernel_shape")) ||
      failed(c.allAtLeast(strides, 1, "strides")) ||
      failed(c.allAtLeast(dilations, 1, "dilations")) ||
      failed(c.allAtLeast(pads, 0, "pads")))
    return failure();
  ArrayRef<int64_t> in = input->getShape();
  SmallVector<int64_t> out = {in[0], in[1]};
  for (size_t i = 0; i < spatial; ++i) {
    int64_t effectiveKernel = dilations[i] * (kernel[i] - 1) + 1;
    int64_t span = in[i + 2] + pads[i] + pads[i + spatial] - effectiveKernel;
    if (span < 0)
      return c.fail("spatial dim " + Twine(i) + " of size " + Twine(in[i + 2]) +
                    " plus pads is smaller than the dilated kernel (" +
                    Twine(effectiveKernel) + ")");
    int64_t size;
    if (adaptor.getCeilMode()) {
      size = (span + strides[i] - 1) / strides[i] + 1;
      // The last window must start inside the input or the begin padding.
      if ((size - 1) * strides[i] >= in[i + 2] + pads[i])
        --size;
    } else {
      size = span / strides[i] + 1;
    }
    out.push_back(size);
  }
  inferred.push_back(RankedTensorType::get(out, input->getElementType()));
  return success();
}

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  if (!adaptor.getAxisAttr())
    return c.fail("requires attribute 'axis'");
  if (failed(c.axisInRange(adaptor.getAxis(), input->getRank(), "axis")))
    return failure();
  inferred.push_back(*input);
  return success();
}

LogicalResult LayerNormOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  if (!adaptor.getAxisAttr())
    return c.fail("requires attribute 'axis'");
  if (failed(c.axisInRange(adaptor.getAxis(), input->getRank(), "axis")))
    return failure();
  auto checkAffine = [&](Value v, StringRef name) -> LogicalResult {
    if (!v)
      return success();
    auto type = c.tensor(v, name);
    if (failed(type) ||
        failed(c.sameElementType(*input, *type, "input", name)))
      return failure();
    auto shape = broadcastShapes(input->getShape(), type->getShape());
    if (failed(shape) || ArrayRef<int64_t>(*shape) != input->getShape())
      return c.fail(Twine("'") + name + "' shape " +
                    shapeString(type->getShape()) +
                    " does not broadcast to the input shape " +
                    shapeString(input->getShape()));
    return success();
  };
  if (failed(checkAffine(adaptor.getScale(), "scale")) ||
      failed(checkAffine(adaptor.getBias(), "bias")))
    return failure();
  inferred.push_back(*input);
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  int64_t rank = input->getRank();
  ArrayRef<int64_t> perm = arrayOrEmpty(adaptor.getPermAttr());
  if (failed(c.length(perm, rank, "perm")))
    return failure();
  llvm::SmallBitVector seen(rank);
  SmallVector<int64_t> out;
  for (int64_t p : perm) {
    if (p < 0 || p >= rank || seen.test(p))
      return c.fail("'perm' " + shapeString(perm) +
                    " is not a permutation of 0.." + Twine(rank - 1));
    seen.set(p);
    out.push_back(input->getDimSize(p));
  }
  inferred.push_back(RankedTensorType::get(out, input->getElementType()));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  ValueRange inputs = adaptor.getInputs();
  if (inputs.empty())
    return c.fail("requires at least one input");
  auto first = c.tensor(inputs.front(), "inputs");
  if (failed(first))
    return failure();
  if (!adaptor.getAxisAttr())
    return c.fail("requires attribute 'axis'");
  int64_t rank = first->getRank(), axis = adaptor.getAxis();
  if (failed(c.axisInRange(axis, rank, "axis")))
    return failure();
  SmallVector<int64_t> out(first->getShape());
  for (auto [i, v] : llvm::enumerate(inputs.drop_front())) {
    auto type = c.tensor(v, "inputs");
    if (failed(type) ||
        failed(c.sameElementType(*first, *type, "inputs #0",
                                 "inputs #" + std::to_string(i + 1))))
      return failure();
    bool compatible = type->getRank() == rank;
    for (int64_t d = 0; compatible && d < rank; ++d)
      compatible = d == axis || type->getDimSize(d) == out[d];
    if (!compatible)
      return c.fail("input #" + Twine(i + 1) + " shape " +
                    shapeString(type->getShape()) +
                    " differs from input #0 shape " +
                    shapeString(first->getShape()) +
                    " outside the concatenation axis " + Twine(axis));
    out[axis] += type->getDimSize(axis);
  }
  inferred.push_back(RankedTensorType::get(out, first->getElementType()));
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  auto indices = c.tensor(adaptor.getIndices(), "indices");
  if (failed(input) || failed(indices))
    return failure();
  if (!adaptor.getAxisAttr())
    return c.fail("requires attribute 'axis'");
  int64_t rank = input->getRank(), axis = adaptor.getAxis();
  if (failed(c.axisInRange(axis, rank, "axis")))
    return failure();
  ArrayRef<int64_t> in = input->getShape();
  SmallVector<int64_t> out(in.take_front(axis));
  llvm::append_range(out, indices->getShape());
  llvm::append_range(out, in.drop_front(axis + 1));
  inferred.push_back(RankedTensorType::get(out, input->getElementType()));
  return success();
}

LogicalResult GatherElementsOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  auto indices = c.tensor(adaptor.getIndices(), "indices");
  if (failed(input) || failed(indices))
    return failure();
  if (!adaptor.getAxisAttr())
    return c.fail("requires attribute 'axis'");
  int64_t rank = input->getRank(), axis = adaptor.getAxis();
  if (failed(c.axisInRange(axis, rank, "axis")))
    return failure();
  if (indices->getRank() != rank)
    return c.fail("indices rank " + Twine(indices->getRank()) +
                  " differs from input rank " + Twine(rank));
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis && indices->getDimSize(d) > input->getDimSize(d))
      return c.fail("indices shape " + shapeString(indices->getShape()) +
                    " exceeds input shape " + shapeString(input->getShape()) +
                    " in dimension " + Twine(d));
  inferred.push_back(
      RankedTensorType::get(indices->getShape(), input->getElementType()));
  return success();
}

LogicalResult ScatterElementsOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, Adaptor adaptor,
    SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto data = c.tensor(adaptor.getData(), "data");
  auto indices = c.tensor(adaptor.getIndices(), "indices");
  auto updates = c.tensor(adaptor.getUpdates(), "updates");
  if (failed(data) || failed(indices) || failed(updates) ||
      failed(c.sameElementType(*data, *updates, "data", "updates")))
    return failure();
  if (!adaptor.getAxisAttr())
    return c.fail("requires attribute 'axis'");
  int64_t rank = data->getRank(), axis = adaptor.getAxis();
  if (failed(c.axisInRange(axis, rank, "axis")))
    return failure();
  if (indices->getShape() != updates->getShape())
    return c.fail("indices shape " + shapeString(indices->getShape()) +
                  " differs from updates shape " +
                  shapeString(updates->getShape()));
  if (indices->getRank() != rank)
    return c.fail("indices rank " + Twine(indices->getRank()) +
                  " differs from data rank " + Twine(rank));
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis && indices->getDimSize(d) > data->getDimSize(d))
      return c.fail("indices shape " + shapeString(indices->getShape()) +
                    " exceeds data shape " + shapeString(data->getShape()) +
                    " in dimension " + Twine(d));
  inferred.push_back(*data);
  return success();
}

/// Checks the index-tuple geometry shared by gather_nd and scatter_nd and
/// returns the tuple length m.
static FailureOr<int64_t> checkIndexTuples(const Checker &c,
                                           RankedTensorType data,
                                           RankedTensorType indices,
                                           int64_t batchDims) {
  int64_t q = indices.getRank(), r = data.getRank();
  if (q < 1)
    return c.fail("indices must have rank >= 1");
  if (batchDims < 0 || batchDims >= q || batchDims > r)
    return c.fail("'batch_dims' " + Twine(batchDims) + " is out of range");
  int64_t m = indices.getDimSize(q - 1);
  if (m < 1 || batchDims + m > r)
    return c.fail("index tuples of length " + Twine(m) +
                  " do not fit data of rank " + Twine(r));
  for (int64_t d = 0; d < batchDims; ++d)
    if (indices.getDimSize(d) != data.getDimSize(d))
      return c.fail("batch dim " + Twine(d) + " differs between data and indices");
  return m;
}

LogicalResult GatherNDOp::inferReturnTypes(MLIRContext *,
                                           std::optional<Location> loc,
                                           Adaptor adaptor,
                                           SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  auto indices = c.tensor(adaptor.getIndices(), "indices");
  if (failed(input) || failed(indices))
    return failure();
  int64_t b = adaptor.getBatchDims();
  FailureOr<int64_t> m = checkIndexTuples(c, *input, *indices, b);
  if (failed(m))
    return failure();
  SmallVector<int64_t> out(indices->getShape().drop_back());
  llvm::append_range(out, input->getShape().drop_front(b + *m));
  inferred.push_back(RankedTensorType::get(out, input->getElementType()));
  return success();
}

LogicalResult ScatterNDOp::inferReturnTypes(MLIRContext *,
                                            std::optional<Location> loc,
                                            Adaptor adaptor,
                                            SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto data = c.tensor(adaptor.getData(), "data");
  auto indices = c.tensor(adaptor.getIndices(), "indices");
  auto updates = c.tensor(adaptor.getUpdates(), "updates");
  if (failed(data) || failed(indices) || failed(updates) ||
      failed(c.sameElementType(*data, *updates, "data", "updates")))
    return failure();
  FailureOr<int64_t> m = checkIndexTuples(c, *data, *indices, 0);
  if (failed(m))
    return failure();
  SmallVector<int64_t> want(indices->getShape().drop_back());
  llvm::append_range(want, data->getShape().drop_front(*m));
  if (updates->getShape() != ArrayRef<int64_t>(want))
    return c.fail("updates shape " + shapeString(updates->getShape()) +
                  " must be " + shapeString(want));
  inferred.push_back(*data);
  return success();
}

LogicalResult TopKOp::inferReturnTypes(MLIRContext *context,
                                       std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  if (!adaptor.getKAttr() || !adaptor.getAxisAttr())
    return c.fail("requires attributes 'k' and 'axis'");
  int64_t rank = input->getRank(), axis = adaptor.getAxis(), k = adaptor.getK();
  if (failed(c.axisInRange(axis, rank, "axis")))
    return failure();
  if (k < 1 || k > input->getDimSize(axis))
    return c.fail("'k' " + Twine(k) + " must be in 1.." +
                  Twine(input->getDimSize(axis)));
  SmallVector<int64_t> shape(input->getShape());
  shape[axis] = k;
  inferred.push_back(RankedTensorType::get(shape, input->getElementType()));
  inferred.push_back(RankedTensorType::get(shape, IntegerType::get(context, 64)));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  auto input = c.tensor(adaptor.getInput(), "input");
  if (failed(input))
    return failure();
  if (!adaptor.getModeAttr())
    return c.fail("requires attribute 'mode'");
  int64_t rank = input->getRank();
  ArrayRef<int64_t> pads = arrayOrEmpty(adaptor.getPadsAttr());
  if (failed(c.length(pads, 2 * rank, "pads")) ||
      failed(c.allAtLeast(pads, 0, "pads")))
    return failure();
  SmallVector<int64_t> out;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = input->getDimSize(d);
    int64_t begin = pads[d], end = pads[d + rank];
    if (begin + end > 0) {
      if (adaptor.getMode() == PadMode::Reflect &&
          (begin >= size || end >= size))
        return c.fail("'reflect' padding of dim " + Twine(d) + " (size " +
                      Twine(size) + ") must be smaller than the dim");
      if (adaptor.getMode() == PadMode::Edge && size == 0)
        return c.fail("'edge' padding of the empty dim " + Twine(d));
    }
    out.push_back(size + begin + end);
  }
  inferred.push_back(RankedTensorType::get(out, input->getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Recurrent ops
//===----------------------------------------------------------------------===//

namespace {
/// Operands and attributes of rnn, gru and lstm, read from their adaptors.
struct RecurrentParts {
  int64_t gates = 1;           // gate blocks in weight/recurrence (1, 3, 4)
  int64_t fnsPerDirection = 1; // activations per direction (1, 2, 3)
  unsigned numStates = 1;      // final states among the results (h; h and c)
  RnnDirectionAttr direction;
  Value input, weight, recurrence, bias, sequenceLens, initialH, initialC,
      peepholes;
  ArrayAttr activations;
  DenseF32ArrayAttr alpha, beta;
  FloatAttr clip;
  IntegerAttr layout;
};

/// Whether a recurrent activation reads `activation_alpha`/`activation_beta`.
bool takesParameters(RnnActivation fn) {
  switch (fn) {
  case RnnActivation::Affine:
  case RnnActivation::LeakyRelu:
  case RnnActivation::ThresholdedRelu:
  case RnnActivation::ScaledTanh:
  case RnnActivation::HardSigmoid:
  case RnnActivation::Elu:
    return true;
  default:
    return false;
  }
}

/// Checks the operand shapes and attributes of a recurrent op against each
/// other and infers `output` plus the final state(s).
LogicalResult inferRecurrent(const Checker &c, const RecurrentParts &p,
                             SmallVectorImpl<Type> &inferred) {
  if (!p.direction)
    return c.fail("requires attribute 'direction'");
  if (!p.activations)
    return c.fail("requires attribute 'activations'");
  int64_t layout = p.layout ? p.layout.getInt() : 0;
  if (layout != 0 && layout != 1)
    return c.fail("'layout' must be 0 (sequence first) or 1 (batch first), got " +
                  Twine(layout));
  auto input = c.tensor(p.input, "input");
  auto weight = c.tensor(p.weight, "weight");
  auto recurrence = c.tensor(p.recurrence, "recurrence");
  if (failed(input) || failed(weight) || failed(recurrence))
    return failure();
  for (auto [type, name] : {std::pair(*input, "input"), std::pair(*weight, "weight"),
                            std::pair(*recurrence, "recurrence")})
    if (type.getRank() != 3)
      return c.fail(Twine("'") + name + "' must have rank 3, got " +
                    shapeString(type.getShape()));
  int64_t dirs = p.direction.getValue() == RnnDirection::Bidirectional ? 2 : 1;
  int64_t seq = input->getDimSize(layout == 0 ? 0 : 1);
  int64_t batch = input->getDimSize(layout == 0 ? 1 : 0);
  int64_t inputSize = input->getDimSize(2);
  int64_t hidden = recurrence->getDimSize(2);
  int64_t gh = p.gates * hidden;

  // `want` is the expected shape of `name`; `what` says where it comes from.
  auto expectShape = [&](RankedTensorType type, StringRef name,
                         ArrayRef<int64_t> want, StringRef what) {
    if (type.getShape() == want)
      return success();
    return c.fail(Twine("'") + name + "' must have shape " + shapeString(want) +
                  " (" + what + "), got " + shapeString(type.getShape()));
  };
  std::string dirWhat = (Twine(dirs) + " direction" + (dirs == 2 ? "s" : "") +
                         " for '" + stringifyEnum(p.direction.getValue()) + "'")
                            .str();
  std::string gatesWhat =
      (Twine(p.gates) + " gate" + (p.gates == 1 ? "" : "s") + " x hidden " +
       Twine(hidden) + ", " + dirWhat)
          .str();
  if (failed(expectShape(*recurrence, "recurrence", {dirs, gh, hidden}, gatesWhat)) ||
      failed(expectShape(*weight, "weight", {dirs, gh, inputSize},
                         gatesWhat + ", input size " + std::to_string(inputSize))))
    return failure();
  SmallVector<int64_t> state = layout == 0 ? SmallVector<int64_t>{dirs, batch, hidden}
                                           : SmallVector<int64_t>{batch, dirs, hidden};
  std::string stateWhat =
      layout == 0 ? "directions x batch x hidden" : "batch x directions x hidden";
  if (p.bias) {
    auto bias = c.tensor(p.bias, "bias");
    if (failed(bias) ||
        failed(expectShape(*bias, "bias", {dirs, 2 * gh},
                           "input and recurrence biases of " + gatesWhat)))
      return failure();
  }
  if (p.sequenceLens) {
    auto lens = c.tensor(p.sequenceLens, "sequence_lens");
    if (failed(lens) ||
        failed(expectShape(*lens, "sequence_lens", {batch}, "one length per batch entry")))
      return failure();
  }
  for (auto [value, name] : {std::pair(p.initialH, "initial_h"),
                             std::pair(p.initialC, "initial_c")}) {
    if (!value)
      continue;
    auto type = c.tensor(value, name);
    if (failed(type) || failed(expectShape(*type, name, state, stateWhat)))
      return failure();
  }
  if (p.peepholes) {
    auto peep = c.tensor(p.peepholes, "peepholes");
    if (failed(peep) || failed(expectShape(*peep, "peepholes", {dirs, 3 * hidden},
                                           "i, o, f peepholes per direction")))
      return failure();
  }

  int64_t numFns = dirs * p.fnsPerDirection;
  if ((int64_t)p.activations.size() != numFns)
    return c.fail("'activations' must have " + Twine(numFns) + " functions (" +
                  Twine(p.fnsPerDirection) + " per direction, " + dirWhat +
                  "), got " + Twine(p.activations.size()));
  bool needsParameters = false;
  for (Attribute a : p.activations) {
    auto fn = dyn_cast<RnnActivationAttr>(a);
    if (!fn)
      return c.fail("'activations' must hold rnn_activation attributes");
    needsParameters |= takesParameters(fn.getValue());
  }
  for (auto [attr, name] : {std::pair(p.alpha, "activation_alpha"),
                            std::pair(p.beta, "activation_beta")}) {
    if (!attr) {
      if (needsParameters)
        return c.fail(Twine("requires '") + name +
                      "' (one value per activation): an activation takes "
                      "parameters");
      continue;
    }
    if ((int64_t)attr.size() != numFns)
      return c.fail(Twine("'") + name + "' must have " + Twine(numFns) +
                    " values (one per activation), got " + Twine(attr.size()));
  }
  if (p.clip) {
    double clip = p.clip.getValueAsDouble();
    if (!(clip > 0))
      return c.fail("'clip' must be positive, got " + std::to_string(clip));
  }

  SmallVector<int64_t> output =
      layout == 0 ? SmallVector<int64_t>{seq, dirs, batch, hidden}
                  : SmallVector<int64_t>{batch, seq, dirs, hidden};
  Type f32 = input->getElementType();
  inferred.push_back(RankedTensorType::get(output, f32));
  for (unsigned i = 0; i < p.numStates; ++i)
    inferred.push_back(RankedTensorType::get(state, f32));
  return success();
}

template <typename AdaptorT>
RecurrentParts commonParts(AdaptorT adaptor, int64_t gates, int64_t fns) {
  RecurrentParts p;
  p.gates = gates;
  p.fnsPerDirection = fns;
  p.direction = adaptor.getDirectionAttr();
  p.input = adaptor.getInput();
  p.weight = adaptor.getWeight();
  p.recurrence = adaptor.getRecurrence();
  p.bias = adaptor.getBias();
  p.sequenceLens = adaptor.getSequenceLens();
  p.initialH = adaptor.getInitialH();
  p.activations = adaptor.getActivationsAttr();
  p.alpha = adaptor.getActivationAlphaAttr();
  p.beta = adaptor.getActivationBetaAttr();
  p.clip = adaptor.getClipAttr();
  p.layout = adaptor.getLayoutAttr();
  return p;
}
} // namespace

LogicalResult RnnOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  return inferRecurrent(
      c, commonParts(adaptor, kGates, kActivationsPerDirection), inferred);
}

LogicalResult GruOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor adaptor,
                                      SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  return inferRecurrent(
      c, commonParts(adaptor, kGates, kActivationsPerDirection), inferred);
}

LogicalResult LstmOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor adaptor,
                                       SmallVectorImpl<Type> &inferred) {
  Checker c{loc, getOperationName()};
  RecurrentParts p = commonParts(adaptor, kGates, kActivationsPerDirection);
  p.initialC = adaptor.getInitialC();
  p.peepholes = adaptor.getPeepholes();
  p.numStates = 2;
  return inferRecurrent(c, p, inferred);
}
