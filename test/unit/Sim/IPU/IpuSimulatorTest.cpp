//===- IpuSimulatorTest.cpp - Numerics, damage and errors of the IPU BSP sim ===//
#include "IpuTestUtil.h"

#include <cmath>

using namespace accel::sim::ipu;
using namespace accel::sim::ipu::test;

namespace {

// C[3x5] = A[3x4] * B[4x5] split over K on 2 tiles: tile t holds A[:, 2t:2t+2] and
// B[2t:2t+2, :] (TileInits with strided views), computes a 3x5 partial; tile 1's partial is
// exchanged to tile 0, which adds the two and copies C to the host.
struct SplitK {
  std::vector<float> a, b, c;
  std::vector<TensorView> tensors;
  Program p;
  SplitK() : a(12), b(20), c(15, -1.0f) {
    for (int i = 0; i < 12; ++i)
      a[i] = 0.25f * float(i) - 1.0f;
    for (int i = 0; i < 20; ++i)
      b[i] = 0.5f * float((i * 7) % 11) - 2.0f;
    tensors = {{a.data(), {3, 4}, false}, {b.data(), {4, 5}, false}, {c.data(), {3, 5}, true}};
    p.tilesUsed = 2;
    p.memoryWordsPerTile = 61;
    p.inits = {TileInit{view(0, 0, {{3, 4}, {2, 1}}), 0, 0},
               TileInit{view(1, 0, {{10, 1}}), 0, 6},
               TileInit{view(0, 2, {{3, 4}, {2, 1}}), 1, 0},
               TileInit{view(1, 10, {{10, 1}}), 1, 6}};
    p.computeSets = {
        ComputeSet{"partials",
                   {matmul(0, 3, 2, 5, sl(16, 15), sl(0, 6), sl(6, 10)),
                    matmul(1, 3, 2, 5, sl(16, 15), sl(0, 6), sl(6, 10))}},
        ComputeSet{"reduce", {ew(Codelet::Add, 0, sl(46, 15), sl(16, 15), sl(31, 15))}}};
    p.exchanges = {Exchange{"partials", {Transfer{1, 16, 15, {{0, 31}}}}}};
    p.hostExchanges = {HostExchange{"out", {HostCopy{view(2, 0, {{15, 1}}), 0, 46, false}}}};
    p.steps = {compute(0, 0), syncStep(0), exchange(0, 0), compute(1, 1), host(0, 1)};
    p.layers = {Layer{"mm", "MatMul_0", "MatMul", "", 2 * 3 * 4 * 5},
                Layer{"add", "Add_0", "Add", "", 15}};
  }
  std::vector<float> reference() const {
    std::vector<float> r(15);
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 5; ++j) {
        float p0 = 0, p1 = 0;
        for (int k = 0; k < 2; ++k)
          p0 += a[i * 4 + k] * b[k * 5 + j];
        for (int k = 2; k < 4; ++k)
          p1 += a[i * 4 + k] * b[k * 5 + j];
        r[i * 5 + j] = p0 + p1;
      }
    return r;
  }
};

TEST(IpuSim, MatMulSplitOverKWithExchangedPartials) {
  SplitK s;
  RunStats st;
  auto r = simulate(smallMachine(), s.p, s.tensors, st);
  ASSERT_TRUE(r.ok()) << r.message();
  std::vector<float> ref = s.reference();
  for (int i = 0; i < 15; ++i)
    EXPECT_EQ(s.c[i], ref[i]) << i;
  // And close to the double-precision product.
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 5; ++j) {
      double d = 0;
      for (int k = 0; k < 4; ++k)
        d += double(s.a[i * 4 + k]) * s.b[k * 5 + j];
      EXPECT_NEAR(s.c[i * 5 + j], d, 1e-5);
    }
  EXPECT_EQ(st.flops, 2u * 3 * 4 * 5 + 15);
  EXPECT_EQ(st.tilesUsed, 2u);
  EXPECT_EQ(st.memoryHighWaterBytes, 61u * 4);
  EXPECT_EQ(st.bytesExchanged, 15u * 4);
  EXPECT_EQ(st.hostBytes, 15u * 4);
  ASSERT_EQ(st.layers.size(), 2u);
  EXPECT_EQ(st.layers[0].tilesUsed, 2u);
  EXPECT_EQ(st.layers[1].tilesUsed, 1u);
  EXPECT_EQ(st.layers[0].flops, 2u * 3 * 4 * 5);
  EXPECT_EQ(st.layers[0].cycles + st.layers[1].cycles, st.cycles);
  EXPECT_EQ(st.computeCycles + st.syncCycles + st.exchangeCycles + st.hostCycles, st.cycles);
  ASSERT_EQ(st.spans.size(), 5u);
  EXPECT_EQ(st.spans[0].track, "compute");
  EXPECT_EQ(st.spans[1].track, "sync");
  EXPECT_EQ(st.spans[2].track, "exchange");
  EXPECT_EQ(st.spans[4].track, "host");
  EXPECT_EQ(st.spans[4].endCycle, st.cycles);
  for (size_t i = 1; i < st.spans.size(); ++i)
    EXPECT_EQ(st.spans[i].startCycle, st.spans[i - 1].endCycle);
}

