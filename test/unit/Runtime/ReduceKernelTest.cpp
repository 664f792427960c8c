//===- ReduceKernelTest.cpp - reduce, arg_reduce, softmax, layer_norm -----===//
#include "KernelTestUtil.h"

#include <cmath>

using namespace accel::test;

namespace {

std::vector<float> naiveReduce(const Tensor &x, const std::vector<int64_t> &axes,
                               const std::string &kind, Shape &keepShape) {
  Shape s = x.shape();
  keepShape = s;
  for (int64_t a : axes)
    keepShape[a] = 1;
  int64_t outN = 1;
  for (int64_t d : keepShape)
    outN *= d;
  std::vector<std::vector<double>> groups(static_cast<size_t>(outN));
  forEachIndex(s, [&](const std::vector<int64_t> &idx) {
    std::vector<int64_t> o = idx;
    for (int64_t a : axes)
      o[a] = 0;
    groups[flatIndex(keepShape, o)].push_back(x.data<float>()[flatIndex(s, idx)]);
  });
  std::vector<float> out;
  for (const auto &g : groups) {
    double v = 0;
    if (kind == "sum") for (double e : g) v += e;
    if (kind == "mean") { for (double e : g) v += e; v /= g.size(); }
    if (kind == "max") { v = -INFINITY; for (double e : g) v = std::max(v, e); }
    if (kind == "min") { v = INFINITY; for (double e : g) v = std::min(v, e); }
    if (kind == "prod") { v = 1; for (double e : g) v *= e; }
    if (kind == "l1") for (double e : g) v += std::fabs(e);
    if (kind == "l2") { for (double e : g) v += e * e; v = std::sqrt(v); }
    if (kind == "sum_square") for (double e : g) v += e * e;
    if (kind == "log_sum_exp") { for (double e : g) v += std::exp(e); v = std::log(v); }
    out.push_back(static_cast<float>(v));
  }
  return out;
}

} // namespace

TEST(ReduceKernel, AllKindsOverAxisSets) {
  Tensor x = randomF32({2, 3, 4, 5}, 3, 0.5f, 1.5f);
  std::vector<std::vector<int64_t>> axisSets = {{3}, {0}, {1, 2}, {2, 3}, {0, 2}, {0, 1, 2, 3}};
  for (const auto &axes : axisSets)
    for (const char *kind :
         {"sum", "mean", "max", "min", "prod", "l1", "l2", "sum_square", "log_sum_exp"})
      for (int keep : {0, 1}) {
        Shape keepShape;
        std::vector<float> ref = naiveReduce(x, axes, kind, keepShape);
        Shape outShape;
        for (int64_t d = 0; d < 4; ++d) {
          bool reduced = std::find(axes.begin(), axes.end(), d) != axes.end();
          if (!reduced)
            outShape.push_back(x.dim(d));
          else if (keep)
            outShape.push_back(1);
        }
        Tensor y = makeTensor(DType::F32, outShape);
        Attributes a;
        a.setString("kind", kind).setInts("axes", axes).setInt("keep_dims", keep);
        Status st = run("reduce", {&x}, y, a);
        ASSERT_TRUE(st.ok()) << st.message();
        SCOPED_TRACE(std::string(kind) + " keep=" + std::to_string(keep));
        expectClose(y, ref, 1e-5f);
      }
}

TEST(ReduceKernel, EmptyAxesIsIdentityAndIntegers) {
  Tensor x = randomF32({2, 3}, 4);
  Tensor y = makeTensor(DType::F32, {2, 3});
  Attributes a;
  a.setString("kind", "sum").setInts("axes", {}).setInt("keep_dims", 1);
  ASSERT_TRUE(run("reduce", {&x}, y, a).ok());
  expectClose(y, toVector(x));
  Tensor xi = fromVector<int64_t>(DType::I64, {2, 2}, {1, 5, -3, 2});
  Tensor yi = makeTensor(DType::I64, {2});
  a.setString("kind", "max").setInts("axes", {1}).setInt("keep_dims", 0);
  ASSERT_TRUE(run("reduce", {&xi}, yi, a).ok());
  EXPECT_EQ(yi.data<int64_t>()[0], 5);
  EXPECT_EQ(yi.data<int64_t>()[1], 2);
}

