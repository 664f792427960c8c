//===- ConvUtil.h - Geometry shared by conv and conv_transpose --*- C++ -*-===//
#ifndef ACCEL_LIB_RUNTIME_KERNELS_CONVUTIL_H
#define ACCEL_LIB_RUNTIME_KERNELS_CONVUTIL_H

#include "KernelUtil.h"

#include <array>

namespace accel::runtime::detail {

// N-d (1-3 spatial dims) geometry widened to 3 dims by prepending size-1 dims, so one
// implementation covers Conv1d/2d/3d.
struct ConvGeometry {
  int64_t batch = 1, inC = 1, outC = 1, groups = 1;
  std::array<int64_t, 3> in{1, 1, 1}, out{1, 1, 1}, k{1, 1, 1};
  std::array<int64_t, 3> stride{1, 1, 1}, dil{1, 1, 1}, padBegin{0, 0, 0};
  int64_t inSize() const { return in[0] * in[1] * in[2]; }
  int64_t outSize() const { return out[0] * out[1] * out[2]; }
  int64_t kSize() const { return k[0] * k[1] * k[2]; }
};

// Reads strides/dilations/pads for `spatial` dims into `g` (widened to 3-d).
void readConvParams(const Attributes &attrs, size_t spatial, ConvGeometry &g);

// Writes the [C * kSize, outSize] column matrix of one image (C channels).
void im2col(const float *img, int64_t channels, const ConvGeometry &g, float *col);
// Accumulates a [C * kSize, inSize] column matrix into an image (C channels, shape g.out
// of the transposed conv), i.e. the adjoint of im2col with in/out swapped.
void col2im(const float *col, int64_t channels, const ConvGeometry &g, float *img);

} // namespace accel::runtime::detail

#endif // ACCEL_LIB_RUNTIME_KERNELS_CONVUTIL_H
