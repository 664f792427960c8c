//===- PoolKernelTest.cpp - max/avg pooling vs a naive loop ---------------===//
#include "KernelTestUtil.h"

#include <cmath>

using namespace accel::test;

namespace {

struct PoolCase {
  std::string kind;
  int64_t h, w, kh, kw;
  std::vector<int64_t> strides, pads, dilations;
  bool ceil, includePad;
};

int64_t poolOut(int64_t in, int64_t k, int64_t s, int64_t d, int64_t pb, int64_t pe, bool ceil) {
  double v = static_cast<double>(in + pb + pe - d * (k - 1) - 1) / s;
  int64_t o = (ceil ? static_cast<int64_t>(std::ceil(v)) : static_cast<int64_t>(std::floor(v))) + 1;
  // A window may not start inside the end padding (ONNX/PyTorch rule for ceil_mode).
  if (ceil && (o - 1) * s >= in + pb)
    --o;
  return o;
}

void check(const PoolCase &p, uint32_t seed) {
  Tensor x = randomF32({2, 3, p.h, p.w}, seed);
  int64_t oh = poolOut(p.h, p.kh, p.strides[0], p.dilations[0], p.pads[0], p.pads[2], p.ceil);
  int64_t ow = poolOut(p.w, p.kw, p.strides[1], p.dilations[1], p.pads[1], p.pads[3], p.ceil);
  std::vector<float> ref;
  for (int64_t c = 0; c < 6; ++c)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t z = 0; z < ow; ++z) {
        double acc = p.kind == "max" ? -INFINITY : 0.0;
        int64_t count = 0, padded = 0;
        for (int64_t i = 0; i < p.kh; ++i)
          for (int64_t j = 0; j < p.kw; ++j) {
            int64_t iy = y * p.strides[0] - p.pads[0] + i * p.dilations[0];
            int64_t ix = z * p.strides[1] - p.pads[1] + j * p.dilations[1];
            if (iy < p.h + p.pads[2] && ix < p.w + p.pads[3])
              ++padded;
            if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w)
              continue;
            float v = x.data<float>()[(c * p.h + iy) * p.w + ix];
            acc = p.kind == "max" ? std::max(acc, double(v)) : acc + v;
            ++count;
          }
        if (p.kind == "avg")
          acc /= p.includePad ? padded : count;
        ref.push_back(static_cast<float>(acc));
      }
  Tensor y = makeTensor(DType::F32, {2, 3, oh, ow});
  Attributes a;
  a.setString("kind", p.kind).setInts("kernel_shape", {p.kh, p.kw});
  a.setInts("strides", p.strides).setInts("pads", p.pads).setInts("dilations", p.dilations);
  a.setInt("ceil_mode", p.ceil).setInt("count_include_pad", p.includePad);
  Status st = run("pool", {&x}, y, a);
  ASSERT_TRUE(st.ok()) << st.message();
  expectClose(y, ref, 1e-5f);
}

} // namespace

TEST(PoolKernel, MaxPoolResnetStem) {
  check({"max", 12, 12, 3, 3, {2, 2}, {1, 1, 1, 1}, {1, 1}, false, false}, 1);
}
TEST(PoolKernel, MaxPoolCeilModeAndDilation) {
  check({"max", 10, 11, 3, 2, {2, 3}, {0, 0, 0, 0}, {1, 1}, true, false}, 2);
  check({"max", 10, 11, 2, 2, {1, 2}, {1, 0, 1, 1}, {2, 2}, false, false}, 3);
}
TEST(PoolKernel, AveragePoolPadding) {
  check({"avg", 9, 9, 3, 3, {2, 2}, {1, 1, 1, 1}, {1, 1}, false, false}, 4);
  check({"avg", 9, 9, 3, 3, {2, 2}, {1, 1, 1, 1}, {1, 1}, false, true}, 5);
}
TEST(PoolKernel, AveragePoolCeilModeCountIncludePad) {
  check({"avg", 8, 7, 3, 3, {2, 2}, {1, 0, 1, 0}, {1, 1}, true, true}, 6);
  check({"avg", 8, 7, 3, 3, {2, 2}, {1, 0, 1, 0}, {1, 1}, true, false}, 7);
}
TEST(PoolKernel, OneDimensional) {
  Tensor x = fromVector<float>(DType::F32, {1, 1, 5}, {1, 5, 2, 4, 3});
  Tensor y = makeTensor(DType::F32, {1, 1, 2});
  Attributes a;
  a.setString("kind", "max").setInts("kernel_shape", {2}).setInts("strides", {2});
  ASSERT_TRUE(run("pool", {&x}, y, a).ok());
  expectClose(y, {5, 4});
}
TEST(PoolKernel, UnknownKindIsAnError) {
  Tensor x = randomF32({1, 1, 4, 4}, 1);
  Tensor y = makeTensor(DType::F32, {1, 1, 2, 2});
  Attributes a;
  a.setString("kind", "lp").setInts("kernel_shape", {2, 2}).setInts("strides", {2, 2});
  Status st = run("pool", {&x}, y, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unknown pool kind 'lp'"), std::string::npos);
}
