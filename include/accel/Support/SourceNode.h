//===- SourceNode.h - The ONNX node an MLIR location names ------*- C++ -*-===//
//
// The importer gives every op `loc(fused<"OpType">["node", "model.onnx":N:1])`; passes
// wrap these in further fusions. Reports, runtime errors and diagnostics all want the
// same three facts back out, found the same way.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SUPPORT_SOURCENODE_H
#define ACCEL_SUPPORT_SOURCENODE_H

#include "mlir/IR/Location.h"

#include <string>

namespace accel {

struct SourceNode {
  std::string node;   // ONNX node name (first NameLoc found)
  std::string opType; // ONNX op type (metadata of the first FusedLoc that has one)
  std::string file;   // model file (first FileLineColLoc found)
};

/// Extracts the ONNX node a location refers to; fields stay empty when absent.
SourceNode describeSourceNode(mlir::Location loc);

} // namespace accel

#endif // ACCEL_SUPPORT_SOURCENODE_H
