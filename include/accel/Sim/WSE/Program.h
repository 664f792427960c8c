//===- Program.h - The WSE fabric program the simulator executes -*- C++ -*-===//
//
// The in-memory form of one `wavelet` device segment, as the runtime loader builds it from
// the schedule (include/accel/Schedule/Wavelet.fbs) and the compiler's emitter writes it.
// It is the contract between `--lower-to-wse` and the fabric simulator (lib/Sim/WSE):
// nothing here depends on MLIR or on the host kernels.
//
// Model (docs/targets/wse.md):
//  - A segment is a list of layers run one after another. A layer occupies one or more
//    PE regions (rectangles of the fabric) that run concurrently.
//  - Every PE of a region runs the same program (SPMD). An instruction, route or buffer
//    initialiser applies to the PEs its `PeSet` selects, in region-local coordinates.
//  - A PE computes only on its own memory (48 KB on WSE-2; words of 32 bits here).
//  - Data moves only as wavelets on colors along the region's routes. Data enters and
//    leaves a region through streams attached to PEs on the region's edge.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_WSE_PROGRAM_H
#define ACCEL_SIM_WSE_PROGRAM_H

#include "accel/Sim/Common/UnaryFn.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accel::sim::wse {

/// Router ports. Ramp is the link between a PE's router and its own core.
enum class Dir : uint8_t { North = 0, South = 1, East = 2, West = 3, Ramp = 4 };
/// A set of ports: bit (1 << Dir).
using DirMask = uint8_t;
constexpr DirMask dirBit(Dir d) { return static_cast<DirMask>(1u << static_cast<unsigned>(d)); }

/// Which PEs of a region something applies to: x in [x0, x1), y in [y0, y1) (region-local,
/// x grows east, y grows south), x % xMod == xRem and y % yMod == yRem.
struct PeSet {
  int32_t x0 = 0, x1 = 1 << 30, y0 = 0, y1 = 1 << 30;
  int32_t xMod = 1, xRem = 0, yMod = 1, yRem = 0;
  bool contains(int32_t x, int32_t y) const {
    return x >= x0 && x < x1 && y >= y0 && y < y1 && x % xMod == xRem && y % yMod == yRem;
  }
};

/// Router configuration of one color at a set of PEs: a wavelet arriving on a port in `rx`
/// is forwarded to every port in `tx` (Ramp in tx delivers it to the core; Ramp in rx
/// accepts what the core sends). Later rules override earlier ones for the same PE and color.
struct RouteRule {
  PeSet pes;
  uint8_t color = 0;
  DirMask rx = 0;
  DirMask tx = 0;
};

/// A view of a tensor of the schedule, seen from one PE (or one stream's PE). Element
/// e = (e_0, ..., e_{n-1}) of the window (row-major over dims, outermost first) is tensor
/// element whose coordinate along tensor dim d is the sum, over window dims j with
/// dims[j].tensorDim == d, of
///   base + perX * (px % xMod) + perXDiv * (px / xMod) + perY * (py % yMod)
///        + perYDiv * (py / yMod) + perInstance * instance + e_j * step
/// where (px, py) are the region-local coordinates of the PE concerned and `instance` the
/// region instance. Tensor dims no window dim maps to are 0. A coordinate outside
/// [0, shape[d]) makes the element padding: it reads as `pad` and is not written.
struct WindowDim {
  int32_t tensorDim = 0;
  int64_t size = 1;
  int64_t step = 1;
  int64_t base = 0;
  int64_t perX = 0, perXDiv = 0, perY = 0, perYDiv = 0, perInstance = 0;
  int32_t xMod = 1 << 30, yMod = 1 << 30;
};
struct Window {
  int32_t tensor = -1; // index into the schedule's tensor table
  std::vector<WindowDim> dims;
  float pad = 0.0f;
  int64_t numElements() const {
    int64_t n = 1;
    for (const WindowDim &d : dims)
      n *= d.size;
    return n;
  }
};

/// Initial memory contents of a buffer at every PE of `pes`: the window's elements, in
/// order, at word addresses addr, addr + 1, ... Constant tensors only (weights resident on
/// the wafer, loaded with the program).
struct BufferInit {
  PeSet pes;
  uint32_t addr = 0;
  Window window;
};

