//===- ElementwiseKernelTest.cpp - unary, binary, clamp, where, cast ------===//
#include "KernelTestUtil.h"

#include <cmath>

using namespace accel::test;

namespace {

float unaryRef(const std::string &k, float x, float alpha, float beta) {
  if (k == "relu") return x > 0 ? x : 0;
  if (k == "sigmoid") return 1.0f / (1.0f + std::exp(-x));
  if (k == "tanh") return std::tanh(x);
  if (k == "abs") return std::fabs(x);
  if (k == "neg") return -x;
  if (k == "exp") return std::exp(x);
  if (k == "floor") return std::floor(x);
  if (k == "ceil") return std::ceil(x);
  if (k == "round") return std::nearbyint(x);
  if (k == "erf") return std::erf(x);
  if (k == "sign") return x > 0 ? 1.0f : (x < 0 ? -1.0f : 0.0f);
  if (k == "softplus") return std::log(1.0f + std::exp(x));
  if (k == "softsign") return x / (1 + std::fabs(x));
  if (k == "leaky_relu") return x >= 0 ? x : alpha * x;
  if (k == "elu") return x >= 0 ? x : alpha * (std::exp(x) - 1);
  if (k == "selu") return beta * (x > 0 ? x : alpha * (std::exp(x) - 1));
  if (k == "hard_sigmoid") return std::max(0.0f, std::min(1.0f, alpha * x + beta));
  if (k == "hard_swish") return x * std::max(0.0f, std::min(1.0f, x / 6 + 0.5f));
  if (k == "gelu") return 0.5f * x * (1 + std::erf(x / std::sqrt(2.0f)));
  if (k == "celu") return std::max(0.0f, x) + std::min(0.0f, alpha * (std::exp(x / alpha) - 1));
  if (k == "thresholded_relu") return x > alpha ? x : 0;
  if (k == "identity") return x;
  if (k == "sin") return std::sin(x);
  if (k == "atan") return std::atan(x);
  return NAN;
}

Tensor binaryRun(const std::string &kind, const Tensor &a, const Tensor &b, DType outType,
                 const Shape &outShape, Status *status = nullptr) {
  Tensor y = makeTensor(outType, outShape);
  Attributes attrs;
  attrs.setString("kind", kind);
  Status st = run("binary", {&a, &b}, y, attrs);
  if (status)
    *status = st;
  else
    EXPECT_TRUE(st.ok()) << st.message();
  return y;
}

} // namespace

TEST(UnaryKernel, FloatKinds) {
  Tensor x = randomF32({3, 17}, 1, -3.0f, 3.0f);
  x.data<float>()[0] = 2.5f; // round half to even
  for (const char *kind :
       {"relu", "sigmoid", "tanh", "abs", "neg", "exp", "floor", "ceil", "round", "erf", "sign",
        "softplus", "softsign", "leaky_relu", "elu", "selu", "hard_sigmoid", "hard_swish",
        "gelu", "celu", "thresholded_relu", "identity", "sin", "atan"}) {
    Tensor y = makeTensor(DType::F32, x.shape());
    Attributes a;
    a.setString("kind", kind).setFloat("alpha", 0.7).setFloat("beta", 0.3);
    Status st = run("unary", {&x}, y, a);
    ASSERT_TRUE(st.ok()) << kind << ": " << st.message();
    std::vector<float> ref;
    for (int64_t i = 0; i < x.numElements(); ++i)
      ref.push_back(unaryRef(kind, x.data<float>()[i], 0.7f, 0.3f));
    SCOPED_TRACE(kind);
    expectClose(y, ref, 1e-5f);
  }
}

