//===- IndexingKernelTest.cpp - gather/scatter kernels vs naive references ===//
#include "KernelTestUtil.h"

#include <algorithm>

using namespace accel::test;

TEST(GatherElementsKernel, MatchesNaiveReference) {
  Tensor x = randomF32({3, 4, 2}, 11);
  // Indices smaller than the input outside the axis, negative entries too.
  Shape ishape = {2, 3, 2};
  std::vector<int64_t> raw = {0, -1, 2, 3, 1, -4, 3, 0, 0, 2, -2, 1};
  Tensor idx = fromVector<int64_t>(DType::I64, ishape, raw);
  for (int64_t axis : {1}) {
    Tensor y = makeTensor(DType::F32, ishape);
    Attributes a;
    a.setInt("axis", axis);
    ASSERT_TRUE(run("gather_elements", {&x, &idx}, y, a).ok());
    std::vector<float> ref;
    size_t k = 0;
    forEachIndex(ishape, [&](const std::vector<int64_t> &o) {
      std::vector<int64_t> in = o;
      int64_t v = raw[k++];
      in[axis] = v < 0 ? v + x.dim(axis) : v;
      ref.push_back(x.data<float>()[flatIndex(x.shape(), in)]);
    });
    expectClose(y, ref, 0);
  }
  // axis 0 with i32 indices on an i64 input.
  Tensor xi = fromVector<int64_t>(DType::I64, {2, 2}, {1, 2, 3, 4});
  Tensor i32 = fromVector<int32_t>(DType::I32, {2, 2}, {1, 0, 0, 1});
  Tensor yi = makeTensor(DType::I64, {2, 2});
  Attributes a0;
  a0.setInt("axis", 0);
  ASSERT_TRUE(run("gather_elements", {&xi, &i32}, yi, a0).ok());
  EXPECT_EQ(std::vector<int64_t>(yi.data<int64_t>(), yi.data<int64_t>() + 4),
            (std::vector<int64_t>{3, 2, 1, 4}));
  Tensor bad = fromVector<int64_t>(DType::I64, {1, 2}, {2, 0});
  Tensor yb = makeTensor(DType::I64, {1, 2});
  Status st = run("gather_elements", {&xi, &bad}, yb, a0);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("out of range"), std::string::npos);
}

