//===- Place.cpp - Pack PE regions onto the fabric ------------------------===//
//
// Every layer stays resident, so regions must not overlap. Shelf packing in program order
// (rows of regions, each as tall as its tallest region) keeps consecutive layers close and
// is deterministic; DESIGN 4's layer-pipelined placement will want the rectangles of
// consecutive layers adjacent, which this order already gives.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Wavelet/Transforms/Passes.h"
#include "accel/Dialect/Wavelet/Transforms/Plan.h"

#include "mlir/IR/BuiltinOps.h"

namespace accel::wavelet {
#define GEN_PASS_DEF_WSEPLACE
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"
} // namespace accel::wavelet

using namespace mlir;
using namespace accel::wavelet;

namespace {

struct WSEPlacePass : accel::wavelet::impl::WSEPlaceBase<WSEPlacePass> {
  void runOnOperation() override {
    for (FabricOp fabric : getOperation().getOps<FabricOp>()) {
      FabricModel model = FabricModel::of(fabric);
      int64_t x = 0, y = 0, shelf = 0, placed = 0, used = 0;
      WalkResult result = fabric.walk([&](RegionOp region) {
        int64_t w = region.getWidth() * region.getInstances(), h = region.getHeight();
        if (x + w > model.width) {
          y += shelf;
          x = 0;
          shelf = 0;
        }
        if (w > model.width || y + h > model.height) {
          region.emitError("the model does not fit the fabric: region '")
              << region.getSymName() << "' needs " << w << "x" << h << " PEs, but after "
              << placed << " regions (" << used << " PEs) the " << model.width << "x"
              << model.height << " fabric has no room left; use a larger grid (device "
              << "key grid=WxH) or a smaller model";
          return WalkResult::interrupt();
        }
        region.setX(x);
        region.setY(y);
        x += w;
        shelf = std::max(shelf, h);
        ++placed;
        used += w * h;
        return WalkResult::advance();
      });
      if (result.wasInterrupted())
        return signalPassFailure();
    }
  }
};

} // namespace
