//===- KernelMapper.h - Mapping one IPU kernel onto tiles -------*- C++ -*-===//
//
// The state the IPU mapping keeps while it walks a kernel's dataflow ops in program order:
// where each value's elements live (its Layout), the tile tensors it creates, and the
// superstep being built (an exchange, then a compute set, then a sync).
//
// A Layout is a list of pieces: runs of the value's flat (row-major) elements, each in a
// run of words of one tile tensor on one tile. Ops that only relabel elements (reshape,
// slice, concat, a transpose that keeps the innermost dim) get a new Layout over the same
// words, as Poplar's tensor views do; every other op writes new words. An operand that is
// not already contiguous on the tile that needs it is gathered there by transfers in the
// exchange of the superstep that uses it: the only way data moves between tiles.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_CONVERSION_DATAFLOWTOTILE_KERNELMAPPER_H
#define ACCEL_CONVERSION_DATAFLOWTOTILE_KERNELMAPPER_H

#include "accel/Dialect/Tile/IR/Tile.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <optional>
#include <string>

namespace accel::tile::mapping {

/// Elements [begin, begin + len) of a value: `len` words of `buffer` on `tile` from `offset`.
struct Piece {
  int64_t begin = 0;
  int64_t len = 0;
  int64_t tile = 0;
  mlir::Value buffer;
  int64_t offset = 0;
};

/// Where every element of a value lives: pieces sorted by `begin`, disjoint, covering
/// [0, numElements).
struct Layout {
  llvm::SmallVector<Piece, 4> pieces;
  /// Index of the first piece that ends after `begin`.
  size_t firstOverlapping(int64_t begin) const;
};

/// A contiguous run of words on one tile.
struct Local {
  mlir::Value buffer;
  int64_t offset = 0;
};

/// One tile tensor built by per-tile bump allocation: the op is created at once (vertices
/// and transfers refer to it) and gets its tile set and size in KernelMapper::finishBuffers.
struct Buffer {
  mlir::Value value;
  std::map<int64_t, int64_t> used; // tile -> words allocated
};

/// The window geometry of conv / pool vertices (include/accel/Sim/IPU/Program.h).
struct WindowGeom {
  int64_t c = 0, h = 0, w = 0, oh = 0, ow = 0, kh = 1, kw = 1, sh = 1, sw = 1, dh = 1, dw = 1,
          ph = 0, pw = 0, cout = 0;
};

/// One vertex, before it is created.
struct VertexSpec {
  Codelet codelet = Codelet::Copy;
  std::optional<UnaryFn> fn;
  int64_t tile = 0;
  Local out;
  int64_t outLen = 0;
  std::optional<Local> a, b;
  int64_t aLen = 0, bLen = 0;
  std::optional<int64_t> m, k, n, count;
  std::optional<float> value, value2;
  bool accumulate = false;
  bool transposeB = false;
  bool countPad = false;
  std::optional<WindowGeom> window;
};

/// The machine numbers the planners' cost models use (the simulator's, from the device
/// descriptor: docs/targets/ipu.md).
struct CostModel {
  double ampMacsPerCycle = 16;      // per tile, at the kernel's precision
  double exchangeBytesPerCycle = 4; // per tile
  double elementBytes = 4;          // on the exchange
  double syncCycles = 150;
  double exchangeLatencyCycles = 30;
  double ampOverheadCycles = 50;
  double workerCyclesPerElement = 1; // a typical worker codelet, per element per worker
  double vertexOverheadCycles = 20;
  /// Cycles of one superstep's sync and exchange start.
  double stepCycles() const { return syncCycles + exchangeLatencyCycles; }
  double exchangeCycles(double words) const {
    return words * elementBytes / exchangeBytesPerCycle;
  }
};

/// The whole-kernel mapping state.
class KernelMapper {
public:
  KernelMapper(KernelOp kernel, int64_t numTiles, int64_t memoryWords,
               llvm::ArrayRef<bool> argIsConstant,
               llvm::ArrayRef<mlir::DenseElementsAttr> argValues = {});

