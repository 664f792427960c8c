//===- TileOps.cpp - tile op definitions and custom assembly --------------===//
//
// The ODS-generated op classes, the slice directives (`%t[offset:len]`,
// `%t[tile(3), offset:len]`, a transfer's destination list), the kernel's function
// syntax and host_copy's two forms. Verifiers live with their family:
// TileStructureOps.cpp (ipu, kernel, launch), TileMemoryOps.cpp (tensor, init),
// TileStepOps.cpp (compute sets, vertices, exchanges, host exchanges, repeat).
//
//===----------------------------------------------------------------------===//

#include "accel/Support/DeviceKernel.h"
#include "accel/Dialect/Tile/IR/Tile.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionImplementation.h"

using namespace mlir;
using namespace accel::tile;

/// `offset:len` inside the brackets of a slice.
static ParseResult parseOffsetLen(OpAsmParser &parser, DenseI64ArrayAttr &slice) {
  int64_t offset = 0, len = 0;
  if (parser.parseInteger(offset) || parser.parseColon() || parser.parseInteger(len))
    return failure();
  slice = parser.getBuilder().getDenseI64ArrayAttr({offset, len});
  return success();
}

static void printOffsetLen(OpAsmPrinter &printer, DenseI64ArrayAttr slice) {
  if (!slice) {
    printer << "<<null slice>>";
    return;
  }
  llvm::interleave(slice.asArrayRef(), printer, ":"); // unverified IR: print what is there
}

/// `[offset:len]` (the tensor operand precedes it).
static ParseResult parseSlice(OpAsmParser &parser, DenseI64ArrayAttr &slice) {
  if (parser.parseLSquare() || parseOffsetLen(parser, slice) || parser.parseRSquare())
    return failure();
  return success();
}

static void printSlice(OpAsmPrinter &printer, Operation *, DenseI64ArrayAttr slice) {
  printer << '[';
  printOffsetLen(printer, slice);
  printer << ']';
}

/// `tile(N)`.
static ParseResult parseTileNumber(OpAsmParser &parser, int64_t &tile) {
  if (parser.parseKeyword("tile") || parser.parseLParen() || parser.parseInteger(tile) ||
      parser.parseRParen())
    return failure();
  return success();
}

/// `[tile(N), offset:len]` (the tensor operand precedes it).
static ParseResult parseTileSlice(OpAsmParser &parser, IntegerAttr &tileAttr,
                                  DenseI64ArrayAttr &slice) {
  int64_t tile = 0;
  if (parser.parseLSquare() || parseTileNumber(parser, tile) || parser.parseComma() ||
      parseOffsetLen(parser, slice) || parser.parseRSquare())
    return failure();
  tileAttr = parser.getBuilder().getI64IntegerAttr(tile);
  return success();
}

static void printTileSlice(OpAsmPrinter &printer, Operation *, IntegerAttr tile,
                           DenseI64ArrayAttr slice) {
  printer << "[tile(" << tile.getInt() << "), ";
  printOffsetLen(printer, slice);
  printer << ']';
}

/// `[%t[tile(N), offset], ...]`: a transfer's destinations.
static ParseResult parseDestinations(OpAsmParser &parser,
                                     SmallVectorImpl<OpAsmParser::UnresolvedOperand> &dsts,
                                     DenseI64ArrayAttr &tilesAttr,
                                     DenseI64ArrayAttr &offsetsAttr) {
  SmallVector<int64_t> tiles, offsets;
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, [&]() {
        int64_t tile = 0, offset = 0;
        if (parser.parseOperand(dsts.emplace_back()) || parser.parseLSquare() ||
            parseTileNumber(parser, tile) || parser.parseComma() ||
            parser.parseInteger(offset) || parser.parseRSquare())
          return failure();
        tiles.push_back(tile);
        offsets.push_back(offset);
        return success();
      }))
    return failure();
  tilesAttr = parser.getBuilder().getDenseI64ArrayAttr(tiles);
  offsetsAttr = parser.getBuilder().getDenseI64ArrayAttr(offsets);
  return success();
}

static void printDestinations(OpAsmPrinter &printer, Operation *, OperandRange dsts,
                              DenseI64ArrayAttr tiles, DenseI64ArrayAttr offsets) {
  printer << '[';
  for (auto [i, dst] : llvm::enumerate(dsts)) {
    if (i)
      printer << ", ";
    printer << dst << "[tile(";
    if (i < tiles.size())
      printer << tiles[i];
    printer << "), ";
    if (i < offsets.size())
      printer << offsets[i];
    printer << ']';
  }
  printer << ']';
}