TEST(UnaryKernel, IsNanNotAndIntegers) {
  Tensor x = fromVector<float>(DType::F32, {3}, {NAN, INFINITY, 1.0f});
  Tensor y = makeTensor(DType::Bool, {3});
  Attributes a;
  a.setString("kind", "isnan");
  ASSERT_TRUE(run("unary", {&x}, y, a).ok());
  EXPECT_EQ(y.data<uint8_t>()[0], 1);
  EXPECT_EQ(y.data<uint8_t>()[1], 0);
  a.setString("kind", "isinf");
  ASSERT_TRUE(run("unary", {&x}, y, a).ok());
  EXPECT_EQ(y.data<uint8_t>()[1], 1);
  Tensor b = fromVector<uint8_t>(DType::Bool, {2}, {0, 1});
  Tensor nb = makeTensor(DType::Bool, {2});
  a.setString("kind", "not");
  ASSERT_TRUE(run("unary", {&b}, nb, a).ok());
  EXPECT_EQ(nb.data<uint8_t>()[0], 1);
  EXPECT_EQ(nb.data<uint8_t>()[1], 0);
  Tensor i = fromVector<int64_t>(DType::I64, {3}, {-4, 0, 9});
  Tensor io = makeTensor(DType::I64, {3});
  a.setString("kind", "abs");
  ASSERT_TRUE(run("unary", {&i}, io, a).ok());
  EXPECT_EQ(io.data<int64_t>()[0], 4);
  a.setString("kind", "sqrt");
  Status st = run("unary", {&i}, io, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("not supported on integer"), std::string::npos);
}

TEST(UnaryKernel, MissingKindIsAnError) {
  Tensor x = randomF32({2}, 1);
  Tensor y = makeTensor(DType::F32, {2});
  Status st = run("unary", {&x}, y, Attributes());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("missing required attribute 'kind'"), std::string::npos);
  Attributes wrong;
  wrong.setInt("kind", 3);
  st = run("unary", {&x}, y, wrong);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("expected a string"), std::string::npos);
}

