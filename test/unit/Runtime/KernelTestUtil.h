//===- KernelTestUtil.h - Helpers for host kernel tests ---------*- C++ -*-===//
#ifndef ACCEL_TEST_UNIT_RUNTIME_KERNELTESTUTIL_H
#define ACCEL_TEST_UNIT_RUNTIME_KERNELTESTUTIL_H

#include "accel/Runtime/Kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace accel::test {

using namespace accel::runtime;

inline Tensor makeTensor(DType dtype, const Shape &shape) {
  Tensor t;
  Status st = Tensor::allocate(dtype, shape, t);
  EXPECT_TRUE(st.ok()) << st.message();
  return t;
}

template <typename T>
Tensor fromVector(DType dtype, const Shape &shape, const std::vector<T> &values) {
  Tensor t = makeTensor(dtype, shape);
  EXPECT_EQ(static_cast<size_t>(t.numElements()), values.size());
  for (size_t i = 0; i < values.size(); ++i)
    t.data<T>()[i] = values[i];
  return t;
}

inline Tensor randomF32(const Shape &shape, uint32_t seed, float lo = -1.0f,
                        float hi = 1.0f) {
  Tensor t = makeTensor(DType::F32, shape);
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  for (int64_t i = 0; i < t.numElements(); ++i)
    t.data<float>()[i] = dist(gen);
  return t;
}

// Runs `kernel` with the given operands into a freshly allocated result.
inline Status run(const std::string &kernel, std::vector<const Tensor *> inputs, Tensor &out,
                  const Attributes &attrs) {
  KernelContext ctx{std::move(inputs), {&out}, &attrs};
  return runKernel(kernel, ctx);
}

inline void expectClose(const Tensor &got, const std::vector<float> &want, float tol = 1e-4f) {
  ASSERT_EQ(got.dtype(), DType::F32);
  ASSERT_EQ(static_cast<size_t>(got.numElements()), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    float g = got.data<float>()[i];
    float w = want[i];
    float scale = std::max(1.0f, std::fabs(w));
    ASSERT_NEAR(g, w, tol * scale) << "at flat index " << i;
  }
}

inline std::vector<float> toVector(const Tensor &t) {
  return std::vector<float>(t.data<float>(), t.data<float>() + t.numElements());
}

// Row-major flat index of `idx` in `shape`.
inline int64_t flatIndex(const Shape &shape, const std::vector<int64_t> &idx) {
  int64_t f = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    f = f * shape[d] + idx[d];
  return f;
}

// Calls f(idx) for every index of `shape` in row-major order.
template <typename F> void forEachIndex(const Shape &shape, F f) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<int64_t> idx(shape.size(), 0);
  for (int64_t e = 0; e < n; ++e) {
    f(idx);
    for (size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d])
        break;
      idx[d] = 0;
    }
  }
}

} // namespace accel::test

#endif // ACCEL_TEST_UNIT_RUNTIME_KERNELTESTUTIL_H
