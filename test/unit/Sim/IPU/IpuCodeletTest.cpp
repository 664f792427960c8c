//===- IpuCodeletTest.cpp - Conv, pools, transpose, clamp, transposed matmul ===//
//
// The codelets added after the first set: numerics against naive references (f32 and
// fp16), the unwritten-read error, cost pins and monotonicity, and one validate
// rejection per rule.
//
//===----------------------------------------------------------------------===//
#include "IpuTestUtil.h"

#include "accel/Sim/Common/Fp16.h"

#include <cmath>
#include <functional>

using accel::sim::applyUnary;
using accel::sim::kLastUnaryFn;
using accel::sim::roundToFp16;
using namespace accel::sim::ipu;
using namespace accel::sim::ipu::test;

namespace {

/// Deterministic, varied test data with few exact ties.
std::vector<float> data(size_t n, float scale, int seed) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i)
    v[i] = scale * (float(int((i * 37 + seed * 11) % 23)) - 11.0f) / 7.0f;
  return v;
}

struct Result {
  accel::runtime::Status status = accel::runtime::Status::success();
  std::vector<float> out;
  RunStats stats;
};

/// Runs one vertex on tile 0: `a` at word 0, `b` after it, out after b (pre-filled with
/// `init` when given), all loaded as tile inits; out goes back to the host. The helper
/// sets the vertex's slices.
Result runOne(Vertex v, const std::vector<float> &a, const std::vector<float> &b,
              uint32_t outLen, const std::vector<float> *init = nullptr,
              Machine m = smallMachine(1)) {
  std::vector<float> av = a, bv = b, iv = init ? *init : std::vector<float>(), y(outLen, -7.0f);
  auto A = uint32_t(a.size()), B = uint32_t(b.size());
  std::vector<TensorView> t = {{av.data(), {int64_t(A)}, false},
                               {bv.data(), {int64_t(B)}, false},
                               {iv.data(), {int64_t(iv.size())}, false},
                               {y.data(), {int64_t(outLen)}, true}};
  Program p;
  p.tilesUsed = 1;
  p.memoryWordsPerTile = A + B + outLen;
  if (A)
    p.inits.push_back(TileInit{view(0, 0, {{A, 1}}), 0, 0});
  if (B)
    p.inits.push_back(TileInit{view(1, 0, {{B, 1}}), 0, A});
  if (init)
    p.inits.push_back(TileInit{view(2, 0, {{outLen, 1}}), 0, A + B});
  v.tile = 0;
  v.a = A ? sl(0, A) : v.a;
  v.b = B ? sl(A, B) : v.b;
  v.out = sl(A + B, outLen);
  p.computeSets = {ComputeSet{"cs", {v}}};
  p.hostExchanges = {HostExchange{"out", {HostCopy{view(3, 0, {{outLen, 1}}), 0, A + B, false}}}};
  p.steps = {compute(0), host(0)};
  Result r;
  r.status = simulate(m, p, t, r.stats);
  r.out = y;
  return r;
}

/// The cycles of the compute step of `runOne`.
uint64_t computeCycles(const Result &r) { return r.stats.computeCycles; }

/// Naive conv: every output, every (ci, ky, kx) in that order, padding taps skipped;
/// f32 accumulation as the AMP does (so results match to the bit).
std::vector<float> convRef(const Window &w, const std::vector<float> &a,
                           const std::vector<float> &b, const std::vector<float> *init) {
  std::vector<float> out(size_t(w.cout) * w.oh * w.ow);
  for (uint32_t co = 0; co < w.cout; ++co)
    for (uint32_t oy = 0; oy < w.oh; ++oy)
      for (uint32_t ox = 0; ox < w.ow; ++ox) {
        size_t o = (size_t(co) * w.oh + oy) * w.ow + ox;
        float acc = init ? (*init)[o] : 0.0f;
        for (uint32_t ci = 0; ci < w.c; ++ci)
          for (uint32_t ky = 0; ky < w.kh; ++ky)
            for (uint32_t kx = 0; kx < w.kw; ++kx) {
              int64_t iy = int64_t(oy) * w.sh + int64_t(ky) * w.dh - w.ph;
              int64_t ix = int64_t(ox) * w.sw + int64_t(kx) * w.dw - w.pw;
              if (iy < 0 || iy >= w.h || ix < 0 || ix >= w.w)
                continue;
              acc += b[((size_t(co) * w.c + ci) * w.kh + ky) * w.kw + kx] *
                     a[(size_t(ci) * w.h + iy) * w.w + ix];
            }
        out[o] = acc;
      }
  return out;
}

