//===- Validate.cpp - Semantic checks of a (possibly damaged) program -----===//
//
// The loader feeds this fuzzed files: every check uses wide arithmetic, nothing asserts,
// and every message names the layer, region and the PE / instruction concerned.
//
//===----------------------------------------------------------------------===//
#include "Names.h"
#include "Window.h"
#include "accel/Sim/WSE/Simulator.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace accel::sim::wse {

using runtime::Status;

namespace {

constexpr uint32_t kMaxLoopCount = 1u << 24;
constexpr size_t kMaxLoopDepth = 8; // PeExecutor keeps a fixed loop stack of this depth
constexpr int64_t kMaxWindowField = int64_t(1) << 40;

std::string where(const Layer &l, size_t li, const Region &r, size_t ri) {
  return "layer '" + l.name + "' (#" + std::to_string(li) + ") region '" + r.name + "' (#" +
         std::to_string(ri) + ")";
}

Status checkPeSet(const PeSet &s, const std::string &what) {
  if (s.xMod < 1 || s.yMod < 1)
    return Status::error(what + ": PE set modulus must be >= 1 (xMod " +
                         std::to_string(s.xMod) + ", yMod " + std::to_string(s.yMod) + ")");
  if (s.xRem < 0 || s.xRem >= s.xMod || s.yRem < 0 || s.yRem >= s.yMod)
    return Status::error(what + ": PE set remainder out of [0, modulus)");
  return Status::success();
}

Status checkWindow(const Window &w, const std::vector<std::vector<int64_t>> &shapes,
                   const std::string &what) {
  if (w.tensor < 0 || static_cast<size_t>(w.tensor) >= shapes.size())
    return Status::error(what + ": tensor index " + std::to_string(w.tensor) +
                         " out of range (the schedule has " + std::to_string(shapes.size()) +
                         " tensors)");
  const std::vector<int64_t> &shape = shapes[static_cast<size_t>(w.tensor)];
  int64_t n = 1;
  for (size_t j = 0; j < w.dims.size(); ++j) {
    const WindowDim &d = w.dims[j];
    std::string dj = what + ": window dim " + std::to_string(j);
    if (d.tensorDim < 0 || static_cast<size_t>(d.tensorDim) >= shape.size())
      return Status::error(dj + " maps to tensor dim " + std::to_string(d.tensorDim) +
                           " but tensor " + std::to_string(w.tensor) + " has rank " +
                           std::to_string(shape.size()));
    if (d.size < 0)
      return Status::error(dj + " has negative size " + std::to_string(d.size));
    if (d.xMod < 1 || d.yMod < 1)
      return Status::error(dj + " has a modulus < 1");
    for (int64_t v : {d.step, d.base, d.perX, d.perXDiv, d.perY, d.perYDiv, d.perInstance})
      if (v < -kMaxWindowField || v > kMaxWindowField)
        return Status::error(dj + " has an out-of-range step/base/per-PE factor " +
                             std::to_string(v));
    if (d.size > 0 && n > kMaxWindowElements / d.size)
      return Status::error(what + ": window has too many elements");
    n *= d.size;
  }
  if (n > kMaxWindowElements)
    return Status::error(what + ": window has too many elements");
  return Status::success();
}

/// [lo, hi] word range `len` elements of `m` touch; false when len == 0.
bool memSpan(const Mem &m, uint64_t len, int64_t &lo, int64_t &hi) {
  if (len == 0)
    return false;
  int64_t last = static_cast<int64_t>(m.addr) + static_cast<int64_t>(len - 1) * m.stride;
  lo = std::min<int64_t>(m.addr, last);
  hi = std::max<int64_t>(m.addr, last);
  return true;
}

Status checkMem(const Mem &m, uint64_t len, uint32_t words, const char *operand,
                const std::string &what) {
  int64_t lo, hi;
  if (!memSpan(m, len, lo, hi))
    return Status::success();
  if (lo < 0 || hi >= static_cast<int64_t>(words))
    return Status::error(what + ": operand " + operand + " (addr " + std::to_string(m.addr) +
                         ", len " + std::to_string(len) + ", stride " +
                         std::to_string(m.stride) + ") touches words [" + std::to_string(lo) +
                         ", " + std::to_string(hi) + "] outside the region's " +
                         std::to_string(words) + " memory words");
  return Status::success();
}

Status checkInstr(const Machine &m, const Instr &in, uint32_t words, const std::string &what) {
  if (static_cast<unsigned>(in.op) > static_cast<unsigned>(Opcode::EndLoop))
    return Status::error(what + ": unknown opcode " + std::to_string(unsigned(in.op)));
  ACCEL_RETURN_IF_ERROR(checkPeSet(in.pes, what));
  auto lenMatch = [&](const Mem &x, const char *name) -> Status {
    if (x.len != in.dst.len)
      return Status::error(what + ": operand " + name + " has length " +
                           std::to_string(x.len) + " but dst has " +
                           std::to_string(in.dst.len));
    return checkMem(x, x.len, words, name, what);
  };
  switch (in.op) {
  case Opcode::Recv:
  case Opcode::Send:
    if (in.color >= m.colors)
      return Status::error(what + ": color " + std::to_string(in.color) +
                           " >= the machine's " + std::to_string(m.colors) + " colors");
    if (in.a.len == 0)
      return Status::error(what + ": empty message (a.len == 0)");
    return checkMem(in.a, in.a.len, words, "a", what);
  case Opcode::Fill:
    return checkMem(in.dst, in.dst.len, words, "dst", what);
  case Opcode::Mov:
  case Opcode::Unary:
    if (in.op == Opcode::Unary && static_cast<unsigned>(in.fn) > unsigned(UnaryFn::Ceil))
      return Status::error(what + ": unknown unary function " + std::to_string(unsigned(in.fn)));
    ACCEL_RETURN_IF_ERROR(checkMem(in.dst, in.dst.len, words, "dst", what));
    return lenMatch(in.a, "a");
  case Opcode::Add:
  case Opcode::Sub:
  case Opcode::Mul:
  case Opcode::Div:
  case Opcode::Max:
  case Opcode::Min:
    ACCEL_RETURN_IF_ERROR(checkMem(in.dst, in.dst.len, words, "dst", what));
    ACCEL_RETURN_IF_ERROR(lenMatch(in.a, "a"));
    return lenMatch(in.b, "b");
  case Opcode::Fmac:
    ACCEL_RETURN_IF_ERROR(checkMem(in.dst, in.dst.len, words, "dst", what));
    ACCEL_RETURN_IF_ERROR(lenMatch(in.a, "a"));
    ACCEL_RETURN_IF_ERROR(lenMatch(in.b, "b"));
    if (in.c.len < 1)
      return Status::error(what + ": Fmac scalar operand c is empty");
    return checkMem(in.c, 1, words, "c", what);
  case Opcode::Gemv: {
    ACCEL_RETURN_IF_ERROR(checkMem(in.dst, in.dst.len, words, "dst", what));
    ACCEL_RETURN_IF_ERROR(checkMem(in.a, in.a.len, words, "a", what));
    if (in.a.len == 0 || in.dst.len == 0)
      return Status::success();
    // W[k * b.stride + n]: rows k < a.len, each dst.len contiguous words.
    int64_t rowLo, rowHi;
    memSpan(in.b, in.a.len, rowLo, rowHi);
    int64_t hi = rowHi + static_cast<int64_t>(in.dst.len) - 1;
    if (rowLo < 0 || hi >= static_cast<int64_t>(words))
      return Status::error(what + ": Gemv matrix operand b (addr " + std::to_string(in.b.addr) +
                           ", row stride " + std::to_string(in.b.stride) + ", " +
                           std::to_string(in.a.len) + "x" + std::to_string(in.dst.len) +
                           ") touches words [" + std::to_string(rowLo) + ", " +
                           std::to_string(hi) + "] outside the region's " +
                           std::to_string(words) + " memory words");
    return Status::success();
  }
  case Opcode::ReduceAdd:
  case Opcode::ReduceMax:
    if (in.count == 0)
      return Status::error(what + ": reduction segment length (count) is 0");
    if (static_cast<uint64_t>(in.a.len) != static_cast<uint64_t>(in.dst.len) * in.count)
      return Status::error(what + ": reduction reads a.len " + std::to_string(in.a.len) +
                           " words but dst.len * count is " +
                           std::to_string(uint64_t(in.dst.len) * in.count));
    ACCEL_RETURN_IF_ERROR(checkMem(in.dst, in.dst.len, words, "dst", what));
    return checkMem(in.a, in.a.len, words, "a", what);
  case Opcode::Loop:
    if (in.count > kMaxLoopCount)
      return Status::error(what + ": loop count " + std::to_string(in.count) + " exceeds " +
                           std::to_string(kMaxLoopCount));
    return Status::success();
  case Opcode::EndLoop:
    return Status::success();
  }
  return Status::success();
}

Status checkStream(const Region &r, const Stream &s, bool output,
                   const std::vector<std::vector<int64_t>> &shapes, const Machine &m,
                   const std::string &what) {
  if (s.x < 0 || s.x >= r.width || s.y < 0 || s.y >= r.height)
    return Status::error(what + ": PE (" + std::to_string(s.x) + "," + std::to_string(s.y) +
                         ") outside the " + std::to_string(r.width) + "x" +
                         std::to_string(r.height) + " region");
  if (s.instance < 0 || s.instance >= r.instances)
    return Status::error(what + ": instance " + std::to_string(s.instance) +
                         " out of range (region has " + std::to_string(r.instances) + ")");
  bool edge = false;
  switch (s.side) {
  case Dir::North:
    edge = s.y == 0;
    break;
  case Dir::South:
    edge = s.y == r.height - 1;
    break;
  case Dir::West:
    edge = s.x == 0;
    break;
  case Dir::East:
    edge = s.x == r.width - 1;
    break;
  default:
    return Status::error(what + ": side must be north, south, east or west");
  }
  if (!edge)
    return Status::error(what + ": side " + std::string(dirName(s.side)) + " of PE (" +
                         std::to_string(s.x) + "," + std::to_string(s.y) +
                         ") does not point out of the region");
  if (s.color >= m.colors)
    return Status::error(what + ": color " + std::to_string(s.color) + " >= the machine's " +
                         std::to_string(m.colors) + " colors");
  if (s.messageLen < 1)
    return Status::error(what + ": messageLen must be >= 1");
  (void)output;
  return checkWindow(s.window, shapes, what);
}

Status checkRegion(const Machine &m, const Region &r, const std::string &at,
                   const std::vector<std::vector<int64_t>> &shapes) {
  if (r.width < 1 || r.height < 1 || r.instances < 1)
    return Status::error(at + ": size " + std::to_string(r.width) + "x" +
                         std::to_string(r.height) + " x " + std::to_string(r.instances) +
                         " instances must be positive");
  int64_t right = int64_t(r.x) + int64_t(r.width) * r.instances;
  if (r.x < 0 || r.y < 0 || right > m.width || int64_t(r.y) + r.height > m.height)
    return Status::error(at + ": origin (" + std::to_string(r.x) + "," + std::to_string(r.y) +
                         ") with " + std::to_string(r.instances) + " instance(s) of " +
                         std::to_string(r.width) + "x" + std::to_string(r.height) +
                         " does not fit the " + std::to_string(m.width) + "x" +
                         std::to_string(m.height) + " fabric");
  uint64_t bytes = uint64_t(r.memoryWords) * 4 + r.codeBytes;
  if (bytes > m.memoryBytesPerPe)
    return Status::error(at + ": memory per PE " + std::to_string(r.memoryWords) +
                         " words * 4 + " + std::to_string(r.codeBytes) + " code bytes = " +
                         std::to_string(bytes) + " exceeds the machine's " +
                         std::to_string(m.memoryBytesPerPe) + " bytes");
  for (size_t i = 0; i < r.routes.size(); ++i) {
    const RouteRule &rr = r.routes[i];
    std::string w = at + " route rule #" + std::to_string(i);
    ACCEL_RETURN_IF_ERROR(checkPeSet(rr.pes, w));
    if (rr.color >= m.colors)
      return Status::error(w + ": color " + std::to_string(rr.color) + " >= the machine's " +
                           std::to_string(m.colors) + " colors");
    if ((rr.rx | rr.tx) & ~0x1fu)
      return Status::error(w + ": port mask has bits beyond the 5 router ports");
  }
  for (size_t i = 0; i < r.inits.size(); ++i) {
    const BufferInit &bi = r.inits[i];
    std::string w = at + " buffer init #" + std::to_string(i);
    ACCEL_RETURN_IF_ERROR(checkPeSet(bi.pes, w));
    ACCEL_RETURN_IF_ERROR(checkWindow(bi.window, shapes, w));
    uint64_t end = uint64_t(bi.addr) + uint64_t(bi.window.numElements());
    if (end > r.memoryWords)
      return Status::error(w + ": words [" + std::to_string(bi.addr) + ", " +
                           std::to_string(end) + ") outside the region's " +
                           std::to_string(r.memoryWords) + " memory words");
  }
  std::vector<bool> dataColor(256, false);
  for (size_t t = 0; t < r.tasks.size(); ++t) {
    const Task &task = r.tasks[t];
    std::string tw = at + " task '" + task.name + "' (#" + std::to_string(t) + ")";
    if (task.kind != TaskKind::Local && task.kind != TaskKind::Data)
      return Status::error(tw + ": unknown task kind " + std::to_string(unsigned(task.kind)));
    if (task.kind == TaskKind::Data) {
      if (task.color >= m.colors)
        return Status::error(tw + ": data task color " + std::to_string(task.color) +
                             " >= the machine's " + std::to_string(m.colors) + " colors");
      if (dataColor[task.color])
        return Status::error(tw + ": a second data task bound to color " +
                             std::to_string(task.color));
      dataColor[task.color] = true;
    }
    size_t depth = 0;
    for (size_t i = 0; i < task.body.size(); ++i) {
      const Instr &in = task.body[i];
      std::string iw = tw + " instruction #" + std::to_string(i) + " (" + opcodeName(in.op) + ")";
      ACCEL_RETURN_IF_ERROR(checkInstr(m, in, r.memoryWords, iw));
      if (in.op == Opcode::Loop && ++depth > kMaxLoopDepth)
        return Status::error(iw + ": loops nested deeper than " + std::to_string(kMaxLoopDepth));
      if (in.op == Opcode::EndLoop) {
        if (depth == 0)
          return Status::error(iw + ": EndLoop without a matching Loop");
        --depth;
      }
    }
    if (depth != 0)
      return Status::error(tw + ": " + std::to_string(depth) + " Loop(s) without EndLoop");
  }
  std::map<std::tuple<int, int, int, int, int>, size_t> seen[2];
  for (int o = 0; o < 2; ++o) {
    const std::vector<Stream> &streams = o ? r.outputs : r.inputs;
    for (size_t i = 0; i < streams.size(); ++i) {
      const Stream &s = streams[i];
      std::string w = at + (o ? " output stream #" : " input stream #") + std::to_string(i);
      ACCEL_RETURN_IF_ERROR(checkStream(r, s, o != 0, shapes, m, w));
      auto key = std::make_tuple(s.instance, s.x, s.y, int(s.side), int(s.color));
      auto [it, fresh] = seen[o].emplace(key, i);
      if (!fresh)
        return Status::error(w + ": same PE, side and color as stream #" +
                             std::to_string(it->second));
    }
  }
  return Status::success();
}

} // namespace

