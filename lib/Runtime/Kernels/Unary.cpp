//===- Unary.cpp - Elementwise unary kernel -------------------------------===//
#include "FastMath.h"
#include "ChannelsLastView.h"
#include "KernelUtil.h"

#include <cmath>
#include <type_traits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

template <typename T, typename F> void mapLoop(const T *in, T *out, int64_t n, F f) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinElements)
  for (int64_t i = 0; i < n; ++i)
    out[i] = f(in[i]);
}

template <typename T>
void unaryFloat(const std::string &kind, float alpha, float beta, const T *x, T *y,
                int64_t n) {
  using std::abs;
  const T a = static_cast<T>(alpha), b = static_cast<T>(beta);
  const T zero = 0, one = 1;
  if constexpr (std::is_same_v<T, float>) {
    if (kind == "sigmoid") {
      mapLoop(x, y, n, [](float v) { return 1.0f / (1.0f + fastExp(-v)); });
      return;
    }
    if (kind == "erf") {
      mapLoop(x, y, n, [](float v) { return fastErf(v); });
      return;
    }
    if (kind == "gelu") {
      mapLoop(x, y, n, [](float v) {
        return 0.5f * v * (1.0f + fastErf(v * static_cast<float>(M_SQRT1_2)));
      });
      return;
    }
  }
  if (kind == "abs") mapLoop(x, y, n, [](T v) { return std::fabs(v); });
  else if (kind == "neg") mapLoop(x, y, n, [](T v) { return -v; });
  else if (kind == "relu") mapLoop(x, y, n, [](T v) { return v > T(0) ? v : T(0); });
  else if (kind == "sigmoid") mapLoop(x, y, n, [](T v) { return T(1) / (T(1) + std::exp(-v)); });
  else if (kind == "tanh") mapLoop(x, y, n, [](T v) { return std::tanh(v); });
  else if (kind == "exp") mapLoop(x, y, n, [](T v) { return std::exp(v); });
  else if (kind == "log") mapLoop(x, y, n, [](T v) { return std::log(v); });
  else if (kind == "sqrt") mapLoop(x, y, n, [](T v) { return std::sqrt(v); });
  else if (kind == "reciprocal") mapLoop(x, y, n, [](T v) { return T(1) / v; });
  else if (kind == "floor") mapLoop(x, y, n, [](T v) { return std::floor(v); });
  else if (kind == "ceil") mapLoop(x, y, n, [](T v) { return std::ceil(v); });
  else if (kind == "round") mapLoop(x, y, n, [](T v) { return std::nearbyint(v); });
  else if (kind == "erf") mapLoop(x, y, n, [](T v) { return std::erf(v); });
  else if (kind == "sin") mapLoop(x, y, n, [](T v) { return std::sin(v); });
  else if (kind == "cos") mapLoop(x, y, n, [](T v) { return std::cos(v); });
  else if (kind == "tan") mapLoop(x, y, n, [](T v) { return std::tan(v); });
  else if (kind == "asin") mapLoop(x, y, n, [](T v) { return std::asin(v); });
  else if (kind == "acos") mapLoop(x, y, n, [](T v) { return std::acos(v); });
  else if (kind == "atan") mapLoop(x, y, n, [](T v) { return std::atan(v); });
  else if (kind == "sinh") mapLoop(x, y, n, [](T v) { return std::sinh(v); });
  else if (kind == "cosh") mapLoop(x, y, n, [](T v) { return std::cosh(v); });
  else if (kind == "asinh") mapLoop(x, y, n, [](T v) { return std::asinh(v); });
  else if (kind == "acosh") mapLoop(x, y, n, [](T v) { return std::acosh(v); });
  else if (kind == "atanh") mapLoop(x, y, n, [](T v) { return std::atanh(v); });
  else if (kind == "sign")
    mapLoop(x, y, n, [=](T v) { return v > zero ? one : (v < zero ? -one : v); });
  else if (kind == "softplus")
    mapLoop(x, y, n, [](T v) { return v > T(20) ? v : std::log1p(std::exp(v)); });
  else if (kind == "softsign") mapLoop(x, y, n, [](T v) { return v / (T(1) + std::fabs(v)); });
  else if (kind == "leaky_relu") mapLoop(x, y, n, [=](T v) { return v >= zero ? v : a * v; });
  else if (kind == "elu")
    mapLoop(x, y, n, [=](T v) { return v >= zero ? v : a * (std::exp(v) - one); });
  else if (kind == "selu")
    mapLoop(x, y, n, [=](T v) { return b * (v > zero ? v : a * (std::exp(v) - one)); });
  else if (kind == "hard_sigmoid")
    mapLoop(x, y, n, [=](T v) { return std::fmax(zero, std::fmin(one, a * v + b)); });
  else if (kind == "hard_swish")
    mapLoop(x, y, n, [=](T v) {
      return v * std::fmax(zero, std::fmin(one, v / T(6) + T(0.5)));
    });
  else if (kind == "gelu")
    mapLoop(x, y, n, [](T v) { return T(0.5) * v * (T(1) + std::erf(v * T(M_SQRT1_2))); });
  else if (kind == "celu")
    mapLoop(x, y, n, [=](T v) {
      return std::fmax(zero, v) + std::fmin(zero, a * (std::exp(v / a) - one));
    });
  else if (kind == "thresholded_relu") mapLoop(x, y, n, [=](T v) { return v > a ? v : zero; });
  else if (kind == "identity") mapLoop(x, y, n, [](T v) { return v; });
  else
    fail("unary kind '" + kind + "' is not supported on floating-point tensors");
}

