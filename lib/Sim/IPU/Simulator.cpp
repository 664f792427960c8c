//===- Simulator.cpp - BSP execution of an IPU program ---------------------===//
//
// Steps run in program order (repeat loops nest). Every tile has its own memory image,
// allocated at its first write with the tile's extent (the highest word the program touches
// on it) and a written bitmap: reading a word nothing wrote is an error naming the tile, the
// step, compute set and vertex (or exchange and transfer, or host copy) and the address.
// Execution model and cost model: docs/targets/ipu-simulator.md.
//
//===----------------------------------------------------------------------===//
#include "accel/Sim/Common/Fp16.h"
#include "Internal.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace accel::sim::ipu {

using runtime::Status;

namespace {

std::string str(uint64_t v) { return std::to_string(v); }

struct TileImage {
  std::vector<float> words;
  std::vector<uint64_t> bits; // written bitmap
};

class Sim {
public:
  Sim(const Machine &m, const Program &p, std::vector<TensorView> &t, RunStats &st,
      ProgramFacts &f)
      : m_(m), p_(p), t_(t), st_(st), f_(f), tiles_(p.tilesUsed) {}

  Status run();

private:
  float *image(uint32_t tile) {
    TileImage &ti = tiles_[tile];
    if (ti.words.empty()) {
      ti.words.assign(f_.tileExtent[tile], 0.0f);
      ti.bits.assign((f_.tileExtent[tile] + 63) / 64, 0);
    }
    return ti.words.data();
  }
  void markWritten(uint32_t tile, uint32_t off, uint32_t len) {
    std::vector<uint64_t> &b = tiles_[tile].bits;
    uint64_t i = off, e = uint64_t(off) + len;
    while (i < e && (i & 63))
      b[i >> 6] |= uint64_t(1) << (i & 63), ++i;
    for (; i + 64 <= e; i += 64)
      b[i >> 6] = ~uint64_t(0);
    for (; i < e; ++i)
      b[i >> 6] |= uint64_t(1) << (i & 63);
  }
  /// Forgets that words [off, off + len) of `tile` were written (a birth): clamped to the
  /// tile's image, and nothing to do on a tile nothing wrote yet.
  void markUnwritten(uint32_t tile, uint32_t off, uint32_t len) {
    std::vector<uint64_t> &b = tiles_[tile].bits;
    uint64_t i = off, e = std::min<uint64_t>(uint64_t(off) + len, uint64_t(b.size()) * 64);
    while (i < e && (i & 63))
      b[i >> 6] &= ~(uint64_t(1) << (i & 63)), ++i;
    for (; i + 64 <= e; i += 64)
      b[i >> 6] = 0;
    for (; i < e; ++i)
      b[i >> 6] &= ~(uint64_t(1) << (i & 63));
  }
  void applyBirths(size_t s) {
    for (uint32_t k = f_.birthStart[s]; k < f_.birthStart[s + 1]; ++k) {
      const Birth &b = p_.births[f_.birthOrder[k]];
      for (const auto &[first, n] : b.tiles)
        for (uint32_t t = first; t < first + n; ++t)
          markUnwritten(t, b.offset, b.len);
    }
  }
  /// True when every word of [off, off + len) was written; else `bad` is the first that was not.
  bool written(uint32_t tile, uint32_t off, uint32_t len, uint64_t &bad) const {
    const std::vector<uint64_t> &b = tiles_[tile].bits;
    uint64_t i = off, e = uint64_t(off) + len;
    if (len && b.empty()) {
      bad = off;
      return false;
    }
    while (i < e) {
      if ((i & 63) == 0 && i + 64 <= e && b[i >> 6] == ~uint64_t(0)) {
        i += 64;
        continue;
      }
      if (!((b[i >> 6] >> (i & 63)) & 1)) {
        bad = i;
        return false;
      }
      ++i;
    }
    return true;
  }
  Status unwritten(const std::string &where, uint32_t tile, const char *operand, uint64_t addr) {
    return Status::error(where + ": reads tile " + str(tile) + " word " + str(addr) + " (" +
                         operand + ") that nothing wrote (no init, exchange, host copy or " +
                         "earlier vertex)");
  }
  std::string stepWhere(size_t s) const {
    return "step #" + str(s) + " (" + stepKindName(p_.steps[s].kind) + ")";
  }

