//===- WaveletStructureOps.cpp - fabric, kernel, launch, region -----------===//
//
// Verifiers of the ops that place things: the fabric (device descriptor), its kernels,
// their launch from the host program and the PE regions, including the region-level
// checks that need the whole region (buffer placement, routes at the region's edge).
//
//===----------------------------------------------------------------------===//

#include "accel/Support/DeviceLaunch.h"
#include "WaveletVerify.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace accel::wavelet;
using namespace accel::wavelet::detail;

//===----------------------------------------------------------------------===//
// fabric
//===----------------------------------------------------------------------===//

LogicalResult FabricOp::verify() {
  auto positive = [&](IntegerAttr attr, StringRef name) -> LogicalResult {
    if (attr.getInt() < 1)
      return emitOpError() << name << " must be positive, got " << attr.getInt();
    return success();
  };
  if (failed(positive(getWidthAttr(), "width")) ||
      failed(positive(getHeightAttr(), "height")) ||
      failed(positive(getMemoryBytesAttr(), "memory_bytes")) ||
      failed(positive(getColorsAttr(), "colors")))
    return failure();
  if (getColorsAttr().getInt() > 32)
    return emitOpError() << "colors must be at most 32 (a color is 5 bits), got "
                         << getColorsAttr().getInt();
  if (!(getClockHz().convertToDouble() > 0))
    return emitOpError() << "clock_hz must be positive, got " << getClockHz().convertToDouble();
  for (Operation &op : getBody().front())
    if (!isa<KernelOp>(op))
      return op.emitOpError("is not allowed in a wavelet.fabric: it holds only "
                            "wavelet.kernel ops");
  return success();
}

//===----------------------------------------------------------------------===//
// kernel
//===----------------------------------------------------------------------===//

LogicalResult KernelOp::verifyRegions() {
  for (auto [i, type] : llvm::enumerate(getArgumentTypes()))
    if (!isa<RankedTensorType>(type))
      return emitOpError() << "argument #" << i << " must be a ranked tensor, got " << type;
  for (auto [i, type] : llvm::enumerate(getResultTypes()))
    if (!isa<RankedTensorType>(type))
      return emitOpError() << "result #" << i << " must be a ranked tensor, got " << type;

  // Between partitioning and mapping a kernel holds the op it runs (a dataflow op, not
  // yet lowered); once mapped it holds only PE regions, which must write every result.
  bool mapped = !getBody().front().getOps<RegionOp>().empty();
  if (!mapped) {
    for (Operation &op : getBody().front())
      if (op.getDialect() == (*this)->getDialect())
        return op.emitOpError("is not allowed in an unmapped wavelet.kernel");
    return success();
  }
  llvm::StringSet<> names;
  llvm::SmallVector<bool> written(getResultTypes().size(), false);
  for (Operation &op : getBody().front()) {
    auto region = dyn_cast<RegionOp>(op);
    if (!region)
      return op.emitOpError("is not allowed in a wavelet.kernel: it holds only "
                            "wavelet.region ops");
    if (!names.insert(region.getSymName()).second)
      return region.emitOpError("name '")
             << region.getSymName() << "' is used by another region of kernel @"
             << getSymName();
    for (auto out : region.getBody().front().getOps<StreamOutOp>()) {
      int64_t index = out.getResultIndexAttr().getInt();
      if (index >= 0 && index < (int64_t)written.size())
        written[index] = true;
    }
  }
  for (auto [i, w] : llvm::enumerate(written))
    if (!w)
      return emitOpError() << "result #" << i << " is never written by a wavelet.stream_out";
  return success();
}

//===----------------------------------------------------------------------===//
// launch
//===----------------------------------------------------------------------===//

LogicalResult LaunchOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto kernel =
      accel::lookupLaunchedKernel<FabricOp, KernelOp>(*this, symbolTable, getKernelAttr());
  if (!kernel)
    return emitOpError() << getKernelAttr()
                         << " does not name a wavelet.kernel of a wavelet.fabric in scope";
  return accel::verifyLaunchTypes(*this, getKernelAttr(), getInputs().getTypes(),
                                  getOutputs().getTypes(), kernel.getArgumentTypes(),
                                  kernel.getResultTypes());
}

//===----------------------------------------------------------------------===//
// region
//===----------------------------------------------------------------------===//

int64_t RegionOp::getDataWordLimit() {
  FabricOp fabric = FabricOp::getEnclosing(*this);
  if (!fabric)
    return std::numeric_limits<int64_t>::max();
  return (fabric.getMemoryBytesAttr().getInt() - getCodeBytesAttr().getInt()) / 4;
}

