//===- WseErrorTest.cpp - Deadlocks, routing errors, validation -----------===//
#include "WseGemv.h"

#include <chrono>
#include <cstdlib>

using namespace accel::sim::wse;
using namespace accel::sim::wse::test;

namespace {

bool contains(const std::string &s, const std::string &sub) {
  return s.find(sub) != std::string::npos;
}

TEST(WseErrors, DeadlockNamesPeTaskAndColor) {
  Region r;
  r.name = "lonely";
  r.x = 3;
  r.y = 4;
  r.width = 2;
  r.memoryWords = 4;
  r.routes = {route(all(), 3, W, R)};
  r.tasks = {localTask("waiter", {fill(mem(0, 4), 0.0f), recv(3, mem(0, 4), at(1, 0))})};
  Program p;
  p.layers.push_back(Layer{"stuck", "", "", "", 0, {r}});
  std::vector<TensorView> v;
  RunStats stats;
  auto t0 = std::chrono::steady_clock::now();
  auto st = simulate(smallMachine(), p, v, stats);
  auto dt = std::chrono::steady_clock::now() - t0;
  ASSERT_FALSE(st.ok());
  const std::string &msg = st.message();
  EXPECT_TRUE(contains(msg, "layer 'stuck'")) << msg;
  EXPECT_TRUE(contains(msg, "deadlock")) << msg;
  EXPECT_TRUE(contains(msg, "1 PE(s)")) << msg;
  EXPECT_TRUE(contains(msg, "region 'lonely' instance 0 PE (1,0) [fabric (4,4)]")) << msg;
  EXPECT_TRUE(contains(msg, "task 'waiter' instruction #1 (Recv)")) << msg;
  EXPECT_TRUE(contains(msg, "color 3")) << msg;
  EXPECT_LT(std::chrono::duration_cast<std::chrono::seconds>(dt).count(), 2);
}

TEST(WseErrors, RemovedRouteRuleIsARoutingError) {
  GemvCase g;
  auto &routes = g.p.layers[0].regions[0].routes;
  routes.erase(routes.begin() + 1); // the last column's color-0 rule
  std::vector<TensorView> v = g.t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), g.p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "routing error on color 0")) << st.message();
  EXPECT_TRUE(contains(st.message(), "PE (3,0)")) << st.message();
}

TEST(WseErrors, RemovedChainRuleFails) {
  GemvCase g;
  auto &routes = g.p.layers[0].regions[0].routes;
  routes.erase(routes.begin() + 5); // row 2 no longer accepts color 2 from the north
  std::vector<TensorView> v = g.t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), g.p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "routing error on color 2") ||
              contains(st.message(), "deadlock"))
      << st.message();
}

TEST(WseErrors, UnroutedExitAndLoops) {
  // Wavelets leaving the region where no output stream is: an error naming the edge.
  Region r;
  r.name = "leak";
  r.width = 2;
  r.memoryWords = 2;
  r.routes = {route(all(), 0, R, E)};
  r.tasks = {localTask("t", {send(0, mem(0, 2), at(1, 0))})};
  Program p;
  p.layers.push_back(Layer{"leak0", "", "", "", 0, {r}});
  std::vector<TensorView> v;
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "east edge but no output stream")) << st.message();

  // A ring: east then back west.
  p.layers[0].regions[0].routes = {route(at(0, 0), 0, R | W, E), route(at(1, 0), 0, W, W)};
  p.layers[0].regions[0].tasks = {localTask("t", {send(0, mem(0, 2), at(0, 0))})};
  st = simulate(smallMachine(), p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "reaches this router twice")) << st.message();
}

