//===- Place.cpp - Pack PE regions onto the fabric ------------------------===//
//
// Every layer stays resident, so regions must not overlap. Skyline packing in program
// order: the fabric's occupied height per column is kept, and each region goes where its
// top edge is lowest (leftmost on a tie). Deterministic, wastes little with the mix of
// wide GEMM regions and one-PE-wide elementwise columns, and keeps consecutive layers near
// each other (DESIGN 4's layer-pipelined placement will want them adjacent).
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
      std::vector<int64_t> skyline(static_cast<size_t>(model.width), 0);
      int64_t placed = 0, used = 0;
      WalkResult result = fabric.walk([&](RegionOp region) {
        int64_t w = region.getWidth() * region.getInstances(), h = region.getHeight();
        int64_t bestX = -1, bestY = 0;
        for (int64_t x = 0; w <= model.width && x + w <= model.width; ++x) {
          int64_t top = 0;
          for (int64_t c = x; c < x + w; ++c)
            top = std::max(top, skyline[static_cast<size_t>(c)]);
          if (top + h <= model.height && (bestX < 0 || top < bestY)) {
            bestX = x;
            bestY = top;
          }
        }
        if (bestX < 0) {
          region.emitError("the model does not fit the fabric: region '")
              << region.getSymName() << "' needs " << w << "x" << h << " PEs, but after "
              << placed << " regions (" << used << " PEs) the " << model.width << "x"
              << model.height << " fabric has no room left for it; use a larger grid "
              << "(device key grid=WxH) or a smaller model";
          return WalkResult::interrupt();
        }
        region.setX(bestX);
        region.setY(bestY);
        for (int64_t c = bestX; c < bestX + w; ++c)
          skyline[static_cast<size_t>(c)] = bestY + h;
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
