//===- Program.h - The IPU BSP program the simulator executes ----*- C++ -*-===//
//
// The in-memory form of one `tile` device segment: the contract between `--lower-to-ipu`
// (its schedule emitter) and the BSP simulator (lib/Sim/IPU). No MLIR, no host kernels.
//
// Model (Graphcore IPU, DESIGN.md section 4): tiles, each with its own memory (624 KiB
// on GC200; words of 32 bits here) and 6 worker contexts; a program is a sequence of
// bulk-synchronous steps: a compute set (vertices, each running a codelet on its tile's
// memory only), a global sync, an exchange (copies between tiles' memories, the only way
// data moves between tiles), host exchanges (tensor elements in and out of tile memory
// over the host link), and repeat loops.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_IPU_PROGRAM_H
#define ACCEL_SIM_IPU_PROGRAM_H

#include "accel/Sim/Common/UnaryFn.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace accel::sim::ipu {

/// `len` words of one tile's memory from word `offset`.
struct Slice {
  uint32_t offset = 0;
  uint32_t len = 0;
};

/// The codelets. The numbering is part of the schedule format: new ones go at the end.
enum class Codelet : uint8_t {
  MatMul,    // out[m x n] = (accumulate ? out : 0) + a[m x k] * b[k x n], row-major; AMP.
             // transposeB: b is [n x k] row-major, out[i][j] += sum_kk a[i][kk] * b[j][kk]
  Add,       // out[i] = a[i] + b[i]   (a.len or b.len == 1: a[0] / b[0] broadcast)
  Sub,       // out[i] = a[i] - b[i]
  Mul,       // out[i] = a[i] * b[i]
  Div,       // out[i] = a[i] / b[i]
  Max,       // out[i] = max(a[i], b[i])
  Min,       // out[i] = min(a[i], b[i])
  Unary,     // out[i] = fn(a[i]) (parameters, if fn takes any: imm, imm2)
  ReduceAdd, // out[s] = sum_j a[s * count + j], s < out.len, j < count
  ReduceMax, // out[s] = max_j a[s * count + j]
  Copy,      // out[i] = a[i]
  Fill,      // out[i] = imm
  ScaledAdd, // out[i] = a[i] + imm * b[i]
  Conv,      // out[co][oy][ox] = (accumulate ? out : 0) + sum_{ci, ky, kx}
             //   b[((co * c + ci) * kh + ky) * kw + kx] * a[(ci * h + iy) * w + ix],
             //   iy = oy * sh + ky * dh - ph, ix = ox * sw + kx * dw - pw; taps outside the
             //   slab (iy not in [0, h) or ix not in [0, w)) are padding and add 0; AMP
  MaxPool,   // out[ci][oy][ox] = max over the window's taps inside the slab (window as Conv)
  AvgPool,   // out[ci][oy][ox] = sum over the taps inside the slab / (countPad ? kh * kw :
             //   the number of taps inside the slab)
  Transpose, // out[bb][j][i] = a[bb][i][j], bb < count, i < m, j < n
  Clamp,     // out[i] = min(max(a[i], imm), imm2)
  Sum,       // out[i] = sum_{j < count} a[j * n + i]: count blocks n words apart (the
             //   reduction stage of partial sums)
  ReduceScaledAdd, // out[s] = imm * sum_j a[s * count + j]: the scale applied to the f32
                   //   sum before the store (a mean does not overflow fp16 on the way)
};
constexpr Codelet kLastCodelet = Codelet::ReduceScaledAdd;

/// Whether a codelet runs on the AMP as a supervisor vertex (all the tile's workers)
/// rather than on one worker.
inline bool isAmpCodelet(Codelet c) { return c == Codelet::MatMul || c == Codelet::Conv; }

/// The window geometry of Conv, MaxPool and AvgPool over an input slab of `c` channels x
/// `h` rows x `w` columns (row-major, channel-major): `oh` x `ow` outputs per output
/// channel, a `kh` x `kw` kernel with strides (`sh`, `sw`) and dilations (`dh`, `dw`),
/// the slab's top/left padding (`ph`, `pw`: the input row/column of tap 0 of output 0 is
/// -ph/-pw; never negative) and `cout` output channels (the pools need cout == c). Rows
/// and columns past the slab's bottom/right are padding too, so a slab with padding rows
/// needs no stored zeros.
struct Window {
  uint32_t c = 0, h = 0, w = 0;
  uint32_t oh = 0, ow = 0;
  uint32_t kh = 0, kw = 0;
  uint32_t sh = 1, sw = 1;
  uint32_t dh = 1, dw = 1;
  int32_t ph = 0, pw = 0;
  uint32_t cout = 0;
  /// Kernel taps per output element: kh * kw.
  uint64_t taps() const { return uint64_t(kh) * kw; }
  /// MACs of a Conv: every tap of every output, padding included (as the host counts).
  uint64_t convMacs() const { return uint64_t(cout) * oh * ow * c * kh * kw; }
};

