//===- SourceNode.cpp - The ONNX node an MLIR location names --------------===//
#include "accel/Support/SourceNode.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

accel::SourceNode accel::describeSourceNode(Location loc) {
  SourceNode result;
  // Pre-order walk: the outermost (most recent) fusion is seen first, and for a fused
  // rewrite result the first fused op is the one the user is most likely to recognise.
  loc->walk([&](Location inner) {
    if (auto fused = dyn_cast<FusedLoc>(inner)) {
      if (auto type = dyn_cast_or_null<StringAttr>(fused.getMetadata()))
        if (result.opType.empty())
          result.opType = type.str();
    } else if (auto name = dyn_cast<NameLoc>(inner)) {
      if (result.node.empty())
        result.node = name.getName().str();
    } else if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      if (result.file.empty())
        result.file = file.getFilename().str();
    }
    bool done = !result.node.empty() && !result.opType.empty() && !result.file.empty();
    return done ? WalkResult::interrupt() : WalkResult::advance();
  });
  return result;
}
