//===- DataflowDialect.cpp - dataflow dialect registration ----------------===//

#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel::dataflow;

#include "accel/Dialect/Dataflow/IR/DataflowDialect.cpp.inc"
#include "accel/Dialect/Dataflow/IR/DataflowEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Dataflow/IR/DataflowAttrs.cpp.inc"

void DataflowDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "accel/Dialect/Dataflow/IR/DataflowAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "accel/Dialect/Dataflow/IR/DataflowOps.cpp.inc"
      >();
}

Operation *DataflowDialect::materializeConstant(OpBuilder &builder,
                                                Attribute value, Type type,
                                                Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}

std::optional<llvm::StringRef>
accel::dataflow::stringifyDataflowEnum(Attribute attr) {
  return llvm::TypeSwitch<Attribute, std::optional<llvm::StringRef>>(attr)
      .Case([](UnaryKindAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](BinaryKindAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](ReduceKindAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](ArgReduceKindAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](PoolKindAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](PadModeAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](ResizeModeAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](ResizeCoordinateModeAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](ResizeNearestModeAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](ScatterReductionAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](RnnDirectionAttr a) { return stringifyEnum(a.getValue()); })
      .Case([](RnnActivationAttr a) { return stringifyEnum(a.getValue()); })
      .Default([](Attribute) { return std::nullopt; });
}
