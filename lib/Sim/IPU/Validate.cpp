//===- Validate.cpp - Semantic checks of a (possibly damaged) program -----===//
//
// The loader feeds this fuzzed files: every check uses wide arithmetic, nothing asserts,
// and every message names the step, compute set, vertex, exchange, transfer or tile
// concerned and what is wrong.
//
//===----------------------------------------------------------------------===//
#include "Internal.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace accel::sim::ipu {

using runtime::Status;

namespace {

constexpr uint32_t kMaxRepeatCount = 1u << 24;
constexpr size_t kMaxRepeatDepth = 8;
constexpr int64_t kMaxViewField = int64_t(1) << 40;
constexpr int64_t kMaxTensorElements = int64_t(1) << 40;
constexpr size_t kMaxViewRank = 16;
constexpr uint32_t kMaxWindowStep = 1u << 16; // strides, dilations and padding
constexpr uint64_t kMaxWindowTaps = 1u << 20; // kh * kw
// What the births of a program may cost the simulator: tiles named plus 64-word groups
// forgotten, summed over births. A real program writes every word a birth forgets, so its
// births cost a fraction of its writes; this only stops crafted ones.
constexpr uint64_t kMaxBirthWork = uint64_t(1) << 30;

std::string str(uint64_t v) { return std::to_string(v); }

std::string sliceText(const Slice &s) {
  return "[" + str(s.offset) + ", " + str(uint64_t(s.offset) + s.len) + ")";
}

bool overlaps(const Slice &x, const Slice &y) {
  if (x.len == 0 || y.len == 0)
    return false;
  uint64_t xe = uint64_t(x.offset) + x.len, ye = uint64_t(y.offset) + y.len;
  return x.offset < ye && y.offset < xe;
}

bool identical(const Slice &x, const Slice &y) { return x.offset == y.offset && x.len == y.len; }

/// x * y, saturating at 2^64 - 1: window products of damaged fields must not wrap.
uint64_t satMul(uint64_t x, uint64_t y) {
  uint64_t r = 0;
  return __builtin_mul_overflow(x, y, &r) ? ~uint64_t(0) : r;
}

/// How many of the taps t < k of output position o land inside [0, size) of the slab:
/// tap t reads o * stride + t * dilation - pad. All arguments are validated first, so the
/// arithmetic fits in int64.
int64_t tapsInside(int64_t o, int64_t stride, int64_t dilation, int64_t pad, int64_t k,
                   int64_t size) {
  int64_t start = o * stride - pad; // position of tap 0
  // Smallest t with start + t * dilation >= 0; largest with start + t * dilation < size.
  int64_t lo = start >= 0 ? 0 : (-start + dilation - 1) / dilation;
  if (start >= size)
    return 0;
  int64_t hi = std::min(k - 1, (size - 1 - start) / dilation);
  return hi >= lo ? hi - lo + 1 : 0;
}

class Validator {
public:
  Validator(const Machine &m, const Program &p, const std::vector<std::vector<int64_t>> &shapes,
            ProgramFacts &f)
      : m_(m), p_(p), shapes_(shapes), f_(f) {}