Status validate(const Machine &m, const Program &p,
                const std::vector<std::vector<int64_t>> &shapes) {
  std::string bad = m.check();
  if (!bad.empty())
    return Status::error("wse machine: " + bad);
  for (size_t t = 0; t < shapes.size(); ++t) {
    int64_t n = 1;
    for (int64_t d : shapes[t]) {
      if (d < 0 || (d > 0 && n > kMaxWindowElements / d))
        return Status::error("tensor " + std::to_string(t) +
                             ": negative dimension or too many elements");
      n *= d;
    }
  }
  for (size_t li = 0; li < p.layers.size(); ++li) {
    const Layer &l = p.layers[li];
    for (size_t ri = 0; ri < l.regions.size(); ++ri) {
      const Region &r = l.regions[ri];
      ACCEL_RETURN_IF_ERROR(checkRegion(m, r, where(l, li, r, ri), shapes));
      // Regions of a layer run at the same time: they must not share PEs.
      for (size_t rj = 0; rj < ri; ++rj) {
        const Region &q = l.regions[rj];
        int64_t ax1 = int64_t(r.x) + int64_t(r.width) * r.instances, ay1 = int64_t(r.y) + r.height;
        int64_t bx1 = int64_t(q.x) + int64_t(q.width) * q.instances, by1 = int64_t(q.y) + q.height;
        if (r.x < bx1 && q.x < ax1 && r.y < by1 && q.y < ay1)
          return Status::error(where(l, li, r, ri) + ": overlaps region '" + q.name + "' (#" +
                               std::to_string(rj) + ") of the same layer");
      }
    }
  }
  return Status::success();
}

} // namespace accel::sim::wse
