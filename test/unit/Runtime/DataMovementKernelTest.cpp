//===- DataMovementKernelTest.cpp - transpose/reshape/expand/slice/... ----===//
#include "KernelTestUtil.h"

using namespace accel::test;

TEST(TransposeKernel, MatchesIndexPermutation) {
  Tensor x = randomF32({2, 3, 4, 5}, 1);
  std::vector<int64_t> perm = {2, 0, 3, 1};
  Shape out = {4, 2, 5, 3};
  Tensor y = makeTensor(DType::F32, out);
  Attributes a;
  a.setInts("perm", perm);
  ASSERT_TRUE(run("transpose", {&x}, y, a).ok());
  std::vector<float> ref;
  forEachIndex(out, [&](const std::vector<int64_t> &o) {
    std::vector<int64_t> in(4);
    for (int d = 0; d < 4; ++d)
      in[perm[d]] = o[d];
    ref.push_back(x.data<float>()[flatIndex(x.shape(), in)]);
  });
  expectClose(y, ref, 0);
  // Any dtype, by element size.
  Tensor xi = fromVector<int64_t>(DType::I64, {2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor yi = makeTensor(DType::I64, {3, 2});
  Attributes a2;
  a2.setInts("perm", {1, 0});
  ASSERT_TRUE(run("transpose", {&xi}, yi, a2).ok());
  EXPECT_EQ(std::vector<int64_t>(yi.data<int64_t>(), yi.data<int64_t>() + 6),
            (std::vector<int64_t>{1, 4, 2, 5, 3, 6}));
  Attributes bad;
  bad.setInts("perm", {0, 0});
  Status st = run("transpose", {&xi}, yi, bad);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not a permutation"), std::string::npos);
}

TEST(ReshapeExpandKernel, CopyAndBroadcast) {
  Tensor x = randomF32({2, 6}, 2);
  Tensor y = makeTensor(DType::F32, {3, 4});
  ASSERT_TRUE(run("reshape", {&x}, y, Attributes()).ok());
  expectClose(y, toVector(x), 0);
  Tensor bad = makeTensor(DType::F32, {5});
  EXPECT_FALSE(run("reshape", {&x}, bad, Attributes()).ok());
  Tensor e = fromVector<uint8_t>(DType::Bool, {2, 1}, {1, 0});
  Tensor ey = makeTensor(DType::Bool, {3, 2, 2});
  ASSERT_TRUE(run("expand", {&e}, ey, Attributes()).ok());
  EXPECT_EQ(std::vector<uint8_t>(ey.data<uint8_t>(), ey.data<uint8_t>() + 12),
            (std::vector<uint8_t>{1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0}));
}

TEST(SliceKernel, PositiveAndNegativeSteps) {
  Tensor x = randomF32({4, 6, 5}, 3);
  struct Case {
    std::vector<int64_t> starts, steps;
    Shape out;
  };
  std::vector<Case> cases = {
      {{1, 0, 2}, {1, 2, 1}, {2, 3, 3}},
      {{3, 5, 4}, {-1, -2, -3}, {4, 3, 2}},
      {{0, 4, 0}, {2, -1, 1}, {2, 4, 5}},
  };
  for (const Case &c : cases) {
    Tensor y = makeTensor(DType::F32, c.out);
    Attributes a;
    a.setInts("starts", c.starts).setInts("steps", c.steps);
    Status st = run("slice", {&x}, y, a);
    ASSERT_TRUE(st.ok()) << st.message();
    std::vector<float> ref;
    forEachIndex(c.out, [&](const std::vector<int64_t> &o) {
      std::vector<int64_t> in(3);
      for (int d = 0; d < 3; ++d)
        in[d] = c.starts[d] + o[d] * c.steps[d];
      ref.push_back(x.data<float>()[flatIndex(x.shape(), in)]);
    });
    expectClose(y, ref, 0);
  }
  Tensor y = makeTensor(DType::F32, {3, 1, 1});
  Attributes a;
  a.setInts("starts", {2, 0, 0}).setInts("steps", {1, 1, 1});
  Status st = run("slice", {&x}, y, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("leaves the input"), std::string::npos);
}

TEST(ConcatKernel, AlongEachAxis) {
  Tensor a = randomF32({2, 3, 2}, 4);
  Tensor b = randomF32({2, 1, 2}, 5);
  Tensor y = makeTensor(DType::F32, {2, 4, 2});
  Attributes attrs;
  attrs.setInt("axis", 1);
  ASSERT_TRUE(run("concat", {&a, &b}, y, attrs).ok());
  std::vector<float> ref;
  forEachIndex(y.shape(), [&](const std::vector<int64_t> &o) {
    if (o[1] < 3)
      ref.push_back(a.data<float>()[flatIndex(a.shape(), o)]);
    else
      ref.push_back(b.data<float>()[flatIndex(b.shape(), {o[0], o[1] - 3, o[2]})]);
  });
  expectClose(y, ref, 0);
  Tensor i0 = fromVector<int64_t>(DType::I64, {1}, {7});
  Tensor i1 = fromVector<int64_t>(DType::I64, {2}, {8, 9});
  Tensor iy = makeTensor(DType::I64, {3});
  Attributes a0;
  a0.setInt("axis", 0);
  ASSERT_TRUE(run("concat", {&i0, &i1}, iy, a0).ok());
  EXPECT_EQ(iy.data<int64_t>()[2], 9);
  Tensor wrong = makeTensor(DType::I64, {4});
  EXPECT_FALSE(run("concat", {&i0, &i1}, wrong, a0).ok());
}

TEST(GatherKernel, NegativeIndicesAndAxes) {
  Tensor x = randomF32({3, 4}, 6);
  Tensor idx = fromVector<int64_t>(DType::I64, {2, 2}, {0, -1, 2, -4});
  Tensor y = makeTensor(DType::F32, {3, 2, 2});
  Attributes a;
  a.setInt("axis", 1);
  ASSERT_TRUE(run("gather", {&x, &idx}, y, a).ok());
  std::vector<float> ref;
  for (int64_t r = 0; r < 3; ++r)
    for (int64_t k : {0, 3, 2, 0})
      ref.push_back(x.data<float>()[r * 4 + k]);
  expectClose(y, ref, 0);
  Tensor idx32 = fromVector<int32_t>(DType::I32, {}, {-1});
  Tensor y0 = makeTensor(DType::F32, {4});
  Attributes a0;
  a0.setInt("axis", 0);
  ASSERT_TRUE(run("gather", {&x, &idx32}, y0, a0).ok());
  expectClose(y0, std::vector<float>(x.data<float>() + 8, x.data<float>() + 12), 0);
  Tensor bad = fromVector<int64_t>(DType::I64, {1}, {3});
  Tensor yb = makeTensor(DType::F32, {1, 4});
  Status st = run("gather", {&x, &bad}, yb, a0);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("out of range"), std::string::npos);
}

TEST(PadKernel, ConstantReflectEdge) {
  Tensor x = fromVector<float>(DType::F32, {2, 3}, {1, 2, 3, 4, 5, 6});
  Attributes a;
  a.setInts("pads", {1, 2, 0, 1}).setString("mode", "constant").setFloat("value", -1);
  Tensor y = makeTensor(DType::F32, {3, 6});
  ASSERT_TRUE(run("pad", {&x}, y, a).ok());
  expectClose(y, {-1, -1, -1, -1, -1, -1, -1, -1, 1, 2, 3, -1, -1, -1, 4, 5, 6, -1});
  a.setString("mode", "reflect");
  ASSERT_TRUE(run("pad", {&x}, y, a).ok());
  expectClose(y, {6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5});
  a.setString("mode", "edge");
  ASSERT_TRUE(run("pad", {&x}, y, a).ok());
  expectClose(y, {1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6});
  // Negative pads crop.
  Attributes crop;
  crop.setInts("pads", {0, -1, 0, 0});
  Tensor c = makeTensor(DType::F32, {2, 2});
  ASSERT_TRUE(run("pad", {&x}, c, crop).ok());
  expectClose(c, {2, 3, 5, 6});
  Tensor xi = fromVector<int64_t>(DType::I64, {2}, {4, 5});
  Tensor yi = makeTensor(DType::I64, {4});
  Attributes ai;
  ai.setInts("pads", {1, 1}).setFloat("value", 9);
  ASSERT_TRUE(run("pad", {&xi}, yi, ai).ok());
  EXPECT_EQ(std::vector<int64_t>(yi.data<int64_t>(), yi.data<int64_t>() + 4),
            (std::vector<int64_t>{9, 4, 5, 9}));
  Attributes bad;
  bad.setInts("pads", {1, 1, 1, 1}).setString("mode", "wrap");
  EXPECT_FALSE(run("pad", {&x}, c, bad).ok());
}

TEST(ResizeKernel, NearestAndLinear) {
  Tensor x = fromVector<float>(DType::F32, {1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor y = makeTensor(DType::F32, {1, 1, 4, 4});
  Attributes a;
  a.setString("mode", "nearest").setString("coordinate_mode", "asymmetric");
  a.setString("nearest_mode", "floor").setFloats("scales", {1, 1, 2, 2});
  ASSERT_TRUE(run("resize", {&x}, y, a).ok());
  expectClose(y, {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});

  Attributes l;
  l.setString("mode", "linear").setString("coordinate_mode", "half_pixel");
  l.setFloats("scales", {1, 1, 2, 2});
  ASSERT_TRUE(run("resize", {&x}, y, l).ok());
  // half_pixel: src = (o + 0.5) / 2 - 0.5, clamped to [0, 1].
  std::vector<float> ref;
  auto src = [](int o) { return std::min(1.0, std::max(0.0, (o + 0.5) / 2 - 0.5)); };
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      double r = src(i), c = src(j);
      ref.push_back(static_cast<float>((1 - r) * (1 - c) * 1 + (1 - r) * c * 2 +
                                       r * (1 - c) * 3 + r * c * 4));
    }
  expectClose(y, ref);

  Attributes ac;
  ac.setString("mode", "linear").setString("coordinate_mode", "align_corners");
  Tensor y3 = makeTensor(DType::F32, {1, 1, 3, 3});
  ASSERT_TRUE(run("resize", {&x}, y3, ac).ok());
  expectClose(y3, {1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4});

  Attributes area;
  area.setString("mode", "area");
  Status st = run("resize", {&x}, y, area);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unsupported resize mode"), std::string::npos);
}
