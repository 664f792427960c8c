//===- ConvKernelTest.cpp - conv and conv_transpose vs naive loops --------===//
#include "KernelTestUtil.h"

using namespace accel::test;

namespace {

struct Conv2dCase {
  int64_t n, c, h, w, m, kh, kw, groups;
  std::vector<int64_t> strides, dilations, pads;
  bool bias;
};

int64_t outDim(int64_t in, int64_t k, int64_t s, int64_t d, int64_t pb, int64_t pe) {
  return (in + pb + pe - d * (k - 1) - 1) / s + 1;
}

std::vector<float> naiveConv2d(const Conv2dCase &p, const Tensor &x, const Tensor &w,
                               const Tensor *b, int64_t oh, int64_t ow) {
  std::vector<float> out(static_cast<size_t>(p.n * p.m * oh * ow));
  int64_t cg = p.c / p.groups, mg = p.m / p.groups;
  for (int64_t n = 0; n < p.n; ++n)
    for (int64_t m = 0; m < p.m; ++m) {
      int64_t g = m / mg;
      for (int64_t y = 0; y < oh; ++y)
        for (int64_t xx = 0; xx < ow; ++xx) {
          double acc = b ? b->data<float>()[m] : 0.0;
          for (int64_t c = 0; c < cg; ++c)
            for (int64_t i = 0; i < p.kh; ++i)
              for (int64_t j = 0; j < p.kw; ++j) {
                int64_t iy = y * p.strides[0] - p.pads[0] + i * p.dilations[0];
                int64_t ix = xx * p.strides[1] - p.pads[1] + j * p.dilations[1];
                if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w)
                  continue;
                acc += x.data<float>()[((n * p.c + g * cg + c) * p.h + iy) * p.w + ix] *
                       w.data<float>()[((m * cg + c) * p.kh + i) * p.kw + j];
              }
          out[((n * p.m + m) * oh + y) * ow + xx] = static_cast<float>(acc);
        }
    }
  return out;
}

void checkConv2d(const Conv2dCase &p, uint32_t seed) {
  Tensor x = randomF32({p.n, p.c, p.h, p.w}, seed);
  Tensor w = randomF32({p.m, p.c / p.groups, p.kh, p.kw}, seed + 1);
  Tensor b = randomF32({p.m}, seed + 2);
  int64_t oh = outDim(p.h, p.kh, p.strides[0], p.dilations[0], p.pads[0], p.pads[2]);
  int64_t ow = outDim(p.w, p.kw, p.strides[1], p.dilations[1], p.pads[1], p.pads[3]);
  Tensor y = makeTensor(DType::F32, {p.n, p.m, oh, ow});
  Attributes a;
  a.setInts("strides", p.strides).setInts("dilations", p.dilations).setInts("pads", p.pads);
  a.setInt("groups", p.groups);
  std::vector<const Tensor *> ins = {&x, &w};
  if (p.bias)
    ins.push_back(&b);
  Status st = run("conv", ins, y, a);
  ASSERT_TRUE(st.ok()) << st.message();
  expectClose(y, naiveConv2d(p, x, w, p.bias ? &b : nullptr, oh, ow), 1e-4f);
}

} // namespace

TEST(ConvKernel, Plain3x3Padded) {
  checkConv2d({1, 3, 9, 8, 4, 3, 3, 1, {1, 1}, {1, 1}, {1, 1, 1, 1}, true}, 1);
}
TEST(ConvKernel, StridedAsymmetricPads) {
  checkConv2d({2, 4, 11, 10, 6, 3, 2, 1, {2, 3}, {1, 1}, {0, 1, 2, 0}, true}, 2);
}
TEST(ConvKernel, Dilated) {
  checkConv2d({1, 2, 12, 12, 3, 3, 3, 1, {1, 1}, {2, 3}, {2, 3, 2, 3}, false}, 3);
}
TEST(ConvKernel, Grouped) {
  checkConv2d({2, 6, 7, 7, 9, 3, 3, 3, {1, 2}, {1, 1}, {1, 1, 1, 1}, true}, 4);
}
TEST(ConvKernel, Depthwise) {
  checkConv2d({2, 5, 9, 10, 5, 3, 3, 5, {1, 1}, {1, 1}, {1, 1, 1, 1}, true}, 5);
  checkConv2d({1, 4, 9, 10, 4, 5, 3, 4, {2, 2}, {2, 1}, {2, 0, 1, 2}, false}, 6);
}
TEST(ConvKernel, PointwiseDirectGemm) {
  checkConv2d({2, 8, 5, 6, 7, 1, 1, 1, {1, 1}, {1, 1}, {0, 0, 0, 0}, true}, 7);
  // 1x1 with a stride goes through im2col.
  checkConv2d({1, 8, 5, 6, 7, 1, 1, 1, {2, 2}, {1, 1}, {0, 0, 0, 0}, true}, 8);
}
TEST(ConvKernel, ValidPaddingShrinksOutput) {
  checkConv2d({1, 2, 5, 5, 2, 3, 3, 1, {1, 1}, {1, 1}, {0, 0, 0, 0}, false}, 9);
}