LogicalResult RegionOp::verify() {
  int64_t x = getXAttr().getInt(), y = getYAttr().getInt();
  int64_t width = getWidthAttr().getInt(), height = getHeightAttr().getInt();
  int64_t instances = getInstancesAttr().getInt();
  if (x < 0 || y < 0)
    return emitOpError() << "origin (" << x << ", " << y << ") must be non-negative";
  if (width < 1 || height < 1)
    return emitOpError() << "size " << width << " x " << height << " must be positive";
  if (instances < 1)
    return emitOpError() << "instances must be at least 1, got " << instances;
  int64_t codeBytes = getCodeBytesAttr().getInt();
  if (codeBytes < 0)
    return emitOpError() << "code_bytes must be non-negative, got " << codeBytes;
  if (getMemoryWordsAttr() && getMemoryWordsAttr().getInt() < 0)
    return emitOpError() << "memory_words must be non-negative, got "
                         << getMemoryWordsAttr().getInt();

  FabricOp fabric = FabricOp::getEnclosing(*this);
  if (!fabric)
    return success();
  int64_t fabricWidth = fabric.getWidthAttr().getInt();
  int64_t fabricHeight = fabric.getHeightAttr().getInt();
  if (x + instances * width > fabricWidth)
    return emitOpError() << "does not fit in the fabric: its " << instances
                         << " instance(s) span columns [" << x << ", "
                         << x + instances * width << ") but the fabric is " << fabricWidth
                         << " PEs wide";
  if (y + height > fabricHeight)
    return emitOpError() << "does not fit in the fabric: it spans rows [" << y << ", "
                         << y + height << ") but the fabric is " << fabricHeight
                         << " PEs high";
  int64_t memoryBytes = fabric.getMemoryBytesAttr().getInt();
  int64_t needed = codeBytes + 4 * (getMemoryWordsAttr() ? getMemoryWordsAttr().getInt() : 0);
  if (needed > memoryBytes)
    return emitOpError() << "needs " << needed
                         << " bytes per PE (code_bytes + 4 * memory_words) but a PE has "
                         << memoryBytes;
  return success();
}

namespace {
/// A stream end at the region's edge: PE, instance, side, color.
using StreamKey = std::tuple<int64_t, int64_t, int64_t, int32_t, int64_t>;
} // namespace

/// Buffers with an address lie inside the PE's data memory and do not overlap.
static LogicalResult verifyBufferPlacement(RegionOp region) {
  int64_t limit = region.getDataWordLimit();
  StringRef limitWhat = "words of PE memory left after code_bytes";
  if (auto words = region.getMemoryWordsAttr()) {
    limit = std::min(limit, words.getInt());
    limitWhat = "memory_words of the region";
  }
  SmallVector<BufferOp> placed;
  for (auto buffer : region.getBody().front().getOps<BufferOp>()) {
    if (!buffer.getAddrAttr())
      continue;
    int64_t addr = buffer.getAddrAttr().getInt();
    if (addr < 0)
      return buffer.emitOpError("addr must be non-negative, got ") << addr;
    if (addr + buffer.getSize() > limit)
      return buffer.emitOpError("occupies words [")
             << addr << ", " << addr + buffer.getSize() << ") beyond the " << limit << " "
             << limitWhat;
    placed.push_back(buffer);
  }
  llvm::sort(placed, [](BufferOp a, BufferOp b) {
    return a.getAddrAttr().getInt() < b.getAddrAttr().getInt();
  });
  for (size_t i = 1; i < placed.size(); ++i) {
    BufferOp prev = placed[i - 1], cur = placed[i];
    int64_t prevEnd = prev.getAddrAttr().getInt() + prev.getSize();
    if (cur.getAddrAttr().getInt() < prevEnd)
      return cur.emitOpError("words [")
             << cur.getAddrAttr().getInt() << ", "
             << cur.getAddrAttr().getInt() + cur.getSize() << ") overlap buffer '"
             << prev.getName() << "' at [" << prev.getAddrAttr().getInt() << ", " << prevEnd
             << ")";
  }
  return success();
}

/// The rule in effect at PE (x, y) for `color`: the last one covering it.
static RouteOp effectiveRoute(ArrayRef<RouteOp> routes, int64_t x, int64_t y,
                              int64_t color) {
  RouteOp last;
  for (RouteOp route : routes)
    if (route.getColorAttr().getInt() == color && route.covers(x, y))
      last = route;
  return last;
}

