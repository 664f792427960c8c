//===- WseSimulatorTest.cpp - Numerics of hand-built fabric programs ------===//
#include "WseGemv.h"

#include <cmath>

using namespace accel::sim::wse;
using namespace accel::sim::wse::test;

namespace {

/// 1x1 region: a and b streamed in from the west and north edges, a + b streamed out south.
struct AddCase {
  Tensors t;
  int32_t ta, tb, tc;
  Program p;
  explicit AddCase(std::vector<float> a, std::vector<float> b) {
    int64_t n = int64_t(a.size());
    ta = t.add({n}, a);
    tb = t.add({n}, b);
    tc = t.add({n}, {}, true);
    Region r;
    r.name = "add";
    r.memoryWords = uint32_t(3 * n);
    uint32_t un = uint32_t(n);
    r.routes = {route(all(), 0, W, R), route(all(), 1, N, R), route(all(), 2, R, S)};
    r.tasks.push_back(localTask(
        "main", {recv(0, mem(0, un)), recv(1, mem(un, un)),
                 op3(Opcode::Add, mem(2 * un, un), mem(0, un), mem(un, un)),
                 send(2, mem(2 * un, un))}));
    r.inputs = {stream(0, 0, Dir::West, 0, window1d(ta, n), 3),
                stream(0, 0, Dir::North, 1, window1d(tb, n), 4)};
    r.outputs = {stream(0, 0, Dir::South, 2, window1d(tc, n))};
    Layer l;
    l.name = "add0";
    l.regions.push_back(r);
    p.layers.push_back(l);
  }
};

TEST(WseSimulator, AddsTwoStreamedVectors) {
  AddCase c({1, 2, 3, 4, 5, 6, 7, 8}, {10, 20, 30, 40, 50, 60, 70, 80.5f});
  std::vector<TensorView> v = c.t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), c.p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  std::vector<float> expect = {11, 22, 33, 44, 55, 66, 77, 88.5f};
  EXPECT_EQ(c.t.data[c.tc], expect);
  EXPECT_EQ(stats.pesUsed, 1u);
  EXPECT_EQ(stats.layers.size(), 1u);
  EXPECT_EQ(stats.flops, 8u);
  EXPECT_GT(stats.cycles, 8u);
  EXPECT_EQ(stats.memoryHighWaterBytes, 24u * 4);
}

TEST(WseSimulator, GemvCheckerboardMatchesReference) {
  GemvCase g;
  std::vector<TensorView> v = g.t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), g.p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  std::vector<float> ref = g.reference();
  for (int m = 0; m < GemvCase::M; ++m)
    EXPECT_NEAR(g.t.data[g.ty][m], ref[m], 1e-5f) << "y[" << m << "]";
  EXPECT_EQ(stats.pesUsed, 12u);
  // 2*M*K fmac FLOPs plus the adds of the chained partial sums (rows 1, 2: 4 PEs x 2 x 2).
  EXPECT_EQ(stats.flops, uint64_t(2 * GemvCase::M * GemvCase::K + 16));
  EXPECT_EQ(stats.memoryHighWaterBytes, 19u * 4 + 256);
  ASSERT_EQ(stats.regions.size(), 1u);
  EXPECT_EQ(stats.regions[0].name, "gemv");
  EXPECT_LE(stats.regions[0].endCycle, stats.cycles);
  EXPECT_GT(stats.layers[0].wavelets, 0u);
  EXPECT_GE(stats.layers[0].linkCycles, stats.layers[0].hops);
}

TEST(WseSimulator, UtilizationNeverAbovePeak) {
  Machine m = smallMachine();
  for (bool fp16 : {false, true}) {
    m.fp16 = fp16;
    GemvCase g;
    std::vector<TensorView> v = g.t.views();
    RunStats stats;
    ASSERT_TRUE(simulate(m, g.p, v, stats).ok());
    double peak = double(stats.cycles) * double(stats.pesUsed) * m.peakFlopsPerCyclePerPe();
    EXPECT_LE(double(stats.flops), peak);
    EXPECT_LE(double(g.p.layers[0].flops), peak);
    for (const LayerStats &l : stats.layers) {
      EXPECT_LE(double(l.flops), double(l.cycles) * double(l.pesUsed) * m.peakFlopsPerCyclePerPe());
      EXPECT_LE(l.busyPeCycles, l.cycles * l.pesUsed);
    }
  }
}

