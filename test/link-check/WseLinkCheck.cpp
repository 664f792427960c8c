//===- WseLinkCheck.cpp - Links only AccelSimWSE and runs a tiny program --===//
//
// Built with AccelSimWSE as its only library: any call from the simulator into the host
// kernels (AccelRuntime, BLAS) or MLIR would be an undefined symbol here. It also runs a
// 1x1 program so the simulator's code is really pulled in, and prints the libraries
// AccelSimWSE links (from CMake) for sim-wse-links.test.
//
//===----------------------------------------------------------------------===//
#include "accel/Sim/WSE/Simulator.h"

#include <cstdio>

using namespace accel::sim::wse;

int main() {
  std::vector<float> x = {1, 2, 3}, y(3, 0.0f);
  std::vector<TensorView> tensors = {{x.data(), {3}, false}, {y.data(), {3}, true}};
  Region r;
  r.name = "neg";
  r.memoryWords = 3;
  r.routes = {{PeSet(), 0, dirBit(Dir::West), dirBit(Dir::Ramp)},
              {PeSet(), 1, dirBit(Dir::Ramp), dirBit(Dir::East)}};
  Instr recv, neg, send;
  recv.op = Opcode::Recv;
  recv.a = {0, 3, 1};
  neg.op = Opcode::Unary;
  neg.fn = UnaryFn::Neg;
  neg.dst = neg.a = {0, 3, 1};
  send.op = Opcode::Send;
  send.color = 1;
  send.a = {0, 3, 1};
  r.tasks.push_back(Task{"main", TaskKind::Local, 0, {recv, neg, send}});
  Window in;
  in.tensor = 0;
  in.dims.push_back(WindowDim{0, 3});
  Window out = in;
  out.tensor = 1;
  r.inputs.push_back(Stream{0, 0, 0, Dir::West, 0, 3, in});
  r.outputs.push_back(Stream{0, 0, 0, Dir::East, 1, 3, out});
  Program p;
  p.layers.push_back(Layer{"neg0", "", "Neg", "", 0, {r}});
  Machine m = Machine::wse2();
  RunStats stats;
  accel::runtime::Status st = simulate(m, p, tensors, stats);
  if (!st.ok()) {
    std::fprintf(stderr, "wse-link-check: %s\n", st.message().c_str());
    return 1;
  }
  if (y[0] != -1 || y[1] != -2 || y[2] != -3) {
    std::fprintf(stderr, "wse-link-check: wrong result\n");
    return 1;
  }
  std::printf("AccelSimWSE links: [%s]\n", ACCEL_SIM_WSE_LINKS);
  std::printf("wse-link-check: ok (%llu cycles)\n", (unsigned long long)stats.cycles);
  return 0;
}
