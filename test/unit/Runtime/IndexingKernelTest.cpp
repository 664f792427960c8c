//===- IndexingKernelTest.cpp - gather_elements vs a naive reference ------===//
#include "KernelTestUtil.h"

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