TEST(WseSimulator, DataTaskFiresPerMessage) {
  Tensors t;
  int32_t tin = t.add({8}, {1, 2, 3, 4, 5, 6, 7, 8});
  int32_t tout = t.add({8}, {}, true);
  Region r;
  r.name = "scale";
  r.memoryWords = 4;
  r.routes = {route(all(), 3, W, R), route(all(), 4, R, E)};
  r.inits = {};
  Task init = localTask("init", {fill(mem(2, 1), 3.0f)});
  Task data = localTask("onData", {recv(3, mem(0, 2)),
                                   op3(Opcode::Mul, mem(0, 2), mem(0, 2), mem(2, 2, 0)),
                                   send(4, mem(0, 2))});
  data.kind = TaskKind::Data;
  data.color = 3;
  r.tasks = {init, data};
  r.inputs = {stream(0, 0, Dir::West, 3, window1d(tin, 8), 2)};
  r.outputs = {stream(0, 0, Dir::East, 4, window1d(tout, 8))};
  Program p;
  p.layers.push_back(Layer{"scale0", "", "Mul", "", 8, {r}});
  std::vector<TensorView> v = t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.data[tout], (std::vector<float>{3, 6, 9, 12, 15, 18, 21, 24}));
  EXPECT_EQ(stats.layers[0].messages, 8u); // 4 stream messages in, 4 sends out
}

TEST(WseSimulator, NestedLoopsAndSkippedLoop) {
  // 2x1 region: both PEs add `ones` 2*3 times; PE (1,0) also runs a loop PE (0,0) skips.
  Tensors t;
  int32_t tin = t.add({2, 4}, {1, 2, 3, 4, 10, 20, 30, 40});
  int32_t tout = t.add({2, 4}, {}, true);
  Region r;
  r.name = "loops";
  r.width = 2;
  r.memoryWords = 8;
  r.routes = {route(all(), 0, N, R), route(all(), 1, R, S)};
  r.tasks = {localTask("main", {recv(0, mem(0, 4)), fill(mem(4, 4), 1.0f), loop(2), loop(3),
                                op3(Opcode::Add, mem(0, 4), mem(0, 4), mem(4, 4)), endLoop(),
                                endLoop(), loop(10, at(1, 0)),
                                op3(Opcode::Add, mem(0, 4), mem(0, 4), mem(4, 4)), endLoop(),
                                send(1, mem(0, 4))})};
  Window w0 = window1d(tin, 4), w1 = window1d(tin, 4, 4);
  // Row x of the [2, 4] tensor: dim 1 of the tensor is the element, dim 0 follows the PE.
  for (Window *w : {&w0, &w1}) {
    w->dims[0].tensorDim = 1;
    w->dims[0].base = 0;
    WindowDim row;
    row.tensorDim = 0;
    row.size = 1;
    row.base = w == &w0 ? 0 : 1;
    w->dims.insert(w->dims.begin(), row);
  }
  Window o0 = w0, o1 = w1;
  o0.tensor = o1.tensor = tout;
  r.inputs = {stream(0, 0, Dir::North, 0, w0, 4), stream(1, 0, Dir::North, 0, w1, 4)};
  r.outputs = {stream(0, 0, Dir::South, 1, o0), stream(1, 0, Dir::South, 1, o1)};
  Program p;
  p.layers.push_back(Layer{"loops0", "", "", "", 0, {r}});
  std::vector<TensorView> v = t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.data[tout], (std::vector<float>{7, 8, 9, 10, 26, 36, 46, 56}));
}

