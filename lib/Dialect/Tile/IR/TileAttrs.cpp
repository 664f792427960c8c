//===- TileAttrs.cpp - #tile.view -----------------------------------------===//

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