  Status run() {
    std::string mc = m_.check();
    if (!mc.empty())
      return Status::error("IPU machine '" + m_.name + "': " + mc);
    for (size_t i = 0; i < shapes_.size(); ++i) {
      int64_t n = 1;
      for (int64_t d : shapes_[i]) {
        if (d < 0 || (d > 0 && n > kMaxTensorElements / d))
          return Status::error("tensor " + str(i) + " has a negative or too large shape");
        n *= d;
      }
    }
    if (p_.tilesUsed > uint64_t(m_.tiles) * m_.ipus)
      return Status::error("program uses " + str(p_.tilesUsed) + " tiles but machine '" +
                           m_.name + "' has " + str(uint64_t(m_.tiles) * m_.ipus));
    if (p_.memoryWordsPerTile > m_.memoryWordsPerTile())
      return Status::error("program needs " + str(p_.memoryWordsPerTile) +
                           " words per tile but a tile of machine '" + m_.name + "' holds " +
                           str(m_.memoryWordsPerTile()) + " (" + str(m_.memoryBytesPerTile) +
                           " bytes)");
    f_.tileExtent.assign(p_.tilesUsed, 0);
    for (size_t i = 0; i < p_.inits.size(); ++i) {
      const TileInit &in = p_.inits[i];
      std::string what = "tile init #" + str(i);
      ACCEL_RETURN_IF_ERROR(checkView(in.view, what));
      ACCEL_RETURN_IF_ERROR(
          checkSlice(in.tile, Slice{in.offset, uint32_t(in.view.numElements())}, what, "data",
                     uint64_t(in.view.numElements())));
    }
    for (size_t c = 0; c < p_.computeSets.size(); ++c)
      ACCEL_RETURN_IF_ERROR(checkComputeSet(c));
    for (size_t e = 0; e < p_.exchanges.size(); ++e)
      ACCEL_RETURN_IF_ERROR(checkExchange(e));
    for (size_t h = 0; h < p_.hostExchanges.size(); ++h)
      ACCEL_RETURN_IF_ERROR(checkHostExchange(h));
    ACCEL_RETURN_IF_ERROR(checkSteps());
    return checkBirths();
  }

private:
  /// `wideLen` is the slice length before truncation to 32 bits (views).
  Status checkSlice(uint32_t tile, const Slice &s, const std::string &what, const char *operand,
                    uint64_t wideLen) {
    if (tile >= p_.tilesUsed)
      return Status::error(what + ": tile " + str(tile) + " out of range (the program uses " +
                           str(p_.tilesUsed) + " tiles)");
    uint64_t end = uint64_t(s.offset) + wideLen;
    if (end > p_.memoryWordsPerTile)
      return Status::error(what + " on tile " + str(tile) + ": " + operand + " slice [" +
                           str(s.offset) + ", " + str(end) +
                           ") outside the tile memory of " + str(p_.memoryWordsPerTile) +
                           " words");
    if (wideLen)
      f_.tileExtent[tile] = std::max<uint32_t>(f_.tileExtent[tile], uint32_t(end));
    return Status::success();
  }

  Status checkView(const View &v, const std::string &what) {
    if (v.tensor < 0 || size_t(v.tensor) >= shapes_.size())
      return Status::error(what + ": tensor index " + std::to_string(v.tensor) +
                           " out of range (the schedule has " + str(shapes_.size()) +
                           " tensors)");
    if (v.dims.size() > kMaxViewRank)
      return Status::error(what + ": view has " + str(v.dims.size()) + " dims (at most " +
                           str(kMaxViewRank) + ")");
    if (v.base < -kMaxViewField || v.base > kMaxViewField)
      return Status::error(what + ": view base " + std::to_string(v.base) + " out of range");
    int64_t n = 1;
    for (size_t j = 0; j < v.dims.size(); ++j) {
      int64_t size = v.dims[j].first, stride = v.dims[j].second;
      if (size < 0)
        return Status::error(what + ": view dim " + str(j) + " has negative size " +
                             std::to_string(size));
      if (stride < -kMaxViewField || stride > kMaxViewField)
        return Status::error(what + ": view dim " + str(j) + " stride " +
                             std::to_string(stride) + " out of range");
      if (size > 0 && n > (int64_t(1) << 32) / size)
        return Status::error(what + ": view has too many elements (more than 2^32)");
      n *= size;
    }
    if (n > (int64_t(1) << 32))
      return Status::error(what + ": view has too many elements (more than 2^32)");
    return Status::success();
  }

