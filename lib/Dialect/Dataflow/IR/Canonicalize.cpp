//===- Canonicalize.cpp - dataflow folders and canonicalization -----------===//
//
// Folders remove no-op data movement and evaluate data movement on small
// constants. Large weights are `dense_resource` blobs: they are never copied
// into attributes here; a reshape of one shares the blob under the new type.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APSInt.h"

#include <cmath>

using namespace mlir;
using namespace accel::dataflow;

/// Constants with more elements than this are not folded through transpose
/// or cast, so that canonicalization never materialises large attributes.
static constexpr int64_t kMaxFoldedElements = 4096;

static bool isIdentityPermutation(ArrayRef<int64_t> perm) {
  for (auto [i, p] : llvm::enumerate(perm))
    if (p != static_cast<int64_t>(i))
      return false;
  return true;
}

/// A small (or splat) dense constant that folders may evaluate.
static DenseElementsAttr getFoldableDense(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseElementsAttr>(attr);
  if (!dense || (!dense.isSplat() && dense.getNumElements() > kMaxFoldedElements))
    return {};
  return dense;
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult UnaryOp::fold(FoldAdaptor) {
  if (getKind() == UnaryKind::Identity && getInput().getType() == getType())
    return getInput();
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  if (isIdentityPermutation(getPerm()))
    return getInput();
  DenseElementsAttr dense = getFoldableDense(adaptor.getInput());
  if (!dense)
    return {};
  RankedTensorType outType = getType();
  if (dense.isSplat())
    return dense.resizeSplat(outType);
  // Walk the result in row-major order and read the input element that each
  // position comes from: out[i_0, .., i_n] = in[j] with j[perm[d]] = i_d.
  auto inType = cast<RankedTensorType>(dense.getType());
  ArrayRef<int64_t> perm = getPerm();
  int64_t rank = inType.getRank();
  SmallVector<int64_t> inStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * inType.getDimSize(d + 1);
  SmallVector<Attribute> in(dense.getValues<Attribute>());
  SmallVector<Attribute> out;
  out.reserve(in.size());
  SmallVector<int64_t> index(rank, 0);
  for (int64_t n = 0, e = outType.getNumElements(); n < e; ++n) {
    int64_t offset = 0;
    for (int64_t d = 0; d < rank; ++d)
      offset += index[d] * inStrides[perm[d]];
    out.push_back(in[offset]);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < outType.getDimSize(d))
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::get(outType, out);
}

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (DenseElementsAttr dense = getFoldableDense(adaptor.getInput()))
    return dense.reshape(getType());
  // Same bytes under a new shape: share the blob instead of copying it.
  if (auto resource =
          dyn_cast_or_null<DenseResourceElementsAttr>(adaptor.getInput()))
    return DenseResourceElementsAttr::get(getType(), resource.getRawHandle());
  return {};
}

OpFoldResult ExpandOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto dense = dyn_cast_or_null<DenseElementsAttr>(adaptor.getInput()))
    if (dense.isSplat())
      return dense.resizeSplat(getType());
  return {};
}

OpFoldResult SliceOp::fold(FoldAdaptor) {
  if (getInput().getType() != getType())
    return {};
  // Same shape: the slice is the identity only if it walks forward from 0.
  for (auto [start, step] : llvm::zip(getStarts(), getSteps()))
    if (start != 0 || step != 1)
      return {};
  return getInput();
}

OpFoldResult ConcatOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  return {};
}

/// Converts one element with the op's semantics (to float: nearest even; float
/// to int truncates toward zero; int to int wraps; anything to i1 is `!= 0`);
/// nullopt where the runtime result is not a plain conversion (NaN, infinity
/// or an out-of-range float to an integer), which is left to the kernel.
static std::optional<Attribute> castElement(Attribute value, Type to) {
  if (auto f = dyn_cast<FloatAttr>(value)) {
    APFloat v = f.getValue();
    if (to.isInteger(1))
      return IntegerAttr::get(to, v.isZero() ? 0 : 1);
    if (auto toFloat = dyn_cast<FloatType>(to)) {
      bool losesInfo;
      v.convert(toFloat.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                &losesInfo);
      return FloatAttr::get(to, v);
    }
    auto toInt = cast<IntegerType>(to);
    APSInt result(toInt.getWidth(), toInt.isUnsigned());
    bool exact;
    if (v.isNaN() || v.isInfinity() ||
        v.convertToInteger(result, APFloat::rmTowardZero, &exact) ==
            APFloat::opInvalidOp)
      return std::nullopt;
    return IntegerAttr::get(to, APInt(result));
  }
  auto i = dyn_cast<IntegerAttr>(value);
  if (!i)
    return std::nullopt;
  const APInt &v = i.getValue();
  bool isSigned = !i.getType().isUnsignedInteger() && !i.getType().isInteger(1);
  if (to.isInteger(1))
    return IntegerAttr::get(to, v.isZero() ? 0 : 1);
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    APFloat result(toFloat.getFloatSemantics());
    result.convertFromAPInt(v, isSigned, APFloat::rmNearestTiesToEven);
    return FloatAttr::get(to, result);
  }
  unsigned width = to.getIntOrFloatBitWidth();
  return IntegerAttr::get(to, isSigned ? v.sextOrTrunc(width) : v.zextOrTrunc(width));
}