TEST(BinaryKernel, BroadcastPatternsMatchReference) {
  struct Case {
    Shape a, b;
  };
  std::vector<Case> cases = {{{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {}},     {{}, {2, 3}},
                             {{2, 3, 4}, {4}},       {{2, 3, 4}, {3, 1}}, {{1, 3, 1}, {2, 1, 4}},
                             {{2, 5, 3, 3}, {1, 5, 1, 1}}};
  uint32_t seed = 10;
  for (const Case &c : cases) {
    Tensor a = randomF32(c.a, seed++, 0.1f, 2.0f); // positive: pow stays real
    Tensor b = randomF32(c.b, seed++, -2.0f, 2.0f);
    size_t r = std::max(c.a.size(), c.b.size());
    Shape out(r);
    auto dimOf = [&](const Shape &s, size_t i) {
      return i < r - s.size() ? int64_t(1) : s[i - (r - s.size())];
    };
    for (size_t i = 0; i < r; ++i)
      out[i] = std::max(dimOf(c.a, i), dimOf(c.b, i));
    for (const char *kind : {"add", "sub", "mul", "div", "max", "min", "pow"}) {
      Tensor y = binaryRun(kind, a, b, DType::F32, out);
      std::vector<float> ref;
      forEachIndex(out, [&](const std::vector<int64_t> &idx) {
        std::vector<int64_t> ia, ib;
        for (size_t i = r - c.a.size(); i < r; ++i)
          ia.push_back(c.a[i - (r - c.a.size())] == 1 ? 0 : idx[i]);
        for (size_t i = r - c.b.size(); i < r; ++i)
          ib.push_back(c.b[i - (r - c.b.size())] == 1 ? 0 : idx[i]);
        float x = a.data<float>()[flatIndex(c.a, ia)];
        float z = b.data<float>()[flatIndex(c.b, ib)];
        std::string k = kind;
        ref.push_back(k == "add" ? x + z
                      : k == "sub" ? x - z
                      : k == "mul" ? x * z
                      : k == "div" ? x / z
                      : k == "max" ? std::max(x, z)
                      : k == "min" ? std::min(x, z)
                                   : std::pow(x, z));
      });
      SCOPED_TRACE(kind + std::string(" ") + shapeToString(c.a) + " " + shapeToString(c.b));
      expectClose(y, ref, 1e-5f);
    }
  }
}

TEST(BinaryKernel, IntegerDivModAndComparisons) {
  Tensor a = fromVector<int64_t>(DType::I64, {4}, {7, -7, 7, -7});
  Tensor b = fromVector<int64_t>(DType::I64, {4}, {2, 2, -2, -2});
  Tensor d = binaryRun("div", a, b, DType::I64, {4});
  EXPECT_EQ(std::vector<int64_t>(d.data<int64_t>(), d.data<int64_t>() + 4),
            (std::vector<int64_t>{3, -3, -3, 3}));
  Tensor m = binaryRun("mod", a, b, DType::I64, {4});
  EXPECT_EQ(std::vector<int64_t>(m.data<int64_t>(), m.data<int64_t>() + 4),
            (std::vector<int64_t>{1, 1, -1, -1}));
  Tensor f = binaryRun("fmod", a, b, DType::I64, {4});
  EXPECT_EQ(std::vector<int64_t>(f.data<int64_t>(), f.data<int64_t>() + 4),
            (std::vector<int64_t>{1, -1, 1, -1}));
  Tensor fa = fromVector<float>(DType::F32, {2}, {-7.5f, 7.5f});
  Tensor fb = fromVector<float>(DType::F32, {2}, {2.0f, -2.0f});
  Tensor fm = binaryRun("mod", fa, fb, DType::F32, {2});
  expectClose(fm, {0.5f, -0.5f});
  Tensor lt = binaryRun("less", a, b, DType::Bool, {4});
  EXPECT_EQ(lt.data<uint8_t>()[0], 0);
  EXPECT_EQ(lt.data<uint8_t>()[1], 1);
  Tensor eq = binaryRun("equal", a, a, DType::Bool, {4});
  EXPECT_EQ(eq.data<uint8_t>()[3], 1);
  Tensor p = binaryRun("pow", b, fromVector<int64_t>(DType::I64, {}, {3}), DType::I64, {4});
  EXPECT_EQ(p.data<int64_t>()[2], -8);
  Tensor t = fromVector<uint8_t>(DType::Bool, {4}, {0, 0, 1, 1});
  Tensor u = fromVector<uint8_t>(DType::Bool, {4}, {0, 1, 0, 1});
  Tensor x = binaryRun("xor", t, u, DType::Bool, {4});
  EXPECT_EQ(std::vector<uint8_t>(x.data<uint8_t>(), x.data<uint8_t>() + 4),
            (std::vector<uint8_t>{0, 1, 1, 0}));
  Tensor an = binaryRun("and", t, u, DType::Bool, {4});
  EXPECT_EQ(an.data<uint8_t>()[3], 1);
  EXPECT_EQ(an.data<uint8_t>()[2], 0);
}

TEST(BinaryKernel, IntegerDivisionByZeroIsAnError) {
  Tensor a = fromVector<int32_t>(DType::I32, {2}, {1, 2});
  Tensor b = fromVector<int32_t>(DType::I32, {2}, {1, 0});
  Status st;
  binaryRun("div", a, b, DType::I32, {2}, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("by zero"), std::string::npos);
}

TEST(BinaryKernel, IncompatibleShapesAreAnError) {
  Tensor a = randomF32({2, 3}, 1);
  Tensor b = randomF32({4}, 2);
  Status st;
  binaryRun("add", a, b, DType::F32, {2, 3}, &st);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("do not broadcast"), std::string::npos);
}

