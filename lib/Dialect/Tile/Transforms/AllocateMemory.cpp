//===- AllocateMemory.cpp - Word offsets for every tile tensor ------------===//
//
// A tile's memory holds its code, the state of its vertices and its tensors (DESIGN.md 4).
// Tensors are placed by liveness (TensorPlacement.h): two tensors on the same tile may
// share words when they are never live at the same time, which is what lets a kernel of
// many layers keep only the activations of the current layers in tile memory.
//
// What a tile needs, in bytes:
//   4 x (the highest word any of its tensors reaches)    tensors, gaps between them included
// + 16 x (vertices on the tile, over every compute set)  vertex state
// + code_bytes_per_tile                                  codelet code, a flat reservation
// Vertex state counts every vertex of the kernel, not only the largest compute set: as in
// Poplar, each vertex is a static object of the program whose state stays in tile memory
// whether its compute set is running or not (a vertex inside a tile.repeat is one vertex).
// Tensors start at word 0 of the simulated memory (the simulator models data words
// only), so code and vertex state are a budget, not an address range.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Tile/Transforms/Passes.h"

#include "accel/Dialect/Tile/Analysis/TensorPlacement.h"
#include "accel/Support/SourceNode.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <map>

namespace accel::tile {
#define GEN_PASS_DEF_IPUALLOCATEMEMORY
#include "accel/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace accel::tile

using namespace mlir;
using namespace accel::tile;

namespace {

/// Bytes of state per vertex (chosen, docs/targets/ipu.md): four 32-bit words, the word
/// offsets of out, a and b and a length, which is what the simulator's vertices carry;
/// Poplar's vertex state (a pointer and a size per edge) is of that order.
constexpr int64_t kVertexStateBytes = 16;
/// docs/targets/ipu.md: the code reservation when the ipu's fields do not give one.
constexpr int64_t kDefaultCodeBytes = 32768;
/// How many of the tiles that do not fit a diagnostic details.
constexpr size_t kWorstTilesShown = 3;

int64_t codeBytesOf(IpuOp ipu) {
  Attribute value = ipu.getFields().get("code_bytes_per_tile");
  if (auto f = dyn_cast_or_null<FloatAttr>(value))
    return static_cast<int64_t>(f.getValueAsDouble());
  if (auto i = dyn_cast_or_null<IntegerAttr>(value))
    return i.getInt();
  return kDefaultCodeBytes;
}

/// What a tensor holds, for the out-of-memory breakdown: weights are written by a
/// tile.init; activations by a vertex; exchange buffers only by transfers and host copies
/// (they receive data for vertices to read).
enum class Kind { Weights, Activations, ExchangeBuffers };

/// The name and location of layer `index` of the kernel's `layers`: a #tile.layer's name
/// and loc; other forms are read generically (a location anywhere inside the entry, a
/// `name` if it is a dictionary).
std::pair<std::string, std::optional<Location>> describeLayer(KernelOp kernel, int64_t index) {
  auto layers = kernel->getAttrOfType<ArrayAttr>("layers");
  if (!layers || index < 0 || index >= static_cast<int64_t>(layers.size()))
    return {"", std::nullopt};
  Attribute layer = layers[index];
  if (auto l = dyn_cast<LayerAttr>(layer)) {
    std::optional<Location> at;
    if (l.getLoc())
      at = Location(l.getLoc());
    return {l.getName().str(), at};
  }
  std::optional<Location> loc;
  if (auto l = dyn_cast<LocationAttr>(layer))
    loc = Location(l);
  else
    layer.walk([&](LocationAttr l) {
      if (!loc)
        loc = Location(l);
    });
  std::string name;
  if (auto dict = dyn_cast<DictionaryAttr>(layer))
    if (auto n = dict.getAs<StringAttr>("name"))
      name = n.getValue().str();
  if (auto s = dyn_cast<StringAttr>(layer))
    name = s.getValue().str();
  if (name.empty() && loc)
    name = accel::describeSourceNode(*loc).node;
  if (name.empty())
    name = "#" + std::to_string(index);
  return {name, loc};
}

/// The `layer` index of a top-level step; for a repeat without one, of its first step
/// that has one.
std::optional<int64_t> layerOf(Operation *step) {
  std::optional<int64_t> found;
  step->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (auto layer = op->getAttrOfType<IntegerAttr>("layer")) {
      found = layer.getInt();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

std::string describeStep(Operation *step) {
  std::string text = step->getName().getStringRef().str();
  if (auto name = step->getAttrOfType<StringAttr>("name"))
    text += " '" + name.getValue().str() + "'";
  return text;
}

struct TileNeed {
  int64_t tile = 0;
  int64_t extentWords = 0;
  int64_t vertexBytes = 0;
  int64_t bytes = 0;
};

class KernelAllocator {
public:
  KernelAllocator(IpuOp ipu, KernelOp kernel)
      : ipu_(ipu), kernel_(kernel), live_(computeTensorLiveness(kernel)),
        codeBytes_(codeBytesOf(ipu)) {}

  LogicalResult run() {
    classify();
    SmallVector<int64_t> offsets = place();
    SmallVector<TileNeed> needs = tileNeeds();
    int64_t limit = ipu_.getMemoryBytesAttr().getInt();
    SmallVector<TileNeed> over;
    int64_t highWater = 0;
    for (const TileNeed &need : needs) {
      highWater = std::max(highWater, need.bytes);
      if (need.bytes > limit)
        over.push_back(need);
    }
    if (!over.empty())
      return reportOutOfMemory(over, limit);

    Builder b(kernel_.getContext());
    for (auto [i, tensor] : llvm::enumerate(live_.tensors))
      if (!tensor.getOffsetAttr())
        tensor.setOffsetAttr(b.getI64IntegerAttr(offsets[i]));
    int64_t words = 0;
    for (auto [i, tensor] : llvm::enumerate(live_.tensors))
      words = std::max(words, offsets[i] + tensor.getWords());
    kernel_->setAttr("memory_words_per_tile", b.getI64IntegerAttr(words));
    kernel_->setAttr("memory_high_water_bytes", b.getI64IntegerAttr(highWater));
    return success();
  }

private:
  void classify() {
    llvm::DenseMap<Operation *, unsigned> index;
    for (auto [i, tensor] : llvm::enumerate(live_.tensors))
      index[tensor] = i;
    SmallVector<bool> vertexWritten(live_.tensors.size(), false);
    kernel_.walk([&](VertexOp vertex) {
      vertices_[vertex.getTileAttr().getInt()] += 1;
      if (auto out = vertex.getOut().getDefiningOp<TensorOp>())
        vertexWritten[index.lookup(out)] = true;
    });
    for (size_t i = 0; i < live_.tensors.size(); ++i)
      kinds_.push_back(live_.initialized[i] ? Kind::Weights
                       : vertexWritten[i]   ? Kind::Activations
                                            : Kind::ExchangeBuffers);
  }

  /// Offsets of every tensor (the kept ones included), by a linear scan in order of
  /// first use, then size (largest first), then program order.
  SmallVector<int64_t> place() {
    size_t n = live_.tensors.size();
    // A tensor placed before this pass keeps its offset; it is kept clear of for the
    // whole kernel, as nothing here may move it.
    LiveRange whole{0, std::max<int64_t>(0, static_cast<int64_t>(live_.ops.size()) - 1)};
    SmallVector<LiveRange> ranges(n);
    SmallVector<unsigned> order(n);
    for (size_t i = 0; i < n; ++i) {
      ranges[i] = live_.tensors[i].getOffsetAttr() ? whole : live_.ranges[i];
      order[i] = static_cast<unsigned>(i);
      maxTile_ = std::max(maxTile_, live_.tensors[i].getTiles().back());
    }
    llvm::stable_sort(order, [&](unsigned x, unsigned y) {
      if (ranges[x].first != ranges[y].first)
        return ranges[x].first < ranges[y].first;
      return live_.tensors[x].getWords() > live_.tensors[y].getWords();
    });
    SmallVector<int64_t> offsets(n, 0);
    occupancy_.emplace(maxTile_);
    for (unsigned i : order) {
      TensorOp tensor = live_.tensors[i];
      occupancy_->visit(tensor.getTiles(), ranges[i].first);
      int64_t words = tensor.getWords();
      offsets[i] =
          tensor.getOffsetAttr() ? tensor.getOffsetAttr().getInt() : occupancy_->lowestFit(words);
      occupancy_->add(offsets[i], offsets[i] + words, ranges[i].last, i);
    }
    return offsets;
  }

  /// What every tile holding a tensor or a vertex needs, by tile.
  SmallVector<TileNeed> tileNeeds() {
    SmallVector<TileNeed> needs;
    llvm::DenseMap<int64_t, size_t> at;
    auto need = [&](int64_t tile) -> TileNeed & {
      auto [it, inserted] = at.try_emplace(tile, needs.size());
      if (inserted)
        needs.push_back({tile, occupancy_->extent(tile), 0, 0});
      return needs[it->second];
    };
    // Every tile with a tensor has a positive extent; the extent table is per class of
    // tiles, so walking tiles costs the tile count, not the tensors' tile lists.
    occupancy_->forEachTile([&](int64_t tile, int64_t extent) {
      if (extent > 0)
        need(tile);
    });
    for (auto [tile, count] : vertices_)
      need(tile).vertexBytes = count * kVertexStateBytes;
    for (TileNeed &n : needs)
      n.bytes = n.extentWords * 4 + n.vertexBytes + codeBytes_;
    llvm::sort(needs, [](const TileNeed &x, const TileNeed &y) { return x.tile < y.tile; });
    return needs;
  }

  LogicalResult reportOutOfMemory(SmallVector<TileNeed> over, int64_t limit) {
    llvm::stable_sort(over, [](const TileNeed &x, const TileNeed &y) { return x.bytes > y.bytes; });
    size_t shown = std::min(over.size(), kWorstTilesShown);
    InFlightDiagnostic diag = kernel_.emitError("kernel @")
                              << kernel_.getSymName()
                              << " does not fit in tile memory: " << over.size()
                              << (over.size() == 1 ? " tile needs" : " tiles need")
                              << " more than the " << limit << " bytes a tile has (worst: ";
    for (size_t k = 0; k < shown; ++k)
      diag << (k ? ", " : "") << "tile " << over[k].tile << " needs " << over[k].bytes;
    diag << "); use more tiles (device key 'tiles') or more memory per tile "
            "('memory_bytes'), or a smaller batch";
    for (size_t k = 0; k < shown; ++k)
      explainTile(diag, over[k], limit);
    return failure();
  }

  /// A note at the layer where `need.tile`'s memory peaks: what is live there, by kind.
  void explainTile(InFlightDiagnostic &diag, const TileNeed &need, int64_t limit) {
    // Live words on the tile at each step: a sweep over the live ranges of the tensors
    // living on it (+words where a range starts, -words after it ends).
    SmallVector<unsigned> here;
    SmallVector<std::pair<int64_t, int64_t>> events;
    for (auto [i, tensor] : llvm::enumerate(live_.tensors))
      if (tensor.livesOn(need.tile)) {
        here.push_back(i);
        events.emplace_back(live_.ranges[i].first, tensor.getWords());
        events.emplace_back(live_.ranges[i].last + 1, -tensor.getWords());
      }
    llvm::sort(events);
    int64_t peakAt = -1, peakWords = -1, words = 0;
    size_t next = 0;
    for (auto [p, op] : llvm::enumerate(live_.ops)) {
      for (; next < events.size() && events[next].first <= static_cast<int64_t>(p); ++next)
        words += events[next].second;
      if (isa<ComputeSetOp, SyncOp, ExchangeOp, HostExchangeOp, RepeatOp>(op) &&
          words > peakWords) {
        peakWords = words;
        peakAt = static_cast<int64_t>(p);
      }
    }
    int64_t bytes[3] = {0, 0, 0};
    for (unsigned i : here)
      if (peakAt < 0 || (live_.ranges[i].first <= peakAt && peakAt <= live_.ranges[i].last))
        bytes[static_cast<int>(kinds_[i])] += live_.tensors[i].getWords() * 4;
    int64_t gaps = need.extentWords * 4 - bytes[0] - bytes[1] - bytes[2];

    Location loc = kernel_.getLoc();
    std::string where;
    if (peakAt >= 0) {
      Operation *step = live_.ops[peakAt];
      loc = step->getLoc();
      where = " at " + describeStep(step);
      if (std::optional<int64_t> layer = layerOf(step)) {
        auto [name, layerLoc] = describeLayer(kernel_, *layer);
        if (!name.empty())
          where = " at layer '" + name + "' (" + describeStep(step) + ")";
        if (layerLoc)
          loc = *layerLoc;
      }
    }
    diag.attachNote(loc) << "tile " << need.tile << " needs " << need.bytes << " bytes" << where
                         << ": weights " << bytes[0] << ", activations " << bytes[1]
                         << ", exchange buffers " << bytes[2] << ", unused gaps " << gaps
                         << ", vertex state " << need.vertexBytes << ", code " << codeBytes_
                         << "; the limit is " << limit;
  }

  IpuOp ipu_;
  KernelOp kernel_;
  TensorLiveness live_;
  int64_t codeBytes_;
  SmallVector<Kind> kinds_;
  std::map<int64_t, int64_t> vertices_; // tile -> vertices on it
  int64_t maxTile_ = 0;
  std::optional<TileOccupancy> occupancy_;
};

struct IPUAllocateMemoryPass : accel::tile::impl::IPUAllocateMemoryBase<IPUAllocateMemoryPass> {
  void runOnOperation() override {
    bool failed = false;
    for (IpuOp ipu : getOperation().getOps<IpuOp>())
      for (KernelOp kernel : ipu.getBody().front().getOps<KernelOp>()) {
        // An unmapped kernel still holds its dataflow ops: nothing to place yet.
        if (!kernel.isMapped())
          continue;
        failed |= mlir::failed(KernelAllocator(ipu, kernel).run());
      }
    if (failed)
      signalPassFailure();
  }
};

} // namespace
