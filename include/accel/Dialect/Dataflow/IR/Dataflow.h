//===- Dataflow.h - the dataflow dialect ------------------------*- C++ -*-===//
//
// Everything a user of the dataflow dialect needs: the dialect, its enum
// attributes, its ops and the shape helpers shared with the importer.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_DATAFLOW_IR_DATAFLOW_H
#define ACCEL_DIALECT_DATAFLOW_IR_DATAFLOW_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "accel/Dialect/Dataflow/IR/DataflowDialect.h.inc"
#include "accel/Dialect/Dataflow/IR/DataflowEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "accel/Dialect/Dataflow/IR/DataflowAttrs.h.inc"

#include "accel/Dialect/Dataflow/IR/DataflowInterfaces.h.inc"

#define GET_OP_CLASSES
#include "accel/Dialect/Dataflow/IR/DataflowOps.h.inc"

#include "accel/Dialect/Dataflow/IR/DataflowUtils.h"

#endif // ACCEL_DIALECT_DATAFLOW_IR_DATAFLOW_H
