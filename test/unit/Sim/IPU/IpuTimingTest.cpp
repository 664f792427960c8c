//===- IpuTimingTest.cpp - The BSP cost model pinned; validate rejections ===//
#include "IpuTestUtil.h"

#include <chrono>

using namespace accel::sim::ipu;
using namespace accel::sim::ipu::test;

namespace {

RunStats runOk(const Machine &m, const Program &p, std::vector<TensorView> &t) {
  RunStats st;
  auto r = simulate(m, p, t, st);
  EXPECT_TRUE(r.ok()) << r.message();
  return st;
}

Program oneComputeSet(std::vector<Vertex> vs, uint32_t tiles = 2, uint32_t words = 2048) {
  Program p;
  p.tilesUsed = tiles;
  p.memoryWordsPerTile = words;
  std::vector<Vertex> init;
  for (uint32_t t = 0; t < tiles; ++t)
    init.push_back(fill(t, sl(0, words), 1.0f));
  p.computeSets = {ComputeSet{"init", init}, ComputeSet{"cs", std::move(vs)}};
  p.steps = {compute(0), compute(1)};
  return p;
}

uint64_t secondStepCycles(const RunStats &st) { return st.spans.at(1).endCycle - st.spans[1].startCycle; }

// AMP: overhead + ceil(m*n*k / MACs per cycle); MatMuls on one tile run one after another;
// tiles run in parallel (the step is its slowest tile).
TEST(IpuTiming, AmpMatMul) {
  Machine m = smallMachine();
  ASSERT_EQ(m.ampVertexOverheadCycles, 50u);
  ASSERT_EQ(m.ampF32MacsPerCycle, 16u);
  std::vector<TensorView> t;
  Vertex mm = matmul(0, 4, 8, 16, sl(1024, 64), sl(0, 32), sl(100, 128));
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet({mm}), t)), 50u + 4 * 8 * 16 / 16);
  Vertex mm1 = mm;
  mm1.tile = 1;
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet({mm, mm1}), t)), 50u + 32);
  Vertex mm2 = mm;
  mm2.out.offset = 1200;
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet({mm, mm2, mm1}), t)), 2 * (50u + 32));
  // f16: 64 MACs per cycle; 4*8*16 / 64 = 8.
  m.fp16 = true;
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet({mm}), t)), 50u + 8);
}

// Workers: vertices go round-robin to the 6 workers in program order; a worker's vertex
// costs overhead (20) + ceil(per element * len) worker cycles; the tile takes 6 x the
// busiest worker (barrel scheduling), after its AMP vertices.
TEST(IpuTiming, WorkersRoundRobinBarrel) {
  Machine m = smallMachine();
  ASSERT_EQ(m.workersPerTile, 6u);
  ASSERT_EQ(m.vertexOverheadCycles, 20u);
  std::vector<TensorView> t;
  auto add = [](uint32_t tile, uint32_t off) {
    return ew(Codelet::Add, tile, sl(off, 10), sl(0, 10), sl(10, 10));
  };
  // One Add of 10 f32: 20 + 5 = 25 worker cycles -> 150 tile cycles.
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet({add(0, 100)}), t)), 6u * 25);
  // Six Adds: one per worker, same time.
  std::vector<Vertex> six;
  for (uint32_t i = 0; i < 6; ++i)
    six.push_back(add(0, 100 + 10 * i));
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet(six), t)), 6u * 25);
  // A seventh goes back to worker 0: 2 x 25 worker cycles.
  six.push_back(add(0, 200));
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet(six), t)), 6u * 50);
  // A MatMul on the tile first: AMP time + workers.
  six.push_back(matmul(0, 4, 8, 16, sl(1024, 64), sl(0, 32), sl(100, 128)));
  six.erase(six.begin(), six.begin() + 6); // Add at 200, then the MatMul (outputs disjoint)
  EXPECT_EQ(secondStepCycles(runOk(m, oneComputeSet(six), t)), 82u + 6 * 25);
  // Unary Sqrt: 23 worker cycles per element (poplibs SQRT, FLOAT).
  EXPECT_EQ(secondStepCycles(
                runOk(m, oneComputeSet({unary(UnaryFn::Sqrt, 0, sl(100, 4), sl(0, 4))}), t)),
            6u * (20 + 92));
  EXPECT_EQ(m.workerVertexCycles(reduce(Codelet::ReduceAdd, 0, sl(100, 2), sl(0, 12), 6)),
            20u + 6);
}

