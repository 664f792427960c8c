//===- MappingUtils.cpp - Shared pieces of the WSE mapping patterns -------===//
#include "MappingUtils.h"

using namespace mlir;

namespace accel::wavelet {

WindowAttr makeWindow(MLIRContext *ctx, ArrayRef<Dim> dims, float pad) {
  SmallVector<WindowDimAttr> attrs;
  for (const Dim &d : dims)
    attrs.push_back(WindowDimAttr::get(ctx, d.tensorDim, d.size, d.step, d.base, d.perX,
                                       d.perXDiv, d.perY, d.perYDiv, d.perInstance, d.xMod,
                                       d.yMod));
  return WindowAttr::get(ctx, attrs, APFloat(pad));
}

Dim dim(int32_t tensorDim, int64_t size, int64_t base, int64_t step) {
  Dim d;
  d.tensorDim = tensorDim;
  d.size = size;
  d.base = base;
  d.step = step;
  return d;
}

int64_t ceilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

bool isConstantTensor(Value v) {
  Operation *def = v.getDefiningOp();
  return def && def->getName().getStringRef() == "dataflow.constant";
}

bool allF32WithElements(Operation *op) {
  for (Type t : op->getOperandTypes())
    if (!cast<RankedTensorType>(t).getElementType().isF32())
      return false;
  for (Type t : op->getResultTypes()) {
    auto type = cast<RankedTensorType>(t);
    if (!type.getElementType().isF32() || type.getNumElements() == 0)
      return false;
  }
  return true;
}

FabricModel fabricModelOf(Operation *op) {
  FabricOp fabric = op->getParentOfType<FabricOp>();
  return fabric ? FabricModel::of(fabric) : FabricModel();
}

RegionOp createRegion(ConversionPatternRewriter &rewriter, Operation *op, int64_t width,
                      int64_t height, int64_t instances, DictionaryAttr plan) {
  auto kernel = op->getParentOfType<KernelOp>();
  auto region = RegionOp::create(rewriter, op->getLoc(), kernel.getSymName(), 0, 0, width,
                                 height, instances, 0, IntegerAttr());
  region->setAttr(plan::kAttr, plan);
  region.getBody().emplaceBlock();
  return region;
}

BufferOp createBuffer(OpBuilder &b, Location loc, StringRef name, int64_t words) {
  return BufferOp::create(b, loc, BufferType::get(b.getContext(), words), name, IntegerAttr());
}

} // namespace accel::wavelet
