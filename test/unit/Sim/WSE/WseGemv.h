//===- WseGemv.h - The 4x3 GEMV fabric program several tests use ----------===//
//
// y = W x with W [M = 4*mb, K = 3*kb]. PE (px, py) of a 4x3 region holds the block
// W[px*mb .. +mb, py*kb .. +kb] (transposed: k outer) and receives x[py*kb .. +kb] from a
// west-edge input stream of row py, multicast east along the row on color 0. It computes
// its partial y block with Gemv; partial sums are chained south on colors 1 and 2
// alternating by row (checkerboard, so a PE's receive and send colors differ), and the
// last row streams y[px*mb .. +mb] out of the south edge on color 1.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TEST_UNIT_SIM_WSE_WSEGEMV_H
#define ACCEL_TEST_UNIT_SIM_WSE_WSEGEMV_H

#include "WseTestUtil.h"

namespace accel::sim::wse::test {

struct GemvCase {
  static constexpr int kb = 5, mb = 2, K = 15, M = 8;
  Tensors t;
  int32_t tx, tw, ty;
  Program p;

  explicit GemvCase(uint32_t streamMessageLen = 5) {
    std::vector<float> x(K), w(M * K);
    for (int k = 0; k < K; ++k)
      x[k] = 0.25f * float(k) - 1.0f;
    for (int i = 0; i < M * K; ++i)
      w[i] = float((i * 7) % 11) * 0.125f - 0.5f;
    tx = t.add({K}, x);
    tw = t.add({M, K}, w);
    ty = t.add({M}, {}, true);

    Region r;
    r.name = "gemv";
    r.x = 2;
    r.y = 1;
    r.width = 4;
    r.height = 3;
    r.memoryWords = 19; // x [0,5), W [5,15), acc [15,17), incoming partial [17,19)
    r.codeBytes = 256;
    // Activations: multicast east along each row.
    r.routes.push_back(route(rect(0, 3, 0, 3), 0, W, R | E));
    r.routes.push_back(route(rect(3, 4, 0, 3), 0, W, R));
    // Partial sums: rows 0 and 2 send on color 1, row 1 on color 2; row py+1 receives.
    PeSet even = all();
    even.yMod = 2;
    even.yRem = 0;
    r.routes.push_back(route(even, 1, R, S));
    r.routes.push_back(route(rect(0, 4, 1, 2), 1, N, R));
    r.routes.push_back(route(rect(0, 4, 1, 2), 2, R, S));
    r.routes.push_back(route(rect(0, 4, 2, 3), 2, N, R));

    BufferInit wi;
    wi.addr = 5;
    wi.window.tensor = tw;
    WindowDim k, n;
    k.tensorDim = 1;
    k.size = kb;
    k.perY = kb;
    n.tensorDim = 0;
    n.size = mb;
    n.perX = mb;
    wi.window.dims = {k, n};
    r.inits.push_back(wi);

    Instr gemv;
    gemv.op = Opcode::Gemv;
    gemv.dst = mem(15, mb);
    gemv.a = mem(0, kb);
    gemv.b = mem(5, kb, mb);
    r.tasks.push_back(localTask(
        "gemv", {recv(0, mem(0, kb)), gemv, recv(1, mem(17, mb), rect(0, 4, 1, 2)),
                 recv(2, mem(17, mb), rect(0, 4, 2, 3)),
                 op3(Opcode::Add, mem(15, mb), mem(15, mb), mem(17, mb), rect(0, 4, 1, 3)),
                 send(1, mem(15, mb), even), send(2, mem(15, mb), rect(0, 4, 1, 2))}));
    for (int py = 0; py < 3; ++py)
      r.inputs.push_back(stream(0, py, Dir::West, 0, window1d(tx, kb, py * kb), streamMessageLen));
    for (int px = 0; px < 4; ++px)
      r.outputs.push_back(stream(px, 2, Dir::South, 1, window1d(ty, mb, px * mb)));
    Layer l;
    l.name = "gemv0";
    l.flops = 2 * M * K;
    l.regions.push_back(r);
    p.layers.push_back(l);
  }

  std::vector<float> reference() const {
    std::vector<float> y(M, 0.0f);
    for (int m = 0; m < M; ++m)
      for (int k = 0; k < K; ++k)
        y[m] += t.data[tw][m * K + k] * t.data[tx][k];
    return y;
  }
};

} // namespace accel::sim::wse::test

#endif