/// True if converting `from` to `to` keeps every value, so that converting back
/// restores it (f16 -> f32, ui8 -> i32, i1 -> anything, ...).
static bool isExactConversion(Type from, Type to) {
  if (from == to || from.isInteger(1))
    return true;
  auto fromFloat = dyn_cast<FloatType>(from);
  auto toFloat = dyn_cast<FloatType>(to);
  if (fromFloat && toFloat)
    return APFloat::isRepresentableAsNormalIn(fromFloat.getFloatSemantics(),
                                              toFloat.getFloatSemantics()) &&
           fromFloat.getFPMantissaWidth() <= toFloat.getFPMantissaWidth();
  auto fromInt = dyn_cast<IntegerType>(from);
  if (!fromInt)
    return false;
  bool fromSigned = !fromInt.isUnsigned();
  unsigned magnitudeBits = fromInt.getWidth() - (fromSigned ? 1 : 0);
  if (toFloat)
    return magnitudeBits <= unsigned(toFloat.getFPMantissaWidth());
  auto toInt = dyn_cast<IntegerType>(to);
  if (!toInt || toInt.isInteger(1))
    return false;
  bool toSigned = !toInt.isUnsigned();
  unsigned toMagnitudeBits = toInt.getWidth() - (toSigned ? 1 : 0);
  return (fromSigned == toSigned || !fromSigned) && magnitudeBits <= toMagnitudeBits;
}

OpFoldResult CastOp::fold(FoldAdaptor adaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // cast(cast(x)) back to x's type is x when the inner cast kept every value
  // (the f32 -> f16 -> f32 -> f16 chains of ONNX Cast at a graph output).
  if (auto inner = getInput().getDefiningOp<CastOp>())
    if (inner.getInput().getType() == getType() &&
        isExactConversion(getType().getElementType(),
                          inner.getType().getElementType()))
      return inner.getInput();
  DenseElementsAttr dense = getFoldableDense(adaptor.getInput());
  if (!dense)
    return {};
  Type to = getType().getElementType();
  if (dense.isSplat()) {
    std::optional<Attribute> value =
        castElement(dense.getSplatValue<Attribute>(), to);
    if (!value)
      return {};
    return DenseElementsAttr::get(getType(), *value);
  }
  SmallVector<Attribute> out;
  for (Attribute element : dense.getValues<Attribute>()) {
    std::optional<Attribute> value = castElement(element, to);
    if (!value)
      return {};
    out.push_back(*value);
  }
  return DenseElementsAttr::get(getType(), out);
}

namespace {
/// transpose(transpose(x, inner), outer) -> transpose(x, inner o outer).
struct ComposeTransposes : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<TransposeOp>();
    if (!inner)
      return failure();
    ArrayRef<int64_t> innerPerm = inner.getPerm(), outerPerm = op.getPerm();
    SmallVector<int64_t> perm;
    for (int64_t p : outerPerm)
      perm.push_back(innerPerm[p]);
    Location loc = rewriter.getFusedLoc({inner.getLoc(), op.getLoc()});
    auto transpose =
        TransposeOp::create(rewriter, loc, op.getType(), inner.getInput(), perm);
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

/// reshape(reshape(x)) -> reshape(x).
struct ComposeReshapes : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto inner = op.getInput().getDefiningOp<ReshapeOp>();
    if (!inner)
      return failure();
    Location loc = rewriter.getFusedLoc({inner.getLoc(), op.getLoc()});
    auto reshape =
        ReshapeOp::create(rewriter, loc, op.getType(), inner.getInput());
    rewriter.replaceOp(op, reshape.getResult());
    return success();
  }
};

/// Whether `perm` swaps the last two dims and keeps the others in place.
static bool swapsLastTwo(ArrayRef<int64_t> perm) {
  int64_t r = static_cast<int64_t>(perm.size());
  if (r < 2 || perm[r - 2] != r - 1 || perm[r - 1] != r - 2)
    return false;
  for (int64_t i = 0; i + 2 < r; ++i)
    if (perm[i] != i)
      return false;
  return true;
}

/// matmul(a, transpose(b)) with a transpose of b's last two dims -> matmul(a, b) with
/// `transpose_rhs` flipped (MatMul(x, Transpose(W)) from older exporters): W stays a
/// constant, which device targets need to map the matmul onto their weight-stationary
/// GEMM. A transposed lhs is left alone: the WSE GEMM streams lhs rows and maps only
/// matmuls without `transpose_lhs`, so absorbing it would move such matmuls to the host.
struct AbsorbMatmulRhsTranspose : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    auto rhsT = op.getRhs().getDefiningOp<TransposeOp>();
    if (!rhsT || !swapsLastTwo(rhsT.getPerm()))
      return failure();
    rewriter.modifyOpInPlace(op, [&] {
      op.getRhsMutable().assign(rhsT.getInput());
      op.setTransposeRhs(!op.getTransposeRhs());
    });
    return success();
  }
};
} // namespace

void MatmulOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                           MLIRContext *context) {
  results.add<AbsorbMatmulRhsTranspose>(context);
}

void TransposeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                              MLIRContext *context) {
  results.add<ComposeTransposes>(context);
}

void ReshapeOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ComposeReshapes>(context);
}