// Exchange: latency + max over tiles of max(bytes sent, bytes received) / 4 B per cycle; a
// broadcast is sent once and received by every destination. Sync: fixed.
TEST(IpuTiming, ExchangeAndSync) {
  Machine m = smallMachine();
  ASSERT_EQ(m.exchangeLatencyCycles, 32u);
  ASSERT_EQ(m.exchangeBytesPerCycle, 4.0);
  std::vector<TensorView> t;
  Program p = oneComputeSet({}, 4, 512);
  p.exchanges = {Exchange{"bcast", {Transfer{0, 0, 100, {{1, 200}, {2, 200}, {3, 200}}}}},
                 Exchange{"two", {Transfer{0, 0, 100, {{1, 200}}}, Transfer{0, 100, 50, {{2, 300}}}}},
                 Exchange{"gather", {Transfer{1, 0, 100, {{0, 200}}}, Transfer{2, 0, 100, {{0, 300}}}}},
                 Exchange{"empty", {}}};
  p.steps = {compute(0), exchange(0), syncStep(), exchange(1), exchange(2), exchange(3)};
  RunStats st = runOk(m, p, t);
  ASSERT_EQ(st.spans.size(), 6u);
  auto len = [&](size_t i) { return st.spans[i].endCycle - st.spans[i].startCycle; };
  EXPECT_EQ(len(1), 32u + 400 / 4);          // 400 B sent once, 400 B into each dst
  EXPECT_EQ(len(2), 150u);                   // sync
  EXPECT_EQ(len(3), 32u + 600 / 4);          // tile 0 sends 600 B
  EXPECT_EQ(len(4), 32u + 800 / 4);          // tile 0 receives 800 B
  EXPECT_EQ(len(5), 0u);                     // nothing moves
  EXPECT_EQ(st.bytesExchanged, 3u * 400 + 600 + 800);
  // fp16: 2 bytes per element on the exchange.
  m.fp16 = true;
  st = runOk(m, p, t);
  EXPECT_EQ(st.spans[1].endCycle - st.spans[1].startCycle, 32u + 200 / 4);
}

// Host: ceil(bytes * clock / host link bytes per second).
TEST(IpuTiming, HostLink) {
  Machine m = smallMachine(1);
  m.hostBytesPerSecond = 1.33e9; // one byte per cycle
  std::vector<float> x(1000, 1.0f);
  std::vector<TensorView> t = {{x.data(), {1000}, false}};
  Program p;
  p.tilesUsed = 1;
  p.memoryWordsPerTile = 1000;
  p.hostExchanges = {HostExchange{"in", {HostCopy{view(0, 0, {{1000, 1}}), 0, 0, true}}}};
  p.steps = {host(0)};
  EXPECT_EQ(runOk(m, p, t).cycles, 4000u);
}

// Utilization never exceeds 1, even with zero-cost tables.
TEST(IpuTiming, UtilizationNeverAboveOne) {
  for (bool cheap : {false, true}) {
    Machine m = smallMachine(2);
    if (cheap) {
      m.f32.codelet.fill(0);
      m.vertexOverheadCycles = 0;
      m.ampVertexOverheadCycles = 0;
    }
    std::vector<Vertex> vs;
    for (uint32_t tile = 0; tile < 2; ++tile) {
      vs.push_back(matmul(tile, 16, 16, 16, sl(1024, 256), sl(0, 256), sl(256, 256)));
      vs.push_back(ew(Codelet::Add, tile, sl(1300, 512), sl(0, 512), sl(512, 512)));
    }
    std::vector<TensorView> t;
    RunStats st = runOk(m, oneComputeSet(vs), t);
    double util = double(st.flops) /
                  (double(st.cycles) * m.tiles * m.peakFlopsPerCyclePerTile());
    EXPECT_GT(util, 0.0);
    EXPECT_LE(util, 1.0);
  }
}

