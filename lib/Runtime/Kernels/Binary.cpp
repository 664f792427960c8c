//===- Binary.cpp - Elementwise binary kernel with broadcasting -----------===//
#include "ChannelsLastView.h"
#include "KernelUtil.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

// Applies f over the broadcast plan with the inner-stride cases specialised so the
// common same-shape, scalar and trailing-broadcast cases are tight loops.
template <typename A, typename R, typename F>
void applyBinary(const Tensor &lhs, const Tensor &rhs, Tensor &out, F f) {
  const A *a = lhs.data<A>();
  const A *b = rhs.data<A>();
  R *o = out.data<R>();
  int64_t n = out.numElements();
  if (n == 0)
    return;
  if (lhs.shape() == rhs.shape()) {
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinElements)
    for (int64_t i = 0; i < n; ++i)
      o[i] = f(a[i], b[i]);
    return;
  }
  if (rhs.numElements() == 1 && lhs.numElements() == n) {
    A bv = b[0];
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinElements)
    for (int64_t i = 0; i < n; ++i)
      o[i] = f(a[i], bv);
    return;
  }
  if (lhs.numElements() == 1 && rhs.numElements() == n) {
    A av = a[0];
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinElements)
    for (int64_t i = 0; i < n; ++i)
      o[i] = f(av, b[i]);
    return;
  }
  BroadcastPlan plan = planBroadcast(out.shape(), {lhs.shape(), rhs.shape()});
  int64_t inner = plan.inner;
  int64_t sa = plan.innerStride[0], sb = plan.innerStride[1];
  parallelRows(plan, [&](int64_t row, const int64_t *off) {
    const A *pa = a + off[0];
    const A *pb = b + off[1];
    R *o = out.data<R>() + row * inner;
    if (sa && sb)
      for (int64_t i = 0; i < inner; ++i)
        o[i] = f(pa[i], pb[i]);
    else if (sa)
      for (int64_t i = 0; i < inner; ++i)
        o[i] = f(pa[i], *pb);
    else if (sb)
      for (int64_t i = 0; i < inner; ++i)
        o[i] = f(*pa, pb[i]);
    else
      for (int64_t i = 0; i < inner; ++i)
        o[i] = f(*pa, *pb);
  });
}

template <typename T> T intPow(T base, T exp) {
  if (exp < 0)
    return base == 1 ? 1 : (base == -1 ? ((exp & 1) ? -1 : 1) : 0);
  T result = 1;
  while (exp) {
    if (exp & 1)
      result = static_cast<T>(result * base);
    base = static_cast<T>(base * base);
    exp >>= 1;
  }
  return result;
}

template <typename T>
void arith(const std::string &kind, const Tensor &l, const Tensor &r, Tensor &o) {
  constexpr bool isInt = std::is_integral_v<T>;
  if (kind == "add") applyBinary<T, T>(l, r, o, [](T x, T y) { return T(x + y); });
  else if (kind == "sub") applyBinary<T, T>(l, r, o, [](T x, T y) { return T(x - y); });
  else if (kind == "mul") applyBinary<T, T>(l, r, o, [](T x, T y) { return T(x * y); });
  else if (kind == "max") applyBinary<T, T>(l, r, o, [](T x, T y) { return x > y ? x : y; });
  else if (kind == "min") applyBinary<T, T>(l, r, o, [](T x, T y) { return x < y ? x : y; });
  else if constexpr (isInt) {
    bool divZero = false;
    if (kind == "div" || kind == "mod" || kind == "fmod") {
      // Integer division by zero traps on the host; report it instead.
      const T *b = r.data<T>();
      for (int64_t i = 0; i < r.numElements(); ++i)
        divZero |= b[i] == 0;
      if (divZero && o.numElements() > 0)
        fail("integer " + kind + " by zero");
    }
    constexpr T lowest = std::numeric_limits<T>::lowest();
    if (kind == "div")
      applyBinary<T, T>(l, r, o, [](T x, T y) { return (std::is_signed_v<T> && x == lowest && y == T(-1)) ? x : T(x / y); });
    else if (kind == "fmod")
      applyBinary<T, T>(l, r, o, [](T x, T y) { return (std::is_signed_v<T> && y == T(-1)) ? T(0) : T(x % y); });
    else if (kind == "mod")
      applyBinary<T, T>(l, r, o, [](T x, T y) {
        if (std::is_signed_v<T> && y == T(-1))
          return T(0);
        T m = T(x % y);
        if (m != 0 && ((m < 0) != (y < 0)))
          m = T(m + y);
        return m;
      });
    else if (kind == "pow") applyBinary<T, T>(l, r, o, [](T x, T y) { return intPow<T>(x, y); });
    else
      fail("binary kind '" + kind + "' is not supported on integer tensors");
  } else {
    if (kind == "div") applyBinary<T, T>(l, r, o, [](T x, T y) { return x / y; });
    else if (kind == "pow") {
      if (r.numElements() == 1 && r.data<T>()[0] == T(2))
        applyBinary<T, T>(l, r, o, [](T x, T) { return x * x; });
      else
        applyBinary<T, T>(l, r, o, [](T x, T y) { return std::pow(x, y); });
    } else if (kind == "fmod") applyBinary<T, T>(l, r, o, [](T x, T y) { return std::fmod(x, y); });
    else if (kind == "mod")
      applyBinary<T, T>(l, r, o, [](T x, T y) {
        T m = std::fmod(x, y);
        if (m != 0 && ((m < 0) != (y < 0)))
          m += y;
        return m;
      });
    else
      fail("binary kind '" + kind + "' is not supported on floating-point tensors");
  }
}