// Deleting the exchange (the step, or its only transfer) makes the run fail naming the
// read of the never-written partial.
TEST(IpuSim, RemovingTheExchangeIsTheUnwrittenReadError) {
  {
    SplitK s;
    s.p.steps.erase(s.p.steps.begin() + 2);
    RunStats st;
    auto r = simulate(smallMachine(), s.p, s.tensors, st);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("compute set 'reduce' (#1) vertex #0 (Add) on tile 0"),
              std::string::npos)
        << r.message();
    EXPECT_NE(r.message().find("reads tile 0 word 31 (b) that nothing wrote"), std::string::npos)
        << r.message();
  }
  {
    SplitK s;
    s.p.exchanges[0].transfers.clear();
    RunStats st;
    auto r = simulate(smallMachine(), s.p, s.tensors, st);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find("word 31"), std::string::npos) << r.message();
  }
  {
    // Redirecting the transfer to the wrong words: still an unwritten read.
    SplitK s;
    s.p.exchanges[0].transfers[0].dsts[0].second = 46;
    RunStats st;
    auto r = simulate(smallMachine(), s.p, s.tensors, st);
    ASSERT_FALSE(r.ok());
  }
}

TEST(IpuSim, CorruptingOneTileInitChangesTheOutput) {
  SplitK good;
  RunStats st;
  ASSERT_TRUE(simulate(smallMachine(), good.p, good.tensors, st).ok());
  SplitK bad;
  bad.p.inits[3].view.base = 5; // tile 1's B rows start one row early
  ASSERT_TRUE(simulate(smallMachine(), bad.p, bad.tensors, st).ok());
  EXPECT_NE(good.c, bad.c);
}

TEST(IpuSim, UnwrittenReadNamesTileComputeSetVertexAndAddress) {
  Program p;
  p.tilesUsed = 2;
  p.memoryWordsPerTile = 8;
  p.computeSets = {ComputeSet{"cs", {fill(1, sl(0, 3), 1.0f),
                                     ew(Codelet::Mul, 1, sl(4, 4), sl(0, 4), sl(0, 1))}}};
  p.steps = {compute(0)};
  std::vector<TensorView> t;
  RunStats st;
  auto r = simulate(smallMachine(), p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.message(), "step #0 (Compute) compute set 'cs' (#0) vertex #1 (Mul) on tile 1: "
                         "reads tile 1 word 3 (a) that nothing wrote (no init, exchange, host "
                         "copy or earlier vertex)");
  // An exchange reading it names the exchange and transfer.
  p.computeSets[0].vertices.pop_back();
  p.exchanges = {Exchange{"x", {Transfer{1, 0, 3, {{0, 0}}}, Transfer{1, 2, 2, {{0, 4}}}}}};
  p.steps = {compute(0), exchange(0)};
  r = simulate(smallMachine(), p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("exchange 'x' (#0) transfer #1: reads tile 1 word 3 (source)"),
            std::string::npos)
      << r.message();
}

