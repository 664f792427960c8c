//===- TranslateRegistration.cpp - accel-translate schedule entries -------===//
#include "accel/Target/TargetRegistry.h"

#include "accel/InitAll.h"

#include "accel/Dialect/Dataflow/IR/Dataflow.h"
#include "accel/Dialect/Host/IR/Host.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

void accel::registerScheduleTranslations() {
  static TranslateFromMLIRRegistration emit(
      "emit-schedule", "Serialize a module lowered to a target into a .accel schedule",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("expected a builtin.module at the top level");
        return emitScheduleForModule(module, os);
      },
      [](DialectRegistry &registry) { accel::registerAllDialects(registry); });

  static TranslateRegistration toJson(
      "schedule-to-json", "Print a .accel schedule as readable JSON",
      [](const std::shared_ptr<llvm::SourceMgr> &sourceMgr, llvm::raw_ostream &os,
         MLIRContext *context) -> LogicalResult {
        const llvm::MemoryBuffer *buffer = sourceMgr->getMemoryBuffer(sourceMgr->getMainFileID());
        llvm::ArrayRef<uint8_t> bytes(
            reinterpret_cast<const uint8_t *>(buffer->getBufferStart()), buffer->getBufferSize());
        std::string error;
        if (printScheduleAsJson(bytes, os, error))
          return success();
        return emitError(UnknownLoc::get(context))
               << buffer->getBufferIdentifier() << ": " << error;
      });
}
