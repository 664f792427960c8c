//===- TileAttrs.cpp - #tile.view, #tile.window, #tile.layer --------------===//

#include "accel/Dialect/Tile/IR/Tile.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel::tile;

FailureOr<llvm::APFloat> accel::tile::parseF32Parameter(AsmParser &parser) {
  llvm::APFloat value(0.0f);
  if (parser.parseFloat(llvm::APFloat::IEEEsingle(), value))
    return failure();
  return value;
}

FailureOr<SmallVector<ViewDim>> accel::tile::parseViewDims(AsmParser &parser) {
  SmallVector<ViewDim> dims;
  if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&]() {
        ViewDim dim;
        if (parser.parseLSquare() || parser.parseInteger(dim.first) || parser.parseComma() ||
            parser.parseInteger(dim.second) || parser.parseRSquare())
          return failure();
        dims.push_back(dim);
        return success();
      }))
    return failure();
  return dims;
}

void accel::tile::printViewDims(AsmPrinter &printer, ArrayRef<ViewDim> dims) {
  printer << '[';
  llvm::interleaveComma(dims, printer, [&](const ViewDim &dim) {
    printer << '[' << dim.first << ", " << dim.second << ']';
  });
  printer << ']';
}

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Tile/IR/TileAttrs.cpp.inc"

void TileDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "accel/Dialect/Tile/IR/TileAttrs.cpp.inc"
      >();
}

/// The simulator's loader limits (lib/Sim/IPU/Validate.cpp): rank, field magnitudes and
/// element count of a view.
static constexpr size_t kMaxViewRank = 16;
static constexpr int64_t kMaxViewField = int64_t(1) << 40;
static constexpr int64_t kMaxViewElements = int64_t(1) << 32;

LogicalResult ViewAttr::verify(function_ref<InFlightDiagnostic()> emitError, int64_t base,
                               ArrayRef<ViewDim> dims, llvm::APFloat pad) {
  if (dims.size() > kMaxViewRank)
    return emitError() << "view has " << dims.size() << " dims, at most " << kMaxViewRank;
  if (base < -kMaxViewField || base > kMaxViewField)
    return emitError() << "view base " << base << " is out of range: |base| <= 2^40";
  int64_t n = 1;
  for (auto [j, dim] : llvm::enumerate(dims)) {
    if (dim.first < 1)
      return emitError() << "view dim #" << j << " size must be at least 1, got "
                         << dim.first;
    if (dim.second < -kMaxViewField || dim.second > kMaxViewField)
      return emitError() << "view dim #" << j << " stride " << dim.second
                         << " is out of range: |stride| <= 2^40";
    if (n > kMaxViewElements / dim.first)
      return emitError() << "view has more than 2^32 elements";
    n *= dim.first;
  }
  if (&pad.getSemantics() != &llvm::APFloat::IEEEsingle())
    return emitError() << "view pad must be an f32 value";
  return success();
}

int64_t ViewAttr::getNumElements() const {
  int64_t n = 1;
  for (const ViewDim &dim : getDims())
    n *= dim.first;
  return n;
}

/// The simulator's loader limits on a window (lib/Sim/IPU/Validate.cpp): sizes fit its
/// 32-bit fields, steps and padding at most 2^16, at most 2^20 taps.
static constexpr int64_t kMaxWindowSize = (int64_t(1) << 32) - 1;
static constexpr int64_t kMaxWindowStep = int64_t(1) << 16;
static constexpr int64_t kMaxWindowTaps = int64_t(1) << 20;

LogicalResult WindowAttr::verify(function_ref<InFlightDiagnostic()> emitError, int64_t c,
                                 int64_t h, int64_t w, int64_t oh, int64_t ow, int64_t kh,
                                 int64_t kw, int64_t sh, int64_t sw, int64_t dh, int64_t dw,
                                 int64_t ph, int64_t pw, int64_t cout) {
  std::pair<StringRef, int64_t> sizes[] = {{"c", c},   {"h", h},   {"w", w},
                                           {"oh", oh}, {"ow", ow}, {"kh", kh},
                                           {"kw", kw}, {"cout", cout}};
  for (auto [name, value] : sizes)
    if (value < 1 || value > kMaxWindowSize)
      return emitError() << "window " << name << " must be in [1, 2^32), got " << value;
  std::pair<StringRef, int64_t> steps[] = {{"sh", sh}, {"sw", sw}, {"dh", dh}, {"dw", dw}};
  for (auto [name, value] : steps)
    if (value < 1 || value > kMaxWindowStep)
      return emitError() << "window " << name << " must be in [1, 2^16], got " << value;
  // Negative padding would crop the slab: a mapping expresses that by a smaller slab.
  if (ph < 0 || pw < 0 || ph > kMaxWindowStep || pw > kMaxWindowStep)
    return emitError() << "window padding must be in [0, 2^16], got ph " << ph << ", pw "
                       << pw;
  // kh, kw < 2^32: compare without forming a product that could overflow.
  if (kh > kMaxWindowTaps || kw > kMaxWindowTaps || kh * kw > kMaxWindowTaps)
    return emitError() << "window has " << kh << " x " << kw << " taps, at most 2^20";
  return success();
}

LogicalResult LayerAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                StringRef name, int64_t flops, LocationAttr) {
  if (name.empty())
    return emitError() << "layer name must not be empty";
  if (flops < 0)
    return emitError() << "layer flops must be non-negative, got " << flops;
  return success();
}