template <typename T> void unaryInt(const std::string &kind, const T *x, T *y, int64_t n) {
  if (kind == "abs") mapLoop(x, y, n, [](T v) { return v < 0 ? static_cast<T>(0 - v) : v; });
  else if (kind == "neg") mapLoop(x, y, n, [](T v) { return static_cast<T>(0 - v); });
  else if (kind == "relu") mapLoop(x, y, n, [](T v) { return v > 0 ? v : T(0); });
  else if (kind == "sign") mapLoop(x, y, n, [](T v) { return T(v > 0 ? 1 : (v < 0 ? -1 : 0)); });
  else if (kind == "identity") mapLoop(x, y, n, [](T v) { return v; });
  else
    fail("unary kind '" + kind + "' is not supported on integer tensors");
}

} // namespace

void unary(const KernelContext &ctx) {
  if (runInChannelsLastView(ctx, &unary))
    return;
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  std::string kind = ctx.attr().getString("kind");
  expectShape(y, x.shape(), "result");
  float alpha = static_cast<float>(ctx.attr().getFloat("alpha", 0.0));
  float beta = static_cast<float>(ctx.attr().getFloat("beta", 0.0));
  int64_t n = x.numElements();
  if (kind == "isnan" || kind == "isinf") {
    expectDType(y, DType::Bool, "result");
    uint8_t *o = y.data<uint8_t>();
    bool nan = kind == "isnan";
    if (x.dtype() == DType::F32) {
      const float *i = x.data<float>();
      for (int64_t k = 0; k < n; ++k)
        o[k] = nan ? std::isnan(i[k]) : std::isinf(i[k]);
    } else if (x.dtype() == DType::F64) {
      const double *i = x.data<double>();
      for (int64_t k = 0; k < n; ++k)
        o[k] = nan ? std::isnan(i[k]) : std::isinf(i[k]);
    } else {
      std::memset(o, 0, static_cast<size_t>(n));
    }
    return;
  }
  expectSameDType(x, y, "unary");
  switch (x.dtype()) {
  case DType::F32:
    unaryFloat<float>(kind, alpha, beta, x.data<float>(), y.data<float>(), n);
    return;
  case DType::F64:
    unaryFloat<double>(kind, alpha, beta, x.data<double>(), y.data<double>(), n);
    return;
  case DType::I32:
    unaryInt<int32_t>(kind, x.data<int32_t>(), y.data<int32_t>(), n);
    return;
  case DType::I64:
    unaryInt<int64_t>(kind, x.data<int64_t>(), y.data<int64_t>(), n);
    return;
  case DType::Bool: {
    const uint8_t *i = x.data<uint8_t>();
    uint8_t *o = y.data<uint8_t>();
    if (kind == "not")
      mapLoop(i, o, n, [](uint8_t v) { return static_cast<uint8_t>(!v); });
    else if (kind == "identity")
      mapLoop(i, o, n, [](uint8_t v) { return v; });
    else
      fail("unary kind '" + kind + "' is not supported on bool tensors");
    return;
  }
  default:
    fail("unary '" + kind + "' does not support element type " +
         std::string(dtypeName(x.dtype())));
  }
}

} // namespace accel::runtime::kernels