TEST(WseErrors, UndeliveredWaveletsAndMissingOutputs) {
  Tensors t;
  int32_t tx = t.add({4}, {1, 2, 3, 4});
  int32_t ty = t.add({8}, {}, true);
  Region r;
  r.name = "r";
  r.memoryWords = 4;
  r.routes = {route(all(), 0, W, R), route(all(), 1, R, E)};
  r.tasks = {localTask("t", {recv(0, mem(0, 2)), send(1, mem(0, 4))})};
  r.inputs = {stream(0, 0, Dir::West, 0, window1d(tx, 4))};
  r.outputs = {stream(0, 0, Dir::East, 1, window1d(ty, 4))};
  Program p;
  p.layers.push_back(Layer{"r0", "", "", "", 0, {r}});
  std::vector<TensorView> v = t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "2 undelivered wavelet(s) on color 0")) << st.message();

  p.layers[0].regions[0].tasks = {localTask("t", {recv(0, mem(0, 4)), send(1, mem(0, 4))})};
  st = simulate(smallMachine(), p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "output tensor 1 element 4 was not written")) << st.message();
}

TEST(WseErrors, RunawayLoopStops) {
  Region r;
  r.name = "spin";
  r.memoryWords = 1;
  r.tasks = {localTask("t", {loop(1 << 24), loop(1 << 24), fill(mem(0, 1), 1.0f), endLoop(),
                             endLoop()})};
  Program p;
  p.layers.push_back(Layer{"spin0", "", "", "", 0, {r}});
  Machine m = smallMachine();
  m.maxCycles = 100000;
  std::vector<TensorView> v;
  RunStats stats;
  auto st = simulate(m, p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "max cycle count")) << st.message();
}

TEST(WseErrors, DataTaskThatNeverReceivesIsAnError) {
  Tensors t;
  int32_t tx = t.add({2}, {1, 2});
  Region r;
  r.name = "r";
  r.memoryWords = 2;
  r.routes = {route(all(), 0, W, R)};
  Task d = localTask("bad", {fill(mem(0, 1), 0.0f)});
  d.kind = TaskKind::Data;
  d.color = 0;
  r.tasks = {d};
  r.inputs = {stream(0, 0, Dir::West, 0, window1d(tx, 2))};
  Program p;
  p.layers.push_back(Layer{"r0", "", "", "", 0, {r}});
  std::vector<TensorView> v = t.views();
  RunStats stats;
  auto st = simulate(smallMachine(), p, v, stats);
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(contains(st.message(), "would fire forever")) << st.message();
}

// validate() on damaged programs: each check names what is wrong.
struct ValidateCase {
  GemvCase g;
  Region &region() { return g.p.layers[0].regions[0]; }
  std::string run(const Machine &m = smallMachine()) {
    auto st = validate(m, g.p, g.t.shapes);
    return st.ok() ? "" : st.message();
  }
};

TEST(WseValidate, AcceptsTheGemvProgram) {
  ValidateCase c;
  EXPECT_EQ(c.run(), "");
}

TEST(WseValidate, RejectsOutOfRangeColors) {
  ValidateCase c;
  c.region().routes[2].color = 24;
  std::string msg = c.run();
  EXPECT_TRUE(contains(msg, "route rule #2: color 24 >= the machine's 24 colors")) << msg;
  EXPECT_TRUE(contains(msg, "layer 'gemv0' (#0) region 'gemv' (#0)")) << msg;
  ValidateCase d;
  d.region().tasks[0].body[0].color = 200;
  msg = d.run();
  EXPECT_TRUE(contains(msg, "task 'gemv' (#0) instruction #0 (Recv): color 200")) << msg;
  ValidateCase e;
  e.region().outputs[1].color = 99;
  EXPECT_TRUE(contains(e.run(), "output stream #1: color 99")) << e.run();
}

TEST(WseValidate, RejectsCoordinates) {
  ValidateCase c;
  c.region().x = 14; // 14 + 4 > 16
  EXPECT_TRUE(contains(c.run(), "does not fit the 16x16 fabric")) << c.run();
  ValidateCase d;
  d.region().inputs[0].x = 2; // not on the west edge
  EXPECT_TRUE(contains(d.run(), "does not point out of the region")) << d.run();
  ValidateCase e;
  e.region().outputs[0].y = 7;
  EXPECT_TRUE(contains(e.run(), "outside the 4x3 region")) << e.run();
  ValidateCase f;
  f.region().routes[0].pes.xMod = 0;
  EXPECT_TRUE(contains(f.run(), "modulus must be >= 1")) << f.run();
  ValidateCase g;
  Region copy = g.region();
  copy.name = "twin";
  copy.x = 4;
  g.g.p.layers[0].regions.push_back(copy);
  EXPECT_TRUE(contains(g.run(), "overlaps region 'gemv'")) << g.run();
}

