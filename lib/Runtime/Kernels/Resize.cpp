//===- Resize.cpp - ONNX Resize (nearest / linear) ------------------------===//
#include "KernelUtil.h"

#include <cmath>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

enum class Coord { HalfPixel, PytorchHalfPixel, AlignCorners, Asymmetric, TfHalfPixelForNN };

Coord parseCoord(const std::string &s) {
  if (s == "half_pixel") return Coord::HalfPixel;
  if (s == "pytorch_half_pixel") return Coord::PytorchHalfPixel;
  if (s == "align_corners") return Coord::AlignCorners;
  if (s == "asymmetric") return Coord::Asymmetric;
  if (s == "tf_half_pixel_for_nn") return Coord::TfHalfPixelForNN;
  fail("unsupported resize coordinate_mode '" + s + "'");
}

// `outLen` is the unrounded resized length, inLen * scale: ONNX uses it in
// the transforms rather than the integer output length.
double toInput(Coord c, int64_t o, double scale, int64_t inLen, double outLen) {
  switch (c) {
  case Coord::HalfPixel: return (o + 0.5) / scale - 0.5;
  case Coord::PytorchHalfPixel: return outLen > 1 ? (o + 0.5) / scale - 0.5 : 0.0;
  case Coord::AlignCorners:
    return outLen == 1 ? 0.0
                       : static_cast<double>(o) * (inLen - 1) / (outLen - 1);
  case Coord::Asymmetric: return o / scale;
  case Coord::TfHalfPixelForNN: return (o + 0.5) / scale;
  }
  return 0;
}

int64_t roundNearest(const std::string &mode, double x) {
  if (mode == "round_prefer_floor")
    return (x - std::floor(x) == 0.5) ? static_cast<int64_t>(std::floor(x))
                                      : static_cast<int64_t>(std::llround(x));
  if (mode == "round_prefer_ceil") return static_cast<int64_t>(std::llround(x));
  if (mode == "floor") return static_cast<int64_t>(std::floor(x));
  if (mode == "ceil") return static_cast<int64_t>(std::ceil(x));
  fail("unsupported resize nearest_mode '" + mode + "'");
}

} // namespace

void resize(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectDType(x, DType::F32, "resize input");
  expectDType(y, DType::F32, "resize result");
  int64_t r = x.rank();
  if (y.rank() != r)
    fail("resize result rank differs from input rank");
  std::string mode = ctx.attr().getString("mode", "nearest");
  bool linear = mode == "linear";
  if (!linear && mode != "nearest")
    fail("unsupported resize mode '" + mode + "' (supported: nearest, linear)");
  Coord coord = parseCoord(ctx.attr().getString("coordinate_mode", "half_pixel"));
  std::string nearestMode = ctx.attr().getString("nearest_mode", "round_prefer_floor");
  std::vector<double> scales = ctx.attr().getFloats("scales", {});
  if (!scales.empty() && static_cast<int64_t>(scales.size()) != r)
    fail("resize scales has " + std::to_string(scales.size()) + " entries for rank " +
         std::to_string(r));
  for (int64_t d = 0; d < r; ++d)
    if (x.dim(d) == 0 && y.dim(d) > 0)
      fail("cannot resize an empty dimension to a non-empty one");
  if (y.numElements() == 0)
    return;
  // Per dim: the two source indices and the weight of the second.
  std::vector<std::vector<int64_t>> i0(r), i1(r);
  std::vector<std::vector<float>> w1(r);
  for (int64_t d = 0; d < r; ++d) {
    int64_t inLen = x.dim(d), outLen = y.dim(d);
    double scale = scales.empty() || scales[d] <= 0
                       ? static_cast<double>(outLen) / static_cast<double>(inLen)
                       : scales[d];
    i0[d].resize(outLen);
    i1[d].resize(outLen);
    w1[d].resize(outLen);
    for (int64_t o = 0; o < outLen; ++o) {
      double c = toInput(coord, o, scale, inLen, static_cast<double>(inLen) * scale);
      if (linear) {
        c = std::min(std::max(c, 0.0), static_cast<double>(inLen - 1));
        int64_t a = static_cast<int64_t>(std::floor(c));
        int64_t b = std::min(a + 1, inLen - 1);
        i0[d][o] = a;
        i1[d][o] = b;
        w1[d][o] = static_cast<float>(c - a);
      } else {
        int64_t a = roundNearest(nearestMode, c);
        a = std::min(std::max<int64_t>(a, 0), inLen - 1);
        i0[d][o] = i1[d][o] = a;
        w1[d][o] = 0.0f;
      }
    }
  }
  std::vector<int64_t> strides = contiguousStrides(x.shape());
  const float *in = x.data<float>();
  float *out = y.data<float>();
  std::vector<int64_t> idx(r, 0);
  int64_t total = y.numElements();
  // Dims that actually interpolate; the rest take i0 (weight 0).
  std::vector<int64_t> interp;
  if (linear)
    for (int64_t d = 0; d < r; ++d)
      if (x.dim(d) != y.dim(d) || (scales.size() == static_cast<size_t>(r) && scales[d] != 1.0))
        interp.push_back(d);
  size_t corners = size_t(1) << interp.size();
  for (int64_t e = 0; e < total; ++e) {
    int64_t base = 0;
    for (int64_t d = 0; d < r; ++d)
      base += i0[d][idx[d]] * strides[d];
    float v;
    if (!linear || interp.empty()) {
      v = in[base];
    } else {
      v = 0.0f;
      for (size_t c = 0; c < corners; ++c) {
        int64_t off = base;
        float w = 1.0f;
        for (size_t j = 0; j < interp.size(); ++j) {
          int64_t d = interp[j];
          float t = w1[d][idx[d]];
          if (c & (size_t(1) << j)) {
            off += (i1[d][idx[d]] - i0[d][idx[d]]) * strides[d];
            w *= t;
          } else {
            w *= 1.0f - t;
          }
        }
        v += w * in[off];
      }
    }
    out[e] = v;
    for (int64_t d = r - 1; d >= 0; --d) {
      if (++idx[d] < y.dim(d))
        break;
      idx[d] = 0;
    }
  }
}

} // namespace accel::runtime::kernels
