//===- UnaryFn.h - The elementwise functions every device computes -*- C++ -*-===//
//
// One enum and one definition of what each function computes, shared by the device
// programs (WSE, IPU: their Program.h alias it) and their simulators. The order is part of
// the schedule format (the programs store it as a byte).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SIM_COMMON_UNARYFN_H
#define ACCEL_SIM_COMMON_UNARYFN_H

#include <cmath>
#include <cstdint>

namespace accel::sim {

enum class UnaryFn : uint8_t {
  Relu, Exp, Sigmoid, Tanh, Erf, Sqrt, Rsqrt, Recip, Neg, Abs, Log, Floor, Ceil,
};
constexpr UnaryFn kLastUnaryFn = UnaryFn::Ceil;

/// What a device's unary function computes on one f32 value.
inline float applyUnary(UnaryFn fn, float x) {
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
  }
  return x;
}

} // namespace accel::sim

#endif // ACCEL_SIM_COMMON_UNARYFN_H
