//===- Window.h - Tensor elements a Window selects --------------*- C++ -*-===//
#ifndef ACCEL_LIB_SIM_WSE_WINDOW_H
#define ACCEL_LIB_SIM_WSE_WINDOW_H

#include "accel/Sim/WSE/Program.h"

#include <cstdint>
#include <vector>

namespace accel::sim::wse {

/// Upper bound on the elements of one window (and of one tensor): keeps fuzzed sizes from
/// asking for absurd allocations.
constexpr int64_t kMaxWindowElements = int64_t(1) << 32;

/// Walks the window's elements in order, seen from region-local PE (px, py) of region
/// instance `instance`, as runs along the innermost window dim: fn(e0, flat0, flatStride, n)
/// says elements e0 .. e0+n-1 are tensor elements flat0 + i * flatStride; flat0 < 0 means
/// those n elements are padding. Arithmetic wraps (no UB on damaged values): a wrapped
/// coordinate is just out of range. The window must have been validated (mods >= 1,
/// tensorDim < rank, sizes bounded).
class WindowWalker {
public:
  WindowWalker(const Window &w, const std::vector<int64_t> &shape, int32_t px, int32_t py,
               int32_t instance);
  template <class F> void forEachRun(F &&fn);

private:
  bool inRange(size_t d, uint64_t c) const {
    return static_cast<int64_t>(c) >= 0 && static_cast<int64_t>(c) < shape_[d];
  }
  bool lastInRange(size_t d, uint64_t c0, int64_t n) const {
    // Exact (128-bit) so a huge step cannot wrap back into range.
    __int128 last = static_cast<__int128>(static_cast<int64_t>(c0)) +
                    static_cast<__int128>(w_.dims.back().step) * (n - 1);
    return last >= 0 && last < shape_[d];
  }
  const Window &w_;
  const std::vector<int64_t> &shape_;
  std::vector<uint64_t> coord_, strides_;
};

/// The flat tensor offset of every element (-1 = padding), in window order.
void windowOffsets(const Window &w, const std::vector<int64_t> &shape, int32_t px, int32_t py,
                   int32_t instance, std::vector<int64_t> &out);

template <class F> void WindowWalker::forEachRun(F &&fn) {
  int64_t total = w_.numElements();
  if (total <= 0)
    return;
  size_t rank = shape_.size(), nd = w_.dims.size();
  if (nd == 0) { // a single element at the base coordinates
    int64_t flat = 0;
    for (size_t d = 0; d < rank; ++d) {
      if (!inRange(d, coord_[d])) {
        fn(int64_t(0), int64_t(-1), int64_t(0), int64_t(1));
        return;
      }
      flat += static_cast<int64_t>(coord_[d] * strides_[d]);
    }
    fn(int64_t(0), flat, int64_t(0), int64_t(1));
    return;
  }
  const WindowDim &inner = w_.dims[nd - 1];
  size_t di = static_cast<size_t>(inner.tensorDim);
  int64_t n = inner.size;
  uint64_t step = static_cast<uint64_t>(inner.step);
  int64_t flatStride = static_cast<int64_t>(step * strides_[di]);
  std::vector<int64_t> idx(nd, 0);
  for (int64_t e0 = 0; e0 < total; e0 += n) {
    // Run start: the other tensor dims are fixed along the run.
    bool ok = true;
    int64_t flat = 0;
    for (size_t d = 0; d < rank && ok; ++d) {
      if (d == di)
        continue;
      ok = inRange(d, coord_[d]);
      flat += static_cast<int64_t>(coord_[d] * strides_[d]);
    }
    uint64_t c0 = coord_[di];
    if (!ok) {
      fn(e0, int64_t(-1), int64_t(0), n);
    } else if (inRange(di, c0) && lastInRange(di, c0, n)) {
      // Both ends in range and the coordinate is linear along the run: all of it is.
      fn(e0, flat + static_cast<int64_t>(c0 * strides_[di]), flatStride, n);
    } else {
      for (int64_t i = 0; i < n; ++i) {
        uint64_t c = c0 + step * uint64_t(i);
        if (inRange(di, c))
          fn(e0 + i, flat + static_cast<int64_t>(c * strides_[di]), int64_t(0), int64_t(1));
        else
          fn(e0 + i, int64_t(-1), int64_t(0), int64_t(1));
      }
    }
    // Odometer over the outer window dims.
    for (size_t j = nd - 1; j-- > 0;) {
      const WindowDim &wd = w_.dims[j];
      uint64_t &c = coord_[static_cast<size_t>(wd.tensorDim)];
      if (++idx[j] < wd.size) {
        c += static_cast<uint64_t>(wd.step);
        break;
      }
      c -= static_cast<uint64_t>(wd.step) * static_cast<uint64_t>(wd.size - 1);
      idx[j] = 0;
    }
  }
}

} // namespace accel::sim::wse

#endif
