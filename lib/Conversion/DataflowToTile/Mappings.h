//===- Mappings.h - The IPU mapping of each op family -----------*- C++ -*-===//
#ifndef ACCEL_CONVERSION_DATAFLOWTOTILE_MAPPINGS_H
#define ACCEL_CONVERSION_DATAFLOWTOTILE_MAPPINGS_H

#include "KernelMapper.h"

namespace accel::tile::mapping {

/// Output elements [begin, begin + len) over which a broadcast operand's flat index is
/// `index + stride * j` (stride 1: contiguous, 0: one element repeated).
struct Run {
  int64_t begin, len, index, stride;
};
llvm::SmallVector<Run> broadcastRuns(llvm::ArrayRef<int64_t> out, llvm::ArrayRef<int64_t> in,
                                     int64_t begin, int64_t len);
/// (offset, length) chunks of `len` elements, one per worker, none shorter than
/// `minChunk` unless `len` is.
llvm::SmallVector<std::pair<int64_t, int64_t>> splitForWorkers(int64_t len, int64_t workers,
                                                               int64_t minChunk);
/// Fresh words in `out` laid out like the first full-size non-constant operand, or linear.
Layout resultLayoutLike(KernelMapper &km, mlir::Value result, mlir::ValueRange operands,
                        Buffer &out);
/// Maps an elementwise op whose vertices are `proto` with out/a/b filled per segment.
void mapElementwise(KernelMapper &km, mlir::Operation *op, mlir::ValueRange operands,
                    const VertexSpec &proto, mlir::Value result);
/// The pieces of a row-major [rows x cols] block at flat element `base` of a tensor
/// whose rows are `rowStride` elements apart, held in `local` on `tile`.
void appendBlockPieces(Layout &layout, int64_t base, int64_t rows, int64_t cols,
                       int64_t rowStride, int64_t tile, Local local);
/// Adds bias[c] in place to every element of channel c of an [N, C, plane] value laid out
/// by `layout` (a compute set of its own).
void addChannelBias(KernelMapper &km, const Layout &layout, int64_t channels, int64_t plane,
                    mlir::Value bias, Buffer &constants);
/// Sorts pieces by begin (after building a layout out of order).
void sortPieces(Layout &layout);

/// Split counts a planner tries for a dim of size `n` using at most `limit` tiles: the
/// numbers odd * 2^k (odd up to 15, and 23: 1,472 = 23 * 64) and n itself.
llvm::SmallVector<int64_t> splitCandidates(int64_t n, int64_t limit);

/// A batched matrix product out[b] = A[b] * B[b] ([m x k] * [k x n]).
struct GemmShape {
  int64_t batch = 1, m = 1, k = 1, n = 1;
  bool constantB = false; // B is a weight laid out by tile.init
  bool batchedB = false;  // B has the batch dims (else one B for every batch)
};
/// Tiles per dim: batch, rows, columns, reduction.
struct GemmPlan {
  int64_t pb = 0, pm = 0, pn = 0, pk = 0;
  double cycles = 0; // the planner's estimate
  int64_t tiles() const { return pb * pm * pn * pk; }
};
/// The cheapest split that fits (tiles() == 0 when none does).
GemmPlan planGemm(const KernelMapper &km, const GemmShape &shape);

/// The words of one tile a layer may plan for (KernelMapper::layerBudgetWords) on the
/// module's tile.ipu, for legality checks made before any kernel exists; nullopt when the
/// module has no tile.ipu.
std::optional<int64_t> layerBudgetWordsFor(mlir::Operation *op);

// Legality and mapping per family (each file's entry points).
bool isElementwiseMappable(mlir::Operation *op);
mlir::LogicalResult mapElementwiseOp(KernelMapper &km, mlir::Operation *op);
bool isMatmulMappable(mlir::Operation *op);
mlir::LogicalResult mapMatmulOp(KernelMapper &km, mlir::Operation *op);
bool isConvMappable(mlir::Operation *op);
mlir::LogicalResult mapConvOp(KernelMapper &km, mlir::Operation *op);
bool isRowwiseMappable(mlir::Operation *op);
mlir::LogicalResult mapRowwiseOp(KernelMapper &km, mlir::Operation *op);
bool isMovementMappable(mlir::Operation *op);
mlir::LogicalResult mapMovementOp(KernelMapper &km, mlir::Operation *op);

} // namespace accel::tile::mapping

#endif // ACCEL_CONVERSION_DATAFLOWTOTILE_MAPPINGS_H