std::vector<float> poolRef(const Window &w, const std::vector<float> &a, bool isMax,
                           bool countPad) {
  std::vector<float> out(size_t(w.c) * w.oh * w.ow);
  for (uint32_t ci = 0; ci < w.c; ++ci)
    for (uint32_t oy = 0; oy < w.oh; ++oy)
      for (uint32_t ox = 0; ox < w.ow; ++ox) {
        float acc = isMax ? -INFINITY : 0.0f;
        int inside = 0;
        for (uint32_t ky = 0; ky < w.kh; ++ky)
          for (uint32_t kx = 0; kx < w.kw; ++kx) {
            int64_t iy = int64_t(oy) * w.sh + int64_t(ky) * w.dh - w.ph;
            int64_t ix = int64_t(ox) * w.sw + int64_t(kx) * w.dw - w.pw;
            if (iy < 0 || iy >= w.h || ix < 0 || ix >= w.w)
              continue;
            float x = a[(size_t(ci) * w.h + iy) * w.w + ix];
            acc = isMax ? std::max(acc, x) : acc + x;
            ++inside;
          }
        if (!isMax)
          acc = float(acc / double(countPad ? w.kh * w.kw : inside));
        out[(size_t(ci) * w.oh + oy) * w.ow + ox] = acc;
      }
  return out;
}

std::vector<float> roundAll(std::vector<float> v) {
  for (float &x : v)
    x = roundToFp16(x);
  return v;
}

// Conv geometries: plain, stride 2, dilation 2, padding on every side, a slab that is
// the middle rows of a larger image (its top padding reaches rows the slab does not
// hold, and the window runs past its bottom), and everything at once.
TEST(IpuCodelet, ConvMatchesNaiveReference) {
  struct Case {
    const char *name;
    Window w;
  };
  const Case cases[] = {
      {"plain 3x3", window(2, 5, 5, 3, 3, 3, 3, 1, 1, 1, 1, 0, 0, 3)},
      {"stride 2", window(3, 7, 7, 3, 3, 3, 3, 2, 2, 1, 1, 0, 0, 2)},
      {"dilation 2", window(2, 7, 6, 3, 2, 3, 3, 1, 1, 2, 2, 0, 0, 2)},
      {"padding 1", window(2, 4, 4, 4, 4, 3, 3, 1, 1, 1, 1, 1, 1, 3)},
      {"slab with padding rows", window(1, 3, 5, 4, 5, 3, 3, 1, 1, 1, 1, 2, 1, 2)},
      {"stride, dilation, padding", window(3, 6, 5, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 4)},
      {"1x1 on a wide slab", window(4, 1, 9, 1, 5, 1, 1, 1, 2, 1, 1, 0, 0, 3)},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.name);
    const Window &w = c.w;
    std::vector<float> a = data(size_t(w.c) * w.h * w.w, 1.0f, 1);
    std::vector<float> b = data(size_t(w.cout) * w.c * w.kh * w.kw, 0.5f, 2);
    uint32_t outLen = w.cout * w.oh * w.ow;
    Result r = runOne(conv(0, w, {}, {}, {}), a, b, outLen);
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    std::vector<float> ref = convRef(w, a, b, nullptr);
    EXPECT_EQ(r.out, ref);
    EXPECT_EQ(r.stats.flops, 2 * w.convMacs());
    // accumulate adds onto what out held.
    std::vector<float> init = data(outLen, 2.0f, 3);
    r = runOne(conv(0, w, {}, {}, {}, /*acc=*/true), a, b, outLen, &init);
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    EXPECT_EQ(r.out, convRef(w, a, b, &init));
  }
}