  Status checkVertex(const ComputeSet &cs, size_t c, size_t vi) {
    const Vertex &v = cs.vertices[vi];
    std::string what = "compute set '" + cs.name + "' (#" + str(c) + ") vertex #" + str(vi);
    if (uint32_t(v.codelet) > uint32_t(kLastCodelet))
      return Status::error(what + ": unknown codelet " + str(uint32_t(v.codelet)));
    what += " (" + std::string(codeletName(v.codelet)) + ")";
    if (v.tile >= p_.tilesUsed)
      return Status::error(what + ": tile " + str(v.tile) + " out of range (the program uses " +
                           str(p_.tilesUsed) + " tiles)");
    std::string head = what; // checkSlice adds " on tile N"
    what += " on tile " + str(v.tile);
    auto slice = [&](const Slice &s, const char *name) {
      return checkSlice(v.tile, s, head, name, s.len);
    };
    auto inPlaceOrDisjoint = [&](const Slice &in, const char *name) -> Status {
      if (overlaps(v.out, in) && !identical(v.out, in))
        return Status::error(what + ": out " + sliceText(v.out) + " partly overlaps " + name +
                             " " + sliceText(in) + " (only identical, in-place, or disjoint)");
      return Status::success();
    };
    auto disjoint = [&](const Slice &in, const char *name) -> Status {
      if (overlaps(v.out, in))
        return Status::error(what + ": out " + sliceText(v.out) + " overlaps " + name + " " +
                             sliceText(in) + " (must be disjoint for this codelet)");
      return Status::success();
    };
    ACCEL_RETURN_IF_ERROR(slice(v.out, "out"));
    switch (v.codelet) {
    case Codelet::MatMul: {
      if (v.m == 0 || v.k == 0 || v.n == 0)
        return Status::error(what + ": MatMul dims must be positive (m " + str(v.m) + ", k " +
                             str(v.k) + ", n " + str(v.n) + ")");
      uint64_t mk = uint64_t(v.m) * v.k, kn = uint64_t(v.k) * v.n, mn = uint64_t(v.m) * v.n;
      if (v.a.len != mk || v.b.len != kn || v.out.len != mn)
        return Status::error(what + ": MatMul " + str(v.m) + "x" + str(v.k) + "x" + str(v.n) +
                             " needs a " + str(mk) + ", b " + str(kn) + ", out " + str(mn) +
                             " words; has a " + str(v.a.len) + ", b " + str(v.b.len) +
                             ", out " + str(v.out.len));
      ACCEL_RETURN_IF_ERROR(slice(v.a, "a"));
      ACCEL_RETURN_IF_ERROR(slice(v.b, "b"));
      ACCEL_RETURN_IF_ERROR(disjoint(v.a, "a"));
      return disjoint(v.b, "b");
    }
    case Codelet::Add:
    case Codelet::Sub:
    case Codelet::Mul:
    case Codelet::Div:
    case Codelet::Max:
    case Codelet::Min:
    case Codelet::ScaledAdd: {
      bool aBroadcasts = v.codelet != Codelet::ScaledAdd;
      bool aOk = v.a.len == v.out.len || (aBroadcasts && v.a.len == 1);
      if (!aOk || (v.b.len != v.out.len && v.b.len != 1))
        return Status::error(what + ": elementwise lengths: out " + str(v.out.len) + ", a " +
                             str(v.a.len) + ", b " + str(v.b.len) +
                             (aBroadcasts ? " (a and b must each match out or be 1)"
                                          : " (a must match out; b must match out or be 1)"));
      ACCEL_RETURN_IF_ERROR(slice(v.a, "a"));
      ACCEL_RETURN_IF_ERROR(slice(v.b, "b"));
      // A broadcast operand is read for every element: out must not overwrite it.
      auto operand = [&](const Slice &in, const char *name, const char *broadcastName) {
        if (in.len != v.out.len || v.out.len == 1)
          return v.out.len == 1 ? inPlaceOrDisjoint(in, name) : disjoint(in, broadcastName);
        return inPlaceOrDisjoint(in, name);
      };
      ACCEL_RETURN_IF_ERROR(operand(v.a, "a", "broadcast a"));
      return operand(v.b, "b", "broadcast b");
    }
    case Codelet::Unary:
      if (uint32_t(v.fn) > uint32_t(kLastUnaryFn))
        return Status::error(what + ": unknown unary function " + str(uint32_t(v.fn)));
      [[fallthrough]];
    case Codelet::Clamp:
    case Codelet::Copy:
      if (v.a.len != v.out.len)
        return Status::error(what + ": a has " + str(v.a.len) + " words, out " +
                             str(v.out.len));
      ACCEL_RETURN_IF_ERROR(slice(v.a, "a"));
      return inPlaceOrDisjoint(v.a, "a");
    case Codelet::ReduceAdd:
    case Codelet::ReduceMax:
    case Codelet::ReduceScaledAdd:
      if (v.count == 0 || uint64_t(v.out.len) * v.count != v.a.len)
        return Status::error(what + ": reduce needs out.len * count == a.len and count >= 1 "
                                    "(out " +
                             str(v.out.len) + ", count " + str(v.count) + ", a " +
                             str(v.a.len) + ")");
      ACCEL_RETURN_IF_ERROR(slice(v.a, "a"));
      return disjoint(v.a, "a");
    case Codelet::Fill:
      return Status::success();
    case Codelet::Sum:
      // count blocks of out.len words, n apart: a holds (count - 1) * n + out.len words.
      if (v.count == 0 || v.n < v.out.len ||
          uint64_t(v.count - 1) * v.n + v.out.len != v.a.len)
        return Status::error(what + ": Sum of " + str(v.count) + " blocks " + str(v.n) +
                             " words apart needs n >= out.len and a.len == (count - 1) * n + "
                             "out.len (out " + str(v.out.len) + ", a " + str(v.a.len) + ")");
      ACCEL_RETURN_IF_ERROR(slice(v.a, "a"));
      return disjoint(v.a, "a");
    case Codelet::Transpose: {
      uint64_t elems = satMul(satMul(v.count, v.m), v.n);
      if (v.count == 0 || v.m == 0 || v.n == 0 || v.a.len != elems || v.out.len != elems)
        return Status::error(what + ": Transpose of " + str(v.count) + " x " + str(v.m) + "x" +
                             str(v.n) + " needs positive dims and a and out of count*m*n " +
                             "words; has a " + str(v.a.len) + ", out " + str(v.out.len));
      ACCEL_RETURN_IF_ERROR(slice(v.a, "a"));
      return disjoint(v.a, "a");
    }
    case Codelet::Conv:
    case Codelet::MaxPool:
    case Codelet::AvgPool:
      ACCEL_RETURN_IF_ERROR(checkWindow(v, what));
      ACCEL_RETURN_IF_ERROR(slice(v.a, "a"));
      ACCEL_RETURN_IF_ERROR(disjoint(v.a, "a"));
      if (v.codelet != Codelet::Conv)
        return Status::success();
      ACCEL_RETURN_IF_ERROR(slice(v.b, "b"));
      return disjoint(v.b, "b");
    }
    return Status::success();
  }

