//===- OpsControlFlow.cpp - If with a condition known at import -----------===//
//
// torch exports squeeze(dim) of a dimension that is dynamic at export time as
// If(Shape(x)[dim] == 1, Squeeze, Identity). With static shapes the condition
// is known at import, and the selected branch is imported in place of the If.
// Data-dependent control flow has no dataflow form and is an error.
//
//===----------------------------------------------------------------------===//

#include "NodeImporter.h"

using namespace mlir;

namespace accel::onnx_import {
namespace {

LogicalResult importIf(NodeImporter &imp) {
  if (!imp.hasInput(0))
    return imp.error() << "missing required input 0";
  const ConstValue *cond = imp.constInput(0);
  if (!cond)
    return imp.notConstant(0, "cond");
  if (cond->size() != 1)
    return imp.error() << "cond must have one element, not " << cond->size();
  StringRef branch = cond->asDouble(0) != 0 ? "then_branch" : "else_branch";
  const onnx::AttributeProto *graph = findAttr(imp.node(), branch);
  if (!graph || !graph->has_g())
    return imp.error() << "has no " << branch << " graph";
  return imp.inlineGraph(graph->g());
}

} // namespace

void registerControlFlowHandlers(HandlerMap &map) { map["If"] = importIf; }

} // namespace accel::onnx_import