TEST(WseValidate, RejectsAddresses) {
  ValidateCase c;
  c.region().tasks[0].body[1].dst.addr = 18; // Gemv dst [18, 20) > 19 words
  EXPECT_TRUE(contains(c.run(), "instruction #1 (Gemv): operand dst")) << c.run();
  ValidateCase d;
  d.region().tasks[0].body[1].b.stride = 100;
  EXPECT_TRUE(contains(d.run(), "Gemv matrix operand b")) << d.run();
  ValidateCase e;
  e.region().inits[0].addr = 10;
  EXPECT_TRUE(contains(e.run(), "buffer init #0: words [10, 20)")) << e.run();
  ValidateCase f;
  f.region().memoryWords = 20000;
  EXPECT_TRUE(contains(f.run(), "exceeds the machine's 49152 bytes")) << f.run();
  ValidateCase g;
  g.region().tasks[0].body[0].a.stride = -1; // 0, -1, ...
  EXPECT_TRUE(contains(g.run(), "touches words [-4, 0]")) << g.run();
}

TEST(WseValidate, RejectsTensorIndicesAndDims) {
  ValidateCase c;
  c.region().inputs[2].window.tensor = 99;
  EXPECT_TRUE(contains(c.run(), "input stream #2: tensor index 99 out of range")) << c.run();
  ValidateCase d;
  d.region().inits[0].window.dims[0].tensorDim = 2;
  EXPECT_TRUE(contains(d.run(), "maps to tensor dim 2 but tensor 1 has rank 2")) << d.run();
  ValidateCase e;
  e.region().inits[0].window.dims[1].size = -1;
  EXPECT_TRUE(contains(e.run(), "negative size")) << e.run();
  ValidateCase f;
  f.region().inputs[0].window.dims[0].size = int64_t(1) << 40;
  EXPECT_TRUE(contains(f.run(), "too many elements")) << f.run();
}

TEST(WseValidate, RejectsLoopsTasksAndMessages) {
  ValidateCase c;
  c.region().tasks[0].body.push_back(endLoop());
  EXPECT_TRUE(contains(c.run(), "EndLoop without a matching Loop")) << c.run();
  ValidateCase d;
  d.region().tasks[0].body.push_back(loop(3));
  EXPECT_TRUE(contains(d.run(), "Loop(s) without EndLoop")) << d.run();
  ValidateCase e;
  e.region().tasks[0].body.insert(e.region().tasks[0].body.begin(), loop(1u << 30));
  e.region().tasks[0].body.push_back(endLoop());
  EXPECT_TRUE(contains(e.run(), "loop count")) << e.run();
  ValidateCase f;
  f.region().inputs[0].messageLen = 0;
  EXPECT_TRUE(contains(f.run(), "messageLen must be >= 1")) << f.run();
  ValidateCase g;
  Task dt = localTask("d", {});
  dt.kind = TaskKind::Data;
  dt.color = 30;
  g.region().tasks.push_back(dt);
  EXPECT_TRUE(contains(g.run(), "data task color 30")) << g.run();
  ValidateCase h;
  h.region().tasks[0].body[1].op = static_cast<Opcode>(77);
  EXPECT_TRUE(contains(h.run(), "unknown opcode 77")) << h.run();
}