  /// The window of a Conv or pool: positive sizes, bounded steps, slices of the sizes the
  /// geometry gives, and (pools) no output whose window misses the slab entirely.
  Status checkWindow(const Vertex &v, const std::string &what) {
    const Window &w = v.window;
    auto geometry = [&] {
      return "c " + str(w.c) + ", h " + str(w.h) + ", w " + str(w.w) + ", oh " + str(w.oh) +
             ", ow " + str(w.ow) + ", kh " + str(w.kh) + ", kw " + str(w.kw) + ", cout " +
             str(w.cout);
    };
    if (!w.c || !w.h || !w.w || !w.oh || !w.ow || !w.kh || !w.kw || !w.cout)
      return Status::error(what + ": window sizes must be positive (" + geometry() + ")");
    if (!w.sh || !w.sw || !w.dh || !w.dw || w.sh > kMaxWindowStep || w.sw > kMaxWindowStep ||
        w.dh > kMaxWindowStep || w.dw > kMaxWindowStep)
      return Status::error(what + ": window strides and dilations must be in [1, 2^16] (sh " +
                           str(w.sh) + ", sw " + str(w.sw) + ", dh " + str(w.dh) + ", dw " +
                           str(w.dw) + ")");
    if (w.ph < 0 || w.pw < 0 || uint32_t(w.ph) > kMaxWindowStep ||
        uint32_t(w.pw) > kMaxWindowStep)
      return Status::error(what + ": window padding must be in [0, 2^16] (ph " +
                           std::to_string(w.ph) + ", pw " + std::to_string(w.pw) + ")");
    if (w.taps() > kMaxWindowTaps)
      return Status::error(what + ": window has " + str(w.taps()) + " taps (kh * kw), above 2^20");
    bool conv = v.codelet == Codelet::Conv;
    if (!conv && w.cout != w.c)
      return Status::error(what + ": a pool keeps its channels: cout " + str(w.cout) +
                           " must equal c " + str(w.c));
    uint64_t outLen = satMul(satMul(w.cout, w.oh), w.ow);
    uint64_t aLen = satMul(satMul(w.c, w.h), w.w);
    uint64_t bLen = satMul(satMul(w.cout, w.c), w.taps());
    if (v.out.len != outLen || v.a.len != aLen || (conv && v.b.len != bLen))
      return Status::error(what + ": window (" + geometry() + ") needs out " + str(outLen) +
                           ", a " + str(aLen) + (conv ? ", b " + str(bLen) : std::string()) +
                           " words; has out " + str(v.out.len) + ", a " + str(v.a.len) +
                           (conv ? ", b " + str(v.b.len) : std::string()));
    if (conv)
      return Status::success(); // an all-padding output is 0: legal (large ONNX pads)
    // A max or average over no element is undefined; out.len bounds these loops.
    for (uint32_t oy = 0; oy < w.oh; ++oy)
      if (!tapsInside(oy, w.sh, w.dh, w.ph, w.kh, w.h))
        return Status::error(what + ": output row " + str(oy) +
                             "'s window has no row inside the slab (" + geometry() + ")");
    for (uint32_t ox = 0; ox < w.ow; ++ox)
      if (!tapsInside(ox, w.sw, w.dw, w.pw, w.kw, w.w))
        return Status::error(what + ": output column " + str(ox) +
                             "'s window has no column inside the slab (" + geometry() + ")");
    return Status::success();
  }

