//===- IpuLinkCheck.cpp - Links only AccelSimIPU and runs a tiny program --===//
//
// Built with AccelSimIPU as its only library: any call from the simulator into the host
// kernels (AccelRuntime, BLAS) or MLIR would be an undefined symbol here. It also runs a
// 2-tile program (host in, exchange, negate, host out) so the simulator's code is really
// pulled in, and prints the libraries AccelSimIPU links (from CMake) for sim-ipu-links.test.
//
//===----------------------------------------------------------------------===//
#include "accel/Sim/IPU/Simulator.h"

#include <cstdio>

using namespace accel::sim::ipu;

int main() {
  std::vector<float> x = {1, 2, 3}, y(3, 0.0f);
  std::vector<TensorView> tensors = {{x.data(), {3}, false}, {y.data(), {3}, true}};
  Program p;
  p.tilesUsed = 2;
  p.memoryWordsPerTile = 6;
  View in;
  in.tensor = 0;
  in.dims = {{3, 1}};
  View out = in;
  out.tensor = 1;
  p.hostExchanges.push_back(HostExchange{"in", {HostCopy{in, 0, 0, true}}});
  p.hostExchanges.push_back(HostExchange{"out", {HostCopy{out, 1, 3, false}}});
  p.exchanges.push_back(Exchange{"x", {Transfer{0, 0, 3, {{1, 0}}}}});
  Vertex neg;
  neg.tile = 1;
  neg.codelet = Codelet::Unary;
  neg.fn = UnaryFn::Neg;
  neg.a = {0, 3};
  neg.out = {3, 3};
  p.computeSets.push_back(ComputeSet{"neg", {neg}});
  p.steps = {Step{StepKind::HostExchange, 0, 0, -1}, Step{StepKind::Exchange, 0, 0, -1},
             Step{StepKind::Sync, 0, 0, -1}, Step{StepKind::Compute, 0, 0, -1},
             Step{StepKind::HostExchange, 1, 0, -1}};
  RunStats stats;
  accel::runtime::Status st = simulate(Machine::gc200(), p, tensors, stats);
  if (!st.ok()) {
    std::fprintf(stderr, "ipu-link-check: %s\n", st.message().c_str());
    return 1;
  }
  if (y[0] != -1 || y[1] != -2 || y[2] != -3) {
    std::fprintf(stderr, "ipu-link-check: wrong result\n");
    return 1;
  }
  std::printf("AccelSimIPU links: [%s]\n", ACCEL_SIM_IPU_LINKS);
  std::printf("ipu-link-check: ok (%llu cycles)\n", (unsigned long long)stats.cycles);
  return 0;
}
