//===- ResizeCubicKernelTest.cpp - cubic resize vs a naive reference ------===//
//
// The reference follows ONNX's description literally: the 4 input positions
// nearest to the source coordinate (ties to the lower index), the input
// edge-padded, Keys coefficients from the fraction in (0, 1]; separable, so
// a 2-D resize is the 1-D one along each dim.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtil.h"

#include <algorithm>
#include <cmath>

using namespace accel::test;

namespace {

double keys(double s, double a) {
  s = std::abs(s);
  if (s <= 1)
    return ((a + 2) * s - (a + 3)) * s * s + 1;
  if (s < 2)
    return ((a * s - 5 * a) * s + 8 * a) * s - 4 * a;
  return 0;
}

std::vector<double> resize1d(const std::vector<double> &in, int64_t outLen, double scale,
                             double a, bool excludeOutside) {
  int64_t n = static_cast<int64_t>(in.size());
  std::vector<double> out;
  for (int64_t o = 0; o < outLen; ++o) {
    double x = (o + 0.5) / scale - 0.5; // half_pixel
    std::vector<int64_t> cand;
    for (int64_t i = -4; i < n + 4; ++i)
      cand.push_back(i);
    std::stable_sort(cand.begin(), cand.end(), [&](int64_t p, int64_t q) {
      return std::abs(x - p) < std::abs(x - q);
    });
    // Ties: a coordinate exactly on a sample keeps the sample left of it
    // as the 4th tap (ONNX's ratio in (0, 1]).
    std::vector<int64_t> taps(cand.begin(), cand.begin() + 4);
    std::sort(taps.begin(), taps.end());
    double sum = 0, v = 0;
    std::vector<double> w(4);
    for (int j = 0; j < 4; ++j) {
      w[j] = keys(x - taps[j], a);
      if (excludeOutside && (taps[j] < 0 || taps[j] >= n))
        w[j] = 0;
      sum += w[j];
    }
    for (int j = 0; j < 4; ++j) {
      int64_t src = std::min(std::max<int64_t>(taps[j], 0), n - 1);
      v += (excludeOutside ? w[j] / sum : w[j]) * in[src];
    }
    out.push_back(v);
  }
  return out;
}

} // namespace

TEST(ResizeKernel, CubicMatchesNaiveReference) {
  for (bool exclude : {false, true}) {
    for (double scale : {2.0, 0.6, 1.5}) {
      int64_t h = 4, w = 5;
      Tensor x = randomF32({1, 1, h, w}, 21);
      int64_t oh = static_cast<int64_t>(std::floor(h * scale));
      int64_t ow = static_cast<int64_t>(std::floor(w * scale));
      Tensor y = makeTensor(DType::F32, {1, 1, oh, ow});
      Attributes attrs;
      attrs.setString("mode", "cubic").setString("coordinate_mode", "half_pixel");
      attrs.setFloats("scales", {1, 1, scale, scale}).setFloat("cubic_coeff_a", -0.5);
      attrs.setInt("exclude_outside", exclude ? 1 : 0);
      ASSERT_TRUE(run("resize", {&x}, y, attrs).ok());
      // Rows first, then columns.
      std::vector<std::vector<double>> rows;
      for (int64_t i = 0; i < h; ++i) {
        std::vector<double> row(x.data<float>() + i * w, x.data<float>() + (i + 1) * w);
        rows.push_back(resize1d(row, ow, scale, -0.5, exclude));
      }
      std::vector<float> ref(static_cast<size_t>(oh * ow));
      for (int64_t j = 0; j < ow; ++j) {
        std::vector<double> col;
        for (int64_t i = 0; i < h; ++i)
          col.push_back(rows[i][j]);
        std::vector<double> c = resize1d(col, oh, scale, -0.5, exclude);
        for (int64_t i = 0; i < oh; ++i)
          ref[i * ow + j] = static_cast<float>(c[i]);
      }
      expectClose(y, ref, 1e-5f);
    }
  }
}