// The shared UnaryFn grew functions for the IPU; the WSE computes only up to Ceil and
// keeps rejecting the rest (its schedules and results are unchanged).
TEST(WseValidate, RejectsUnaryFunctionsBeyondCeil) {
  ValidateCase c;
  c.region().tasks[0].body.push_back(unary(UnaryFn::Ceil, mem(0, 2), mem(0, 2)));
  EXPECT_EQ(c.run(), "");
  ValidateCase d;
  d.region().tasks[0].body.push_back(unary(UnaryFn::Gelu, mem(0, 2), mem(0, 2)));
  EXPECT_TRUE(contains(d.run(), "unknown unary function 13")) << d.run();
}

// Random damage never crashes validate() + simulate(): errors or results, never a hang.
// ACCEL_WSE_DAMAGE_ITERS raises the iteration count (e.g. under ASan/UBSan).
TEST(WseValidate, RandomDamageNeverCrashes) {
  uint32_t seed = 12345;
  auto rnd = [&]() {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  int iters = 300;
  if (const char *env = std::getenv("ACCEL_WSE_DAMAGE_ITERS"))
    iters = std::atoi(env);
  int failures = 0, successes = 0;
  for (int iter = 0; iter < iters; ++iter) {
    GemvCase g(1 + rnd() % 5);
    Region &r = g.p.layers[0].regions[0];
    std::vector<Instr> &body = r.tasks[0].body;
    auto anyInstr = [&]() -> Instr & { return body[rnd() % body.size()]; };
    auto anyStream = [&]() -> Stream & {
      return rnd() % 2 ? r.inputs[rnd() % r.inputs.size()] : r.outputs[rnd() % r.outputs.size()];
    };
    int damages = 1 + int(rnd() % 3);
    for (int k = 0; k < damages; ++k) {
      switch (rnd() % 20) {
      case 0:
        r.routes[rnd() % r.routes.size()].tx = uint8_t(rnd() % 64);
        break;
      case 1:
        r.routes[rnd() % r.routes.size()].rx = uint8_t(rnd() % 64);
        break;
      case 2:
        anyInstr().color = uint8_t(rnd() % 4);
        break;
      case 3:
        anyInstr().a.len = rnd() % 8;
        break;
      case 4:
        r.inputs[rnd() % 3].messageLen = rnd() % 4;
        break;
      case 5:
        anyInstr().op = Opcode(rnd() % 18);
        break;
      case 6:
        r.inits[0].window.dims[rnd() % 2].base = int64_t(rnd()) - (1 << 23);
        break;
      case 7:
        anyInstr().pes.yMod = int32_t(rnd() % 3);
        break;
      case 8:
        anyInstr().dst.addr = rnd() % 24;
        break;
      case 9:
        anyInstr().b.stride = int32_t(rnd() % 7) - 3;
        break;
      case 10:
        anyStream().side = Dir(rnd() % 6);
        break;
      case 11:
        anyStream().x = int32_t(rnd() % 6) - 1;
        break;
      case 12:
        r.memoryWords = rnd() % 24;
        break;
      case 13:
        r.tasks[0].kind = TaskKind(rnd() % 3);
        r.tasks[0].color = uint8_t(rnd() % 30);
        break;
      case 14:
        r.inits[0].window.dims[rnd() % 2].tensorDim = int32_t(rnd() % 3);
        break;
      case 15:
        body.insert(body.begin() + (rnd() % body.size()), rnd() % 2 ? loop(rnd() % 4) : endLoop());
        break;
      case 16:
        anyStream().window.dims[0].step = int64_t(rnd() % 5) - 2;
        break;
      case 17:
        r.routes.erase(r.routes.begin() + (rnd() % r.routes.size()));
        break;
      case 18:
        anyInstr().count = rnd() % 5;
        break;
      case 19:
        r.x = int32_t(rnd() % 20) - 2;
        break;
      }
    }
    std::vector<TensorView> v = g.t.views();
    RunStats stats;
    Machine m = smallMachine();
    m.maxCycles = 1000000;
    if (simulate(m, g.p, v, stats).ok())
      ++successes;
    else
      ++failures;
  }
  EXPECT_GT(failures, 0);
  EXPECT_GT(successes, 0);
}

} // namespace