  mlir::MLIRContext *ctx() const { return ctx_; }
  int64_t numTiles() const { return numTiles_; }
  int64_t workers() const { return workers_; }
  const CostModel &costs() const { return costs_; }
  void setCosts(const CostModel &c) { costs_ = c; }
  void setWorkers(int64_t w) { workers_ = w; }
  /// Words of one tile a layer may plan for (its operands, results and temporaries).
  int64_t layerBudgetWords() const { return memoryWords_ / 2; }

  /// The tile of the current layer's `index`-th work unit. Layers start where the
  /// previous one ended (so weights spread over the chip instead of piling up on tile 0)
  /// and stay on their pipeline stage's IPU: tiles are numbered IPU by IPU, numTiles()
  /// per IPU.
  int64_t tileAt(int64_t index) const {
    return stage_ * numTiles_ + (cursor_ + index) % numTiles_;
  }
  void advanceCursor(int64_t tilesUsed) {
    cursor_ = numTiles_ ? (cursor_ + tilesUsed) % numTiles_ : 0;
  }
  /// Multi-IPU: layers go to pipeline stages (one per IPU) in program order, a new stage
  /// when the weights laid out so far pass the next 1/ipus of the kernel's weights.
  void setPipeline(int64_t ipus, int64_t totalWeightWords) {
    ipus_ = std::max<int64_t>(1, ipus);
    totalWeightWords_ = totalWeightWords;
  }
  int64_t stage() const { return stage_; }

  // --- Values -------------------------------------------------------------------
  bool isConstant(mlir::Value v) const;
  /// The value of constant argument `v` when the launch passes a dense literal.
  mlir::DenseElementsAttr constantValue(mlir::Value v) const;
  /// The layout of an on-device value (a kernel input or a mapped op's result).
  const Layout *layout(mlir::Value v) const;
  void setLayout(mlir::Value v, Layout layout) { layouts_[v] = std::move(layout); }
  /// The layout of `v`; a constant gets one on first use: laid out linearly by tile.init
  /// (resident, like weights), so views of it (concat with a class token, ...) work.
  const Layout &materialize(mlir::Value v);

  // --- Layers and supersteps ------------------------------------------------------
  /// Starts the layer of `op`: its steps carry its index, its name and location.
  void beginLayer(mlir::Operation *op);
  Buffer &newBuffer(llvm::StringRef role);
  /// `words` fresh words of `buffer` on `tile`.
  Local allocate(Buffer &buffer, int64_t tile, int64_t words);

  /// Elements [begin, begin + len) of `v` contiguous on `tile`: the piece itself when one
  /// piece holds them there; otherwise a region of `into` filled by the current
  /// superstep's exchange (or, for a constant, by tile.init).
  Local fetch(mlir::Value v, int64_t begin, int64_t len, int64_t tile, Buffer &into);
  /// Copies elements [begin, begin + len) of `v` to `dst` on `tile` (transfers in the
  /// current superstep's exchange, or tile.init for a constant).
  void gatherInto(mlir::Value v, int64_t begin, int64_t len, int64_t tile, Local dst);
  /// Constant argument `v`'s elements given by `view` into fresh words of `into` on `tile`.
  Local initView(mlir::Value v, ViewAttr view, int64_t tile, Buffer &into);
  /// A constant block (the elements of `view`, a 1-D or 2-D view of constant `v`) that
  /// every tile of `tiles` reads: stored once, 1/R of it on each of the R tiles
  /// (`persistent`, resident for the whole kernel), and assembled whole on each tile in
  /// `temp` by the current superstep's exchange, as poplibs distributes weights and
  /// broadcasts them when a convolution needs them. Returns each tile's whole copy.
  llvm::SmallVector<Local> distributeConstant(mlir::Value v, ViewAttr view,
                                              llvm::ArrayRef<int64_t> tiles,
                                              Buffer &persistent, Buffer &temp);
  /// Initialises elements [e0, e1) of `view` (1-D or 2-D) of constant `v` into `dst`.
  void initViewRange(mlir::Value v, ViewAttr view, int64_t e0, int64_t e1, int64_t tile,
                     Local dst);
  /// Queues a copy in the current superstep's exchange.
  void transfer(int64_t srcTile, Local src, int64_t len, int64_t dstTile, Local dst);
  void addVertex(const VertexSpec &spec);
  /// The planner's choice, recorded as a `plan` attribute on the next compute set (for
  /// readers of the IR and docs/targets/ipu.md; no pass reads it).
  void notePlan(std::string plan) { plan_ = std::move(plan); }
  /// Emits the current superstep (exchange, compute set, sync) named `name`.
  void endStep(llvm::StringRef name);