/// The unary functions (include/accel/Sim/Common/UnaryFn.h, shared by every device).
using UnaryFn = accel::sim::UnaryFn;

/// One codelet instance on one tile. MatMul uses m, k, n (Transpose m, n and count);
/// reductions use `count`; Conv and the pools `window`.
struct Vertex {
  uint32_t tile = 0;
  Codelet codelet = Codelet::Copy;
  UnaryFn fn = UnaryFn::Relu;
  bool accumulate = false;
  bool transposeB = false; // MatMul: b is [n x k]
  bool countPad = false;   // AvgPool: divide by kh * kw, padding included
  uint32_t m = 0, k = 0, n = 0, count = 0;
  float imm = 0.0f, imm2 = 0.0f;
  Window window;
  Slice out, a, b;
};

struct ComputeSet {
  std::string name;
  std::vector<Vertex> vertices;
};

/// Copies `len` words from `srcTile` at `srcOffset` to every destination (tile, offset).
struct Transfer {
  uint32_t srcTile = 0;
  uint32_t srcOffset = 0;
  uint32_t len = 0;
  std::vector<std::pair<uint32_t, uint32_t>> dsts;
};

struct Exchange {
  std::string name;
  std::vector<Transfer> transfers;
};

/// Elements of a schedule tensor (f32, row-major): element e = (e_0, ..., e_{n-1}) of the
/// view (row-major over `dims`, outermost first) is flat element
/// base + sum_j e_j * dims[j].second; one outside [0, numElements) is padding: it reads as
/// `pad` and is not written.
struct View {
  int32_t tensor = -1;
  int64_t base = 0;
  std::vector<std::pair<int64_t, int64_t>> dims; // (size, stride in elements)
  float pad = 0.0f;
  int64_t numElements() const {
    int64_t n = 1;
    for (const auto &d : dims)
      n *= d.first;
    return n;
  }
};

/// Host <-> tile copy: the view's elements, in order, to or from `len` = view elements
/// words of `tile` at `offset`.
struct HostCopy {
  View view;
  uint32_t tile = 0;
  uint32_t offset = 0;
  bool toDevice = true;
};

struct HostExchange {
  std::string name;
  std::vector<HostCopy> copies;
};

/// Constant data loaded into tile memory with the program (weights): not timed.
struct TileInit {
  View view;
  uint32_t tile = 0;
  uint32_t offset = 0;
};

enum class StepKind : uint8_t {
  Compute,      // computeSets[index]
  Sync,         // a global sync
  Exchange,     // exchanges[index]
  HostExchange, // hostExchanges[index]
  RepeatBegin,  // run the steps up to the matching RepeatEnd `count` times
  RepeatEnd,
};

struct Step {
  StepKind kind = StepKind::Sync;
  uint32_t index = 0;
  uint32_t count = 0;
  int32_t layer = -1; // index into Program::layers the step's time is charged to
};

/// The start of a tile tensor's live range: words [offset, offset + len) of every tile in
/// `tiles` (runs of (first tile, count)) begin to hold a new tensor at step `step`. Before
/// that step runs, the simulator forgets that they were written, so reading them before
/// something writes them again is an unwritten read. Tensors whose live ranges do not meet
/// share words (ipu-allocate-memory): without this, a read of words the program forgot to
/// write would see the previous tensor's stale values unnoticed. Only steps outside every
/// repeat body start live ranges (a tensor used in a repeat is live for all of it), so a
/// birth runs at most once.
struct Birth {
  uint32_t step = 0;
  uint32_t offset = 0;
  uint32_t len = 0;
  std::vector<std::pair<uint32_t, uint32_t>> tiles; // (first tile, count)
};

/// An ONNX node the program runs, for the report.
struct Layer {
  std::string name, node, opType, locText;
  uint64_t flops = 0;
};

struct Program {
  uint32_t tilesUsed = 0;         // tiles 0..tilesUsed-1 may be touched
  uint32_t memoryWordsPerTile = 0; // the most words any tile uses (<= the machine's)
  std::vector<TileInit> inits;
  std::vector<ComputeSet> computeSets;
  std::vector<Exchange> exchanges;
  std::vector<HostExchange> hostExchanges;
  std::vector<Step> steps;
  std::vector<Layer> layers;
  std::vector<Birth> births; // in step order (not required)
};

} // namespace accel::sim::ipu

#endif // ACCEL_SIM_IPU_PROGRAM_H