// A padding row is really zero: the same conv on the slab with its padding rows stored
// as zeros (ph = 0, taller slab) gives the same outputs.
TEST(IpuCodelet, ConvPaddingEqualsStoredZeros) {
  Window padded = window(2, 3, 4, 3, 4, 3, 3, 1, 1, 1, 1, 1, 1, 2);
  Window stored = window(2, 5, 6, 3, 4, 3, 3, 1, 1, 1, 1, 0, 0, 2);
  std::vector<float> a = data(2 * 3 * 4, 1.0f, 4), b = data(2 * 2 * 9, 1.0f, 5);
  std::vector<float> z(2 * 5 * 6, 0.0f);
  for (int ci = 0; ci < 2; ++ci)
    for (int y = 0; y < 3; ++y)
      for (int x = 0; x < 4; ++x)
        z[(ci * 5 + y + 1) * 6 + x + 1] = a[(ci * 3 + y) * 4 + x];
  Result r1 = runOne(conv(0, padded, {}, {}, {}), a, b, 24);
  Result r2 = runOne(conv(0, stored, {}, {}, {}), z, b, 24);
  ASSERT_TRUE(r1.status.ok()) << r1.status.message();
  ASSERT_TRUE(r2.status.ok()) << r2.status.message();
  for (size_t i = 0; i < 24; ++i)
    EXPECT_NEAR(r1.out[i], r2.out[i], 1e-5f) << i;
}

TEST(IpuCodelet, PoolsMatchNaiveReference) {
  const Window cases[] = {
      window(2, 4, 4, 2, 2, 2, 2, 2, 2),                // 2x2 stride 2
      window(3, 5, 5, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1),    // 3x3 stride 2 pad 1
      window(1, 6, 5, 2, 3, 2, 2, 2, 1, 2, 2, 0, 1),    // dilation, asymmetric
      window(2, 3, 3, 1, 1, 3, 3),                      // global
      window(1, 2, 4, 3, 4, 3, 2, 1, 1, 1, 1, 1, 1),    // slab with padding rows
  };
  for (const Window &w : cases) {
    SCOPED_TRACE(std::to_string(w.kh) + "x" + std::to_string(w.kw) + " stride " +
                 std::to_string(w.sh) + " pad " + std::to_string(w.ph));
    std::vector<float> a = data(size_t(w.c) * w.h * w.w, 1.0f, 6);
    uint32_t outLen = w.c * w.oh * w.ow;
    Result mx = runOne(pool(Codelet::MaxPool, 0, w, {}, {}), a, {}, outLen);
    ASSERT_TRUE(mx.status.ok()) << mx.status.message();
    EXPECT_EQ(mx.out, poolRef(w, a, true, false));
    EXPECT_EQ(mx.stats.flops, uint64_t(outLen) * w.kh * w.kw);
    for (bool countPad : {false, true}) {
      Result avg = runOne(pool(Codelet::AvgPool, 0, w, {}, {}, countPad), a, {}, outLen);
      ASSERT_TRUE(avg.status.ok()) << avg.status.message();
      std::vector<float> ref = poolRef(w, a, false, countPad);
      for (size_t i = 0; i < outLen; ++i)
        EXPECT_FLOAT_EQ(avg.out[i], ref[i]) << i << " countPad " << countPad;
    }
  }
  // Padding is excluded from a max even when every stored value is negative.
  Window w = window(1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1);
  Result r = runOne(pool(Codelet::MaxPool, 0, w, {}, {}), {-4, -3, -2, -1}, {}, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>{-4, -3, -2, -1}));
  // count_pad divides the corner's single tap by the whole window.
  r = runOne(pool(Codelet::AvgPool, 0, w, {}, {}, true), {4, 8, 12, 16}, {}, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>{1, 3, 4, 10}));
}

TEST(IpuCodelet, TransposeClampAndTransposedMatMul) {
  // Two 3x4 matrices transposed to 4x3.
  std::vector<float> a = data(24, 1.0f, 7);
  Result r = runOne(transpose(0, 2, 3, 4, {}, {}), a, {}, 24);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  for (int bb = 0; bb < 2; ++bb)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 4; ++j)
        EXPECT_EQ(r.out[bb * 12 + j * 3 + i], a[bb * 12 + i * 4 + j]);
  EXPECT_EQ(r.stats.flops, 0u);

  r = runOne(clamp(0, {}, {}, -0.5f, 1.25f), {-3, -0.5f, 0.25f, 1.25f, 7}, {}, 5);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>{-0.5f, -0.5f, 0.25f, 1.25f, 1.25f}));

  // out[2x3] = a[2x4] * b^T, b stored [3x4].
  std::vector<float> x = data(8, 1.0f, 8), w = data(12, 0.75f, 9), init = data(6, 1.0f, 10);
  for (bool acc : {false, true}) {
    Vertex mm = matmul(0, 2, 4, 3, {}, {}, {}, acc);
    mm.transposeB = true;
    r = runOne(mm, x, w, 6, acc ? &init : nullptr);
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j) {
        float ref = acc ? init[i * 3 + j] : 0.0f;
        for (int k = 0; k < 4; ++k)
          ref += x[i * 4 + k] * w[j * 4 + k];
        EXPECT_EQ(r.out[i * 3 + j], ref) << i << "," << j << " acc " << acc;
      }
    EXPECT_EQ(r.stats.flops, 2u * 2 * 4 * 3);
  }
}

