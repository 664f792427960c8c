//===- TileStructureOps.cpp - ipu, kernel, launch -------------------------===//
//
// Verifiers of the ops that place things: the ipu (device descriptor), its kernels with
// the kernel-level checks that need the whole program (what a mapped kernel holds,
// results written, step names, tensor placement), and their launch from the host.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Tile/Analysis/TensorPlacement.h"
#include "accel/Support/DeviceLaunch.h"
#include "TileVerify.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace accel::tile;
using namespace accel::tile::detail;

//===----------------------------------------------------------------------===//
// ipu
//===----------------------------------------------------------------------===//

LogicalResult IpuOp::verify() {
  auto positive = [&](IntegerAttr attr, StringRef name) -> LogicalResult {
    if (attr.getInt() < 1)
      return emitOpError() << name << " must be positive, got " << attr.getInt();
    return success();
  };
  if (failed(positive(getTilesAttr(), "tiles")) ||
      failed(positive(getMemoryBytesAttr(), "memory_bytes")) ||
      failed(positive(getWorkersAttr(), "workers")))
    return failure();
  if (getMemoryBytesAttr().getInt() < 4)
    return emitOpError() << "memory_bytes must hold at least one 32-bit word, got "
                         << getMemoryBytesAttr().getInt();
  if (!(getClockHz().convertToDouble() > 0))
    return emitOpError() << "clock_hz must be positive, got " << getClockHz().convertToDouble();
  for (Operation &op : getBody().front())
    if (!isa<KernelOp>(op))
      return op.emitOpError("is not allowed in a tile.ipu: it holds only tile.kernel ops");
  return success();
}

//===----------------------------------------------------------------------===//
// kernel
//===----------------------------------------------------------------------===//

bool KernelOp::isMapped() {
  return llvm::any_of(getBody().front(), [&](Operation &op) {
    return op.getDialect() == (*this)->getDialect() && !isa<OutputsOp>(op);
  });
}

LogicalResult OutputsOp::verify() {
  auto kernel = cast<KernelOp>((*this)->getParentOp());
  if (&kernel.getBody().front().back() != getOperation())
    return emitOpError("must be the last op of its kernel");
  if (kernel.isMapped())
    return emitOpError("is only allowed before mapping (the kernel holds tile ops)");
  ArrayRef<Type> results = kernel.getResultTypes();
  if (getValues().size() != results.size())
    return emitOpError("returns ") << getValues().size() << " values but the kernel has "
                                   << results.size() << " results";
  for (auto [i, v] : llvm::enumerate(getValues()))
    if (v.getType() != results[i])
      return emitOpError("value ") << i << " has type " << v.getType()
                                   << " but kernel result " << i << " is " << results[i];
  return success();
}

/// Tensors with an offset that share a tile do not overlap there while both are live
/// (TensorPlacement.h: the rule ipu-allocate-memory places by). Checked as a linear scan
/// in order of first use, so a kernel of thousands of tensors on thousands of tiles costs
/// about one pass over the tensors' tile lists.
static LogicalResult verifyTensorPlacement(KernelOp kernel) {
  // Between mapping and memory allocation no tensor has an offset: skip the liveness.
  if (llvm::count_if(kernel.getBody().front().getOps<TensorOp>(),
                     [](TensorOp t) { return t.getOffsetAttr() != nullptr; }) < 2)
    return success();
  TensorLiveness live = computeTensorLiveness(kernel);
  SmallVector<unsigned> placed;
  int64_t maxTile = 0;
  for (auto [i, tensor] : llvm::enumerate(live.tensors))
    if (tensor.getOffsetAttr()) {
      placed.push_back(i);
      maxTile = std::max(maxTile, tensor.getTiles().back());
    }
  llvm::stable_sort(placed, [&](unsigned x, unsigned y) {
    return live.ranges[x].first < live.ranges[y].first;
  });
  TileOccupancy occupancy(maxTile);
  for (unsigned i : placed) {
    TensorOp cur = live.tensors[i];
    int64_t begin = cur.getOffsetAttr().getInt(), end = begin + cur.getWords();
    occupancy.visit(cur.getTiles(), live.ranges[i].first);
    if (auto hit = occupancy.findOverlap(begin, end)) {
      TensorOp prev = live.tensors[hit->first];
      int64_t prevBegin = prev.getOffsetAttr().getInt();
      LiveRange a = live.ranges[hit->first], b = live.ranges[i];
      return cur.emitOpError("words [")
             << begin << ", " << end << ") on tile " << hit->second << " overlap tensor '"
             << prev.getName() << "' at [" << prevBegin << ", " << prevBegin + prev.getWords()
             << ") while both are live ('" << prev.getName()
             << "' over the kernel's top-level ops " << a.first << ".." << a.last
             << ", this tensor over " << b.first << ".." << b.last << ")";
    }
    occupancy.add(begin, end, live.ranges[i].last, i);
  }
  return success();
}

