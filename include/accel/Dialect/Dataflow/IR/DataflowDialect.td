//===- DataflowDialect.td - the dataflow dialect -----------*- tablegen -*-===//
//
// The target-independent tensor dialect every Accel target lowers from. The op
// and attribute names are the compiler/runtime contract (docs/dialect.md).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWDIALECT_TD
#define ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWDIALECT_TD

include "mlir/IR/OpBase.td"

def Dataflow_Dialect : Dialect {
  let name = "dataflow";
  let cppNamespace = "::accel::dataflow";
  let summary = "Target-independent tensor graph with static shapes";
  let description = [{
    Tensor ops with value semantics and static shapes. Every op infers (or
    verifies) its result type, so the importer, the passes and the runtime
    agree on shapes. See docs/dialect.md.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let dependentDialects = [];
}

#endif // ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWDIALECT_TD
