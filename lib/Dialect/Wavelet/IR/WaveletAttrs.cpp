//===- WaveletAttrs.cpp - #wavelet.pes, #wavelet.window -------------------===//

#include "accel/Dialect/Wavelet/IR/Wavelet.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel::wavelet;

FailureOr<llvm::APFloat> accel::wavelet::parseF32Parameter(AsmParser &parser) {
  llvm::APFloat value(0.0f);
  if (parser.parseFloat(llvm::APFloat::IEEEsingle(), value))
    return failure();
  return value;
}

/// `[<tensor_dim = 0, size = 4>, ...]` (possibly empty): the dims of a window.
static ParseResult parseWindowDims(AsmParser &parser,
                                   SmallVectorImpl<WindowDimAttr> &dims) {
  return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&]() {
    WindowDimAttr dim;
    if (parser.parseCustomAttributeWithFallback(dim))
      return failure();
    dims.push_back(dim);
    return success();
  });
}

static void printWindowDims(AsmPrinter &printer, ArrayRef<WindowDimAttr> dims) {
  printer << '[';
  llvm::interleaveComma(dims, printer,
                        [&](WindowDimAttr dim) { printer.printStrippedAttrOrType(dim); });
  printer << ']';
}

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Wavelet/IR/WaveletAttrs.cpp.inc"

void WaveletDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "accel/Dialect/Wavelet/IR/WaveletAttrs.cpp.inc"
      >();
}

LogicalResult PeSetAttr::verify(function_ref<InFlightDiagnostic()> emitError, int32_t x0,
                                int32_t x1, int32_t y0, int32_t y1, int32_t xMod,
                                int32_t xRem, int32_t yMod, int32_t yRem) {
  if (x0 < 0 || y0 < 0)
    return emitError() << "PE set bounds must be non-negative, got x0 = " << x0
                       << ", y0 = " << y0;
  if (x1 < x0 || y1 < y0)
    return emitError() << "PE set is inverted: x in [" << x0 << ", " << x1 << "), y in ["
                       << y0 << ", " << y1 << ")";
  if (xMod < 1 || yMod < 1)
    return emitError() << "PE set moduli must be at least 1, got x_mod = " << xMod
                       << ", y_mod = " << yMod;
  if (xRem < 0 || xRem >= xMod || yRem < 0 || yRem >= yMod)
    return emitError() << "PE set remainders must be in [0, mod), got x_rem = " << xRem
                       << " (x_mod " << xMod << "), y_rem = " << yRem << " (y_mod " << yMod
                       << ")";
  return success();
}

bool PeSetAttr::isAll() const { return *this == PeSetAttr::get(getContext()); }

LogicalResult WindowDimAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                    int32_t tensorDim, int64_t size, int64_t, int64_t,
                                    int64_t, int64_t, int64_t, int64_t, int64_t,
                                    int32_t xMod, int32_t yMod) {
  if (tensorDim < 0)
    return emitError() << "window tensor_dim must be non-negative, got " << tensorDim;
  if (size < 1)
    return emitError() << "window dim size must be at least 1, got " << size;
  if (xMod < 1 || yMod < 1)
    return emitError() << "window dim moduli must be at least 1, got x_mod = " << xMod
                       << ", y_mod = " << yMod;
  return success();
}

LogicalResult WindowAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<WindowDimAttr> dims, llvm::APFloat pad) {
  // Program.h stores element counts and addresses in 32 bits.
  int64_t n = 1;
  for (WindowDimAttr dim : dims) {
    n *= dim.getSize();
    if (n > (int64_t(1) << 31))
      return emitError() << "window has more than 2^31 elements";
  }
  if (&pad.getSemantics() != &llvm::APFloat::IEEEsingle())
    return emitError() << "window pad must be an f32 value";
  return success();
}

int64_t WindowAttr::getNumElements() const {
  int64_t n = 1;
  for (WindowDimAttr dim : getDims())
    n *= dim.getSize();
  return n;
}
