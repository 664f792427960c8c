//===- Host.h - The host target dialect -------------------------*- C++ -*-===//
#ifndef ACCEL_DIALECT_HOST_IR_HOST_H
#define ACCEL_DIALECT_HOST_IR_HOST_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"

#include "accel/Dialect/Host/IR/HostDialect.h.inc"

#define GET_OP_CLASSES
#include "accel/Dialect/Host/IR/HostOps.h.inc"

#endif // ACCEL_DIALECT_HOST_IR_HOST_H