TEST(IpuCodelet, BinaryBroadcastsEitherOperand) {
  std::vector<float> x = {1, 2, 4, 8};
  // 1 - x and 2 / x: a is the broadcast scalar.
  Result r = runOne(ew(Codelet::Sub, 0, {}, {}, {}), {1}, x, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>{0, -1, -3, -7}));
  r = runOne(ew(Codelet::Div, 0, {}, {}, {}), {2}, x, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>{2, 1, 0.5f, 0.25f}));
  r = runOne(ew(Codelet::Max, 0, {}, {}, {}), {3}, x, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>{3, 3, 4, 8}));
  // Both broadcast: one value everywhere.
  r = runOne(ew(Codelet::Mul, 0, {}, {}, {}), {3}, {5}, 4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, (std::vector<float>(4, 15.0f)));
}

TEST(IpuCodelet, NewUnaryFunctionsWithParameters) {
  std::vector<float> x = {-25, -3, -0.5f, 0, 0.75f, 2, 30};
  struct Case {
    UnaryFn fn;
    float alpha, beta;
    std::function<double(double)> ref;
  };
  const Case cases[] = {
      {UnaryFn::Gelu, 0, 0, [](double v) { return 0.5 * v * (1 + std::erf(v / std::sqrt(2.0))); }},
      {UnaryFn::LeakyRelu, 0.1f, 0, [](double v) { return v >= 0 ? v : 0.1 * v; }},
      {UnaryFn::HardSigmoid, 0.25f, 0.4f,
       [](double v) { return std::max(0.0, std::min(1.0, 0.25 * v + 0.4)); }},
      {UnaryFn::HardSwish, 0, 0,
       [](double v) { return v * std::max(0.0, std::min(1.0, v / 6 + 0.5)); }},
      {UnaryFn::Softplus, 0, 0, [](double v) { return std::log1p(std::exp(v)); }},
      {UnaryFn::Silu, 0, 0, [](double v) { return v / (1 + std::exp(-v)); }},
      {UnaryFn::Identity, 0, 0, [](double v) { return v; }},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(int(c.fn));
    Vertex v = unary(c.fn, 0, {}, {});
    v.imm = c.alpha;
    v.imm2 = c.beta;
    Result r = runOne(v, x, {}, uint32_t(x.size()));
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    for (size_t i = 0; i < x.size(); ++i)
      EXPECT_NEAR(r.out[i], c.ref(x[i]), 1e-5 * (1 + std::fabs(c.ref(x[i])))) << x[i];
  }
  // The parameterless overload (the WSE's) gives ONNX's defaults.
  EXPECT_FLOAT_EQ(applyUnary(UnaryFn::LeakyRelu, -2.0f), -0.02f);
  EXPECT_FLOAT_EQ(applyUnary(UnaryFn::HardSigmoid, 1.0f), 0.7f);
  EXPECT_EQ(applyUnary(UnaryFn::Relu, -1.0f), applyUnary(UnaryFn::Relu, -1.0f, 5.0f, 5.0f));
}