TEST(ClampKernel, FloatAndInt) {
  Tensor x = fromVector<float>(DType::F32, {4}, {-2, 0.5f, 3, 7});
  Tensor y = makeTensor(DType::F32, {4});
  Attributes a;
  a.setFloat("min", 0.0).setFloat("max", 6.0);
  ASSERT_TRUE(run("clamp", {&x}, y, a).ok());
  expectClose(y, {0, 0.5f, 3, 6});
  Tensor xi = fromVector<int64_t>(DType::I64, {3}, {-5, 2, 10});
  Tensor yi = makeTensor(DType::I64, {3});
  ASSERT_TRUE(run("clamp", {&xi}, yi, a).ok());
  EXPECT_EQ(yi.data<int64_t>()[0], 0);
  EXPECT_EQ(yi.data<int64_t>()[2], 6);
}

TEST(WhereKernel, BroadcastsAllThree) {
  Tensor c = fromVector<uint8_t>(DType::Bool, {2, 1}, {1, 0});
  Tensor a = fromVector<float>(DType::F32, {3}, {1, 2, 3});
  Tensor b = fromVector<float>(DType::F32, {}, {-1});
  Tensor y = makeTensor(DType::F32, {2, 3});
  ASSERT_TRUE(run("where", {&c, &a, &b}, y, Attributes()).ok());
  expectClose(y, {1, 2, 3, -1, -1, -1});
  Tensor ci = fromVector<uint8_t>(DType::Bool, {2}, {0, 1});
  Tensor ai = fromVector<int64_t>(DType::I64, {2}, {5, 6});
  Tensor bi = fromVector<int64_t>(DType::I64, {2}, {7, 8});
  Tensor yi = makeTensor(DType::I64, {2});
  ASSERT_TRUE(run("where", {&ci, &ai, &bi}, yi, Attributes()).ok());
  EXPECT_EQ(yi.data<int64_t>()[0], 7);
  EXPECT_EQ(yi.data<int64_t>()[1], 6);
}

TEST(CastKernel, AllPairsAndRules) {
  Tensor f = fromVector<float>(DType::F32, {5}, {-2.7f, -0.5f, 0.0f, 1.9f, 300.0f});
  Tensor i = makeTensor(DType::I64, {5});
  ASSERT_TRUE(run("cast", {&f}, i, Attributes()).ok());
  EXPECT_EQ(std::vector<int64_t>(i.data<int64_t>(), i.data<int64_t>() + 5),
            (std::vector<int64_t>{-2, 0, 0, 1, 300}));
  Tensor b = makeTensor(DType::Bool, {5});
  ASSERT_TRUE(run("cast", {&f}, b, Attributes()).ok());
  EXPECT_EQ(std::vector<uint8_t>(b.data<uint8_t>(), b.data<uint8_t>() + 5),
            (std::vector<uint8_t>{1, 1, 0, 1, 1}));
  Tensor u8 = makeTensor(DType::U8, {5});
  ASSERT_TRUE(run("cast", {&f}, u8, Attributes()).ok());
  EXPECT_EQ(u8.data<uint8_t>()[4], 255); // saturates
  // Every dtype pair round-trips small integers.
  for (DType s : {DType::F32, DType::F64, DType::F16, DType::I8, DType::I16, DType::I32,
                  DType::I64, DType::U8, DType::Bool})
    for (DType d : {DType::F32, DType::F64, DType::F16, DType::I8, DType::I16, DType::I32,
                    DType::I64, DType::U8, DType::Bool}) {
      Tensor src = makeTensor(s, {2});
      Tensor one = fromVector<float>(DType::F32, {2}, {0.0f, 1.0f});
      ASSERT_TRUE(run("cast", {&one}, src, Attributes()).ok());
      Tensor dst = makeTensor(d, {2});
      ASSERT_TRUE(run("cast", {&src}, dst, Attributes()).ok());
      Tensor back = makeTensor(DType::F32, {2});
      ASSERT_TRUE(run("cast", {&dst}, back, Attributes()).ok());
      SCOPED_TRACE(std::string(dtypeName(s)) + "->" + std::string(dtypeName(d)));
      expectClose(back, {0.0f, 1.0f});
    }
}
