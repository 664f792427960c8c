//===- UnaryFn.h - The elementwise functions every device computes -*- C++ -*-===//
//
// One enum and one definition of what each function computes, shared by the device
// programs (WSE, IPU: their Program.h alias it) and their simulators. The order is part of
// the schedule format (the programs store it as a byte): new functions go at the end.
// A device accepts a prefix of the enum: the WSE stops at Ceil (its loader and
// validator reject the rest), the IPU takes them all.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_COMMON_UNARYFN_H
#define ACCEL_SIM_COMMON_UNARYFN_H

#include <cmath>
#include <cstdint>

namespace accel::sim {

enum class UnaryFn : uint8_t {
  Relu, Exp, Sigmoid, Tanh, Erf, Sqrt, Rsqrt, Recip, Neg, Abs, Log, Floor, Ceil,
  // Added for the IPU; the ones with parameters take them as (alpha, beta).
  Gelu,        // 0.5 x (1 + erf(x / sqrt(2))): the exact (erf) form
  LeakyRelu,   // x >= 0 ? x : alpha x
  HardSigmoid, // max(0, min(1, alpha x + beta))
  HardSwish,   // x * max(0, min(1, x / 6 + 0.5))
  Softplus,    // log(1 + exp(x)) (x above 20: x)
  Silu,        // x * sigmoid(x)
  Identity,    // x
};
constexpr UnaryFn kLastUnaryFn = UnaryFn::Identity;

/// How many parameters (alpha, beta) a function reads: 0, 1 or 2.
inline unsigned unaryParamCount(UnaryFn fn) {
  switch (fn) {
  case UnaryFn::LeakyRelu:
    return 1;
  case UnaryFn::HardSigmoid:
    return 2;
  default:
    return 0;
  }
}

/// What a device's unary function computes on one f32 value, with its parameters (ignored
/// by the functions that take none). The formulas are the host kernels' (lib/Runtime/
/// Kernels/Unary.cpp), so a device and the host agree to rounding.
inline float applyUnary(UnaryFn fn, float x, float alpha, float beta) {
  switch (fn) {
  case UnaryFn::Relu:
    return x > 0.0f ? x : 0.0f;
  case UnaryFn::Exp:
    return std::exp(x);
  case UnaryFn::Sigmoid:
    return 1.0f / (1.0f + std::exp(-x));
  case UnaryFn::Tanh:
    return std::tanh(x);
  case UnaryFn::Erf:
    return std::erf(x);
  case UnaryFn::Sqrt:
    return std::sqrt(x);
  case UnaryFn::Rsqrt:
    return 1.0f / std::sqrt(x);
  case UnaryFn::Recip:
    return 1.0f / x;
  case UnaryFn::Neg:
    return -x;
  case UnaryFn::Abs:
    return std::fabs(x);
  case UnaryFn::Log:
    return std::log(x);
  case UnaryFn::Floor:
    return std::floor(x);
  case UnaryFn::Ceil:
    return std::ceil(x);
  case UnaryFn::Gelu:
    return 0.5f * x * (1.0f + std::erf(x * static_cast<float>(M_SQRT1_2)));
  case UnaryFn::LeakyRelu:
    return x >= 0.0f ? x : alpha * x;
  case UnaryFn::HardSigmoid:
    return std::fmax(0.0f, std::fmin(1.0f, alpha * x + beta));
  case UnaryFn::HardSwish:
    return x * std::fmax(0.0f, std::fmin(1.0f, x / 6.0f + 0.5f));
  case UnaryFn::Softplus:
    return x > 20.0f ? x : std::log1p(std::exp(x));
  case UnaryFn::Silu:
    return x / (1.0f + std::exp(-x));
  case UnaryFn::Identity:
    return x;
  }
  return x;
}

/// The functions without parameters (the WSE's set, and any function whose parameters
/// are their ONNX defaults: LeakyRelu alpha 0.01, HardSigmoid 0.2 and 0.5).
inline float applyUnary(UnaryFn fn, float x) {
  switch (fn) {
  case UnaryFn::LeakyRelu:
    return applyUnary(fn, x, 0.01f, 0.0f);
  case UnaryFn::HardSigmoid:
    return applyUnary(fn, x, 0.2f, 0.5f);
  default:
    return applyUnary(fn, x, 0.0f, 0.0f);
  }
}

} // namespace accel::sim

#endif // ACCEL_SIM_COMMON_UNARYFN_H