// fp16: inputs are stored rounded, the AMP (Conv) accumulates in f32 and rounds each output
// once, worker codelets round what they store.
TEST(IpuCodelet, Fp16RoundsEveryNewCodeletsResult) {
  Machine m = smallMachine(1);
  m.fp16 = true;
  Window w = window(2, 5, 5, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1, 2);
  std::vector<float> a = data(50, 0.1f, 11), b = data(36, 0.3f, 12);
  std::vector<float> ah = roundAll(a), bh = roundAll(b);
  Result r = runOne(conv(0, w, {}, {}, {}), a, b, 18, nullptr, m);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, roundAll(convRef(w, ah, bh, nullptr)));
  EXPECT_NE(r.out, convRef(w, a, b, nullptr)); // the rounding is visible

  Window pw = window(2, 5, 5, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1);
  r = runOne(pool(Codelet::AvgPool, 0, pw, {}, {}), a, {}, 18, nullptr, m);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.out, roundAll(poolRef(pw, ah, false, false)));

  r = runOne(clamp(0, {}, {}, -0.1f, 0.1f), a, {}, 50, nullptr, m);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  for (size_t i = 0; i < 50; ++i)
    EXPECT_EQ(r.out[i], roundToFp16(std::min(std::max(ah[i], -0.1f), 0.1f))) << i;

  Vertex g = unary(UnaryFn::Gelu, 0, {}, {});
  r = runOne(g, a, {}, 50, nullptr, m);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  for (size_t i = 0; i < 50; ++i)
    EXPECT_EQ(r.out[i], roundToFp16(applyUnary(UnaryFn::Gelu, ah[i]))) << i;
}

// Reading words nothing wrote is the named error for the new codelets too.
TEST(IpuCodelet, UnwrittenSlabIsAnError) {
  Window w = window(1, 4, 4, 2, 2, 3, 3);
  Program p;
  p.tilesUsed = 1;
  p.memoryWordsPerTile = 64;
  // Rows 0..2 of the slab are written; row 3 (words 12..15) is not.
  p.computeSets = {ComputeSet{"fill", {fill(0, sl(0, 12), 1.0f), fill(0, sl(16, 9), 1.0f)}},
                   ComputeSet{"conv", {conv(0, {w.c, w.h, w.w, w.oh, w.ow, w.kh, w.kw, 1, 1, 1,
                                                1, 0, 0, 1},
                                            sl(32, 4), sl(0, 16), sl(16, 9))}}};
  p.steps = {compute(0), compute(1)};
  std::vector<TensorView> t;
  RunStats st;
  auto r = simulate(smallMachine(1), p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "step #1 (Compute) compute set 'conv' (#1) vertex #0 (Conv) on tile 0: "
                         "reads tile 0 word 12 (a) that nothing wrote (no init, exchange, host "
                         "copy or earlier vertex)");
  p.computeSets[1].vertices = {pool(Codelet::MaxPool, 0, w, sl(32, 4), sl(0, 16))};
  r = simulate(smallMachine(1), p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("vertex #0 (MaxPool) on tile 0: reads tile 0 word 12 (a)"),
            std::string::npos)
      << r.message();
  p.computeSets[1].vertices = {transpose(0, 1, 4, 4, sl(32, 16), sl(0, 16))};
  r = simulate(smallMachine(1), p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("(Transpose) on tile 0: reads tile 0 word 12"), std::string::npos)
      << r.message();
}