// A mid-size program: 1472 tiles x 4 compute sets of 64x64x64 MatMuls (~1 GMAC) plus an
// elementwise vertex per tile: the simulator must stay fast (Release: well under 5 s).
TEST(IpuTiming, ManyTilesIsFast) {
  Machine m = Machine::gc200();
  Program p;
  p.tilesUsed = m.tiles;
  p.memoryWordsPerTile = 3 * 4096 + 4096;
  std::vector<Vertex> init, mm;
  for (uint32_t t = 0; t < m.tiles; ++t) {
    init.push_back(fill(t, sl(0, 8192), 0.01f));
    mm.push_back(matmul(t, 64, 64, 64, sl(8192, 4096), sl(0, 4096), sl(4096, 4096)));
    mm.push_back(unary(UnaryFn::Relu, t, sl(12288, 4096), sl(8192, 4096)));
  }
  p.computeSets = {ComputeSet{"init", init}, ComputeSet{"mm", mm}};
  p.steps = {compute(0), repeat(4), compute(1), syncStep(), endRepeat()};
  std::vector<TensorView> t;
  auto t0 = std::chrono::steady_clock::now();
  RunStats st = runOk(m, p, t);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(secs, 5.0);
  EXPECT_EQ(st.flops, 4ull * m.tiles * (2 * 64 * 64 * 64 + 4096));
  EXPECT_EQ(st.memoryHighWaterBytes, uint64_t(p.memoryWordsPerTile) * 4);
}