// 1-d and 3-d convolutions must agree with the 2-d kernel on a size-1 extra dim.
TEST(ConvKernel, OneAndThreeSpatialDims) {
  Tensor x1 = randomF32({2, 3, 13}, 11);
  Tensor w1 = randomF32({4, 3, 3}, 12);
  Tensor y1 = makeTensor(DType::F32, {2, 4, 6});
  Attributes a1;
  a1.setInts("strides", {2}).setInts("dilations", {2}).setInts("pads", {1, 2});
  ASSERT_TRUE(run("conv", {&x1, &w1}, y1, a1).ok());
  Tensor x2 = randomF32({1}, 0);
  ASSERT_TRUE(x1.clone(x2).ok());
  ASSERT_TRUE(x2.reshape({2, 3, 1, 13}).ok());
  Tensor w2;
  ASSERT_TRUE(w1.clone(w2).ok());
  ASSERT_TRUE(w2.reshape({4, 3, 1, 3}).ok());
  Tensor y2 = makeTensor(DType::F32, {2, 4, 1, 6});
  Attributes a2;
  a2.setInts("strides", {1, 2}).setInts("dilations", {1, 2}).setInts("pads", {0, 1, 0, 2});
  ASSERT_TRUE(run("conv", {&x2, &w2}, y2, a2).ok());
  expectClose(y1, toVector(y2));

  Tensor x3;
  ASSERT_TRUE(x1.clone(x3).ok());
  ASSERT_TRUE(x3.reshape({2, 3, 1, 1, 13}).ok());
  Tensor w3;
  ASSERT_TRUE(w1.clone(w3).ok());
  ASSERT_TRUE(w3.reshape({4, 3, 1, 1, 3}).ok());
  Tensor y3 = makeTensor(DType::F32, {2, 4, 1, 1, 6});
  Attributes a3;
  a3.setInts("strides", {1, 1, 2}).setInts("dilations", {1, 1, 2});
  a3.setInts("pads", {0, 0, 1, 0, 0, 2});
  ASSERT_TRUE(run("conv", {&x3, &w3}, y3, a3).ok());
  expectClose(y3, toVector(y1));
}

TEST(ConvKernel, ShapeErrorsAreReported) {
  Tensor x = randomF32({1, 3, 8, 8}, 1);
  Tensor w = randomF32({4, 2, 3, 3}, 2); // wrong channel count
  Tensor y = makeTensor(DType::F32, {1, 4, 6, 6});
  Attributes a;
  Status st = run("conv", {&x, &w}, y, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("do not match"), std::string::npos) << st.message();
  Tensor w2 = randomF32({4, 3, 3, 3}, 2);
  Tensor bad = makeTensor(DType::F32, {1, 4, 7, 7});
  st = run("conv", {&x, &w2}, bad, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("expected 1x4x6x6"), std::string::npos) << st.message();
  a.setInts("pads", {1, 1});
  st = run("conv", {&x, &w2}, y, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("'pads' has 2 values, expected 4"), std::string::npos);
}

TEST(ConvTransposeKernel, MatchesScatterReference) {
  struct Case {
    int64_t c, m, h, w, k, groups;
    std::vector<int64_t> strides, dil, pads, outPad;
  };
  std::vector<Case> cases = {
      {3, 2, 4, 5, 3, 1, {2, 2}, {1, 1}, {1, 1, 1, 1}, {1, 0}},
      {4, 6, 3, 3, 2, 2, {1, 2}, {2, 1}, {0, 1, 0, 0}, {0, 1}},
  };
  uint32_t seed = 20;
  for (const Case &p : cases) {
    int64_t mg = p.m / p.groups, cg = p.c / p.groups;
    Tensor x = randomF32({2, p.c, p.h, p.w}, seed++);
    Tensor w = randomF32({p.c, mg, p.k, p.k}, seed++);
    Tensor b = randomF32({p.m}, seed++);
    int64_t oh = p.strides[0] * (p.h - 1) + p.outPad[0] + (p.k - 1) * p.dil[0] + 1 - p.pads[0] -
                 p.pads[2];
    int64_t ow = p.strides[1] * (p.w - 1) + p.outPad[1] + (p.k - 1) * p.dil[1] + 1 - p.pads[1] -
                 p.pads[3];
    std::vector<float> ref(static_cast<size_t>(2 * p.m * oh * ow));
    for (int64_t n = 0; n < 2; ++n)
      for (int64_t m = 0; m < p.m; ++m)
        for (int64_t i = 0; i < oh * ow; ++i)
          ref[(n * p.m + m) * oh * ow + i] = b.data<float>()[m];
    for (int64_t n = 0; n < 2; ++n)
      for (int64_t c = 0; c < p.c; ++c) {
        int64_t g = c / cg;
        for (int64_t iy = 0; iy < p.h; ++iy)
          for (int64_t ix = 0; ix < p.w; ++ix)
            for (int64_t mm = 0; mm < mg; ++mm)
              for (int64_t ky = 0; ky < p.k; ++ky)
                for (int64_t kx = 0; kx < p.k; ++kx) {
                  int64_t oy = iy * p.strides[0] + ky * p.dil[0] - p.pads[0];
                  int64_t ox = ix * p.strides[1] + kx * p.dil[1] - p.pads[1];
                  if (oy < 0 || oy >= oh || ox < 0 || ox >= ow)
                    continue;
                  int64_t m = g * mg + mm;
                  ref[((n * p.m + m) * oh + oy) * ow + ox] +=
                      x.data<float>()[((n * p.c + c) * p.h + iy) * p.w + ix] *
                      w.data<float>()[((c * mg + mm) * p.k + ky) * p.k + kx];
                }
      }
    Tensor y = makeTensor(DType::F32, {2, p.m, oh, ow});
    Attributes a;
    a.setInts("strides", p.strides).setInts("dilations", p.dil).setInts("pads", p.pads);
    a.setInts("output_padding", p.outPad).setInt("groups", p.groups);
    Status st = run("conv_transpose", {&x, &w, &b}, y, a);
    ASSERT_TRUE(st.ok()) << st.message();
    expectClose(y, ref);
  }
}