// Cost model pins: Conv on the AMP, pools / transpose / clamp / new unary functions on a
// worker (x 6 for the barrel); more work never costs fewer cycles.
TEST(IpuCodelet, CostModel) {
  Machine m = smallMachine(1);
  Window w = window(4, 8, 8, 6, 6, 3, 3, 1, 1, 1, 1, 0, 0, 8);
  uint64_t macs = w.convMacs(); // 8*6*6*4*9 = 10368
  ASSERT_EQ(macs, 10368u);
  Vertex c = conv(0, w, {}, {}, {});
  EXPECT_EQ(m.ampVertexCycles(c), 50u + macs / 16 + 8u * 6 * 3);
  m.fp16 = true;
  EXPECT_EQ(m.ampVertexCycles(c), 50u + macs / 64 + 8u * 6 * 3);
  m.fp16 = false;
  Result r = runOne(c, data(256, 1, 1), data(288, 1, 2), 288, nullptr, m);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(computeCycles(r), m.ampVertexCycles(c));
  // Padding taps cost like the others (the AMP does not skip them).
  Window padded = w;
  padded.ph = padded.pw = 1;
  EXPECT_EQ(m.ampVertexCycles(conv(0, padded, {}, {}, {})), m.ampVertexCycles(c));

  // Max pool 3x3 over 2 x 4 x 4 outputs: 20 + ceil(32 * 9 * 1.5) worker cycles, x 6.
  Window pw = window(2, 6, 6, 4, 4, 3, 3);
  Vertex mp = pool(Codelet::MaxPool, 0, pw, sl(0, 32), sl(32, 72));
  EXPECT_EQ(m.workerVertexCycles(mp), 20u + 432);
  r = runOne(mp, data(72, 1, 3), {}, 32, nullptr, m);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(computeCycles(r), 6 * (20u + 432));
  EXPECT_EQ(m.workerVertexCycles(transpose(0, 2, 3, 4, sl(0, 24), sl(24, 24))),
            20u + 18); // 0.75 per element
  EXPECT_EQ(m.workerVertexCycles(clamp(0, sl(0, 10), sl(10, 10), 0, 1)), 20u + 10);
  EXPECT_EQ(m.workerVertexCycles(unary(UnaryFn::Gelu, 0, sl(0, 10), sl(10, 10))), 20u + 220);

  // Monotone in work.
  auto convCycles = [&](uint32_t cout, uint32_t oh, uint32_t c2) {
    return m.ampVertexCycles(conv(0, window(c2, 8, 8, oh, 6, 3, 3, 1, 1, 1, 1, 0, 0, cout),
                                  {}, {}, {}));
  };
  EXPECT_LT(convCycles(8, 6, 4), convCycles(16, 6, 4));
  EXPECT_LT(convCycles(8, 3, 4), convCycles(8, 6, 4));
  EXPECT_LT(convCycles(8, 6, 4), convCycles(8, 6, 8));
  auto poolCycles = [&](Codelet k, uint32_t oh, uint32_t kh) {
    return m.workerVertexCycles(
        pool(k, 0, window(2, 8, 8, oh, 4, kh, 2), sl(0, 2 * oh * 4), sl(0, 128)));
  };
  for (Codelet k : {Codelet::MaxPool, Codelet::AvgPool}) {
    EXPECT_LT(poolCycles(k, 2, 2), poolCycles(k, 4, 2));
    EXPECT_LT(poolCycles(k, 4, 2), poolCycles(k, 4, 3));
  }
  EXPECT_LT(m.workerVertexCycles(transpose(0, 1, 4, 4, sl(0, 16), sl(16, 16))),
            m.workerVertexCycles(transpose(0, 2, 4, 4, sl(0, 32), sl(32, 32))));
  EXPECT_LT(m.workerVertexCycles(clamp(0, sl(0, 10), sl(10, 10), 0, 1)),
            m.workerVertexCycles(clamp(0, sl(0, 20), sl(20, 20), 0, 1)));
  Vertex mm = matmul(0, 4, 8, 16, sl(0, 64), sl(64, 32), sl(96, 128));
  Vertex mmT = mm;
  mmT.transposeB = true;
  EXPECT_EQ(m.ampVertexCycles(mmT), m.ampVertexCycles(mm));
  // Never faster than the peak: utilization of a conv step <= 1.
  EXPECT_LE(double(r.stats.flops), double(computeCycles(r)) * m.peakFlopsPerCyclePerTile());
}