TEST(WseSimulator, Fp16RoundsStoresAndEachFmac) {
  // Elementwise: inputs are rounded on entering PE memory, results on every store.
  AddCase c({1.0001f, 3.14159f, 0.1f, 40000.0f, 1e-8f, -2.5f}, {1.0001f, 3.14159f, 0.1f, 40000.0f, 1e-8f, 0.0f});
  Machine m = smallMachine();
  m.fp16 = true;
  std::vector<TensorView> v = c.t.views();
  RunStats stats;
  auto st = simulate(m, c.p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  const std::vector<float> &y = c.t.data[c.tc];
  EXPECT_EQ(y[0], 2.0f);
  EXPECT_EQ(y[1], 6.28125f);
  EXPECT_EQ(y[2], 0.199951171875f);
  EXPECT_TRUE(std::isinf(y[3]) && y[3] > 0);
  EXPECT_EQ(y[4], 0.0f);
  EXPECT_EQ(y[5], -2.5f);

  // Gemv: 2048 + 1 + 1 stays 2048 when each fmac rounds to fp16 (fp32 would give 2050).
  for (bool fp16 : {false, true}) {
    Tensors t;
    int32_t tx = t.add({3}, {2048, 1, 1});
    int32_t ty = t.add({1}, {}, true);
    Region r;
    r.name = "dot";
    r.memoryWords = 8;
    r.routes = {route(all(), 0, W, R), route(all(), 1, R, E)};
    r.inits = {};
    Instr g;
    g.op = Opcode::Gemv;
    g.dst = mem(6, 1);
    g.a = mem(0, 3);
    g.b = mem(3, 3, 1);
    r.tasks = {localTask("dot", {fill(mem(3, 3), 1.0f), recv(0, mem(0, 3)), g, send(1, mem(6, 1))})};
    r.inputs = {stream(0, 0, Dir::West, 0, window1d(tx, 3))};
    r.outputs = {stream(0, 0, Dir::East, 1, window1d(ty, 1))};
    Program p;
    p.layers.push_back(Layer{"dot0", "", "", "", 6, {r}});
    Machine mm = smallMachine();
    mm.fp16 = fp16;
    std::vector<TensorView> vv = t.views();
    auto st2 = simulate(mm, p, vv, stats);
    ASSERT_TRUE(st2.ok()) << st2.message();
    EXPECT_EQ(t.data[ty][0], fp16 ? 2048.0f : 2050.0f);
  }
}

TEST(WseSimulator, Fp16EdgeCases) {
  // a + 0 in fp16: the value rounded once on entry (the add is exact then).
  float twoM24 = std::ldexp(1.0f, -24), twoM25 = std::ldexp(1.0f, -25);
  std::vector<float> a = {65504.0f, 65519.0f, 65520.0f, twoM24, 1.2f * twoM25,
                          twoM25,   1.5f * twoM24, -3.0f * twoM24, std::ldexp(1.0f, -14),
                          2049.0f, 2051.0f, 1.0f + std::ldexp(1.0f, -11)};
  AddCase c(a, std::vector<float>(a.size(), 0.0f));
  Machine m = smallMachine();
  m.fp16 = true;
  std::vector<TensorView> v = c.t.views();
  RunStats stats;
  auto st = simulate(m, c.p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  const std::vector<float> &y = c.t.data[c.tc];
  EXPECT_EQ(y[0], 65504.0f);
  EXPECT_EQ(y[1], 65504.0f);           // below the rounding midpoint to infinity
  EXPECT_TRUE(std::isinf(y[2]));       // 65520 rounds to infinity
  EXPECT_EQ(y[3], twoM24);             // smallest subnormal
  EXPECT_EQ(y[4], twoM24);             // just above half of it rounds up
  EXPECT_EQ(y[5], 0.0f);               // exactly half: tie to even (zero)
  EXPECT_EQ(y[6], 2 * twoM24);         // 1.5 ulp: tie to even (2 ulp)
  EXPECT_EQ(y[7], -3.0f * twoM24);     // subnormals keep their sign
  EXPECT_EQ(y[8], std::ldexp(1.0f, -14)); // smallest normal
  EXPECT_EQ(y[9], 2048.0f);            // spacing 2 above 2048: tie to even
  EXPECT_EQ(y[10], 2052.0f);
  EXPECT_EQ(y[11], 1.0f);              // 1 + 2^-11: tie to even
}

TEST(WseSimulator, StreamPaddingIsSentAsPadAndDroppedOnOutput) {
  Tensors t;
  int32_t tx = t.add({4}, {1, 2, 3, 4});
  int32_t ty = t.add({4}, {}, true);
  Region r;
  r.name = "pad";
  r.memoryWords = 6;
  r.routes = {route(all(), 0, W, R), route(all(), 1, R, E)};
  r.tasks = {localTask("t", {recv(0, mem(0, 6)), send(1, mem(0, 6))})};
  Window in = window1d(tx, 6, -2); // 2 padding elements first
  in.pad = 9.0f;
  Window out = window1d(ty, 6, -1); // element 0 and 5 are padding: dropped
  r.inputs = {stream(0, 0, Dir::West, 0, in, 4)};
  r.outputs = {stream(0, 0, Dir::East, 1, out)};
  Program p;
  p.layers.push_back(Layer{"pad0", "", "", "", 0, {r}});
  std::vector<TensorView> v = t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.data[ty], (std::vector<float>{9, 1, 2, 3}));
}

TEST(WseSimulator, Fp16IsFasterThanFp32OnGemv) {
  Machine m = smallMachine();
  uint64_t cycles[2];
  for (int fp16 = 0; fp16 < 2; ++fp16) {
    m.fp16 = fp16;
    GemvCase g;
    std::vector<TensorView> v = g.t.views();
    RunStats stats;
    ASSERT_TRUE(simulate(m, g.p, v, stats).ok());
    cycles[fp16] = stats.layers[0].busyPeCycles;
  }
  EXPECT_LT(cycles[1], cycles[0]);
}

TEST(WseSimulator, CorruptingOnePeBufferChangesTheOutput) {
  GemvCase good;
  std::vector<TensorView> v = good.t.views();
  RunStats stats;
  ASSERT_TRUE(simulate(smallMachine(), good.p, v, stats).ok());
  std::vector<float> expect = good.t.data[good.ty];

  // Overwrite the W block of PE (1,1) only: a window entirely outside the tensor is padding.
  GemvCase bad;
  BufferInit damage = bad.p.layers[0].regions[0].inits[0];
  damage.pes = at(1, 1);
  damage.window.dims[0].base = 1000;
  damage.window.pad = 7.0f;
  bad.p.layers[0].regions[0].inits.push_back(damage);
  std::vector<TensorView> vb = bad.t.views();
  ASSERT_TRUE(simulate(smallMachine(), bad.p, vb, stats).ok());
  const std::vector<float> &y = bad.t.data[bad.ty];
  for (int m = 0; m < GemvCase::M; ++m) {
    if (m / GemvCase::mb == 1) // column 1 of PEs produces y[2], y[3]
      EXPECT_NE(y[m], expect[m]) << "y[" << m << "]";
    else
      EXPECT_EQ(y[m], expect[m]) << "y[" << m << "]";
  }
}

TEST(WseSimulator, BackPressureKeepsResultsAndCostsCycles) {
  // PE (0,0) sends 8 one-wavelet messages east, then works and reports; PE (1,0) works
  // first and only then receives. With a 1-wavelet queue the sender stalls.
  auto build = [](Tensors &t, int32_t &tout0, int32_t &tout1) {
    int32_t tin = t.add({8}, {1, 2, 3, 4, 5, 6, 7, 8});
    tout0 = t.add({1}, {}, true);
    tout1 = t.add({8}, {}, true);
    Region r;
    r.name = "bp";
    r.width = 2;
    r.memoryWords = 80;
    r.routes = {route(at(0, 0), 0, R, E), route(at(1, 0), 0, W, R), route(all(), 1, N, R),
                route(all(), 2, R, N), route(all(), 3, R, S)};
    std::vector<Instr> body = {recv(1, mem(0, 8), at(0, 0))};
    for (uint32_t i = 0; i < 8; ++i)
      body.push_back(send(0, mem(i, 1), at(0, 0)));
    Instr work = unary(UnaryFn::Exp, mem(16, 64), mem(16, 64));
    body.push_back(work);
    body.push_back(send(2, mem(0, 1), at(0, 0)));
    body.push_back(recv(0, mem(8, 8), at(1, 0)));
    body.push_back(send(3, mem(8, 8), at(1, 0)));
    r.tasks = {localTask("main", body)};
    r.inputs = {stream(0, 0, Dir::North, 1, window1d(tin, 8))};
    r.outputs = {stream(0, 0, Dir::North, 2, window1d(tout0, 1)),
                 stream(1, 0, Dir::South, 3, window1d(tout1, 8))};
    Program p;
    p.layers.push_back(Layer{"bp0", "", "", "", 0, {r}});
    return p;
  };
  uint64_t cycles[2];
  for (int tight = 0; tight < 2; ++tight) {
    Tensors t;
    int32_t o0, o1;
    Program p = build(t, o0, o1);
    Machine m = smallMachine();
    m.queueDepthWavelets = tight ? 1 : 16;
    std::vector<TensorView> v = t.views();
    RunStats stats;
    auto st = simulate(m, p, v, stats);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(t.data[o0][0], 1.0f);
    EXPECT_EQ(t.data[o1], (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8}));
    cycles[tight] = stats.cycles;
  }
  EXPECT_GT(cycles[1], cycles[0] + 1000) << "a 1-wavelet queue must stall the sender";
}

