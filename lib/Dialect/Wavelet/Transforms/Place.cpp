//===- Place.cpp - Pack PE regions onto the fabric ------------------------===//
//
// Every layer stays resident, so regions must not overlap. Skyline bottom-left packing in
// program order: the fabric keeps, per column, the lowest free row; each region (its
// instances side by side, as one rectangle) goes to the lowest position where it fits,
// leftmost on a tie. Deterministic, keeps consecutive layers close, and packs tall one-column
// elementwise regions next to wide GEMM regions (shelf packing, where each row of regions is
// as tall as its tallest, wasted most of the fabric on such mixes: EfficientNet-B0 ran out of
// room after 5,089 of 753,972 PEs). Positions do not change the simulated numerics or
// cycles: regions exchange data only through their host streams.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Wavelet/Transforms/Passes.h"
#include "accel/Dialect/Wavelet/Transforms/Plan.h"

#include "mlir/IR/BuiltinOps.h"

#include <deque>
#include <vector>

namespace accel::wavelet {
#define GEN_PASS_DEF_WSEPLACE
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"
} // namespace accel::wavelet

using namespace mlir;
using namespace accel::wavelet;

namespace {

/// The lowest free row per fabric column.
class Skyline {
public:
  Skyline(int64_t width, int64_t height) : height_(height), top_(size_t(width), 0) {}

  /// Finds the bottom-left position for a w x h rectangle: the x minimising the highest
  /// column under it (ties: smallest x). Returns false when no position fits.
  bool find(int64_t w, int64_t h, int64_t &bestX, int64_t &bestY) const {
    int64_t width = int64_t(top_.size());
    if (w <= 0 || h <= 0 || w > width || h > height_)
      return false;
    bestY = height_;
    std::deque<int64_t> window; // column indices with decreasing top_ (sliding maximum)
    for (int64_t x = 0; x < width; ++x) {
      while (!window.empty() && top_[size_t(window.back())] <= top_[size_t(x)])
        window.pop_back();
      window.push_back(x);
      int64_t left = x - w + 1;
      if (left < 0)
        continue;
      while (window.front() < left)
        window.pop_front();
      int64_t y = top_[size_t(window.front())];
      if (y < bestY) {
        bestY = y;
        bestX = left;
      }
    }
    return bestY + h <= height_;
  }

  void occupy(int64_t x, int64_t w, int64_t top) {
    for (int64_t i = x; i < x + w; ++i)
      top_[size_t(i)] = top;
  }

private:
  int64_t height_;
  std::vector<int64_t> top_;
};

struct WSEPlacePass : accel::wavelet::impl::WSEPlaceBase<WSEPlacePass> {
  void runOnOperation() override {
    for (FabricOp fabric : getOperation().getOps<FabricOp>()) {
      FabricModel model = FabricModel::of(fabric);
      Skyline sky(model.width, model.height);
      int64_t placed = 0, used = 0;
      WalkResult result = fabric.walk([&](RegionOp region) {
        int64_t w = region.getWidth() * region.getInstances(), h = region.getHeight();
        int64_t x = 0, y = 0;
        if (!sky.find(w, h, x, y)) {
          region.emitError("the model does not fit the fabric: region '")
              << region.getSymName() << "' needs " << w << "x" << h << " PEs, but after "
              << placed << " regions (" << used << " PEs) the " << model.width << "x"
              << model.height << " fabric has no room left; use a larger grid (device "
              << "key grid=WxH) or a smaller model";
          return WalkResult::interrupt();
        }
        region.setX(x);
        region.setY(y);
        sky.occupy(x, w, y + h);
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