LogicalResult KernelOp::verifyRegions() {
  if (ArrayAttr layers = getLayersAttr(); layers && layers.empty())
    return emitOpError("layers must not be empty (without it the kernel is one layer)");
  for (auto [i, type] : llvm::enumerate(getArgumentTypes()))
    if (!isa<RankedTensorType>(type))
      return emitOpError() << "argument #" << i << " must be a ranked tensor, got " << type;
  for (auto [i, type] : llvm::enumerate(getResultTypes()))
    if (!isa<RankedTensorType>(type))
      return emitOpError() << "result #" << i << " must be a ranked tensor, got " << type;

  // Between partitioning and mapping a kernel holds the op it runs (a dataflow op, not
  // yet lowered); once mapped it holds only tile ops: declarations, then program steps.
  if (!isMapped())
    return success();
  Operation *firstStep = nullptr;
  for (Operation &op : getBody().front()) {
    if (isStep(&op)) {
      if (!firstStep)
        firstStep = &op;
      continue;
    }
    if (!isa<TensorOp, InitOp>(op))
      return op.emitOpError("is not allowed in a mapped tile.kernel: it holds tile.tensor "
                            "and tile.init ops, then program steps (compute_set, sync, "
                            "exchange, host_exchange, repeat)");
    if (firstStep)
      return op.emitOpError("must precede the kernel's program steps (first: ")
             << firstStep->getName() << ")";
  }

  // Step names are unique per kind (they name Program.h's compute sets, exchanges and
  // host exchanges); every result is written by a host copy.
  llvm::StringSet<> computeSets, exchanges, hostExchanges;
  SmallVector<bool> written(getResultTypes().size(), false);
  WalkResult walked = (*this)->walk([&](Operation *op) -> WalkResult {
    auto unique = [&](llvm::StringSet<> &names, StringRef name, StringRef kind) {
      if (names.insert(name).second)
        return WalkResult::advance();
      op->emitOpError("name '") << name << "' is used by another " << kind
                                << " of kernel @" << getSymName();
      return WalkResult::interrupt();
    };
    if (auto cs = dyn_cast<ComputeSetOp>(op))
      return unique(computeSets, cs.getName(), "compute set");
    if (auto ex = dyn_cast<ExchangeOp>(op))
      return unique(exchanges, ex.getName(), "exchange");
    if (auto hx = dyn_cast<HostExchangeOp>(op))
      return unique(hostExchanges, hx.getName(), "host exchange");
    if (auto copy = dyn_cast<HostCopyOp>(op); copy && copy.getResultIndexAttr()) {
      int64_t index = copy.getResultIndexAttr().getInt();
      if (index >= 0 && index < (int64_t)written.size())
        written[index] = true;
    }
    return WalkResult::advance();
  });
  if (walked.wasInterrupted())
    return failure();
  for (auto [i, w] : llvm::enumerate(written))
    if (!w)
      return emitOpError() << "result #" << i
                           << " is never written by a tile.host_copy to result(" << i << ")";
  return verifyTensorPlacement(*this);
}

//===----------------------------------------------------------------------===//
// launch
//===----------------------------------------------------------------------===//

LogicalResult LaunchOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  auto kernel =
      accel::lookupLaunchedKernel<IpuOp, KernelOp>(*this, symbolTable, getKernelAttr());
  if (!kernel)
    return emitOpError() << getKernelAttr()
                         << " does not name a tile.kernel of a tile.ipu in scope";
  return accel::verifyLaunchTypes(*this, getKernelAttr(), getInputs().getTypes(),
                                  getOutputs().getTypes(), kernel.getArgumentTypes(),
                                  kernel.getResultTypes());
}