template <typename T>
bool compare(const std::string &kind, const Tensor &l, const Tensor &r, Tensor &o) {
  using B = uint8_t;
  if (kind == "equal") applyBinary<T, B>(l, r, o, [](T x, T y) { return B(x == y); });
  else if (kind == "less") applyBinary<T, B>(l, r, o, [](T x, T y) { return B(x < y); });
  else if (kind == "less_equal") applyBinary<T, B>(l, r, o, [](T x, T y) { return B(x <= y); });
  else if (kind == "greater") applyBinary<T, B>(l, r, o, [](T x, T y) { return B(x > y); });
  else if (kind == "greater_equal") applyBinary<T, B>(l, r, o, [](T x, T y) { return B(x >= y); });
  else return false;
  return true;
}

bool isComparison(const std::string &k) {
  return k == "equal" || k == "less" || k == "less_equal" || k == "greater" ||
         k == "greater_equal";
}

} // namespace

void binary(const KernelContext &ctx) {
  if (runInChannelsLastView(ctx, &binary))
    return;
  const Tensor &l = ctx.in(0);
  const Tensor &r = ctx.in(1);
  Tensor &o = ctx.out(0);
  std::string kind = ctx.attr().getString("kind");
  expectShape(o, broadcastShapes(l.shape(), r.shape()), "result");
  expectSameDType(l, r, "binary");
  DType t = l.dtype();
  if (isComparison(kind) || kind == "and" || kind == "or" || kind == "xor") {
    expectDType(o, DType::Bool, "result");
    if (kind == "and" || kind == "or" || kind == "xor") {
      expectDType(l, DType::Bool, "operand");
      using B = uint8_t;
      if (kind == "and") applyBinary<B, B>(l, r, o, [](B x, B y) { return B(x && y); });
      else if (kind == "or") applyBinary<B, B>(l, r, o, [](B x, B y) { return B(x || y); });
      else applyBinary<B, B>(l, r, o, [](B x, B y) { return B((x != 0) != (y != 0)); });
      return;
    }
    bool done = false;
    switch (t) {
    case DType::F32: done = compare<float>(kind, l, r, o); break;
    case DType::F64: done = compare<double>(kind, l, r, o); break;
    case DType::I32: done = compare<int32_t>(kind, l, r, o); break;
    case DType::I64: done = compare<int64_t>(kind, l, r, o); break;
    case DType::Bool:
    case DType::U8: done = compare<uint8_t>(kind, l, r, o); break;
    case DType::I8: done = compare<int8_t>(kind, l, r, o); break;
    case DType::I16: done = compare<int16_t>(kind, l, r, o); break;
    default: break;
    }
    if (!done)
      fail("binary '" + kind + "' does not support element type " +
           std::string(dtypeName(t)));
    return;
  }
  expectSameDType(l, o, "binary result");
  switch (t) {
  case DType::F32: arith<float>(kind, l, r, o); return;
  case DType::F64: arith<double>(kind, l, r, o); return;
  case DType::I32: arith<int32_t>(kind, l, r, o); return;
  case DType::I64: arith<int64_t>(kind, l, r, o); return;
  case DType::I8: arith<int8_t>(kind, l, r, o); return;
  case DType::I16: arith<int16_t>(kind, l, r, o); return;
  case DType::U8: arith<uint8_t>(kind, l, r, o); return;
  default:
    fail("binary '" + kind + "' does not support element type " + std::string(dtypeName(t)));
  }
}

} // namespace accel::runtime::kernels
