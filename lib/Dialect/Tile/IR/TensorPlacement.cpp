//===- TensorPlacement.cpp - Tile tensor lifetimes and tile occupancy -----===//
//
// See include/accel/Dialect/Tile/Analysis/TensorPlacement.h. Part of AccelTileIR because
// the kernel verifier checks placements with it; ipu-allocate-memory makes them with it.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Tile/Analysis/TensorPlacement.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace accel::tile;

TensorLiveness accel::tile::computeTensorLiveness(KernelOp kernel) {
  TensorLiveness live;
  Block &body = kernel.getBody().front();
  llvm::DenseMap<Operation *, int64_t> position;
  for (Operation &op : body) {
    position[&op] = static_cast<int64_t>(live.ops.size());
    live.ops.push_back(&op);
  }
  LiveRange whole{0, std::max<int64_t>(0, static_cast<int64_t>(live.ops.size()) - 1)};
  for (TensorOp tensor : body.getOps<TensorOp>()) {
    LiveRange range{std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()};
    bool initialized = false;
    for (Operation *user : tensor.getResult().getUsers()) {
      initialized |= isa<InitOp>(user);
      // The kernel is isolated from above, so every user has an ancestor in its body.
      Operation *top = body.findAncestorOpInBlock(*user);
      if (!top)
        continue;
      int64_t at = position.lookup(top);
      range.first = std::min(range.first, at);
      range.last = std::max(range.last, at);
    }
    if (initialized || range.first > range.last)
      range = whole;
    live.tensors.push_back(tensor);
    live.ranges.push_back(range);
    live.initialized.push_back(initialized);
  }
  return live;
}

//===----------------------------------------------------------------------===//
// TileOccupancy
//===----------------------------------------------------------------------===//

// Beyond this many tiles the tile -> index table becomes a map (a hand-written ipu may
// claim any number of tiles; a real one has 1,472 per IPU).
static constexpr int64_t kDenseTileLimit = 1 << 16;

TileOccupancy::TileOccupancy(int64_t maxTile) : dense_(maxTile < kDenseTileLimit) {
  classes_.emplace_back();
  if (dense_) {
    classOf_.assign(static_cast<size_t>(std::max<int64_t>(maxTile, 0) + 1), 0);
    classes_[0].size = static_cast<unsigned>(classOf_.size());
  }
}

unsigned TileOccupancy::indexOf(int64_t tile) {
  if (dense_) {
    // Tiles are non-negative (the tensor verifier); one beyond `maxTile` still works.
    if (tile >= static_cast<int64_t>(classOf_.size())) {
      classes_[0].size += static_cast<unsigned>(tile + 1 - classOf_.size());
      classOf_.resize(static_cast<size_t>(tile + 1), 0);
    }
    return static_cast<unsigned>(tile);
  }
  auto [it, inserted] = sparse_.try_emplace(tile, static_cast<unsigned>(classOf_.size()));
  if (inserted) {
    classOf_.push_back(0);
    ++classes_[0].size;
  }
  return it->second;
}

void TileOccupancy::visit(ArrayRef<int64_t> tiles, int64_t now) {
  tiles_ = tiles;
  touched_.clear();
  ++visitStamp_;
  stamp_.resize(classes_.size(), 0);
  count_.resize(classes_.size(), 0);
  for (int64_t tile : tiles) {
    unsigned c = classOf_[indexOf(tile)];
    if (stamp_[c] != visitStamp_) {
      stamp_[c] = visitStamp_;
      count_[c] = 0;
      touched_.push_back(c);
    }
    ++count_[c];
  }
  for (unsigned c : touched_)
    llvm::erase_if(classes_[c].active, [&](unsigned e) { return entries_[e].last < now; });
}

int64_t TileOccupancy::lowestFit(int64_t words) {
  // The live ranges on any visited tile, each once (a tensor on several classes is in
  // each of their lists), by start: the first gap of `words` words is the answer.
  SmallVector<std::pair<int64_t, int64_t>> busy;
  entryStamp_.resize(entries_.size(), 0);
  for (unsigned c : touched_)
    for (unsigned e : classes_[c].active)
      if (entryStamp_[e] != visitStamp_) {
        entryStamp_[e] = visitStamp_;
        busy.emplace_back(entries_[e].begin, entries_[e].end);
      }
  llvm::sort(busy);
  int64_t candidate = 0;
  for (auto [begin, end] : busy) {
    if (begin >= candidate + words)
      break;
    candidate = std::max(candidate, end);
  }
  return candidate;
}

std::optional<std::pair<unsigned, int64_t>> TileOccupancy::findOverlap(int64_t begin, int64_t end) {
  for (unsigned c : touched_)
    for (unsigned e : classes_[c].active) {
      const Entry &entry = entries_[e];
      if (entry.begin >= end || begin >= entry.end)
        continue;
      // A tile of the visit in this class: the first, for a stable message.
      for (int64_t tile : tiles_)
        if (classOf_[indexOf(tile)] == c)
          return std::make_pair(entry.payload, tile);
    }
  return std::nullopt;
}

void TileOccupancy::add(int64_t begin, int64_t end, int64_t last, unsigned payload) {
  unsigned id = static_cast<unsigned>(entries_.size());
  entries_.push_back({begin, end, last, payload});
  splitTo_.resize(classes_.size(), 0);
  // A class wholly inside the visited tiles takes the entry; one partly inside is split,
  // the visited part becoming a new class with the entry.
  for (unsigned c : touched_) {
    if (count_[c] == classes_[c].size) {
      classes_[c].active.push_back(id);
      classes_[c].extent = std::max(classes_[c].extent, end);
      splitTo_[c] = c;
      continue;
    }
    Class part;
    part.size = count_[c];
    part.active = classes_[c].active;
    part.active.push_back(id);
    part.extent = std::max(classes_[c].extent, end);
    classes_[c].size -= count_[c];
    splitTo_[c] = static_cast<unsigned>(classes_.size());
    classes_.push_back(std::move(part));
  }
  for (int64_t tile : tiles_) {
    unsigned &c = classOf_[indexOf(tile)];
    c = splitTo_[c];
  }
  tiles_ = {};
  touched_.clear();
}

int64_t TileOccupancy::extent(int64_t tile) const {
  if (dense_)
    return tile >= 0 && tile < static_cast<int64_t>(classOf_.size())
               ? classes_[classOf_[tile]].extent
               : 0;
  auto it = sparse_.find(tile);
  return it == sparse_.end() ? 0 : classes_[classOf_[it->second]].extent;
}

void TileOccupancy::forEachTile(llvm::function_ref<void(int64_t, int64_t)> fn) const {
  if (dense_) {
    for (size_t i = 0; i < classOf_.size(); ++i)
      fn(static_cast<int64_t>(i), classes_[classOf_[i]].extent);
    return;
  }
  SmallVector<std::pair<int64_t, unsigned>> tiles(sparse_.begin(), sparse_.end());
  llvm::sort(tiles);
  for (auto [tile, index] : tiles)
    fn(tile, classes_[classOf_[index]].extent);
}
