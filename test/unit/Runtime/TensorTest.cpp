//===- TensorTest.cpp - Tensor, DType and size arithmetic -----------------===//
#include "accel/Runtime/Tensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

using namespace accel::runtime;

TEST(DType, SizesAndNames) {
  EXPECT_EQ(dtypeSize(DType::F32), 4u);
  EXPECT_EQ(dtypeSize(DType::F64), 8u);
  EXPECT_EQ(dtypeSize(DType::F16), 2u);
  EXPECT_EQ(dtypeSize(DType::I8), 1u);
  EXPECT_EQ(dtypeSize(DType::I16), 2u);
  EXPECT_EQ(dtypeSize(DType::I32), 4u);
  EXPECT_EQ(dtypeSize(DType::I64), 8u);
  EXPECT_EQ(dtypeSize(DType::U8), 1u);
  EXPECT_EQ(dtypeSize(DType::Bool), 1u);
  EXPECT_EQ(dtypeName(DType::Bool), "bool");
  EXPECT_FALSE(dtypeFromInt(kNumDTypes).has_value());
  EXPECT_FALSE(dtypeFromInt(-1).has_value());
  EXPECT_EQ(*dtypeFromInt(6), DType::I64);
}

TEST(DType, HalfConversionRoundTrips) {
  for (float f : {0.0f, -0.0f, 1.0f, -2.5f, 65504.0f, 6.1035156e-05f, 5.9604645e-08f}) {
    EXPECT_EQ(halfToFloat(floatToHalf(f)), f) << f;
  }
  EXPECT_TRUE(std::isinf(halfToFloat(floatToHalf(1e6f))));
  EXPECT_TRUE(std::isnan(halfToFloat(floatToHalf(NAN))));
  EXPECT_EQ(floatToHalf(1.0f), 0x3c00);
  // 1 + 2^-11 is exactly between two halves: rounds to even (1.0).
  EXPECT_EQ(floatToHalf(1.0f + 1.0f / 2048.0f), 0x3c00);
}

TEST(Tensor, CheckedSizes) {
  int64_t n = 0;
  EXPECT_TRUE(checkedElementCount({2, 3, 4}, n).ok());
  EXPECT_EQ(n, 24);
  EXPECT_TRUE(checkedElementCount({}, n).ok());
  EXPECT_EQ(n, 1);
  EXPECT_TRUE(checkedElementCount({5, 0, 7}, n).ok());
  EXPECT_EQ(n, 0);
  Status neg = checkedElementCount({2, -1}, n);
  EXPECT_FALSE(neg.ok());
  EXPECT_NE(neg.message().find("negative"), std::string::npos);
  int64_t big = int64_t(1) << 40;
  EXPECT_FALSE(checkedElementCount({big, big}, n).ok());
  uint64_t bytes = 0;
  EXPECT_FALSE(checkedByteSize({int64_t(1) << 62}, DType::F64, bytes).ok());
  EXPECT_TRUE(checkedByteSize({3, 5}, DType::I64, bytes).ok());
  EXPECT_EQ(bytes, 120u);
}

TEST(Tensor, AllocateIsAlignedAndZeroed) {
  Tensor t;
  ASSERT_TRUE(Tensor::allocate(DType::F32, {3, 7}, t).ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.raw()) % 64, 0u);
  EXPECT_TRUE(t.ownsData());
  EXPECT_EQ(t.numElements(), 21);
  EXPECT_EQ(t.byteSize(), 84u);
  for (int64_t i = 0; i < 21; ++i)
    EXPECT_EQ(t.data<float>()[i], 0.0f);
  Tensor empty;
  ASSERT_TRUE(Tensor::allocate(DType::F32, {0, 4}, empty).ok());
  EXPECT_NE(empty.raw(), nullptr);
  Tensor bad;
  EXPECT_FALSE(Tensor::allocate(DType::F32, {-3}, bad).ok());
}

TEST(Tensor, BorrowMoveCloneReshape) {
  float data[6] = {1, 2, 3, 4, 5, 6};
  Tensor b = Tensor::borrowed(DType::F32, {2, 3}, data);
  EXPECT_FALSE(b.ownsData());
  EXPECT_EQ(b.data<float>(), data);
  Tensor c;
  ASSERT_TRUE(b.clone(c).ok());
  EXPECT_TRUE(c.ownsData());
  EXPECT_NE(c.data<float>(), data);
  EXPECT_EQ(c.data<float>()[5], 6.0f);
  Tensor moved = std::move(c);
  EXPECT_EQ(moved.data<float>()[0], 1.0f);
  EXPECT_EQ(c.raw(), nullptr);
  EXPECT_TRUE(moved.reshape({3, 2}).ok());
  EXPECT_EQ(moved.shape(), (Shape{3, 2}));
  EXPECT_FALSE(moved.reshape({4, 2}).ok());
  EXPECT_EQ(shapeToString({1, 3, 224}), "1x3x224");
  EXPECT_EQ(shapeToString({}), "scalar");
}