// validate(): one rejection per rule of the new codelets.
TEST(IpuCodelet, ValidateRejections) {
  Machine m = smallMachine(2);
  std::vector<std::vector<int64_t>> shapes;
  auto expectError = [&](Vertex v, const std::string &needle) {
    Program p;
    p.tilesUsed = 1;
    p.memoryWordsPerTile = 4096;
    p.computeSets = {ComputeSet{"cs", {v}}};
    p.steps = {compute(0)};
    auto r = validate(m, p, shapes);
    ASSERT_FALSE(r.ok()) << needle;
    EXPECT_NE(r.message().find(needle), std::string::npos) << r.message();
  };
  auto expectOk = [&](Vertex v) {
    Program p;
    p.tilesUsed = 1;
    p.memoryWordsPerTile = 4096;
    p.computeSets = {ComputeSet{"cs", {v}}};
    p.steps = {compute(0)};
    auto r = validate(m, p, shapes);
    EXPECT_TRUE(r.ok()) << r.message();
  };
  Window w = window(2, 5, 5, 3, 3, 3, 3, 1, 1, 1, 1, 0, 0, 4); // out 36, a 50, b 72
  expectOk(conv(0, w, sl(0, 36), sl(100, 50), sl(200, 72)));
  expectError(conv(0, w, sl(0, 36), sl(100, 50), sl(200, 71)),
              "compute set 'cs' (#0) vertex #0 (Conv) on tile 0: window (c 2, h 5, w 5, oh 3, "
              "ow 3, kh 3, kw 3, cout 4) needs out 36, a 50, b 72 words; has out 36, a 50, b 71");
  Window zero = w;
  zero.kh = 0;
  expectError(conv(0, zero, sl(0, 36), sl(100, 50), sl(200, 72)),
              "(Conv) on tile 0: window sizes must be positive");
  Window far = w;
  far.sh = (1u << 16) + 1;
  expectError(conv(0, far, sl(0, 36), sl(100, 50), sl(200, 72)),
              "window strides and dilations must be in [1, 2^16] (sh 65537");
  Window negative = w;
  negative.pw = -1;
  expectError(conv(0, negative, sl(0, 36), sl(100, 50), sl(200, 72)),
              "window padding must be in [0, 2^16] (ph 0, pw -1)");
  Window huge = w;
  huge.kh = huge.kw = 2048;
  expectError(pool(Codelet::MaxPool, 0, huge, sl(0, 18), sl(100, 50)),
              "window has 4194304 taps (kh * kw), above 2^20");
  expectError(conv(0, w, sl(0, 36), sl(20, 50), sl(200, 72)), "out [0, 36) overlaps a [20, 70)");
  Window pw = window(2, 5, 5, 3, 3, 3, 3);
  expectOk(pool(Codelet::AvgPool, 0, pw, sl(0, 18), sl(100, 50), true));
  Window pc = pw;
  pc.cout = 3;
  expectError(pool(Codelet::MaxPool, 0, pc, sl(0, 18), sl(100, 50)),
              "(MaxPool) on tile 0: a pool keeps its channels: cout 3 must equal c 2");
  // Output row 2's window starts at row 2 * 3 - 0 = 6, past the 5 rows of the slab.
  Window miss = window(1, 5, 5, 3, 1, 1, 1, 3, 1);
  expectError(pool(Codelet::AvgPool, 0, miss, sl(0, 3), sl(100, 25)),
              "(AvgPool) on tile 0: output row 2's window has no row inside the slab");
  // Dilation jumps over a one-column slab: taps at columns -1 and 1.
  Window skip = window(1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 0, 1);
  expectError(pool(Codelet::MaxPool, 0, skip, sl(0, 1), sl(100, 1)),
              "output column 0's window has no column inside the slab");
  expectError(transpose(0, 2, 3, 4, sl(0, 24), sl(100, 23)),
              "(Transpose) on tile 0: Transpose of 2 x 3x4 needs positive dims");
  expectError(transpose(0, 1, 4, 4, sl(0, 16), sl(8, 16)), "out [0, 16) overlaps a [8, 24)");
  expectError(clamp(0, sl(0, 8), sl(100, 6), 0, 1), "(Clamp) on tile 0: a has 6 words, out 8");
  // A broadcast a must not be overwritten while it is read.
  expectError(ew(Codelet::Add, 0, sl(0, 4), sl(2, 1), sl(100, 4)),
              "out [0, 4) overlaps broadcast a [2, 3)");
  expectError(ew(Codelet::ScaledAdd, 0, sl(0, 4), sl(100, 1), sl(200, 4)),
              "(a must match out; b must match out or be 1)");
  expectError(ew(Codelet::Add, 0, sl(0, 4), sl(100, 2), sl(200, 4)),
              "(a and b must each match out or be 1)");
  Vertex badFn = unary(UnaryFn::Relu, 0, sl(0, 4), sl(100, 4));
  badFn.fn = UnaryFn(uint8_t(kLastUnaryFn) + 1);
  expectError(badFn, "unknown unary function " + std::to_string(int(kLastUnaryFn) + 1));
  Vertex badCodelet = clamp(0, sl(0, 4), sl(100, 4), 0, 1);
  badCodelet.codelet = Codelet(uint8_t(kLastCodelet) + 1);
  expectError(badCodelet, "unknown codelet " + std::to_string(int(kLastCodelet) + 1));
}

} // namespace
