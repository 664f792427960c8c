//===- Partition.cpp - Outline device-capable ops into device kernels -----===//
//
// One kernel per device op (or, for a target that keeps activations on the device, per
// run of consecutive device ops), named after its (first) ONNX node, so reports and the
// trace show layers by the names the user knows. The op moves into the kernel unchanged (the
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
#include "llvm/ADT/SmallPtrSet.h"

namespace accel {
#define GEN_PASS_DEF_ACCELPARTITION
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace accel {

const PartitionHooks *lookupPartitionHooks(llvm::StringRef target) {
  if (target == "wse")
    return &wsePartitionHooks();
  if (target == "ipu")
    return &ipuPartitionHooks();
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
          << target << "'; device targets: wse, ipu";
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

    // Groups of device ops, each outlined into one kernel: one op each, or (grouping
    // targets) each maximal run of device ops with only constants between them.
    SmallVector<SmallVector<Operation *>> groups;
    bool open = false;
    for (Operation &op : func.getBody().front()) {
      bool isDataflow = op.getDialect() && op.getDialect()->getNamespace() == "dataflow";
      if (isDataflow && op.getName().getStringRef() == "dataflow.constant")
        continue;
      if (!isDataflow || !hooks->isLegal(&op)) {
        open = false;
        continue;
      }
      if (!open || !hooks->groupConsecutive)
        groups.emplace_back();
      groups.back().push_back(&op);
      open = true;
    }
    for (ArrayRef<Operation *> group : groups)
      outline(group, *hooks, kernels, symbols);
  }

  /// Outlines `group` (ops of one block, in order) into a kernel and a launch placed at
  /// the last op: every operand comes from before the group or from inside it, and every
  /// outside use of a result comes after it.
  void outline(ArrayRef<Operation *> group, const accel::PartitionHooks &hooks,
               Block *kernels, SymbolTable &symbols) {
    llvm::SmallPtrSet<Operation *, 16> inGroup(group.begin(), group.end());
    SmallVector<Value> inputs, outputs;
    llvm::SmallPtrSet<Value, 16> seenInput;
    if (!hooks.groupConsecutive) {
      // One op: the kernel's signature is the op's own (operands and results as listed).
      llvm::append_range(inputs, group.front()->getOperands());
      llvm::append_range(outputs, group.front()->getResults());
    } else {
      for (Operation *op : group)
        for (Value operand : op->getOperands())
          if (!inGroup.contains(operand.getDefiningOp()) && seenInput.insert(operand).second)
            inputs.push_back(operand);
      for (Operation *op : group)
        for (Value result : op->getResults())
          if (llvm::any_of(result.getUsers(),
                           [&](Operation *user) { return !inGroup.contains(user); }))
            outputs.push_back(result);
    }

    Operation *first = group.front();
    OpBuilder b(kernels, kernels->end());
    auto type = b.getFunctionType(ValueRange(inputs).getTypes(), ValueRange(outputs).getTypes());
    // Unique among kernels: SymbolTable::insert renames on a clash.
    std::string name = kernelBaseName(first);
    std::string unique = name;
    for (unsigned n = 1; symbols.lookup(unique); ++n)
      unique = name + "_" + std::to_string(n);
    Block *body = hooks.createKernel(b, first->getLoc(), unique, type);
    symbols.insert(body->getParentOp());
    // The kernel keeps its ops' FLOPs (lib/Analysis) for the report once they are
    // lowered away.
    uint64_t flops = 0;
    for (Operation *op : group)
      flops += accel::estimateFlops(op);
    body->getParentOp()->setAttr("flops", b.getI64IntegerAttr(static_cast<int64_t>(flops)));
    IRMapping mapping;
    for (auto [operand, arg] : llvm::zip(inputs, body->getArguments()))
      mapping.map(operand, arg);
    OpBuilder inner = OpBuilder::atBlockEnd(body);
    for (Operation *op : group)
      inner.clone(*op, mapping);
    if (hooks.finishKernel) {
      SmallVector<Value> returned;
      for (Value v : outputs)
        returned.push_back(mapping.lookup(v));
      hooks.finishKernel(inner, group.back()->getLoc(), returned);
    }

    OpBuilder outer(group.back());
    Location loc = group.size() == 1 ? first->getLoc() : outer.getFusedLoc(llvm::to_vector(
                                           llvm::map_range(group, [](Operation *op) {
                                             return op->getLoc();
                                           })));
    ValueRange results =
        hooks.createLaunch(outer, loc, unique, inputs, ValueRange(outputs).getTypes());
    for (auto [old, now] : llvm::zip(outputs, results))
      old.replaceAllUsesWith(now);
    for (Operation *op : llvm::reverse(group))
      op->erase();
  }
};

} // namespace