// Births close the blind spot of a segment-long written bitmap: tensor B reuses the words
// of tensor A (dead after compute set 'first'), as ipu-allocate-memory places them. With
// B's transfer gone, the read of B would see A's stale words as written; B's birth at the
// exchange step makes it the unwritten-read error instead.
struct Reuse {
  std::vector<float> x = {1, -2, 3, -4}, z = {0.5f, 0.25f, -1, 2}, y = std::vector<float>(4);
  std::vector<TensorView> t = {{x.data(), {4}, false}, {z.data(), {4}, false}, {y.data(), {4}, true}};
  Program p;
  Reuse() {
    p.tilesUsed = 2;
    p.memoryWordsPerTile = 8;
    p.hostExchanges = {HostExchange{"in", {HostCopy{view(0, 0, {{4, 1}}), 0, 0, true},
                                           HostCopy{view(1, 0, {{4, 1}}), 1, 0, true}}},
                       HostExchange{"out", {HostCopy{view(2, 0, {{4, 1}}), 0, 4, false}}}};
    p.computeSets = {ComputeSet{"first", {unary(UnaryFn::Relu, 0, sl(4, 4), sl(0, 4))}},
                     ComputeSet{"second", {ew(Codelet::Add, 0, sl(4, 4), sl(4, 4), sl(0, 4))}}};
    p.exchanges = {Exchange{"move", {Transfer{1, 0, 4, {{0, 0}}}}}};
    p.steps = {host(0), compute(0), exchange(0), compute(1), host(1)};
    // A (tile 0) and the input on tile 1 at step 0, relu's out at step 1, B at step 2.
    p.births = {Birth{0, 0, 4, {{0, 2}}}, Birth{1, 4, 4, {{0, 1}}}, Birth{2, 0, 4, {{0, 1}}}};
  }
};

TEST(IpuSim, BirthsMakeAStaleReadOfReusedWordsAnUnwrittenRead) {
  {
    Reuse r;
    RunStats st;
    auto s = simulate(smallMachine(), r.p, r.t, st);
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(r.y, (std::vector<float>{1.5f, 0.25f, 2, 2})); // relu(x) + z
  }
  {
    Reuse r;
    r.p.exchanges[0].transfers.clear();
    RunStats st;
    auto s = simulate(smallMachine(), r.p, r.t, st);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.message(), "step #3 (Compute) compute set 'second' (#1) vertex #0 (Add) on tile "
                           "0: reads tile 0 word 0 (b) that nothing wrote (no init, exchange, "
                           "host copy or earlier vertex)");
  }
  {
    // Without the births the same damage reads A's words: relu(x) + x, no error.
    Reuse r;
    r.p.exchanges[0].transfers.clear();
    r.p.births.clear();
    RunStats st;
    auto s = simulate(smallMachine(), r.p, r.t, st);
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(r.y, (std::vector<float>{2, -2, 6, -4}));
  }
  {
    // A birth at a top-level RepeatBegin runs once, before the loop: a tensor written in
    // the first pass is still written in the second.
    Reuse r;
    r.p.steps = {host(0), compute(0), repeat(2), exchange(0), compute(1), endRepeat(), host(1)};
    r.p.births[2].step = 2;
    RunStats st;
    auto s = simulate(smallMachine(), r.p, r.t, st);
    ASSERT_TRUE(s.ok()) << s.message();
    EXPECT_EQ(r.y, (std::vector<float>{2, 0.5f, 1, 4})); // relu(x) + 2z
  }
}

