//===- Window.cpp - Tensor elements a Window selects ---------------------===//
#include <algorithm>
#include "Window.h"

namespace accel::sim::wse {

void windowOffsets(const Window &w, const std::vector<int64_t> &shape, int32_t px, int32_t py,
                   int32_t instance, std::vector<int64_t> &out) {
  out.clear();
  int64_t n = w.numElements();
  if (n <= 0)
    return;
  out.reserve(static_cast<size_t>(n));
  size_t rank = shape.size();
  size_t nd = w.dims.size();
  // Coordinates are kept as uint64 so damaged (huge) values wrap instead of overflowing.
  std::vector<uint64_t> coord(rank, 0), strides(rank, 1);
  for (size_t d = rank; d-- > 1;)
    strides[d - 1] = strides[d] * static_cast<uint64_t>(shape[d]);
  for (const WindowDim &wd : w.dims) {
    uint64_t px64 = static_cast<uint64_t>(px), py64 = static_cast<uint64_t>(py);
    uint64_t off = static_cast<uint64_t>(wd.base) +
                   static_cast<uint64_t>(wd.perX) * (px64 % static_cast<uint64_t>(wd.xMod)) +
                   static_cast<uint64_t>(wd.perXDiv) * (px64 / static_cast<uint64_t>(wd.xMod)) +
                   static_cast<uint64_t>(wd.perY) * (py64 % static_cast<uint64_t>(wd.yMod)) +
                   static_cast<uint64_t>(wd.perYDiv) * (py64 / static_cast<uint64_t>(wd.yMod)) +
                   static_cast<uint64_t>(wd.perInstance) * static_cast<uint64_t>(instance);
    coord[static_cast<size_t>(wd.tensorDim)] += off;
  }
  std::vector<int64_t> idx(nd, 0);
  for (int64_t e = 0; e < n; ++e) {
    int64_t flat = 0;
    bool pad = false;
    for (size_t d = 0; d < rank; ++d) {
      int64_t c = static_cast<int64_t>(coord[d]);
      if (c < 0 || c >= shape[d]) {
        pad = true;
        break;
      }
      flat += c * static_cast<int64_t>(strides[d]);
    }
    out.push_back(pad ? -1 : flat);
    // Odometer over the window dims, innermost fastest.
    for (size_t j = nd; j-- > 0;) {
      const WindowDim &wd = w.dims[j];
      uint64_t &c = coord[static_cast<size_t>(wd.tensorDim)];
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