  /// Copies kernel argument `arg` from the host into a linear layout on the tiles.
  void hostInput(mlir::BlockArgument arg);
  /// Copies `values` out to the kernel's results (tile.outputs order).
  void hostOutputs(mlir::ValueRange values, mlir::Location loc);
  /// Sets tile sets and sizes of the buffers and the kernel's `layers`.
  void finish();

  /// A layout spreading `n` elements over tiles from `startTile` in runs of at least
  /// `grain` elements (multiples of `align` where possible), in fresh words of `buffer`.
  Layout linearLayout(int64_t n, int64_t grain, int64_t align, Buffer &buffer);

private:
  struct PendingTransfer {
    int64_t srcTile;
    Local src;
    int64_t len;
    llvm::SmallVector<std::pair<int64_t, Local>, 1> dsts;
  };
  mlir::Value sourceFor(mlir::Value v) const;

  mutable KernelOp kernel_;
  mlir::MLIRContext *ctx_;
  int64_t numTiles_, memoryWords_;
  int64_t workers_ = 6;
  CostModel costs_;
  llvm::SmallVector<bool> argIsConstant_;
  llvm::SmallVector<mlir::DenseElementsAttr> argValues_;
  int64_t cursor_ = 0;
  int64_t ipus_ = 1, stage_ = 0, totalWeightWords_ = 0, weightWordsSoFar_ = 0;
  llvm::DenseMap<mlir::Value, Layout> layouts_;
  std::vector<std::unique_ptr<Buffer>> buffers_;
  mlir::OpBuilder declBuilder_, stepBuilder_;
  // The current layer.
  int64_t layer_ = -1;
  std::string layerName_;
  std::string stepPrefix_; // layerName_, made unique in the kernel: names steps, tensors
  llvm::StringMap<int> layerNameUses_;
  mlir::Location loc_;
  llvm::SmallVector<mlir::Attribute> layers_;
  // The current superstep.
  std::vector<PendingTransfer> transfers_;
  std::map<std::tuple<void *, int64_t, int64_t, int64_t>, size_t> transferIndex_;
  std::vector<VertexSpec> vertices_;
  unsigned bufferCounter_ = 0;
  std::string plan_;
  Buffer *constants_ = nullptr; // the current layer's constants read through fetch()
  std::map<std::tuple<void *, int64_t, int64_t, int64_t>, Local> constantCache_;
};

/// A view of `dims` (size, stride) from flat element `base`, padding 0.
inline ViewAttr makeView(mlir::MLIRContext *ctx, int64_t base,
                         llvm::ArrayRef<std::pair<int64_t, int64_t>> dims) {
  return ViewAttr::get(ctx, base, dims, llvm::APFloat(0.0f));
}

/// Constant blocks (views of one constant) and the tiles that read each: collected
/// first, then stored once and broadcast (KernelMapper::distributeConstant).
class SharedConstants {
public:
  void need(ViewAttr block, int64_t tile) { tiles_[block].push_back(tile); }
  void resolve(KernelMapper &km, mlir::Value constant, Buffer &persistent, Buffer &temp) {
    for (auto &[block, tiles] : tiles_) {
      llvm::SmallVector<Local> copies =
          km.distributeConstant(constant, block, tiles, persistent, temp);
      for (auto [tile, local] : llvm::zip(tiles, copies))
        where_[{block.getAsOpaquePointer(), tile}] = local;
    }
  }
  Local get(ViewAttr block, int64_t tile) const {
    return where_.at({block.getAsOpaquePointer(), tile});
  }

private:
  llvm::MapVector<ViewAttr, llvm::SmallVector<int64_t>> tiles_;
  std::map<std::pair<const void *, int64_t>, Local> where_;
};

/// Static shape helpers.
int64_t numElements(mlir::Value v);
llvm::SmallVector<int64_t> stridesOf(llvm::ArrayRef<int64_t> shape);

} // namespace accel::tile::mapping

#endif // ACCEL_CONVERSION_DATAFLOWTOTILE_KERNELMAPPER_H
