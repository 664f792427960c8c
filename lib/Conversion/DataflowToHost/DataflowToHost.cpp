//===- DataflowToHost.cpp - Place a dataflow function on the CPU host -----===//
//
// The host runtime has a kernel for every `dataflow` op, so "lowering" to the host is a
// placement decision: wrap the entry function in the `host.program` anchor. The check that
// every op is a dataflow op matters once other dialects appear in the input (a stray
// `arith` op would otherwise reach the emitter).
//
//===----------------------------------------------------------------------===//
#include "accel/Conversion/Passes.h"

#include "mlir/IR/Builders.h"

namespace accel {
#define GEN_PASS_DEF_CONVERTDATAFLOWTOHOST
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

namespace {
struct ConvertDataflowToHostPass
    : accel::impl::ConvertDataflowToHostBase<ConvertDataflowToHostPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto func = module.lookupSymbol<func::FuncOp>(entry);
    if (!func) {
      module.emitError("no entry function '@")
          << entry << "' to place on the host; the importer names it @main";
      return signalPassFailure();
    }
    if (func.isExternal() || !func.getBody().hasOneBlock()) {
      func.emitError("the host target needs a function with one block of dataflow ops");
      return signalPassFailure();
    }
    bool ok = true;
    func.walk([&](Operation *op) {
      if (op == func.getOperation() || isa<func::ReturnOp>(op))
        return;
      if (op->getDialect() && op->getDialect()->getNamespace() == "dataflow")
        return;
      if (llvm::is_contained(deviceLaunches, op->getName().getStringRef()))
        return;
      op->emitError("op '") << op->getName()
                            << "' has no host kernel; only dataflow ops run on the host";
      ok = false;
    });
    if (!ok)
      return signalPassFailure();

    OpBuilder builder(func);
    auto program = accel::host::ProgramOp::create(builder, func.getLoc(), preset);
    program.getBody().emplaceBlock();
    func->moveBefore(&program.getBody().front(), program.getBody().front().end());
  }
};
} // namespace