// validate(): each rejection names where and what.
TEST(IpuValidate, Rejections) {
  Machine m = smallMachine(4);
  std::vector<std::vector<int64_t>> shapes = {{4}};
  auto expectError = [&](const Program &p, const std::string &needle) {
    auto r = validate(m, p, shapes);
    ASSERT_FALSE(r.ok()) << needle;
    EXPECT_NE(r.message().find(needle), std::string::npos) << r.message();
  };
  auto base = [] {
    Program p;
    p.tilesUsed = 2;
    p.memoryWordsPerTile = 64;
    p.computeSets = {ComputeSet{"cs", {fill(0, sl(0, 4), 1.0f)}}};
    p.steps = {compute(0)};
    return p;
  };
  ASSERT_TRUE(validate(m, base(), shapes).ok());
  Program p = base();
  p.tilesUsed = 5;
  expectError(p, "program uses 5 tiles but machine 'gc200' has 4");
  p = base();
  p.memoryWordsPerTile = m.memoryWordsPerTile() + 1;
  expectError(p, "words per tile but a tile of machine 'gc200' holds 159744");
  p = base();
  p.computeSets[0].vertices[0].tile = 2;
  expectError(p, "compute set 'cs' (#0) vertex #0 (Fill): tile 2 out of range (the program uses 2 tiles)");
  p = base();
  p.computeSets[0].vertices[0].out = sl(62, 4);
  expectError(p, "vertex #0 (Fill) on tile 0: out slice [62, 66) outside the tile memory of 64 words");
  p = base();
  p.computeSets[0].vertices.push_back(matmul(1, 2, 3, 4, sl(0, 8), sl(8, 6), sl(20, 11)));
  expectError(p, "vertex #1 (MatMul) on tile 1: MatMul 2x3x4 needs a 6, b 12, out 8 words; has a 6, b 11");
  p = base();
  p.computeSets[0].vertices.push_back(matmul(1, 2, 3, 0, sl(0, 0), sl(8, 0), sl(20, 0)));
  expectError(p, "MatMul dims must be positive");
  p = base();
  p.computeSets[0].vertices.push_back(ew(Codelet::Add, 1, sl(0, 4), sl(4, 4), sl(8, 3)));
  expectError(p, "elementwise lengths: out 4, a 4, b 3");
  p = base();
  p.computeSets[0].vertices.push_back(ew(Codelet::Add, 1, sl(0, 4), sl(2, 4), sl(8, 4)));
  expectError(p, "out [0, 4) partly overlaps a [2, 6)");
  p = base();
  p.computeSets[0].vertices.push_back(reduce(Codelet::ReduceAdd, 1, sl(0, 2), sl(4, 7), 3));
  expectError(p, "reduce needs out.len * count == a.len");
  p = base();
  p.computeSets[0].vertices[0].codelet = Codelet(99);
  expectError(p, "unknown codelet 99");
  p = base();
  p.inits = {TileInit{view(3, 0, {{4, 1}}), 0, 0}};
  expectError(p, "tile init #0: tensor index 3 out of range (the schedule has 1 tensors)");
  p = base();
  p.hostExchanges = {HostExchange{"h", {HostCopy{view(0, 0, {{4, 1}, {-1, 1}}), 0, 0, true}}}};
  expectError(p, "host exchange 'h' (#0) copy #0 (to device): view dim 1 has negative size -1");
  p = base();
  p.hostExchanges = {HostExchange{"h", {HostCopy{view(0, 0, {{1 << 20, 1}, {1 << 20, 1}}), 0, 0, true}}}};
  expectError(p, "view has too many elements");
  p = base();
  p.hostExchanges = {HostExchange{"h", {HostCopy{view(0, 0, {{100, 1}}), 1, 0, true}}}};
  expectError(p, "copy #0 (to device) on tile 1: tile slice [0, 100) outside the tile memory");
  p = base();
  p.exchanges = {Exchange{"x", {Transfer{0, 0, 4, {{1, 0}}}, Transfer{0, 4, 4, {{1, 2}}}}}};
  expectError(p, "exchange 'x' (#0): transfer #0 destination #0 and transfer #1 destination #0 both write tile 1 word 2");
  p = base();
  p.exchanges = {Exchange{"x", {Transfer{0, 0, 4, {{7, 0}}}}}};
  expectError(p, "exchange 'x' (#0) transfer #0 destination #0: tile 7 out of range");
  p = base();
  p.steps = {repeat(2), compute(0)};
  expectError(p, "step #0 (RepeatBegin): no matching RepeatEnd (unbalanced repeat)");
  p = base();
  p.steps = {compute(0), endRepeat()};
  expectError(p, "step #1 (RepeatEnd): RepeatEnd without a matching RepeatBegin");
  p = base();
  p.steps = {repeat((1u << 24) + 1), endRepeat()};
  expectError(p, "repeat count 16777217 above 2^24");
  p = base();
  p.steps.clear();
  for (int i = 0; i < 9; ++i)
    p.steps.push_back(repeat(1));
  expectError(p, "repeat loops nested deeper than 8");
  p = base();
  p.steps = {compute(3)};
  expectError(p, "step #0 (Compute): index 3 out of range (the program has 1)");
  p = base();
  p.steps = {exchange(0)};
  expectError(p, "step #0 (Exchange): index 0 out of range (the program has 0)");
  p = base();
  p.steps = {compute(0, 2)};
  expectError(p, "step #0 (Compute): layer index 2 out of range");
  p = base();
  p.steps[0].kind = StepKind(42);
  expectError(p, "step #0: unknown step kind 42");
  p = base();
  p.births = {Birth{1, 0, 4, {{0, 1}}}};
  expectError(p, "birth #0: step 1 out of range (the program has 1 steps)");
  p = base();
  p.steps = {repeat(2), compute(0), endRepeat()};
  p.births = {Birth{0, 0, 4, {{0, 1}}}, Birth{1, 0, 4, {{0, 1}}}};
  expectError(p, "birth #1: step #1 is inside a repeat body (a live range starts outside repeats)");
  p.births = {Birth{2, 0, 4, {{0, 1}}}};
  expectError(p, "birth #0: step #2 is inside a repeat body");
  p = base();
  p.births = {Birth{0, 60, 5, {{0, 1}}}};
  expectError(p, "birth #0: words [60, 65) outside the tile memory of 64 words");
  p = base();
  p.births = {Birth{0, 0, 4, {{0, 1}, {1, 2}}}};
  expectError(p, "birth #0: tile run #1 (tiles 1 + 2) empty or beyond the 2 tiles the program uses");
  p.births = {Birth{0, 0, 4, {{0, 0}}}};
  expectError(p, "birth #0: tile run #0 (tiles 0 + 0) empty");
  p.births = {Birth{0, 0, 4, {{0xffffffffu, 2}}}};
  expectError(p, "beyond the 2 tiles");
  p = base();
  p.tilesUsed = 4;
  p.memoryWordsPerTile = m.memoryWordsPerTile(); // 159744: 2496 groups of 64 words
  p.births.assign(120000, Birth{0, 0, m.memoryWordsPerTile(), {{0, 4}}});
  expectError(p, "the births forget more than 2^30 tiles and 64-word groups in all");
  Machine bad = m;
  bad.exchangeBytesPerCycle = 0;
  auto r = validate(bad, base(), shapes);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("exchange bytes per cycle must be positive"), std::string::npos);
}