TEST(WseSimulator, MultiLayerAndInstances) {
  // Layer 1 doubles x with two instances of a 1x1 region (one per half); layer 2 adds 1.
  Tensors t;
  int32_t tx = t.add({4}, {1, 2, 3, 4});
  int32_t tm = t.add({4}, {}, true);
  int32_t ty = t.add({4}, {}, true);
  Region r;
  r.name = "dbl";
  r.instances = 2;
  r.memoryWords = 4;
  r.routes = {route(all(), 0, W, R), route(all(), 1, R, E)};
  r.tasks = {localTask("main", {recv(0, mem(0, 2)),
                                op3(Opcode::Add, mem(0, 2), mem(0, 2), mem(0, 2)),
                                send(1, mem(0, 2))})};
  Window in = window1d(tx, 2);
  in.dims[0].perInstance = 2;
  Window out = in;
  out.tensor = tm;
  for (int32_t i = 0; i < 2; ++i) {
    Stream s = stream(0, 0, Dir::West, 0, in);
    s.instance = i;
    r.inputs.push_back(s);
    Stream o = stream(0, 0, Dir::East, 1, out);
    o.instance = i;
    r.outputs.push_back(o);
  }
  Region r2;
  r2.name = "inc";
  r2.memoryWords = 8;
  r2.routes = {route(all(), 0, W, R), route(all(), 1, R, E)};
  r2.tasks = {localTask("main", {recv(0, mem(0, 4)), fill(mem(4, 4), 1.0f),
                                 op3(Opcode::Add, mem(0, 4), mem(0, 4), mem(4, 4)),
                                 send(1, mem(0, 4))})};
  r2.inputs = {stream(0, 0, Dir::West, 0, window1d(tm, 4))};
  r2.outputs = {stream(0, 0, Dir::East, 1, window1d(ty, 4))};
  Program p;
  p.layers.push_back(Layer{"l1", "", "", "", 4, {r}});
  p.layers.push_back(Layer{"l2", "", "", "", 4, {r2}});
  std::vector<TensorView> v = t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(t.data[tm], (std::vector<float>{2, 4, 6, 8}));
  EXPECT_EQ(t.data[ty], (std::vector<float>{3, 5, 7, 9}));
  ASSERT_EQ(stats.layers.size(), 2u);
  EXPECT_EQ(stats.layers[0].pesUsed, 2u);
  EXPECT_EQ(stats.layers[1].startCycle, stats.layers[0].cycles);
  EXPECT_EQ(stats.cycles, stats.layers[0].cycles + stats.layers[1].cycles);
  EXPECT_EQ(stats.pesUsed, 2u);
}

TEST(WseSimulator, DeterministicStatsAndBytes) {
  RunStats a, b;
  std::vector<float> ya, yb;
  for (int i = 0; i < 2; ++i) {
    GemvCase g(2);
    std::vector<TensorView> v = g.t.views();
    ASSERT_TRUE(simulate(smallMachine(), g.p, v, i ? b : a).ok());
    (i ? yb : ya) = g.t.data[g.ty];
  }
  EXPECT_EQ(ya, yb);
  EXPECT_EQ(a.cycles, b.cycles);
  EXPECT_EQ(a.layers[0].linkCycles, b.layers[0].linkCycles);
  EXPECT_EQ(a.layers[0].busyPeCycles, b.layers[0].busyPeCycles);
}

} // namespace