/// ` relu` after a vertex's codelet, or nothing. ODS parses an optional enum attribute
/// only in its long form (`#tile.unary_fn<relu>`); this keeps the bare keyword.
static ParseResult parseUnaryFn(OpAsmParser &parser, UnaryFnAttr &fn) {
  SmallVector<StringRef> names;
  for (uint32_t i = 0; i <= getMaxEnumValForUnaryFn(); ++i)
    names.push_back(stringifyUnaryFn(static_cast<UnaryFn>(i)));
  StringRef keyword;
  if (failed(parser.parseOptionalKeyword(&keyword, names)))
    return success();
  fn = UnaryFnAttr::get(parser.getContext(), *symbolizeUnaryFn(keyword));
  return success();
}

static void printUnaryFn(OpAsmPrinter &printer, Operation *, UnaryFnAttr fn) {
  if (fn)
    printer << ' ' << stringifyUnaryFn(fn.getValue());
}

#define GET_OP_CLASSES
#include "accel/Dialect/Tile/IR/TileOps.cpp.inc"

ParseResult KernelOp::parse(OpAsmParser &parser, OperationState &result) {
  return accel::parseDeviceKernel<KernelOp>(parser, result);
}

void KernelOp::print(OpAsmPrinter &printer) { accel::printDeviceKernel(printer, *this); }

void TensorOp::getAsmResultNames(function_ref<void(Value, StringRef)> setNameFn) {
  setNameFn(getResult(), getName());
}

/// To the device:
///   `%arg view(#tile.view<...>) to %t[tile(N), offset:len] attrs : tensor<...>, !tile.tensor<W>`
/// to the host:
///   `%t[tile(N), offset:len] to result(I) view(#tile.view<...>) attrs : !tile.tensor<W>`
ParseResult HostCopyOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand first, tensor;
  IntegerAttr tile;
  DenseI64ArrayAttr slice;
  Attribute view;
  Properties &props = result.getOrAddProperties<Properties>();
  if (parser.parseOperand(first))
    return failure();
  bool toDevice = succeeded(parser.parseOptionalKeyword("view"));
  if (toDevice) {
    if (parser.parseLParen() || parser.parseAttribute(view) || parser.parseRParen() ||
        parser.parseKeyword("to") || parser.parseOperand(tensor) ||
        parseTileSlice(parser, tile, slice))
      return failure();
  } else {
    int64_t index = 0;
    tensor = first;
    if (parseTileSlice(parser, tile, slice) || parser.parseKeyword("to") ||
        parser.parseKeyword("result") || parser.parseLParen() ||
        parser.parseInteger(index) || parser.parseRParen() || parser.parseKeyword("view") ||
        parser.parseLParen() || parser.parseAttribute(view) || parser.parseRParen())
      return failure();
    props.result_index = parser.getBuilder().getI64IntegerAttr(index);
  }
  auto viewAttr = dyn_cast<ViewAttr>(view);
  if (!viewAttr)
    return parser.emitError(parser.getNameLoc(), "expected a #tile.view attribute");
  props.view = viewAttr;
  props.tile = tile;
  props.slice = slice;

  SMLoc typesLoc;
  SmallVector<Type, 2> types;
  if (parser.parseOptionalAttrDict(result.attributes) || parser.parseColon() ||
      (typesLoc = parser.getCurrentLocation(), parser.parseTypeList(types)))
    return failure();
  size_t expected = toDevice ? 2 : 1;
  if (types.size() != expected)
    return parser.emitError(typesLoc) << "expected " << expected << " type(s)";
  if (toDevice && parser.resolveOperand(first, types[0], result.operands))
    return failure();
  return parser.resolveOperand(tensor, types.back(), result.operands);
}

void HostCopyOp::print(OpAsmPrinter &printer) {
  auto printView = [&] {
    printer << "view(";
    printer.printAttribute(getViewAttr());
    printer << ')';
  };
  printer << ' ';
  if (Value source = getSource()) {
    printer << source << ' ';
    printView();
    printer << " to " << getTensor();
    printTileSlice(printer, *this, getTileAttr(), getSliceAttr());
  } else {
    printer << getTensor();
    printTileSlice(printer, *this, getTileAttr(), getSliceAttr());
    printer << " to result(";
    if (getResultIndexAttr())
      printer << getResultIndexAttr().getInt();
    printer << ") ";
    printView();
  }
  printer.printOptionalAttrDict((*this)->getAttrs(),
                                {getTileAttrName(), getSliceAttrName(),
                                 getResultIndexAttrName(), getViewAttrName()});
  printer << " : ";
  if (Value source = getSource())
    printer << source.getType() << ", ";
  printer << getTensor().getType();
}
