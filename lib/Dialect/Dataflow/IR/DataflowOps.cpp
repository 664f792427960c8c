//===- DataflowOps.cpp - dataflow op definitions and verifiers ------------===//
//
// Verifiers for the rules that inferReturnTypes does not already enforce:
// element types a kind accepts, and the ops whose result type is given rather
// than inferred (reshape, expand, slice, cast, resize).
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace accel::dataflow;

/// `custom<EnumKeyword>($kind)`: a dataflow enum attribute written as its bare
/// case name (`relu`), without the `#dataflow<unary_kind ...>` wrapper.
template <typename AttrT>
static ParseResult parseEnumKeyword(OpAsmParser &parser, AttrT &attr) {
  using EnumT = decltype(std::declval<AttrT>().getValue());
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<EnumT> value = symbolizeEnum<EnumT>(keyword);
  if (!value)
    return parser.emitError(loc, "unknown ")
           << AttrT::getMnemonic() << " '" << keyword << "'";
  attr = AttrT::get(parser.getContext(), *value);
  return success();
}

template <typename AttrT>
static void printEnumKeyword(OpAsmPrinter &printer, Operation *, AttrT attr) {
  printer << stringifyEnum(attr.getValue());
}

/// `custom<ActivationList>($activations)`: the activations of a recurrent op
/// as a bracketed list of bare names, `[sigmoid, tanh, tanh]`.
static ParseResult parseActivationList(OpAsmParser &parser, ArrayAttr &attr) {
  SmallVector<Attribute> values;
  auto parseOne = [&]() -> ParseResult {
    RnnActivationAttr value;
    if (parseEnumKeyword(parser, value))
      return failure();
    values.push_back(value);
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square, parseOne))
    return failure();
  attr = parser.getBuilder().getArrayAttr(values);
  return success();
}

static void printActivationList(OpAsmPrinter &printer, Operation *,
                                ArrayAttr attr) {
  printer << "[";
  llvm::interleaveComma(attr, printer, [&](Attribute a) {
    if (std::optional<StringRef> name = stringifyDataflowEnum(a))
      printer << *name;
    else
      printer.printAttribute(a);
  });
  printer << "]";
}

#define GET_OP_CLASSES
#include "accel/Dialect/Dataflow/IR/DataflowOps.cpp.inc"

namespace {
std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleave(shape, os, ",");
  os << "]";
  return s;
}

bool isBool(Type t) { return t.isInteger(1); }

RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}
} // namespace

LogicalResult UnaryOp::verify() {
  Type element = tensorType(getInput()).getElementType();
  switch (getKind()) {
  case UnaryKind::Identity:
    return success();
  case UnaryKind::Not:
    if (!isBool(element))
      return emitOpError("kind 'not' requires an i1 input, got ") << element;
    return success();
  case UnaryKind::Abs:
  case UnaryKind::Neg:
  case UnaryKind::Sign:
  case UnaryKind::Relu:
    if (isBool(element))
      return emitOpError("kind '")
             << stringifyEnum(getKind()) << "' does not accept an i1 input";
    return success();
  default:
    if (!element.isF32())
      return emitOpError("kind '")
             << stringifyEnum(getKind()) << "' requires an f32 input, got "
             << element;
    return success();
  }
}

LogicalResult BinaryOp::verify() {
  Type element = tensorType(getLhs()).getElementType();
  switch (getKind()) {
  case BinaryKind::Equal:
    return success();
  case BinaryKind::And:
  case BinaryKind::Or:
  case BinaryKind::Xor:
    if (!isBool(element))
      return emitOpError("kind '")
             << stringifyEnum(getKind()) << "' requires i1 operands, got "
             << element;
    return success();
  default:
    if (isBool(element))
      return emitOpError("kind '")
             << stringifyEnum(getKind()) << "' does not accept i1 operands";
    return success();
  }
}

LogicalResult ClampOp::verify() {
  float lo = getMin().convertToFloat(), hi = getMax().convertToFloat();
  if (std::isnan(lo) || std::isnan(hi))
    return emitOpError("'min' and 'max' must not be NaN");
  return success();
}

LogicalResult ReshapeOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("result element type ")
           << out.getElementType() << " differs from the input element type "
           << in.getElementType();
  if (in.getNumElements() != out.getNumElements())
    return emitOpError("result shape ")
           << shapeString(out.getShape()) << " has " << out.getNumElements()
           << " elements, the input shape " << shapeString(in.getShape())
           << " has " << in.getNumElements();
  return success();
}

LogicalResult ExpandOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("result element type ")
           << out.getElementType() << " differs from the input element type "
           << in.getElementType();
  auto shape = broadcastShapes(in.getShape(), out.getShape());
  if (failed(shape) || ArrayRef<int64_t>(*shape) != out.getShape())
    return emitOpError("input shape ")
           << shapeString(in.getShape())
           << " does not broadcast to the result shape "
           << shapeString(out.getShape());
  return success();
}

LogicalResult SliceOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = getType();
  if (in.getElementType() != out.getElementType())
    return emitOpError("result element type ")
           << out.getElementType() << " differs from the input element type "
           << in.getElementType();
  int64_t rank = in.getRank();
  if (out.getRank() != rank)
    return emitOpError("result rank ")
           << out.getRank() << " differs from the input rank " << rank;
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  if ((int64_t)starts.size() != rank || (int64_t)steps.size() != rank)
    return emitOpError("'starts' and 'steps' must have one value per dim (")
           << rank << "), got " << starts.size() << " and " << steps.size();
  for (int64_t d = 0; d < rank; ++d) {
    int64_t size = in.getDimSize(d), count = out.getDimSize(d);
    if (steps[d] == 0)
      return emitOpError("'steps' must be non-zero (dim ") << d << ")";
    if (count == 0) {
      if (starts[d] < 0 || starts[d] > size)
        return emitOpError("'starts' ")
               << starts[d] << " is out of range for dim " << d << " of size "
               << size;
      continue;
    }
    int64_t last = starts[d] + (count - 1) * steps[d];
    if (starts[d] < 0 || starts[d] >= size || last < 0 || last >= size)
      return emitOpError("dim ")
             << d << " reads indices " << starts[d] << ".." << last
             << " (start, step " << steps[d] << ", " << count
             << " elements) outside the input dim of size " << size;
  }
  return success();
}

LogicalResult CastOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = getType();
  if (in.getShape() != out.getShape())
    return emitOpError("result shape ")
           << shapeString(out.getShape()) << " differs from the input shape "
           << shapeString(in.getShape());
  return success();
}

LogicalResult ResizeOp::verify() {
  RankedTensorType in = tensorType(getInput()), out = getType();
  if (in.getRank() != out.getRank())
    return emitOpError("result rank ")
           << out.getRank() << " differs from the input rank " << in.getRank();
  ArrayRef<float> scales = getScales();
  if ((int64_t)scales.size() != in.getRank())
    return emitOpError("'scales' must have one value per dim (")
           << in.getRank() << "), got " << scales.size();
  for (float s : scales)
    if (!(s > 0.0f) || std::isinf(s))
      return emitOpError("'scales' must be positive and finite, got ") << s;
  for (int64_t d = 0; d < in.getRank(); ++d)
    if (in.getDimSize(d) == 0 && out.getDimSize(d) != 0)
      return emitOpError("cannot resize the empty dim ") << d;
  return success();
}
