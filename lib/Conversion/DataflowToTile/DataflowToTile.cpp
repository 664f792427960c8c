//===- DataflowToTile.cpp - Map IPU kernels onto tiles --------------------===//
#include "accel/Conversion/DataflowToTile.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Dataflow/IR/Dataflow.h"

namespace accel {
#define GEN_PASS_DEF_CONVERTDATAFLOWTOTILE
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

bool accel::tile::isMappableOnIPU(Operation *op) {
  return isa<accel::dataflow::MatmulOp, accel::dataflow::UnaryOp, accel::dataflow::BinaryOp>(op);
}

namespace {
struct ConvertDataflowToTilePass
    : accel::impl::ConvertDataflowToTileBase<ConvertDataflowToTilePass> {
  using Base::Base;
  void runOnOperation() override {
    getOperation().walk([&](accel::tile::KernelOp kernel) {
      if (!kernel.isMapped())
        kernel.emitError("convert-dataflow-to-tile: mapping is being written");
    });
  }
};
} // namespace