  Status checkComputeSet(size_t c) {
    const ComputeSet &cs = p_.computeSets[c];
    for (size_t vi = 0; vi < cs.vertices.size(); ++vi)
      ACCEL_RETURN_IF_ERROR(checkVertex(cs, c, vi));
    return Status::success();
  }

  /// Destination ranges (tile, begin, end, who) of one exchange must not overlap.
  Status checkDisjointDsts(std::vector<std::tuple<uint32_t, uint64_t, uint64_t, std::string>> &d,
                           const std::string &what) {
    std::sort(d.begin(), d.end());
    for (size_t i = 1; i < d.size(); ++i)
      if (std::get<0>(d[i]) == std::get<0>(d[i - 1]) && std::get<1>(d[i]) < std::get<2>(d[i - 1]))
        return Status::error(what + ": " + std::get<3>(d[i - 1]) + " and " + std::get<3>(d[i]) +
                             " both write tile " + str(std::get<0>(d[i])) + " word " +
                             str(std::get<1>(d[i])));
    return Status::success();
  }

  Status checkExchange(size_t e) {
    const Exchange &ex = p_.exchanges[e];
    std::string what = "exchange '" + ex.name + "' (#" + str(e) + ")";
    std::vector<std::tuple<uint32_t, uint64_t, uint64_t, std::string>> dsts;
    for (size_t t = 0; t < ex.transfers.size(); ++t) {
      const Transfer &tr = ex.transfers[t];
      std::string tw = what + " transfer #" + str(t);
      ACCEL_RETURN_IF_ERROR(checkSlice(tr.srcTile, Slice{tr.srcOffset, tr.len}, tw + " source",
                                       "source", tr.len));
      for (size_t d = 0; d < tr.dsts.size(); ++d) {
        ACCEL_RETURN_IF_ERROR(checkSlice(tr.dsts[d].first, Slice{tr.dsts[d].second, tr.len},
                                         tw + " destination #" + str(d), "destination", tr.len));
        if (tr.len)
          dsts.emplace_back(tr.dsts[d].first, tr.dsts[d].second,
                            uint64_t(tr.dsts[d].second) + tr.len,
                            "transfer #" + str(t) + " destination #" + str(d));
      }
    }
    return checkDisjointDsts(dsts, what);
  }

