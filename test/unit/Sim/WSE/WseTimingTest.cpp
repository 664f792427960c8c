//===- WseTimingTest.cpp - The link and instruction timing model, pinned --===//
#include "WseTestUtil.h"

using namespace accel::sim::wse;
using namespace accel::sim::wse::test;

namespace {

// A 6x1 row. PE (0,0) sends L wavelets on color 0 to PE (5,0) (5 hops). Send: overhead 2,
// injection at t0 = 2; arrival of the whole message at t0 + hops + L; the receiver's Recv
// (started at 0, cost 2 + L) completes then.
TEST(WseTiming, HopsPlusLength) {
  constexpr uint32_t L = 10;
  Region r;
  r.name = "row";
  r.width = 6;
  r.memoryWords = L;
  r.routes = {route(at(0, 0), 0, R, E), route(rect(1, 5, 0, 1), 0, W, E),
              route(at(5, 0), 0, W, R)};
  r.tasks = {localTask("t", {send(0, mem(0, L), at(0, 0)), recv(0, mem(0, L), at(5, 0))})};
  Program p;
  p.layers.push_back(Layer{"row0", "", "", "", 0, {r}});
  Machine m = smallMachine();
  ASSERT_EQ(m.dsdOverheadCycles, 2u);
  ASSERT_EQ(m.hopLatencyCycles, 1u);
  std::vector<TensorView> v;
  RunStats stats;
  auto st = simulate(m, p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(stats.cycles, 2u + 5u + L);
  EXPECT_EQ(stats.layers[0].hops, 5u);
  EXPECT_EQ(stats.layers[0].linkCycles, 5u * L);
  EXPECT_EQ(stats.layers[0].wavelets, L);
  EXPECT_EQ(stats.layers[0].messages, 1u);
  // Busy: the sender's Send (2 + L) and the receiver's Recv (2 + L).
  EXPECT_EQ(stats.layers[0].busyPeCycles, 2 * (2u + L));

  // Two hops slower per hop when the hop latency is 3.
  m.hopLatencyCycles = 3;
  ASSERT_TRUE(simulate(m, p, v, stats).ok());
  EXPECT_EQ(stats.cycles, 2u + 15u + L);
}

// PE 0 and PE 1 both send L wavelets to PE 3 at t0 = 2 on colors 0 and 1. PE 0's message
// takes link 1->2 in [3, 3 + L); PE 1's message waits for it (start 13), then link 2->3
// (free at 4 + L = 14): it arrives at 14 + 1 + L = 25. PE 3 receives color 0 (done at
// max(2 + L + 2, 15) = 15... = 15), then color 1 (started 15, done max(15 + 12, 25) = 27).
TEST(WseTiming, LinkContentionSerialisesMessages) {
  constexpr uint32_t L = 10;
  Region r;
  r.name = "row";
  r.width = 4;
  r.memoryWords = 2 * L;
  r.routes = {route(at(0, 0), 0, R, E), route(rect(1, 3, 0, 1), 0, W, E),
              route(at(3, 0), 0, W, R), route(at(1, 0), 1, R, E), route(at(2, 0), 1, W, E),
              route(at(3, 0), 1, W, R)};
  r.tasks = {localTask("t", {send(0, mem(0, L), at(0, 0)), send(1, mem(0, L), at(1, 0)),
                             recv(0, mem(0, L), at(3, 0)), recv(1, mem(L, L), at(3, 0))})};
  Program p;
  p.layers.push_back(Layer{"row0", "", "", "", 0, {r}});
  std::vector<TensorView> v;
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(stats.cycles, 27u);
  EXPECT_EQ(stats.layers[0].hops, 5u);
  EXPECT_EQ(stats.layers[0].linkCycles, 5u * L);
}

// Arithmetic cost: overhead + ceil(len / width); Gemv: a.len fmacs each with overhead.
TEST(WseTiming, InstructionCosts) {
  Machine m = smallMachine();
  Instr add = op3(Opcode::Add, mem(0, 9), mem(0, 9), mem(0, 9));
  EXPECT_EQ(m.instrCycles(add), 2u + 5u);
  Instr fmac = op3(Opcode::Fmac, mem(0, 9), mem(0, 9), mem(0, 9));
  EXPECT_EQ(m.instrCycles(fmac), 2u + 9u);
  Instr g;
  g.op = Opcode::Gemv;
  g.dst = mem(0, 8);
  g.a = mem(0, 3);
  EXPECT_EQ(m.instrCycles(g), 3u * (2u + 8u));
  EXPECT_EQ(Machine::instrFlops(g), 48u);
  EXPECT_EQ(m.instrCycles(unary(UnaryFn::Exp, mem(0, 4), mem(0, 4))), 2u + 80u);
  EXPECT_EQ(m.instrCycles(unary(UnaryFn::Relu, mem(0, 4), mem(0, 4))), 2u + 2u);
  EXPECT_EQ(m.instrCycles(send(0, mem(0, 7))), 2u + 7u);
  m.fp16 = true;
  EXPECT_EQ(m.instrCycles(g), 3u * (2u + 2u));
  // Never above peak even with a silly width.
  m.f16.add = 1000;
  EXPECT_GE(double(m.instrCycles(add)) * m.peakFlopsPerCyclePerPe(), double(Machine::instrFlops(add)));
}

// Streams share the aggregate I/O rate: 4 streams of 100 wavelets at 2 wavelets per cycle
// need at least 200 cycles.
TEST(WseTiming, InputStreamsShareTheIoRate) {
  Tensors t;
  int32_t tx = t.add({4, 100}, {});
  Region r;
  r.name = "sink";
  r.width = 4;
  r.memoryWords = 100;
  r.routes = {route(all(), 0, N, R)};
  r.tasks = {localTask("t", {recv(0, mem(0, 100))})};
  for (int32_t x = 0; x < 4; ++x) {
    Window w = window1d(tx, 100);
    w.dims[0].tensorDim = 1;
    WindowDim row;
    row.tensorDim = 0;
    row.perX = 1;
    w.dims.insert(w.dims.begin(), row);
    r.inputs.push_back(stream(x, 0, Dir::North, 0, w, 10));
  }
  Program p;
  p.layers.push_back(Layer{"sink0", "", "", "", 0, {r}});
  Machine m = smallMachine();
  m.ioInWaveletsPerCycle = 2;
  std::vector<TensorView> v = t.views();
  RunStats stats;
  auto st = simulate(m, p, v, stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_GE(stats.cycles, 200u);
  EXPECT_LE(stats.cycles, 230u);
  m.ioInWaveletsPerCycle = 34;
  ASSERT_TRUE(simulate(m, p, v, stats).ok());
  EXPECT_LT(stats.cycles, 150u); // then each stream's link (1 wavelet/cycle) bounds it
}

} // namespace
