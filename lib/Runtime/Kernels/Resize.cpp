//===- Resize.cpp - ONNX Resize (nearest / linear / cubic) ----------------===//
#include "KernelUtil.h"

#include <algorithm>
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
  // Source taps per output position: 1 (nearest), 2 (linear) or 4 (cubic).
  size_t k = mode == "nearest" ? 1 : mode == "linear" ? 2 : mode == "cubic" ? 4 : 0;
  if (k == 0)
    fail("unsupported resize mode '" + mode + "' (supported: nearest, linear, cubic)");
  Coord coord = parseCoord(ctx.attr().getString("coordinate_mode", "half_pixel"));
  std::string nearestMode = ctx.attr().getString("nearest_mode", "round_prefer_floor");
  double a = ctx.attr().getFloat("cubic_coeff_a", -0.75);
  bool excludeOutside = ctx.attr().getInt("exclude_outside", 0) != 0;
  std::vector<double> scales = ctx.attr().getFloats("scales", {});
  if (!scales.empty() && static_cast<int64_t>(scales.size()) != r)
    fail("resize scales has " + std::to_string(scales.size()) + " entries for rank " +
         std::to_string(r));
  for (int64_t d = 0; d < r; ++d)
    if (x.dim(d) == 0 && y.dim(d) > 0)
      fail("cannot resize an empty dimension to a non-empty one");
  if (y.numElements() == 0)
    return;
  // Per dim and output position: k source indices and their weights.
  std::vector<std::vector<int64_t>> tapIdx(r);
  std::vector<std::vector<float>> tapW(r);
  for (int64_t d = 0; d < r; ++d) {
    int64_t inLen = x.dim(d), outLen = y.dim(d);
    double scale = scales.empty() || scales[d] <= 0
                       ? static_cast<double>(outLen) / static_cast<double>(inLen)
                       : scales[d];
    tapIdx[d].resize(outLen * k);
    tapW[d].resize(outLen * k);
    for (int64_t o = 0; o < outLen; ++o) {
      double c = toInput(coord, o, scale, inLen, static_cast<double>(inLen) * scale);
      int64_t *idx = &tapIdx[d][o * k];
      float *w = &tapW[d][o * k];
      if (k == 1) {
        int64_t n = roundNearest(nearestMode, c);
        idx[0] = std::min(std::max<int64_t>(n, 0), inLen - 1);
        w[0] = 1.0f;
      } else if (k == 2) {
        c = std::min(std::max(c, 0.0), static_cast<double>(inLen - 1));
        int64_t lo = static_cast<int64_t>(std::floor(c));
        idx[0] = lo;
        idx[1] = std::min(lo + 1, inLen - 1);
        w[1] = static_cast<float>(c - lo);
        w[0] = 1.0f - w[1];
      } else {
        // Taps base-1..base+2 with the fraction t in (0, 1] (an integer
        // coordinate takes base = c - 1, t = 1), ONNX's Keys kernel.
        double base = std::ceil(c) - 1;
        double t = c - base;
        double dist[4] = {t + 1, t, 1 - t, 2 - t};
        double coeff[4], sum = 0;
        for (int j = 0; j < 4; ++j) {
          double s = dist[j];
          coeff[j] = s <= 1 ? ((a + 2) * s - (a + 3)) * s * s + 1
                            : ((a * s - 5 * a) * s + 8 * a) * s - 4 * a;
          int64_t src = static_cast<int64_t>(base) - 1 + j;
          if (excludeOutside && (src < 0 || src >= inLen))
            coeff[j] = 0;
          sum += coeff[j];
          idx[j] = std::min(std::max<int64_t>(src, 0), inLen - 1);
        }
        for (int j = 0; j < 4; ++j)
          w[j] = static_cast<float>(excludeOutside && sum != 0 ? coeff[j] / sum : coeff[j]);
      }
    }
  }
  const float *in = x.data<float>();
  float *out = y.data<float>();
  if (k == 1) {
    // Nearest: one tap per dim, so every output element reads one input element.
    std::vector<int64_t> strides = contiguousStrides(x.shape());
    std::vector<int64_t> pos(r, 0);
    for (int64_t e = 0, total = y.numElements(); e < total; ++e) {
      int64_t off = 0;
      for (int64_t d = 0; d < r; ++d)
        off += tapIdx[d][pos[d]] * strides[d];
      out[e] = in[off];
      for (int64_t d = r - 1; d >= 0; --d) {
        if (++pos[d] < y.dim(d))
          break;
        pos[d] = 0;
      }
    }
    return;
  }
  // Linear and cubic weights are products of per-dim weights, so the resize is done one
  // interpolating dim at a time (separable): k taps per dim instead of k^dims per output
  // element. Dims that keep their size and scale map each position onto itself.
  std::vector<int64_t> interp;
  for (int64_t d = 0; d < r; ++d)
    if (x.dim(d) != y.dim(d) ||
        (scales.size() == static_cast<size_t>(r) && scales[d] != 1.0))
      interp.push_back(d);
  // Shrinking dims first, then growing ones: every intermediate is then at most
  // max(input, output) elements (growing a dim first could multiply both sizes).
  std::stable_partition(interp.begin(), interp.end(),
                        [&](int64_t d) { return y.dim(d) <= x.dim(d); });
  std::vector<int64_t> curShape = x.shape();
  std::vector<float> bufA, bufB;
  const float *src = in;
  for (size_t step = 0; step < interp.size(); ++step) {
    int64_t d = interp[step];
    std::vector<int64_t> nextShape = curShape;
    nextShape[d] = y.dim(d);
    int64_t outer = 1, inner = 1;
    for (int64_t q = 0; q < d; ++q)
      outer *= curShape[q];
    for (int64_t q = d + 1; q < r; ++q)
      inner *= curShape[q];
    bool last = step + 1 == interp.size();
    std::vector<float> &buf = step % 2 == 0 ? bufA : bufB;
    float *dst = out;
    if (!last) {
      buf.assign(static_cast<size_t>(outer * nextShape[d] * inner), 0.0f);
      dst = buf.data();
    }
    int64_t inLen = curShape[d], outLen = nextShape[d];
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < outLen; ++i) {
        float *row = dst + (o * outLen + i) * inner;
        for (int64_t q = 0; q < inner; ++q)
          row[q] = 0.0f;
        for (size_t j = 0; j < k; ++j) {
          float w = tapW[d][i * k + j];
          const float *from = src + (o * inLen + tapIdx[d][i * k + j]) * inner;
          for (int64_t q = 0; q < inner; ++q)
            row[q] += w * from[q];
        }
      }
    src = dst;
    curShape = nextShape;
  }
  if (interp.empty())
    for (int64_t e = 0, total = y.numElements(); e < total; ++e)
      out[e] = in[e];
}

} // namespace accel::runtime::kernels