  Status checkHostExchange(size_t h) {
    const HostExchange &hx = p_.hostExchanges[h];
    std::string what = "host exchange '" + hx.name + "' (#" + str(h) + ")";
    std::vector<std::tuple<uint32_t, uint64_t, uint64_t, std::string>> dsts;
    for (size_t i = 0; i < hx.copies.size(); ++i) {
      const HostCopy &hc = hx.copies[i];
      std::string cw = what + " copy #" + str(i) + (hc.toDevice ? " (to device)" : " (to host)");
      ACCEL_RETURN_IF_ERROR(checkView(hc.view, cw));
      uint64_t n = uint64_t(hc.view.numElements());
      ACCEL_RETURN_IF_ERROR(checkSlice(hc.tile, Slice{hc.offset, uint32_t(n)}, cw, "tile", n));
      if (hc.toDevice && n)
        dsts.emplace_back(hc.tile, hc.offset, hc.offset + n, "copy #" + str(i));
    }
    return checkDisjointDsts(dsts, what);
  }

  Status checkSteps() {
    f_.match.assign(p_.steps.size(), 0);
    inRepeat_.assign(p_.steps.size(), 0);
    std::vector<size_t> open;
    for (size_t s = 0; s < p_.steps.size(); ++s) {
      const Step &st = p_.steps[s];
      inRepeat_[s] = !open.empty(); // a RepeatBegin runs once per entry, its RepeatEnd per pass
      std::string what = "step #" + str(s);
      if (uint32_t(st.kind) > uint32_t(StepKind::RepeatEnd))
        return Status::error(what + ": unknown step kind " + str(uint32_t(st.kind)));
      what += " (" + std::string(stepKindName(st.kind)) + ")";
      if (st.layer < -1 || (st.layer >= 0 && size_t(st.layer) >= p_.layers.size()))
        return Status::error(what + ": layer index " + std::to_string(st.layer) +
                             " out of range (the program has " + str(p_.layers.size()) +
                             " layers)");
      size_t limit = 0;
      switch (st.kind) {
      case StepKind::Compute:
        limit = p_.computeSets.size();
        break;
      case StepKind::Exchange:
        limit = p_.exchanges.size();
        break;
      case StepKind::HostExchange:
        limit = p_.hostExchanges.size();
        break;
      case StepKind::Sync:
        continue;
      case StepKind::RepeatBegin:
        if (st.count > kMaxRepeatCount)
          return Status::error(what + ": repeat count " + str(st.count) + " above 2^24");
        if (open.size() >= kMaxRepeatDepth)
          return Status::error(what + ": repeat loops nested deeper than " +
                               str(kMaxRepeatDepth));
        open.push_back(s);
        continue;
      case StepKind::RepeatEnd:
        if (open.empty())
          return Status::error(what + ": RepeatEnd without a matching RepeatBegin");
        f_.match[s] = uint32_t(open.back());
        f_.match[open.back()] = uint32_t(s);
        open.pop_back();
        continue;
      }
      if (st.index >= limit)
        return Status::error(what + ": index " + str(st.index) + " out of range (the program has " +
                             str(limit) + ")");
    }
    if (!open.empty())
      return Status::error("step #" + str(open.back()) +
                           " (RepeatBegin): no matching RepeatEnd (unbalanced repeat)");
    return Status::success();
  }