  Status loadInits();
  Status runCompute(size_t s, const ComputeSet &cs, uint64_t budget, uint64_t &cycles,
                    uint64_t &flops);
  Status runVertex(const std::string &where, const Vertex &v);
  Status runExchange(size_t s, const Exchange &ex, uint64_t &cycles, uint64_t &bytes);
  Status runHost(size_t s, const HostExchange &hx, uint64_t &cycles, uint64_t &bytes);
  void viewIndices(const View &v, std::vector<int64_t> &idx) const;
  void finishLayers();

  const Machine &m_;
  const Program &p_;
  std::vector<TensorView> &t_;
  RunStats &st_;
  ProgramFacts &f_;
  std::vector<TileImage> tiles_;
  // Per-compute-step scratch, reset through the touched list.
  std::vector<uint64_t> ampCycles_, tileFlops_, workerCycles_;
  std::vector<uint32_t> workerNext_;
  std::vector<uint8_t> touched_;
  std::vector<uint32_t> touchedList_;
  std::vector<float> xbuf_;
  std::vector<uint64_t> sent_, recv_;
  std::set<std::tuple<int32_t, uint32_t, uint32_t>> layerSteps_; // (layer, kind, index) run
};

void Sim::viewIndices(const View &v, std::vector<int64_t> &idx) const {
  idx.clear();
  int64_t n = v.numElements();
  idx.reserve(size_t(n));
  if (n == 0)
    return;
  size_t r = v.dims.size();
  std::vector<int64_t> ctr(r, 0);
  int64_t flat = v.base;
  for (int64_t e = 0; e < n; ++e) {
    idx.push_back(flat);
    for (size_t j = r; j-- > 0;) {
      if (++ctr[j] < v.dims[j].first) {
        flat += v.dims[j].second;
        break;
      }
      flat -= (v.dims[j].first - 1) * v.dims[j].second;
      ctr[j] = 0;
    }
  }
}

int64_t tensorElements(const TensorView &t) {
  int64_t n = 1;
  for (int64_t d : t.shape)
    n *= d;
  return n;
}

Status Sim::loadInits() {
  std::vector<int64_t> idx;
  for (size_t i = 0; i < p_.inits.size(); ++i) {
    const TileInit &in = p_.inits[i];
    const TensorView &tv = t_[size_t(in.view.tensor)];
    int64_t n = tensorElements(tv);
    if (!tv.data && n > 0)
      return Status::error("tile init #" + str(i) + ": tensor " + std::to_string(in.view.tensor) +
                           " has no data");
    viewIndices(in.view, idx);
    if (idx.empty())
      continue;
    float *w = image(in.tile) + in.offset;
    for (size_t e = 0; e < idx.size(); ++e) {
      float x = (idx[e] >= 0 && idx[e] < n) ? tv.data[idx[e]] : in.view.pad;
      w[e] = m_.fp16 ? roundToFp16(x) : x;
    }
    markWritten(in.tile, in.offset, uint32_t(idx.size()));
  }
  return Status::success();
}


/// o[i] = f(a[i], b[i]); an operand of length 1 (with n > 1) is broadcast. A broadcast
/// value is read once before the loop (validate keeps it disjoint from o).
template <typename F>
inline void binary(float *o, const float *a, const float *b, uint32_t n, bool aBcast,
                   bool bBcast, F f) {
  if (aBcast && bBcast) {
    float v = f(a[0], b[0]);
    std::fill(o, o + n, v);
  } else if (aBcast) {
    float av = a[0];
    for (uint32_t i = 0; i < n; ++i)
      o[i] = f(av, b[i]);
  } else if (bBcast) {
    float bv = b[0];
    for (uint32_t i = 0; i < n; ++i)
      o[i] = f(a[i], bv);
  } else {
    for (uint32_t i = 0; i < n; ++i)
      o[i] = f(a[i], b[i]);
  }
}

/// The taps [lo, hi) of a window dimension that land inside [0, size) for output position
/// o (tap t reads o * stride + t * dilation - pad). Validate bounds every field, so this
/// fits in int64.
inline void tapRange(int64_t o, int64_t stride, int64_t dilation, int64_t pad, int64_t k,
                     int64_t size, int64_t &lo, int64_t &hi) {
  int64_t start = o * stride - pad;
  lo = start >= 0 ? 0 : (-start + dilation - 1) / dilation;
  hi = start >= size ? 0 : std::min(k, (size - 1 - start) / dilation + 1);
  if (hi < lo)
    hi = lo;
}

/// Conv: for every output, f32 accumulation over (ci, ky, kx) of the taps inside the
/// slab; padding taps add nothing, so they are skipped.
void convolve(float *o, const float *a, const float *b, const Window &w, bool accumulate) {
  for (uint32_t co = 0; co < w.cout; ++co)
    for (uint32_t oy = 0; oy < w.oh; ++oy) {
      int64_t kyLo, kyHi;
      tapRange(oy, w.sh, w.dh, w.ph, w.kh, w.h, kyLo, kyHi);
      for (uint32_t ox = 0; ox < w.ow; ++ox) {
        int64_t kxLo, kxHi;
        tapRange(ox, w.sw, w.dw, w.pw, w.kw, w.w, kxLo, kxHi);
        float *dst = o + (uint64_t(co) * w.oh + oy) * w.ow + ox;
        float acc = accumulate ? *dst : 0.0f;
        for (uint32_t ci = 0; ci < w.c; ++ci) {
          const float *plane = a + uint64_t(ci) * w.h * w.w;
          const float *kern = b + (uint64_t(co) * w.c + ci) * w.kh * w.kw;
          for (int64_t ky = kyLo; ky < kyHi; ++ky) {
            int64_t iy = int64_t(oy) * w.sh + ky * w.dh - w.ph;
            for (int64_t kx = kxLo; kx < kxHi; ++kx) {
              int64_t ix = int64_t(ox) * w.sw + kx * w.dw - w.pw;
              acc += kern[ky * w.kw + kx] * plane[iy * w.w + ix];
            }
          }
        }
        *dst = acc;
      }
    }
}

/// MaxPool / AvgPool over the taps inside the slab (validate guarantees there is one).
void pool(float *o, const float *a, const Window &w, bool isMax, bool countPad) {
  for (uint32_t ci = 0; ci < w.c; ++ci) {
    const float *plane = a + uint64_t(ci) * w.h * w.w;
    for (uint32_t oy = 0; oy < w.oh; ++oy) {
      int64_t kyLo, kyHi;
      tapRange(oy, w.sh, w.dh, w.ph, w.kh, w.h, kyLo, kyHi);
      for (uint32_t ox = 0; ox < w.ow; ++ox) {
        int64_t kxLo, kxHi;
        tapRange(ox, w.sw, w.dw, w.pw, w.kw, w.w, kxLo, kxHi);
        float acc = isMax ? -INFINITY : 0.0f;
        for (int64_t ky = kyLo; ky < kyHi; ++ky) {
          int64_t iy = int64_t(oy) * w.sh + ky * w.dh - w.ph;
          for (int64_t kx = kxLo; kx < kxHi; ++kx) {
            float x = plane[iy * w.w + int64_t(ox) * w.sw + kx * w.dw - w.pw];
            acc = isMax ? std::max(acc, x) : acc + x;
          }
        }
        if (!isMax) {
          double count = countPad ? double(w.taps()) : double((kyHi - kyLo) * (kxHi - kxLo));
          acc = float(acc / count);
        }
        o[(uint64_t(ci) * w.oh + oy) * w.ow + ox] = acc;
      }
    }
  }
}

Status Sim::runVertex(const std::string &where, const Vertex &v) {
  uint64_t bad = 0;
  auto need = [&](const Slice &s, const char *name) -> Status {
    if (!written(v.tile, s.offset, s.len, bad))
      return unwritten(where, v.tile, name, bad);
    return Status::success();
  };
  bool usesA = v.codelet != Codelet::Fill;
  bool usesB = v.codelet == Codelet::MatMul || v.codelet == Codelet::Conv ||
               (v.codelet >= Codelet::Add && v.codelet <= Codelet::Min) ||
               v.codelet == Codelet::ScaledAdd;
  // The whole a slab is required written, padding rows excepted: they are not stored.
  if (usesA)
    ACCEL_RETURN_IF_ERROR(need(v.a, "a"));
  if (usesB)
    ACCEL_RETURN_IF_ERROR(need(v.b, "b"));
  if (isAmpCodelet(v.codelet) && v.accumulate)
    ACCEL_RETURN_IF_ERROR(need(v.out, "out (accumulate)"));
  if (v.out.len == 0)
    return Status::success();
  float *mem = image(v.tile);
  float *o = mem + v.out.offset;
  const float *a = mem + v.a.offset;
  const float *b = mem + v.b.offset;
  uint32_t n = v.out.len;
  bool ac = v.a.len == 1 && n != 1;
  bool bc = v.b.len == 1 && n != 1;
  switch (v.codelet) {
  case Codelet::MatMul: {
    uint32_t M = v.m, K = v.k, N = v.n;
    if (v.transposeB) {
      // b is [n x k]: out[i][j] is the dot product of rows i of a and j of b, accumulated
      // in f32 in k order.
      for (uint32_t i = 0; i < M; ++i) {
        const float *arow = a + uint64_t(i) * K;
        for (uint32_t j = 0; j < N; ++j) {
          const float *brow = b + uint64_t(j) * K;
          float acc = v.accumulate ? o[uint64_t(i) * N + j] : 0.0f;
          for (uint32_t kk = 0; kk < K; ++kk)
            acc += arow[kk] * brow[kk];
          o[uint64_t(i) * N + j] = acc;
        }
      }
      break;
    }
    // i-k-j: out row i += a[i][kk] * row kk of b; f32 accumulation in the out words.
    if (!v.accumulate)
      std::fill(o, o + uint64_t(M) * N, 0.0f);
    for (uint32_t i = 0; i < M; ++i) {
      float *orow = o + uint64_t(i) * N;
      const float *arow = a + uint64_t(i) * K;
      for (uint32_t kk = 0; kk < K; ++kk) {
        float x = arow[kk];
        const float *brow = b + uint64_t(kk) * N;
        for (uint32_t j = 0; j < N; ++j)
          orow[j] += x * brow[j];
      }
    }
    break;
  }
  case Codelet::Add:
    binary(o, a, b, n, ac, bc, [](float x, float y) { return x + y; });
    break;
  case Codelet::Sub:
    binary(o, a, b, n, ac, bc, [](float x, float y) { return x - y; });
    break;
  case Codelet::Mul:
    binary(o, a, b, n, ac, bc, [](float x, float y) { return x * y; });
    break;
  case Codelet::Div:
    binary(o, a, b, n, ac, bc, [](float x, float y) { return x / y; });
    break;
  case Codelet::Max:
    binary(o, a, b, n, ac, bc, [](float x, float y) { return std::max(x, y); });
    break;
  case Codelet::Min:
    binary(o, a, b, n, ac, bc, [](float x, float y) { return std::min(x, y); });
    break;
  case Codelet::ScaledAdd: {
    float s = v.imm;
    binary(o, a, b, n, ac, bc, [s](float x, float y) { return x + s * y; });
    break;
  }
  case Codelet::Unary: {
    UnaryFn fn = v.fn;
    float alpha = v.imm, beta = v.imm2;
    for (uint32_t i = 0; i < n; ++i)
      o[i] = applyUnary(fn, a[i], alpha, beta);
    break;
  }
  case Codelet::Sum:
    for (uint32_t i = 0; i < n; ++i) {
      float acc = a[i];
      for (uint32_t j = 1; j < v.count; ++j)
        acc += a[uint64_t(j) * v.n + i];
      o[i] = acc;
    }
    break;
  case Codelet::Clamp: {
    float lo = v.imm, hi = v.imm2;
    for (uint32_t i = 0; i < n; ++i)
      o[i] = std::min(std::max(a[i], lo), hi);
    break;
  }
  case Codelet::Transpose: {
    uint64_t plane = uint64_t(v.m) * v.n;
    for (uint32_t bb = 0; bb < v.count; ++bb) {
      const float *src = a + bb * plane;
      float *dst = o + bb * plane;
      for (uint32_t i = 0; i < v.m; ++i)
        for (uint32_t j = 0; j < v.n; ++j)
          dst[uint64_t(j) * v.m + i] = src[uint64_t(i) * v.n + j];
    }
    break;
  }
  case Codelet::Conv:
    convolve(o, a, b, v.window, v.accumulate);
    break;
  case Codelet::MaxPool:
  case Codelet::AvgPool:
    pool(o, a, v.window, v.codelet == Codelet::MaxPool, v.countPad);
    break;
  case Codelet::Copy:
    if (o != a)
      std::copy(a, a + n, o);
    break;
  case Codelet::Fill:
    std::fill(o, o + n, v.imm);
    break;
  case Codelet::ReduceAdd:
  case Codelet::ReduceMax:
  case Codelet::ReduceScaledAdd: {
    uint32_t c = v.count;
    bool add = v.codelet != Codelet::ReduceMax;
    float scale = v.codelet == Codelet::ReduceScaledAdd ? v.imm : 1.0f;
    for (uint32_t s = 0; s < n; ++s) {
      const float *x = a + uint64_t(s) * c;
      float acc = x[0];
      for (uint32_t j = 1; j < c; ++j)
        acc = add ? acc + x[j] : std::max(acc, x[j]);
      o[s] = v.codelet == Codelet::ReduceScaledAdd ? acc * scale : acc;
    }
    break;
  }
  }
  if (m_.fp16)
    for (uint32_t i = 0; i < n; ++i)
      o[i] = roundToFp16(o[i]);
  markWritten(v.tile, v.out.offset, n);
  return Status::success();
}

Status Sim::runCompute(size_t s, const ComputeSet &cs, uint64_t budget, uint64_t &cycles,
                       uint64_t &flops) {
  uint32_t W = m_.workersPerTile;
  if (ampCycles_.size() != p_.tilesUsed) {
    ampCycles_.assign(p_.tilesUsed, 0);
    tileFlops_.assign(p_.tilesUsed, 0);
    workerNext_.assign(p_.tilesUsed, 0);
    touched_.assign(p_.tilesUsed, 0);
    workerCycles_.assign(uint64_t(p_.tilesUsed) * W, 0);
  }
  // The step's time first, from the cost model alone: a compute set can hold billions of
  // MACs, and a runaway program must be stopped before they run, not after.
  touchedList_.clear();
  flops = 0;
  for (const Vertex &v : cs.vertices) {
    uint32_t t = v.tile;
    if (!touched_[t]) {
      touched_[t] = 1;
      touchedList_.push_back(t);
    }
    uint64_t fl = Machine::vertexFlops(v);
    tileFlops_[t] += fl;
    flops += fl;
    if (isAmpCodelet(v.codelet)) {
      ampCycles_[t] += m_.ampVertexCycles(v);
    } else {
      uint32_t w = workerNext_[t]++ % W;
      workerCycles_[uint64_t(t) * W + w] += m_.workerVertexCycles(v);
    }
  }
  cycles = 0;
  double peak = m_.peakFlopsPerCyclePerTile();
  for (uint32_t t : touchedList_) {
    uint64_t maxWorker = 0;
    for (uint32_t w = 0; w < W; ++w) {
      maxWorker = std::max(maxWorker, workerCycles_[uint64_t(t) * W + w]);
      workerCycles_[uint64_t(t) * W + w] = 0;
    }
    uint64_t tileTime = ampCycles_[t] + uint64_t(W) * maxWorker;
    // Never faster than the tile's peak, whatever the cost tables say.
    uint64_t bound = uint64_t(std::ceil(double(tileFlops_[t]) / peak));
    cycles = std::max({cycles, tileTime, bound});
    ampCycles_[t] = tileFlops_[t] = 0;
    workerNext_[t] = 0;
    touched_[t] = 0;
  }
  if (cycles > budget)
    return Status::error(stepWhere(s) + " compute set '" + cs.name + "': it would take " +
                         str(cycles) + " cycles, past the machine's max cycle count " +
                         str(m_.maxCycles) + " (runaway program?)");
  for (size_t vi = 0; vi < cs.vertices.size(); ++vi) {
    const Vertex &v = cs.vertices[vi];
    Status r = runVertex(std::string(), v);
    if (!r.ok())
      return Status::error(stepWhere(s) + " compute set '" + cs.name + "' (#" +
                           str(p_.steps[s].index) + ") vertex #" + str(vi) + " (" +
                           codeletName(v.codelet) + ") on tile " + str(v.tile) + r.message());
  }
  return Status::success();
}

Status Sim::runExchange(size_t s, const Exchange &ex, uint64_t &cycles, uint64_t &bytes) {
  // Messages are built only on error: a step can run millions of times, its name be long.
  auto where = [&] {
    return stepWhere(s) + " exchange '" + ex.name + "' (#" + str(p_.steps[s].index) + ")";
  };
  // All sources are read first, then all destinations written: one BSP exchange phase.
  xbuf_.clear();
  for (size_t i = 0; i < ex.transfers.size(); ++i) {
    const Transfer &tr = ex.transfers[i];
    uint64_t bad = 0;
    if (!written(tr.srcTile, tr.srcOffset, tr.len, bad))
      return unwritten(where() + " transfer #" + str(i), tr.srcTile, "source", bad);
    if (tr.len) {
      const float *src = image(tr.srcTile) + tr.srcOffset;
      xbuf_.insert(xbuf_.end(), src, src + tr.len);
    }
  }
  if (sent_.size() != p_.tilesUsed) {
    sent_.assign(p_.tilesUsed, 0);
    recv_.assign(p_.tilesUsed, 0);
  }
  touchedList_.clear();
  auto touch = [&](uint32_t t) {
    if (!sent_[t] && !recv_[t])
      touchedList_.push_back(t);
  };
  uint64_t eb = m_.elementBytes();
  // Multi-IPU: bytes between tiles of different IPUs also cross the IPU-Links, whose
  // bandwidth each IPU shares (in and out separately).
  std::vector<uint64_t> linkOut(m_.ipus, 0), linkIn(m_.ipus, 0);
  auto ipuOf = [&](uint32_t tile) { return std::min<uint32_t>(tile / m_.tiles, m_.ipus - 1); };
  size_t pos = 0;
  for (const Transfer &tr : ex.transfers) {
    if (!tr.len)
      continue;
    if (m_.ipus > 1)
      for (const auto &d : tr.dsts)
        if (ipuOf(d.first) != ipuOf(tr.srcTile)) {
          linkOut[ipuOf(tr.srcTile)] += tr.len * eb;
          linkIn[ipuOf(d.first)] += tr.len * eb;
        }
    if (!tr.dsts.empty()) {
      touch(tr.srcTile);
      sent_[tr.srcTile] += tr.len * eb;
    }
    for (const auto &d : tr.dsts) {
      std::copy(xbuf_.begin() + pos, xbuf_.begin() + pos + tr.len, image(d.first) + d.second);
      markWritten(d.first, d.second, tr.len);
      touch(d.first);
      recv_[d.first] += tr.len * eb;
      bytes += tr.len * eb;
    }
    pos += tr.len;
  }
  uint64_t most = 0;
  for (uint32_t t : touchedList_) {
    most = std::max({most, sent_[t], recv_[t]});
    sent_[t] = recv_[t] = 0;
  }
  double tileBound = double(most) / m_.exchangeBytesPerCycle;
  uint64_t linkMost = 0;
  for (uint32_t i = 0; i < m_.ipus; ++i)
    linkMost = std::max({linkMost, linkOut[i], linkIn[i]});
  double linkBound = double(linkMost) * m_.clockHz / m_.ipuLinkBytesPerSecond;
  cycles = most ? m_.exchangeLatencyCycles + uint64_t(std::ceil(std::max(tileBound, linkBound)))
                : 0;
  return Status::success();
}

Status Sim::runHost(size_t s, const HostExchange &hx, uint64_t &cycles, uint64_t &bytes) {
  std::vector<int64_t> idx;
  uint64_t elems = 0;
  for (size_t i = 0; i < hx.copies.size(); ++i) {
    const HostCopy &hc = hx.copies[i];
    auto cw = [&] {
      return stepWhere(s) + " host exchange '" + hx.name + "' (#" + str(p_.steps[s].index) +
             ") copy #" + str(i);
    };
    TensorView &tv = t_[size_t(hc.view.tensor)];
    int64_t n = tensorElements(tv);
    if (!tv.data && n > 0)
      return Status::error(cw() + ": tensor " + std::to_string(hc.view.tensor) + " has no data");
    if (!hc.toDevice && !tv.writable)
      return Status::error(cw() + ": tensor " + std::to_string(hc.view.tensor) +
                           " is not writable");
    viewIndices(hc.view, idx);
    if (idx.empty())
      continue;
    uint32_t len = uint32_t(idx.size());
    elems += len;
    if (hc.toDevice) {
      float *w = image(hc.tile) + hc.offset;
      for (uint32_t e = 0; e < len; ++e) {
        float x = (idx[e] >= 0 && idx[e] < n) ? tv.data[idx[e]] : hc.view.pad;
        w[e] = m_.fp16 ? roundToFp16(x) : x;
      }
      markWritten(hc.tile, hc.offset, len);
    } else {
      uint64_t bad = 0;
      if (!written(hc.tile, hc.offset, len, bad))
        return unwritten(cw() + " (to host)", hc.tile, "source", bad);
      const float *w = image(hc.tile) + hc.offset;
      for (uint32_t e = 0; e < len; ++e)
        if (idx[e] >= 0 && idx[e] < n)
          tv.data[idx[e]] = w[e];
    }
  }
  bytes = elems * m_.elementBytes();
  cycles = uint64_t(std::ceil(double(bytes) * m_.clockHz / m_.hostBytesPerSecond));
  return Status::success();
}

void Sim::finishLayers() {
  // Tiles each layer touched: the union over the (kind, index) its executed steps ran.
  std::vector<uint32_t> tiles;
  int32_t cur = -2;
  auto flush = [&]() {
    if (cur < 0)
      return;
    std::sort(tiles.begin(), tiles.end());
    st_.layers[size_t(cur)].tilesUsed =
        uint64_t(std::unique(tiles.begin(), tiles.end()) - tiles.begin());
    tiles.clear();
  };
  for (const auto &e : layerSteps_) {
    int32_t layer = std::get<0>(e);
    if (layer != cur) {
      flush();
      cur = layer;
    }
    StepKind k = StepKind(std::get<1>(e));
    uint32_t i = std::get<2>(e);
    if (k == StepKind::Compute)
      for (const Vertex &v : p_.computeSets[i].vertices)
        tiles.push_back(v.tile);
    else if (k == StepKind::Exchange)
      for (const Transfer &tr : p_.exchanges[i].transfers) {
        tiles.push_back(tr.srcTile);
        for (const auto &d : tr.dsts)
          tiles.push_back(d.first);
      }
    else if (k == StepKind::HostExchange)
      for (const HostCopy &hc : p_.hostExchanges[i].copies)
        tiles.push_back(hc.tile);
  }
  flush();
}

Status Sim::run() {
  st_ = RunStats();
  st_.layers.resize(p_.layers.size());
  for (size_t l = 0; l < p_.layers.size(); ++l) {
    st_.layers[l].name = p_.layers[l].name;
    st_.layers[l].node = p_.layers[l].node;
    st_.layers[l].opType = p_.layers[l].opType;
  }
  for (uint32_t e : f_.tileExtent) {
    st_.tilesUsed += e > 0;
    st_.memoryHighWaterBytes = std::max<uint64_t>(st_.memoryHighWaterBytes, uint64_t(e) * 4);
  }
  ACCEL_RETURN_IF_ERROR(loadInits());

  struct Frame {
    size_t begin;
    uint64_t remaining;
  };
  std::vector<Frame> loops;
  uint64_t now = 0, executed = 0, traceBytes = 0;
  size_t pc = 0;
  while (pc < p_.steps.size()) {
    const Step &step = p_.steps[pc];
    if (++executed > m_.maxExecutedSteps)
      return Status::error(stepWhere(pc) + ": more than " + str(m_.maxExecutedSteps) +
                           " steps executed (runaway program?)");
    // Tensors whose live range starts here: their words hold nothing yet.
    applyBirths(pc);
    uint64_t cycles = 0, flops = 0, bytes = 0;
    const char *track = nullptr;
    static const std::string kSync = "sync";
    const std::string *name = nullptr;
    switch (step.kind) {
    case StepKind::RepeatBegin:
      if (step.count == 0) {
        pc = f_.match[pc] + 1;
      } else {
        loops.push_back(Frame{pc, step.count});
        ++pc;
      }
      continue;
    case StepKind::RepeatEnd:
      if (!loops.empty() && --loops.back().remaining > 0) {
        pc = loops.back().begin + 1;
      } else {
        if (!loops.empty())
          loops.pop_back();
        ++pc;
      }
      continue;
    case StepKind::Compute: {
      const ComputeSet &cs = p_.computeSets[step.index];
      ACCEL_RETURN_IF_ERROR(
          runCompute(pc, cs, now > m_.maxCycles ? 0 : m_.maxCycles - now, cycles, flops));
      track = "compute";
      name = &cs.name;
      st_.computeCycles += cycles;
      ++st_.computeSteps;
      st_.flops += flops;
      break;
    }
    case StepKind::Sync:
      cycles = m_.syncCycles;
      track = "sync";
      name = &kSync;
      st_.syncCycles += cycles;
      ++st_.syncs;
      break;
    case StepKind::Exchange: {
      const Exchange &ex = p_.exchanges[step.index];
      ACCEL_RETURN_IF_ERROR(runExchange(pc, ex, cycles, bytes));
      track = "exchange";
      name = &ex.name;
      st_.exchangeCycles += cycles;
      st_.bytesExchanged += bytes;
      ++st_.exchanges;
      break;
    }
    case StepKind::HostExchange: {
      const HostExchange &hx = p_.hostExchanges[step.index];
      ACCEL_RETURN_IF_ERROR(runHost(pc, hx, cycles, bytes));
      track = "host";
      name = &hx.name;
      st_.hostCycles += cycles;
      st_.hostBytes += bytes;
      ++st_.hostExchanges;
      break;
    }
    }
    if (step.layer >= 0) {
      LayerStats &ls = st_.layers[size_t(step.layer)];
      ls.cycles += cycles;
      ls.flops += flops;
      switch (step.kind) {
      case StepKind::Compute:
        ls.computeCycles += cycles;
        break;
      case StepKind::Sync:
        ls.syncCycles += cycles;
        break;
      case StepKind::Exchange:
        ls.exchangeCycles += cycles;
        ls.bytesExchanged += bytes;
        break;
      default:
        ls.hostCycles += cycles;
        ls.hostBytes += bytes;
        break;
      }
      if (step.kind != StepKind::Sync)
        layerSteps_.emplace(step.layer, uint32_t(step.kind), step.index);
    }
    // The trace keeps at most maxTraceSpans spans and maxTraceBytes of their names (a
    // long name in a loop would otherwise copy it per pass); the rest are counted.
    if (st_.spans.size() < m_.maxTraceSpans && traceBytes + name->size() <= m_.maxTraceBytes) {
      traceBytes += name->size();
      st_.spans.push_back(Span{track, *name, step.layer, now, now + cycles});
    } else {
      ++st_.spansDropped;
    }
    now += cycles;
    if (now > m_.maxCycles)
      return Status::error(stepWhere(pc) + ": simulated time " + str(now) +
                           " passed the machine's max cycle count " + str(m_.maxCycles) +
                           " (runaway program?)");
    ++pc;
  }
  st_.cycles = now;
  finishLayers();
  return Status::success();
}

} // namespace

Status simulate(const Machine &machine, const Program &program, std::vector<TensorView> &tensors,
                RunStats &stats) {
  std::vector<std::vector<int64_t>> shapes;
  shapes.reserve(tensors.size());
  for (const TensorView &t : tensors)
    shapes.push_back(t.shape);
  ProgramFacts facts;
  ACCEL_RETURN_IF_ERROR(validateProgram(machine, program, shapes, facts));
  return Sim(machine, program, tensors, stats, facts).run();
}

} // namespace accel::sim::ipu