TEST(ScatterElementsKernel, MatchesNaiveReference) {
  Tensor x = randomF32({3, 4}, 12);
  // Duplicate targets check that reductions apply in index order.
  Shape ishape = {2, 4};
  std::vector<int64_t> raw = {0, -1, 2, 1, 0, 2, -3, 1};
  Tensor idx = fromVector<int64_t>(DType::I64, ishape, raw);
  Tensor upd = randomF32(ishape, 13);
  for (const char *reduction : {"none", "add", "mul"}) {
    Tensor y = makeTensor(DType::F32, {3, 4});
    Attributes a;
    a.setInt("axis", 0).setString("reduction", reduction);
    ASSERT_TRUE(run("scatter_elements", {&x, &idx, &upd}, y, a).ok());
    std::vector<float> ref(x.data<float>(), x.data<float>() + 12);
    size_t k = 0;
    forEachIndex(ishape, [&](const std::vector<int64_t> &o) {
      int64_t v = raw[k];
      int64_t row = v < 0 ? v + 3 : v;
      float u = upd.data<float>()[k++];
      float &dst = ref[row * 4 + o[1]];
      dst = std::string(reduction) == "add" ? dst + u
            : std::string(reduction) == "mul" ? dst * u
                                              : u;
    });
    expectClose(y, ref, 1e-6f);
  }
  // axis 1 on i64 data with i32 indices; an out-of-range index fails.
  Tensor xi = fromVector<int64_t>(DType::I64, {2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor i32 = fromVector<int32_t>(DType::I32, {2, 1}, {2, -3});
  Tensor ui = fromVector<int64_t>(DType::I64, {2, 1}, {7, 8});
  Tensor yi = makeTensor(DType::I64, {2, 3});
  Attributes a1;
  a1.setInt("axis", 1);
  ASSERT_TRUE(run("scatter_elements", {&xi, &i32, &ui}, yi, a1).ok());
  EXPECT_EQ(std::vector<int64_t>(yi.data<int64_t>(), yi.data<int64_t>() + 6),
            (std::vector<int64_t>{1, 2, 7, 8, 5, 6}));
  Tensor bad = fromVector<int32_t>(DType::I32, {2, 1}, {3, 0});
  Status st = run("scatter_elements", {&xi, &bad, &ui}, yi, a1);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("out of range"), std::string::npos);
}

TEST(GatherScatterNDKernel, MatchesNaiveReference) {
  // gather_nd: data [2,3,4], tuples of length 2 -> slices of [4].
  Tensor x = randomF32({2, 3, 4}, 14);
  Tensor idx = fromVector<int64_t>(DType::I64, {3, 2}, {0, 1, 1, -1, -2, 0});
  Tensor y = makeTensor(DType::F32, {3, 4});
  ASSERT_TRUE(run("gather_nd", {&x, &idx}, y, Attributes()).ok());
  std::vector<float> ref;
  for (auto [a, b] : {std::pair(0, 1), std::pair(1, 2), std::pair(0, 0)})
    for (int k = 0; k < 4; ++k)
      ref.push_back(x.data<float>()[(a * 3 + b) * 4 + k]);
  expectClose(y, ref, 0);
  // batch_dims 1: per batch, tuples of length 1 into dim 1.
  Tensor bidx = fromVector<int64_t>(DType::I64, {2, 1}, {2, 0});
  Tensor by = makeTensor(DType::F32, {2, 4});
  Attributes b1;
  b1.setInt("batch_dims", 1);
  ASSERT_TRUE(run("gather_nd", {&x, &bidx}, by, b1).ok());
  std::vector<float> bref;
  for (auto [a, b] : {std::pair(0, 2), std::pair(1, 0)})
    for (int k = 0; k < 4; ++k)
      bref.push_back(x.data<float>()[(a * 3 + b) * 4 + k]);
  expectClose(by, bref, 0);
  // scatter_nd with add: a repeated tuple accumulates.
  Tensor d = fromVector<int64_t>(DType::I64, {3, 2}, {1, 2, 3, 4, 5, 6});
  Tensor sidx = fromVector<int64_t>(DType::I64, {3, 1}, {2, 0, 2});
  Tensor upd = fromVector<int64_t>(DType::I64, {3, 2}, {10, 20, 30, 40, 50, 60});
  Tensor sy = makeTensor(DType::I64, {3, 2});
  Attributes add;
  add.setString("reduction", "add");
  ASSERT_TRUE(run("scatter_nd", {&d, &sidx, &upd}, sy, add).ok());
  EXPECT_EQ(std::vector<int64_t>(sy.data<int64_t>(), sy.data<int64_t>() + 6),
            (std::vector<int64_t>{31, 42, 3, 4, 65, 86}));
  ASSERT_TRUE(run("scatter_nd", {&d, &sidx, &upd}, sy, Attributes()).ok());
  EXPECT_EQ(std::vector<int64_t>(sy.data<int64_t>(), sy.data<int64_t>() + 6),
            (std::vector<int64_t>{30, 40, 3, 4, 50, 60}));
  Tensor bad = fromVector<int64_t>(DType::I64, {1, 2}, {0, 3});
  Tensor yb = makeTensor(DType::F32, {1, 4});
  Status st = run("gather_nd", {&x, &bad}, yb, Attributes());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("out of range"), std::string::npos);
}

TEST(TopKKernel, MatchesSortedReference) {
  // Ties keep the lower index first, for both largest and smallest.
  Tensor x = fromVector<float>(DType::F32, {2, 5}, {3, 1, 3, 2, 5, 0, 0, -1, 4, 0});
  for (bool largest : {true, false}) {
    Tensor v = makeTensor(DType::F32, {2, 3});
    Tensor i = makeTensor(DType::I64, {2, 3});
    Attributes a;
    a.setInt("k", 3).setInt("axis", 1).setInt("largest", largest ? 1 : 0);
    KernelContext ctx{{&x}, {&v, &i}, &a};
    ASSERT_TRUE(runKernel("top_k", ctx).ok());
    std::vector<float> refV;
    std::vector<int64_t> refI;
    for (int64_t r = 0; r < 2; ++r) {
      std::vector<int64_t> order = {0, 1, 2, 3, 4};
      std::stable_sort(order.begin(), order.end(), [&](int64_t p, int64_t q) {
        float a0 = x.data<float>()[r * 5 + p], b0 = x.data<float>()[r * 5 + q];
        return largest ? a0 > b0 : a0 < b0;
      });
      for (int j = 0; j < 3; ++j) {
        refV.push_back(x.data<float>()[r * 5 + order[j]]);
        refI.push_back(order[j]);
      }
    }
    expectClose(v, refV, 0);
    EXPECT_EQ(std::vector<int64_t>(i.data<int64_t>(), i.data<int64_t>() + 6), refI);
  }
}
