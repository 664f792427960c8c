//===- Partition.cpp - Outline device-capable ops into device kernels -----===//
//
// One kernel per device op, named after its ONNX node, so reports and the trace show
// layers by the names the user knows. The op moves into the kernel unchanged (the
// target's mapping pass lowers it there); its operands, constants included, become the
// kernel's arguments: weights reach the device with the program, not over the host link
// at run time (the schedule marks them resident).
//
//===----------------------------------------------------------------------===//
#include "accel/Conversion/Partition.h"
#include "accel/Conversion/Passes.h"

#include "accel/Analysis/Flops.h"
#include "accel/Support/SourceNode.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

namespace accel {
#define GEN_PASS_DEF_ACCELPARTITION
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {

const PartitionHooks *lookupPartitionHooks(llvm::StringRef target) {
  if (target == "wse")
    return &wsePartitionHooks();
  return nullptr;
}

} // namespace accel

namespace {

/// A symbol name from an ONNX node name: letters, digits and '_' ("/features/0/Conv" ->
/// "features_0_Conv").
std::string kernelBaseName(Operation *op) {
  std::string node = accel::describeSourceNode(op->getLoc()).node;
  std::string name;
  for (char c : node) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (ok)
      name += c;
    else if (!name.empty() && name.back() != '_')
      name += '_';
  }
  while (!name.empty() && name.back() == '_')
    name.pop_back();
  if (name.empty() || (name[0] >= '0' && name[0] <= '9'))
    name = op->getName().stripDialect().str() + (name.empty() ? "" : "_" + name);
  return name;
}

struct AccelPartitionPass : accel::impl::AccelPartitionBase<AccelPartitionPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    const accel::PartitionHooks *hooks = accel::lookupPartitionHooks(target);
    if (!hooks) {
      module.emitError("accel-partition: unknown device target '")
          << target << "'; device targets: wse";
      return signalPassFailure();
    }
    auto func = module.lookupSymbol<func::FuncOp>(entry);
    if (!func || func.isExternal()) {
      module.emitError("no entry function '@") << entry << "' to partition";
      return signalPassFailure();
    }
    Block *kernels = hooks->kernelBlock(module);
    if (!kernels)
      return signalPassFailure();
    Operation *anchor = kernels->getParentOp();
    SymbolTable symbols(anchor);

    SmallVector<Operation *> deviceOps;
    for (Operation &op : func.getBody().front())
      if (op.getDialect() && op.getDialect()->getNamespace() == "dataflow" &&
          op.getName().getStringRef() != "dataflow.constant" && hooks->isLegal(&op))
        deviceOps.push_back(&op);

    for (Operation *op : deviceOps) {
      OpBuilder b(kernels, kernels->end());
      auto type = b.getFunctionType(op->getOperandTypes(), op->getResultTypes());
      // Unique among kernels: SymbolTable::insert renames on a clash.
      std::string name = kernelBaseName(op);
      std::string unique = name;
      for (unsigned n = 1; symbols.lookup(unique); ++n)
        unique = name + "_" + std::to_string(n);
      Block *body = hooks->createKernel(b, op->getLoc(), unique, type);
      symbols.insert(body->getParentOp());
      // The kernel keeps the op's FLOPs (lib/Analysis) for the report once the op is
      // lowered away.
      body->getParentOp()->setAttr(
          "flops", b.getI64IntegerAttr(static_cast<int64_t>(accel::estimateFlops(op))));
      IRMapping mapping;
      for (auto [operand, arg] : llvm::zip(op->getOperands(), body->getArguments()))
        mapping.map(operand, arg);
      OpBuilder inner = OpBuilder::atBlockEnd(body);
      inner.clone(*op, mapping);

      OpBuilder outer(op);
      ValueRange results =
          hooks->createLaunch(outer, op->getLoc(), unique, op->getOperands(), op->getResultTypes());
      op->replaceAllUsesWith(results);
      op->erase();
    }
  }
};

} // namespace