  /// Births name a step outside every repeat body and words of tiles the program has; they
  /// are indexed by step for the simulator.
  Status checkBirths() {
    uint64_t work = 0;
    std::vector<uint32_t> count(p_.steps.size() + 1, 0);
    for (size_t i = 0; i < p_.births.size(); ++i) {
      const Birth &b = p_.births[i];
      std::string what = "birth #" + str(i);
      if (b.step >= p_.steps.size())
        return Status::error(what + ": step " + str(b.step) + " out of range (the program has " +
                             str(p_.steps.size()) + " steps)");
      if (inRepeat_[b.step])
        return Status::error(what + ": step #" + str(b.step) +
                             " is inside a repeat body (a live range starts outside repeats)");
      uint64_t end = uint64_t(b.offset) + b.len;
      if (end > p_.memoryWordsPerTile)
        return Status::error(what + ": words [" + str(b.offset) + ", " + str(end) +
                             ") outside the tile memory of " + str(p_.memoryWordsPerTile) +
                             " words");
      for (size_t r = 0; r < b.tiles.size(); ++r) {
        auto [first, n] = b.tiles[r];
        if (n == 0 || uint64_t(first) + n > p_.tilesUsed)
          return Status::error(what + ": tile run #" + str(r) + " (tiles " + str(first) +
                               " + " + str(n) + ") empty or beyond the " + str(p_.tilesUsed) +
                               " tiles the program uses");
        work += uint64_t(n) * (1 + (uint64_t(b.len) + 63) / 64);
        if (work > kMaxBirthWork)
          return Status::error(what + ": the births forget more than 2^30 tiles and 64-word "
                                      "groups in all (a real program writes every word it "
                                      "forgets)");
      }
      ++count[b.step + 1];
    }
    f_.birthStart.assign(p_.steps.size() + 1, 0);
    for (size_t s = 0; s < p_.steps.size(); ++s)
      f_.birthStart[s + 1] = f_.birthStart[s] + count[s + 1];
    f_.birthOrder.assign(p_.births.size(), 0);
    std::vector<uint32_t> next(f_.birthStart.begin(), f_.birthStart.end() - 1);
    for (size_t i = 0; i < p_.births.size(); ++i)
      f_.birthOrder[next[p_.births[i].step]++] = uint32_t(i);
    return Status::success();
  }

  const Machine &m_;
  const Program &p_;
  const std::vector<std::vector<int64_t>> &shapes_;
  ProgramFacts &f_;
  std::vector<uint8_t> inRepeat_; // per step: inside a repeat body (RepeatEnd included)
};

} // namespace

const char *codeletName(Codelet c) {
  static const char *names[] = {"MatMul",    "Add",     "Sub",     "Mul",      "Div",
                                "Max",       "Min",     "Unary",   "ReduceAdd", "ReduceMax",
                                "Copy",      "Fill",    "ScaledAdd", "Conv",    "MaxPool",
                                "AvgPool",   "Transpose", "Clamp",   "Sum",
                                "ReduceScaledAdd"};
  static_assert(std::size(names) == kNumCodelets, "one name per Codelet");
  return uint32_t(c) < kNumCodelets ? names[uint32_t(c)] : "?";
}

const char *stepKindName(StepKind k) {
  static const char *names[] = {"Compute", "Sync", "Exchange", "HostExchange", "RepeatBegin",
                                "RepeatEnd"};
  return uint32_t(k) < 6 ? names[uint32_t(k)] : "?";
}

Status validateProgram(const Machine &machine, const Program &program,
                       const std::vector<std::vector<int64_t>> &tensorShapes,
                       ProgramFacts &facts) {
  return Validator(machine, program, tensorShapes, facts).run();
}

Status validate(const Machine &machine, const Program &program,
                const std::vector<std::vector<int64_t>> &tensorShapes) {
  ProgramFacts facts;
  return validateProgram(machine, program, tensorShapes, facts);
}

} // namespace accel::sim::ipu