TEST(IpuSim, ElementwiseWithBroadcastUnaryAndReductions) {
  std::vector<float> x = {1, -2, 3, -4, 5, -6}, y(12, 0.0f);
  std::vector<TensorView> t = {{x.data(), {6}, false}, {y.data(), {12}, true}};
  Program p;
  p.tilesUsed = 1;
  p.memoryWordsPerTile = 40;
  p.hostExchanges = {HostExchange{"in", {HostCopy{view(0, 0, {{6, 1}}), 0, 0, true}}},
                     HostExchange{"out", {HostCopy{view(1, 0, {{12, 1}}), 0, 20, false}}}};
  p.computeSets = {
      ComputeSet{"c0",
                 {fill(0, sl(6, 1), 10.0f), fill(0, sl(7, 1), 2.0f)}},
      ComputeSet{"c1",
                 {ew(Codelet::Add, 0, sl(8, 6), sl(0, 6), sl(6, 1)),       // x + 10
                  ew(Codelet::ScaledAdd, 0, sl(14, 6), sl(0, 6), sl(0, 6), 0.5f), // 1.5x
                  unary(UnaryFn::Relu, 0, sl(0, 6), sl(0, 6))}},               // in place
      ComputeSet{"c2",
                 {ew(Codelet::Mul, 0, sl(20, 6), sl(0, 6), sl(7, 1)),        // 2 relu(x)
                  ew(Codelet::Max, 0, sl(26, 2), sl(8, 2), sl(14, 2)),
                  reduce(Codelet::ReduceAdd, 0, sl(28, 2), sl(8, 6), 3),
                  reduce(Codelet::ReduceMax, 0, sl(30, 2), sl(14, 6), 3)}},
  };
  p.steps = {host(0), compute(0), compute(1), compute(2), host(1)};
  RunStats st;
  auto r = simulate(smallMachine(1), p, t, st);
  ASSERT_TRUE(r.ok()) << r.message();
  std::vector<float> want = {2, 0, 6, 0, 10, 0, // 2 relu(x)
                             11, 8,             // max(x + 10, 1.5x) for x = 1, -2
                             11 + 8 + 13, 6 + 15 + 4, // sums of x + 10 in threes
                             4.5f, 7.5f};       // max of 1.5x in threes
  EXPECT_EQ(y, want);
}

TEST(IpuSim, HostExchangeStridedViewsAndPadding) {
  std::vector<float> x = {0, 1, 2, 3, 4, 5}; // 2x3
  std::vector<float> y(8, 100.0f), z(8, 100.0f);
  std::vector<TensorView> t = {
      {x.data(), {2, 3}, false}, {y.data(), {8}, true}, {z.data(), {8}, true}};
  Program p;
  p.tilesUsed = 1;
  p.memoryWordsPerTile = 8;
  // Transposed with a leading pad: element (i, j) is x flat -1 + i + 3j; flat -1 is padding.
  p.hostExchanges = {
      HostExchange{"in", {HostCopy{view(0, -1, {{4, 1}, {2, 3}}, -7.0f), 0, 0, true}}},
      HostExchange{"out",
                   {HostCopy{view(1, 7, {{8, -1}}), 0, 0, false},  // reversed
                    HostCopy{view(2, 6, {{4, 1}}), 0, 0, false}}}}; // elements 8, 9 padding
  p.steps = {host(0), host(1)};
  RunStats st;
  auto r = simulate(smallMachine(1), p, t, st);
  ASSERT_TRUE(r.ok()) << r.message();
  std::vector<float> words = {-7, 2, 0, 3, 1, 4, 2, 5};
  std::vector<float> rev(words.rbegin(), words.rend());
  EXPECT_EQ(y, rev);
  std::vector<float> zWant = {100, 100, 100, 100, 100, 100, -7, 2};
  EXPECT_EQ(z, zWant);
  EXPECT_EQ(st.hostBytes, (8u + 12u) * 4);
  // A read-only tensor cannot receive.
  t[1].writable = false;
  r = simulate(smallMachine(1), p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("host exchange 'out' (#1) copy #0: tensor 1 is not writable"),
            std::string::npos)
      << r.message();
}

TEST(IpuSim, RepeatLoopsNest) {
  std::vector<float> y(2, 0.0f);
  std::vector<TensorView> t = {{y.data(), {2}, true}};
  Program p;
  p.tilesUsed = 1;
  p.memoryWordsPerTile = 4;
  p.computeSets = {ComputeSet{"init", {fill(0, sl(0, 2), 0.0f), fill(0, sl(2, 1), 1.0f)}},
                   ComputeSet{"inc0", {ew(Codelet::Add, 0, sl(0, 1), sl(0, 1), sl(2, 1))}},
                   ComputeSet{"inc1", {ew(Codelet::Add, 0, sl(1, 1), sl(1, 1), sl(2, 1))}}};
  p.hostExchanges = {HostExchange{"out", {HostCopy{view(0, 0, {{2, 1}}), 0, 0, false}}}};
  // repeat 5 { inc0; repeat 3 { inc1; sync } }; repeat 0 { inc0 }
  p.steps = {compute(0), repeat(5), compute(1), repeat(3), compute(2), syncStep(), endRepeat(),
             endRepeat(), repeat(0), compute(1), endRepeat(), host(0)};
  RunStats st;
  auto r = simulate(smallMachine(1), p, t, st);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(y[0], 5.0f);
  EXPECT_EQ(y[1], 15.0f);
  EXPECT_EQ(st.computeSteps, 1u + 5 + 15);
  EXPECT_EQ(st.syncs, 15u);
  EXPECT_EQ(st.syncCycles, 15u * smallMachine().syncCycles);
}