/// A memory operand (CSL mem1d_dsd): `len` words at addr, addr + stride, ... (stride 0
/// repeats one word: a scalar broadcast).
struct Mem {
  uint32_t addr = 0;
  uint32_t len = 0;
  int32_t stride = 1;
};

enum class Opcode : uint8_t {
  Recv,      // wait for a.len wavelets on `color` (delivered to the ramp), store them at a
  Send,      // send the a.len words at a on `color` (into the router from the ramp)
  Fill,      // dst[i] = imm
  Mov,       // dst[i] = a[i]
  Add,       // dst[i] = a[i] + b[i]
  Sub,       // dst[i] = a[i] - b[i]
  Mul,       // dst[i] = a[i] * b[i]
  Div,       // dst[i] = a[i] / b[i]
  Max,       // dst[i] = max(a[i], b[i])
  Min,       // dst[i] = min(a[i], b[i])
  Fmac,      // dst[i] = a[i] + b[i] * c[0]                         (CSL @fmacs)
  Gemv,      // dst[n] = (accumulate ? dst[n] : 0) + sum_k a[k] * W[k * b.stride + n],
             // W at b.addr, k < a.len, n < dst.len: a.len fmacs of length dst.len
  Unary,     // dst[i] = fn(a[i])
  ReduceAdd, // dst[s] = sum_j a[s * count + j], s < dst.len, j < count (segmented)
  ReduceMax, // dst[s] = max_j a[s * count + j]
  Loop,      // run the instructions up to the matching EndLoop `count` times
  EndLoop,
};

/// The unary functions (include/accel/Sim/Common/UnaryFn.h, shared by every device).
using UnaryFn = accel::sim::UnaryFn;

struct Instr {
  Opcode op = Opcode::Fill;
  PeSet pes;                // the PEs that execute it; the others skip it
  uint8_t color = 0;        // Recv, Send
  UnaryFn fn = UnaryFn::Relu;
  bool accumulate = false;  // Gemv
  float imm = 0.0f;         // Fill
  uint32_t count = 0;       // Loop: iterations; ReduceAdd/ReduceMax: segment length
  Mem dst, a, b, c;
};

enum class TaskKind : uint8_t { Local = 0, Data = 1 };

/// A task: `Local` tasks start when the layer starts (in order, one after another);
/// `Data` tasks run their body each time a message arrives on `color` (the body's first
/// Recv on that color takes it).
struct Task {
  std::string name;
  TaskKind kind = TaskKind::Local;
  uint8_t color = 0;
  std::vector<Instr> body;
};

/// A stream between the activation memory and a PE on the region's edge. An input stream
/// sends the window's elements in order, `messageLen` wavelets per message, into the PE's
/// router on `color` as if arriving through port `side`. An output stream collects
/// wavelets the routes send out of the region through port `side` of that PE on `color`,
/// storing them in window order (padding elements are dropped).
struct Stream {
  int32_t x = 0, y = 0; // region-local PE
  int32_t instance = 0;
  Dir side = Dir::West;
  uint8_t color = 0;
  uint32_t messageLen = 1;
  Window window;
};

struct Region {
  std::string name;
  int32_t x = 0, y = 0;          // fabric origin of instance 0
  int32_t width = 1, height = 1;
  int32_t instances = 1;         // copies placed side by side east: origin x + i * width
  uint32_t memoryWords = 0;      // words each PE uses (buffers); code is counted separately
  uint32_t codeBytes = 0;        // estimated code size per PE
  std::vector<RouteRule> routes;
  std::vector<BufferInit> inits;
  std::vector<Task> tasks;
  std::vector<Stream> inputs, outputs;
};

struct Layer {
  std::string name;   // "conv1"
  std::string node;   // ONNX node name
  std::string opType; // ONNX op type
  std::string locText;
  uint64_t flops = 0; // FLOPs of the dataflow op (lib/Analysis), for the report
  std::vector<Region> regions;
};

struct Program {
  std::vector<Layer> layers;
};

} // namespace accel::sim::wse

#endif // ACCEL_SIM_WSE_PROGRAM_H