TEST(ArgReduceKernel, MaxMinFirstAndLast) {
  Tensor x = fromVector<float>(DType::F32, {2, 4}, {1, 3, 3, 0, 2, 2, -1, -1});
  Tensor y = makeTensor(DType::I64, {2});
  Attributes a;
  a.setString("kind", "max").setInt("axis", 1).setInt("keep_dims", 0);
  ASSERT_TRUE(run("arg_reduce", {&x}, y, a).ok());
  EXPECT_EQ(y.data<int64_t>()[0], 1);
  EXPECT_EQ(y.data<int64_t>()[1], 0);
  a.setInt("select_last_index", 1);
  ASSERT_TRUE(run("arg_reduce", {&x}, y, a).ok());
  EXPECT_EQ(y.data<int64_t>()[0], 2);
  EXPECT_EQ(y.data<int64_t>()[1], 1);
  a.setString("kind", "min");
  ASSERT_TRUE(run("arg_reduce", {&x}, y, a).ok());
  EXPECT_EQ(y.data<int64_t>()[0], 3);
  EXPECT_EQ(y.data<int64_t>()[1], 3);
  Tensor yk = makeTensor(DType::I64, {1, 4});
  Attributes a0;
  a0.setString("kind", "max").setInt("axis", 0).setInt("keep_dims", 1);
  ASSERT_TRUE(run("arg_reduce", {&x}, yk, a0).ok());
  EXPECT_EQ(yk.data<int64_t>()[0], 1);
  EXPECT_EQ(yk.data<int64_t>()[3], 0);
}

TEST(SoftmaxKernel, AnyAxisAndLog) {
  Tensor x = randomF32({2, 3, 4}, 5, -4.0f, 4.0f);
  for (int64_t axis : {0, 1, 2, -1})
    for (int logMode : {0, 1}) {
      Tensor y = makeTensor(DType::F32, x.shape());
      Attributes a;
      a.setInt("axis", axis).setInt("log", logMode);
      ASSERT_TRUE(run("softmax", {&x}, y, a).ok());
      int64_t ax = axis < 0 ? axis + 3 : axis;
      std::vector<float> ref(static_cast<size_t>(x.numElements()));
      forEachIndex(x.shape(), [&](const std::vector<int64_t> &idx) {
        double m = -INFINITY, s = 0;
        std::vector<int64_t> j = idx;
        for (int64_t k = 0; k < x.dim(ax); ++k) {
          j[ax] = k;
          m = std::max(m, double(x.data<float>()[flatIndex(x.shape(), j)]));
        }
        for (int64_t k = 0; k < x.dim(ax); ++k) {
          j[ax] = k;
          s += std::exp(x.data<float>()[flatIndex(x.shape(), j)] - m);
        }
        double v = x.data<float>()[flatIndex(x.shape(), idx)] - m;
        ref[flatIndex(x.shape(), idx)] =
            static_cast<float>(logMode ? v - std::log(s) : std::exp(v) / s);
      });
      SCOPED_TRACE("axis " + std::to_string(axis) + " log " + std::to_string(logMode));
      expectClose(y, ref, 1e-5f);
    }
}

TEST(LayerNormKernel, NormalisesTrailingDimsWithScaleAndBias) {
  Tensor x = randomF32({2, 3, 4}, 6, -2.0f, 3.0f);
  Tensor scale = randomF32({3, 4}, 7);
  Tensor bias = randomF32({4}, 8);
  Tensor y = makeTensor(DType::F32, x.shape());
  Attributes a;
  a.setInt("axis", 1).setFloat("epsilon", 1e-5);
  ASSERT_TRUE(run("layer_norm", {&x, &scale, &bias}, y, a).ok());
  std::vector<float> ref;
  for (int64_t n = 0; n < 2; ++n) {
    const float *p = x.data<float>() + n * 12;
    double mean = 0, var = 0;
    for (int i = 0; i < 12; ++i)
      mean += p[i];
    mean /= 12;
    for (int i = 0; i < 12; ++i)
      var += (p[i] - mean) * (p[i] - mean);
    var /= 12;
    for (int i = 0; i < 12; ++i)
      ref.push_back(static_cast<float>((p[i] - mean) / std::sqrt(var + 1e-5) *
                                           scale.data<float>()[i] +
                                       bias.data<float>()[i % 4]));
  }
  expectClose(y, ref, 1e-5f);
  // Without bias, last axis only.
  Tensor s4 = fromVector<float>(DType::F32, {4}, {1, 1, 1, 1});
  Attributes a2;
  a2.setInt("axis", -1).setFloat("epsilon", 0.0);
  Tensor x2 = fromVector<float>(DType::F32, {1, 4}, {1, 2, 3, 4});
  Tensor y2 = makeTensor(DType::F32, {1, 4});
  ASSERT_TRUE(run("layer_norm", {&x2, &s4, nullptr}, y2, a2).ok());
  float sd = std::sqrt(1.25f);
  expectClose(y2, {-1.5f / sd, -0.5f / sd, 0.5f / sd, 1.5f / sd});
}