// fp16: stored values round to binary16 (nearest even); MatMul accumulates in f32 and
// rounds once; elementwise results round.
TEST(IpuSim, Fp16RoundingAndF32Accumulation) {
  const float e = std::ldexp(1.0f, -11); // half an fp16 ulp at 1.0
  std::vector<float> a = {1.0f, e, e}, b = {1.0f, 1.0f, 1.0f}, x = {0.1f}, y(4, 0.0f);
  std::vector<TensorView> t = {{a.data(), {3}, false},
                               {b.data(), {3}, false},
                               {x.data(), {1}, false},
                               {y.data(), {4}, true}};
  Program p;
  p.tilesUsed = 1;
  p.memoryWordsPerTile = 16;
  p.inits = {TileInit{view(0, 0, {{3, 1}}), 0, 0}, TileInit{view(1, 0, {{3, 1}}), 0, 3}};
  p.hostExchanges = {HostExchange{"in", {HostCopy{view(2, 0, {{1, 1}}), 0, 6, true}}},
                     HostExchange{"out", {HostCopy{view(3, 0, {{4, 1}}), 0, 8, false}}}};
  p.computeSets = {ComputeSet{
      "c",
      {matmul(0, 1, 3, 1, sl(8, 1), sl(0, 3), sl(3, 3)),          // 1 + e + e
       ew(Codelet::Add, 0, sl(9, 1), sl(0, 1), sl(1, 1)),         // 1 + e: a tie
       ew(Codelet::Copy, 0, sl(10, 1), sl(6, 1)),                 // 0.1 as stored
       ew(Codelet::Mul, 0, sl(11, 1), sl(6, 1), sl(6, 1))}}};     // 0.1 * 0.1
  p.steps = {host(0), compute(0), host(1)};
  Machine m = smallMachine(1);
  m.fp16 = true;
  RunStats st;
  auto r = simulate(m, p, t, st);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(y[0], 1.0f + 2 * e); // f32 accumulation, one rounding (per-step f16 would give 1)
  EXPECT_EQ(y[1], 1.0f);         // 1 + 2^-11 ties to even
  EXPECT_EQ(y[2], 0.0999755859375f);
  float q = 0.0999755859375f * 0.0999755859375f;
  EXPECT_NE(y[3], q);
  EXPECT_EQ(y[3], 0.0099945068359375f); // the product rounded to fp16
  // The same program in f32 keeps everything.
  m.fp16 = false;
  ASSERT_TRUE(simulate(m, p, t, st).ok());
  EXPECT_EQ(y[0], 1.0f + 2 * e);
  EXPECT_EQ(y[1], 1.0f + e);
  EXPECT_EQ(y[2], 0.1f);
}

TEST(IpuSim, Deterministic) {
  SplitK s1, s2;
  RunStats a, b;
  ASSERT_TRUE(simulate(smallMachine(), s1.p, s1.tensors, a).ok());
  ASSERT_TRUE(simulate(smallMachine(), s2.p, s2.tensors, b).ok());
  EXPECT_EQ(s1.c, s2.c);
  EXPECT_EQ(a.cycles, b.cycles);
  ASSERT_EQ(a.spans.size(), b.spans.size());
  for (size_t i = 0; i < a.spans.size(); ++i)
    EXPECT_EQ(a.spans[i].endCycle, b.spans[i].endCycle);
  // Re-running on the same tensors gives the same output again.
  std::vector<float> first = s1.c;
  ASSERT_TRUE(simulate(smallMachine(), s1.p, s1.tensors, a).ok());
  EXPECT_EQ(s1.c, first);
  EXPECT_EQ(a.cycles, b.cycles);
}

} // namespace
