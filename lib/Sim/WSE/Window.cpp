//===- Window.cpp - Tensor elements a Window selects ---------------------===//
#include "Window.h"

namespace accel::sim::wse {

WindowWalker::WindowWalker(const Window &w, const std::vector<int64_t> &shape, int32_t px,
                           int32_t py, int32_t instance)
    : w_(w), shape_(shape), coord_(shape.size(), 0), strides_(shape.size(), 1) {
  size_t rank = shape.size();
  for (size_t d = rank; d-- > 1;)
    strides_[d - 1] = strides_[d] * static_cast<uint64_t>(shape[d]);
  // Coordinates are uint64 so damaged (huge) values wrap instead of overflowing.
  uint64_t x = static_cast<uint64_t>(px), y = static_cast<uint64_t>(py);
  for (const WindowDim &wd : w.dims) {
    uint64_t xm = static_cast<uint64_t>(wd.xMod), ym = static_cast<uint64_t>(wd.yMod);
    uint64_t off = static_cast<uint64_t>(wd.base) +
                   static_cast<uint64_t>(wd.perX) * (x % xm) +
                   static_cast<uint64_t>(wd.perXDiv) * (x / xm) +
                   static_cast<uint64_t>(wd.perY) * (y % ym) +
                   static_cast<uint64_t>(wd.perYDiv) * (y / ym) +
                   static_cast<uint64_t>(wd.perInstance) * static_cast<uint64_t>(instance);
    coord_[static_cast<size_t>(wd.tensorDim)] += off;
  }
}

void windowOffsets(const Window &w, const std::vector<int64_t> &shape, int32_t px, int32_t py,
                   int32_t instance, std::vector<int64_t> &out) {
  out.clear();
  int64_t n = w.numElements();
  if (n <= 0)
    return;
  out.resize(static_cast<size_t>(n));
  WindowWalker(w, shape, px, py, instance)
      .forEachRun([&](int64_t e0, int64_t flat0, int64_t stride, int64_t len) {
        for (int64_t i = 0; i < len; ++i)
          out[static_cast<size_t>(e0 + i)] = flat0 < 0 ? -1 : flat0 + i * stride;
      });
}

} // namespace accel::sim::wse
