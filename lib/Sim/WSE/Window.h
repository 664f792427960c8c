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

/// The flat (row-major) tensor offset of every element of `w`, in window order, seen from
/// region-local PE (px, py) of region instance `instance`; -1 marks padding. Arithmetic
/// wraps (no UB on damaged values): a wrapped coordinate is just out of range or elsewhere.
/// The window must have been validated (mods >= 1, tensorDim < rank, sizes bounded).
void windowOffsets(const Window &w, const std::vector<int64_t> &shape, int32_t px, int32_t py,
                   int32_t instance, std::vector<int64_t> &out);

} // namespace accel::sim::wse

#endif
