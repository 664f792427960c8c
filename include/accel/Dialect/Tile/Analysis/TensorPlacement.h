//===- TensorPlacement.h - Tile tensor lifetimes and tile occupancy -*- C++ -*-===//
//
// What `ipu-allocate-memory` places tensors by and what the kernel verifier checks a
// placement against, in one place so the two agree:
//
// - `computeTensorLiveness`: when each tile tensor of a kernel is live, in indices of the
//   kernel's top-level ops;
// - `TileOccupancy`: the word ranges of tensors placed so far on each tile, visited in
//   order of first use (a linear scan), answering "where is the lowest free offset on
//   all of these tiles" and "does this range overlap a live tensor on one of them".
//
// Implemented in AccelTileIR (lib/Dialect/Tile/IR/TensorPlacement.cpp): the kernel
// verifier uses it.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_TILE_ANALYSIS_TENSORPLACEMENT_H
#define ACCEL_DIALECT_TILE_ANALYSIS_TENSORPLACEMENT_H

#include "accel/Dialect/Tile/IR/Tile.h"

#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <vector>

namespace accel::tile {

/// Top-level op indices [first, last] of a kernel during which a tensor is live.
struct LiveRange {
  int64_t first = 0, last = 0;
  bool overlaps(const LiveRange &other) const { return first <= other.last && other.first <= last; }
};

/// The live ranges of a kernel's tile tensors. The kernel's top-level ops are numbered
/// in program order; a use is any op that takes the tensor as an operand (tile.init,
/// tile.vertex, tile.transfer source or destination, tile.host_copy), at the index of the
/// top-level op containing it, so a use inside a tile.repeat covers the whole repeat (its
/// body runs again). A tensor is live from its first to its last use, except:
/// - a tensor written by a tile.init (weights) is live for the whole kernel: it is
///   loaded once with the program and every run of the kernel reads it again;
/// - a tensor without uses is live for the whole kernel: nothing says when it is needed,
///   so nothing may share its words.
struct TensorLiveness {
  /// The kernel's tile.tensor ops in program order, and their ranges (same indices).
  llvm::SmallVector<TensorOp> tensors;
  llvm::SmallVector<LiveRange> ranges;
  /// Whether tensor i is written by a tile.init.
  llvm::SmallVector<bool> initialized;
  /// The kernel's top-level ops by index.
  llvm::SmallVector<mlir::Operation *> ops;
};
TensorLiveness computeTensorLiveness(KernelOp kernel);

/// Word ranges of tensors on tiles over time. Tensors are visited in non-decreasing order
/// of their first use: then a tensor placed earlier overlaps the current one in time
/// exactly when it is still live at the current first use, so tensors that died before
/// it are forgotten (linear-scan allocation).
///
/// Tiles that hold exactly the same tensors form one class with one list of tensors, so a
/// tensor spread over 1,472 tiles costs one list entry, not 1,472; a tensor covering only
/// part of a class splits it. Tensor tile sets are mostly a few contiguous runs, so
/// classes stay few; at worst there is one per tile.
class TileOccupancy {
public:
  /// `maxTile`: no tensor lives on a larger tile.
  explicit TileOccupancy(int64_t maxTile);

  /// Starts looking at `tiles` (strictly increasing; kept by reference until `add`) at
  /// top-level op `now`: tensors dead before `now` are dropped from these tiles.
  void visit(llvm::ArrayRef<int64_t> tiles, int64_t now);
  /// The lowest offset at which `words` words are free on every visited tile.
  int64_t lowestFit(int64_t words);
  /// A live tensor overlapping words [begin, end) on a visited tile: its payload and
  /// one such tile.
  std::optional<std::pair<unsigned, int64_t>> findOverlap(int64_t begin, int64_t end);
  /// Records words [begin, end) on the visited tiles, live until top-level op `last`.
  void add(int64_t begin, int64_t end, int64_t last, unsigned payload);
  /// The highest word end ever recorded on `tile` (0 when none).
  int64_t extent(int64_t tile) const;
  /// Calls `fn(tile, extent)` for every tile seen, in increasing tile order (dense:
  /// every tile up to the largest).
  void forEachTile(llvm::function_ref<void(int64_t, int64_t)> fn) const;

private:
  struct Entry {
    int64_t begin, end, last;
    unsigned payload;
  };
  struct Class {
    unsigned size = 0;            // tiles in the class
    std::vector<unsigned> active; // entries still live, in insertion order
    int64_t extent = 0;
  };
  /// The dense index of `tile`; a tile seen for the first time joins class 0 (no tensors).
  unsigned indexOf(int64_t tile);

  // Tile -> dense index: the identity for usual tile counts, a map when the largest tile
  // is huge (hand-written IR), so memory follows the tiles used, not their numbers.
  bool dense_;
  llvm::DenseMap<int64_t, unsigned> sparse_;
  std::vector<unsigned> classOf_; // dense tile index -> class; tiles never seen: class 0
  std::vector<Class> classes_;
  std::vector<Entry> entries_;
  // State of the current visit.
  llvm::ArrayRef<int64_t> tiles_;
  llvm::SmallVector<unsigned> touched_;
  std::vector<unsigned> stamp_, count_, splitTo_, entryStamp_;
  unsigned visitStamp_ = 0;
};

} // namespace accel::tile

#endif // ACCEL_DIALECT_TILE_ANALYSIS_TENSORPLACEMENT_H