// Runaway guards: time and executed steps.
TEST(IpuValidate, RunawayIsAnError) {
  Machine m = smallMachine(1);
  m.maxCycles = 1000;
  Program p;
  p.tilesUsed = 1;
  p.steps = {repeat(1u << 24), repeat(1u << 24), syncStep(), endRepeat(), endRepeat()};
  std::vector<TensorView> t;
  RunStats st;
  auto r = simulate(m, p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("passed the machine's max cycle count 1000"), std::string::npos)
      << r.message();
  p.steps = {repeat(1u << 24), repeat(1u << 24), endRepeat(), endRepeat()};
  m.maxExecutedSteps = 100000;
  r = simulate(m, p, t, st);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.message().find("steps executed (runaway program?)"), std::string::npos)
      << r.message();
}

// A long compute set name in a loop of steps that take no time: the trace keeps at most
// maxTraceBytes of span names (it copied the name once per pass: 800 MB for a 4000-byte
// name and 200,000 passes), the rest of the spans are counted as dropped.
TEST(IpuValidate, TraceNamesAreBounded) {
  Machine m = smallMachine(1);
  m.maxTraceBytes = 10000;
  Program p;
  p.tilesUsed = 1;
  p.computeSets = {ComputeSet{std::string(1000, 'n'), {}}};
  p.steps = {repeat(100), compute(0), endRepeat(), syncStep()};
  std::vector<TensorView> t;
  RunStats st;
  auto r = simulate(m, p, t, st);
  ASSERT_TRUE(r.ok()) << r.message();
  EXPECT_EQ(st.spans.size(), 10u); // 10 names of 1000 bytes; then not even "sync" fits
  EXPECT_EQ(st.spansDropped, 91u);
  EXPECT_EQ(st.cycles, m.syncCycles);
}

TEST(IpuMachine, Presets) {
  Machine g = Machine::gc200(), b = Machine::bow();
  EXPECT_EQ(g.tiles, 1472u);
  EXPECT_EQ(g.memoryBytesPerTile, 638976u);
  EXPECT_EQ(g.clockHz, 1.33e9);
  EXPECT_EQ(b.clockHz, 1.85e9);
  EXPECT_EQ(g.peakFlopsPerCyclePerTile(), 32.0);
  g.fp16 = true;
  EXPECT_EQ(g.peakFlopsPerCyclePerTile(), 128.0);
  EXPECT_EQ(g.check(), "");
  EXPECT_EQ(b.check(), "");
}

} // namespace
