//===- Route.cpp - Colors and route rules for each region ------------------===//
//
// Regions never share routers (wse-place keeps them apart), so every region may use the
// whole color budget; a region's logical channels get colors 0, 1, ... below the colors
// reserved for host I/O. The route rules follow the region's communication pattern:
//   gemm        channel 0: activation rows enter each PE row from the west and are
//               multicast east (every PE takes a copy through its ramp); channels 1/2:
//               partial sums chained south, even rows sending on 1 and odd rows on 2, so
//               a router never both receives and forwards one color (the checkerboard of
//               csl-examples' gemv); the last row sends out of the south edge.
//   elementwise channel k < inputs: operand k enters PE y from the west to its ramp; the
//   rowwise     last channel carries results from the ramp out of the east edge.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Wavelet/Transforms/Passes.h"
#include "accel/Dialect/Wavelet/Transforms/Plan.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace accel::wavelet {
#define GEN_PASS_DEF_WSEROUTE
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"
} // namespace accel::wavelet

using namespace mlir;
using namespace accel::wavelet;

namespace {

PeSetAttr pes(MLIRContext *ctx, int32_t x0 = 0, int32_t y0 = 0, int32_t yMod = 1,
              int32_t yRem = 0) {
  return PeSetAttr::get(ctx, x0, 1 << 30, y0, 1 << 30, 1, 0, yMod, yRem);
}

void route(OpBuilder &b, Location loc, int64_t color, Dir rx, Dir tx, PeSetAttr set) {
  RouteOp::create(b, loc, color, rx, tx, set.isAll() ? PeSetAttr() : set);
}

LogicalResult routeRegion(RegionOp region, const FabricModel &fabric) {
  MLIRContext *ctx = region.getContext();
  Location loc = region.getLoc();
  std::string kind = plan::getString(region, plan::kKind);
  int64_t channels = plan::getInt(region, plan::kChannels);
  if (channels > fabric.routableColors())
    return region.emitError("region '")
           << region.getSymName() << "' needs " << channels << " colors but only "
           << fabric.routableColors() << " of the fabric's " << fabric.colors
           << " are routable (" << fabric.reservedColors << " are reserved for host I/O)";
  bool streaming = kind == "elementwise" || kind == "rowwise" || kind == "depthwise";
  int64_t needed = kind == "gemm" ? plan::kGemmChannels
                   : streaming    ? plan::getInt(region, plan::kInputs) + 1
                                  : 0;
  if (needed > 0 && channels < needed)
    return region.emitError("region '")
           << region.getSymName() << "' has a '" << kind << "' plan with " << channels
           << " channels; its pattern needs " << needed;
  SmallVector<int64_t> colors;
  for (int64_t c = 0; c < channels; ++c)
    colors.push_back(c);
  region->setAttr(plan::kColors, DenseI64ArrayAttr::get(ctx, colors));
  auto colorOf = [&](int64_t channel) { return colors[channel]; };

  Block &body = region.getBody().front();
  OpBuilder b(ctx);
  // Routes go before the first task (or at the end when there is none yet).
  auto tasks = body.getOps<TaskOp>();
  if (tasks.empty())
    b.setInsertionPointToEnd(&body);
  else
    b.setInsertionPoint(*tasks.begin());

  if (kind == "gemm") {
    int64_t pk = plan::getInt(region, plan::kPk), pn = plan::getInt(region, plan::kPn);
    int64_t act = colorOf(plan::kGemmAct), even = colorOf(plan::kGemmPsumEven),
            odd = colorOf(plan::kGemmPsumOdd);
    // A one-column region has no east neighbour: its only rule takes the row in. (Emitting
    // the multicast rule as well would leave a rule every PE overrides: dead, and a route
    // whose deletion changes nothing.)
    if (pn > 1)
      route(b, loc, act, Dir::West, Dir::East | Dir::Ramp, pes(ctx));
    route(b, loc, act, Dir::West, Dir::Ramp, pes(ctx, static_cast<int32_t>(pn - 1)));
    route(b, loc, even, Dir::Ramp, Dir::South, pes(ctx, 0, 0, 2, 0));
    if (plan::getInt(region, plan::kStreamWeights))
      route(b, loc, colorOf(plan::kGemmWeights), Dir::West, Dir::Ramp, pes(ctx));
    if (pk > 1) {
      route(b, loc, even, Dir::North, Dir::Ramp, pes(ctx, 0, 0, 2, 1));
      route(b, loc, odd, Dir::Ramp, Dir::South, pes(ctx, 0, 0, 2, 1));
      if (pk > 2)
        route(b, loc, odd, Dir::North, Dir::Ramp, pes(ctx, 0, 2, 2, 0));
    }
  } else if (streaming) {
    int64_t inputs = plan::getInt(region, plan::kInputs);
    for (int64_t k = 0; k < inputs; ++k)
      route(b, loc, colorOf(k), Dir::West, Dir::Ramp, pes(ctx));
    route(b, loc, colorOf(inputs), Dir::Ramp, Dir::East, pes(ctx));
  } else {
    return region.emitError("region '") << region.getSymName() << "' has no plan to route";
  }
  for (auto in : body.getOps<StreamInOp>())
    in.setColor(colorOf(in.getColor()));
  for (auto out : body.getOps<StreamOutOp>())
    out.setColor(colorOf(out.getColor()));
  return success();
}

struct WSERoutePass : accel::wavelet::impl::WSERouteBase<WSERoutePass> {
  void runOnOperation() override {
    for (FabricOp fabric : getOperation().getOps<FabricOp>()) {
      FabricModel model = FabricModel::of(fabric);
      WalkResult result = fabric.walk([&](RegionOp region) {
        if (!region.getBody().front().getOps<RouteOp>().empty())
          return WalkResult::advance(); // already routed
        return failed(routeRegion(region, model)) ? WalkResult::interrupt()
                                                  : WalkResult::advance();
      });
      if (result.wasInterrupted())
        return signalPassFailure();
    }
  }
};

} // namespace