/// Routes and streams agree at the region's edge: whatever a route sends out of the
/// region is collected by a stream_out (it never leaves the fabric), every stream_out
/// is fed by a route and every stream_in enters a route.
static LogicalResult verifyEdgeTraffic(RegionOp region) {
  Block &body = region.getBody().front();
  SmallVector<RouteOp> routes(body.getOps<RouteOp>());
  llvm::DenseSet<StreamKey> outputs;
  for (auto out : body.getOps<StreamOutOp>())
    outputs.insert({out.getXAttr().getInt(), out.getYAttr().getInt(),
                    out.getInstanceAttr().getInt(), static_cast<int32_t>(out.getSide()),
                    out.getColorAttr().getInt()});
  SmallVector<int64_t> colors;
  for (RouteOp route : routes)
    if (!llvm::is_contained(colors, route.getColorAttr().getInt()))
      colors.push_back(route.getColorAttr().getInt());

  FabricOp fabric = FabricOp::getEnclosing(region);
  int64_t width = region.getWidthAttr().getInt(), height = region.getHeightAttr().getInt();
  int64_t instances = region.getInstancesAttr().getInt();
  int64_t originX = region.getXAttr().getInt(), originY = region.getYAttr().getInt();

  // Only the edge PEs can send out of the region: walk each side's PEs.
  for (Side side : {Side::North, Side::South, Side::East, Side::West}) {
    bool vertical = side == Side::East || side == Side::West;
    int64_t count = vertical ? height : width;
    for (int64_t i = 0; i < count; ++i) {
      int64_t px = vertical ? (side == Side::West ? 0 : width - 1) : i;
      int64_t py = vertical ? i : (side == Side::North ? 0 : height - 1);
      for (int64_t color : colors) {
        RouteOp route = effectiveRoute(routes, px, py, color);
        if (!route || !bitEnumContainsAll(route.getTx(), dirOf(side)))
          continue;
        for (int64_t inst = 0; inst < instances; ++inst) {
          if (outputs.contains({px, py, inst, static_cast<int32_t>(side), color}))
            continue;
          int64_t fx = originX + inst * width + px, fy = originY + py;
          bool leavesFabric =
              fabric && ((side == Side::West && fx == 0) || (side == Side::North && fy == 0) ||
                         (side == Side::East && fx == fabric.getWidthAttr().getInt() - 1) ||
                         (side == Side::South && fy == fabric.getHeightAttr().getInt() - 1));
          if (leavesFabric)
            return route.emitOpError("route leaves the fabric at PE (")
                   << fx << ", " << fy << ") through its " << sideName(side)
                   << " port on color " << color << " (PE (" << px << ", " << py
                   << ") of instance " << inst << " of region '" << region.getSymName()
                   << "'); add a wavelet.stream_out there or drop " << sideName(side)
                   << " from tx";
          return route.emitOpError("sends out of region '")
                 << region.getSymName() << "' at PE (" << px << ", " << py
                 << ") of instance " << inst << " through its " << sideName(side)
                 << " port on color " << color
                 << " but no wavelet.stream_out collects it there";
        }
      }
    }
  }

  // Streams are created when a kernel is mapped, routes when it is routed: the stream
  // checks apply once the region has routes.
  if (routes.empty())
    return success();
  for (auto in : body.getOps<StreamInOp>()) {
    int64_t color = in.getColorAttr().getInt();
    RouteOp route =
        effectiveRoute(routes, in.getXAttr().getInt(), in.getYAttr().getInt(), color);
    if (!route || !bitEnumContainsAll(route.getRx(), dirOf(in.getSide())))
      return in.emitOpError("enters PE (")
             << in.getXAttr().getInt() << ", " << in.getYAttr().getInt() << ") through its "
             << sideName(in.getSide()) << " port on color " << color
             << " but no route on that color accepts from " << sideName(in.getSide())
             << " there";
  }
  for (auto out : body.getOps<StreamOutOp>()) {
    int64_t color = out.getColorAttr().getInt();
    RouteOp route =
        effectiveRoute(routes, out.getXAttr().getInt(), out.getYAttr().getInt(), color);
    if (!route || !bitEnumContainsAll(route.getTx(), dirOf(out.getSide())))
      return out.emitOpError("collects from PE (")
             << out.getXAttr().getInt() << ", " << out.getYAttr().getInt()
             << ") through its " << sideName(out.getSide()) << " port on color " << color
             << " but no route on that color sends " << sideName(out.getSide()) << " there";
  }
  return success();
}

LogicalResult RegionOp::verifyRegions() {
  llvm::DenseMap<int64_t, TaskOp> dataTasks;
  for (Operation &op : getBody().front()) {
    if (!isa<BufferOp, RouteOp, InitOp, StreamInOp, StreamOutOp, TaskOp>(op))
      return op.emitOpError("is not allowed in a wavelet.region: it holds buffer, route, "
                            "init, stream_in, stream_out and task ops");
    auto task = dyn_cast<TaskOp>(op);
    if (!task || task.getKind() != TaskKind::Data || !task.getColorAttr())
      continue;
    auto [it, inserted] = dataTasks.try_emplace(task.getColorAttr().getInt(), task);
    if (!inserted)
      return task.emitOpError("fires on color ")
             << task.getColorAttr().getInt() << " like data task @"
             << it->second.getSymName() << "; a color starts one data task";
  }
  if (failed(verifyBufferPlacement(*this)))
    return failure();
  return verifyEdgeTraffic(*this);
}
