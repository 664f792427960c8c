//===- ConvTranspose.cpp - ONNX ConvTranspose: sgemm + col2im --------------===//
#include "ConvUtil.h"

#include <cblas.h>
#include <limits>

namespace accel::runtime::kernels {

using namespace detail;

void convTranspose(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &w = ctx.in(1);
  const Tensor *bias = ctx.optIn(2);
  Tensor &y = ctx.out(0);
  expectDType(x, DType::F32, "conv_transpose input");
  expectDType(w, DType::F32, "conv_transpose weight");
  expectDType(y, DType::F32, "conv_transpose result");
  int64_t rank = x.rank();
  if (rank < 3 || rank > 5 || w.rank() != rank)
    fail("conv_transpose needs input and weight with 1-3 spatial dims, got " +
         shapeToString(x.shape()) + " and " + shapeToString(w.shape()));
  size_t s = static_cast<size_t>(rank - 2);
  ConvGeometry g; // g.in = conv_transpose input, g.out = its result
  g.batch = x.dim(0);
  g.inC = x.dim(1);
  g.groups = ctx.attr().getInt("groups", 1);
  if (g.groups < 1 || w.dim(0) != g.inC || g.inC % g.groups != 0)
    fail("conv_transpose weight " + shapeToString(w.shape()) + " and groups " +
         std::to_string(g.groups) + " do not match input " + shapeToString(x.shape()));
  g.outC = w.dim(1) * g.groups;
  readConvParams(ctx.attr(), s, g);
  std::vector<int64_t> pads = spatialParam(ctx.attr(), "pads", 2 * s, 0);
  std::vector<int64_t> outPad = spatialParam(ctx.attr(), "output_padding", s, 0);
  Shape expect = {g.batch, g.outC};
  size_t off = 3 - s;
  for (size_t i = 0; i < s; ++i) {
    g.in[off + i] = x.dim(2 + i);
    g.k[off + i] = w.dim(2 + i);
    int64_t o = g.stride[off + i] * (g.in[off + i] - 1) + outPad[i] +
                (g.k[off + i] - 1) * g.dil[off + i] + 1 - pads[i] - pads[i + s];
    g.out[off + i] = o;
    expect.push_back(o);
  }
  expectShape(y, expect, "result");
  if (bias) {
    expectDType(*bias, DType::F32, "conv_transpose bias");
    expectShape(*bias, {g.outC}, "conv_transpose bias");
  }
  if (y.numElements() == 0)
    return;
  const int64_t IS = g.inSize(), OS = g.outSize(), KS = g.kSize();
  const int64_t Cg = g.inC / g.groups, Mg = g.outC / g.groups;
  if (Mg * KS > std::numeric_limits<int>::max() || IS > std::numeric_limits<int>::max())
    fail("conv_transpose too large for BLAS");
  std::vector<float> col(static_cast<size_t>(Mg * KS * IS));
  const float *in = x.data<float>();
  const float *wt = w.data<float>();
  float *out = y.data<float>();
  std::memset(out, 0, static_cast<size_t>(y.byteSize()));
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t gr = 0; gr < g.groups; ++gr) {
      // col[Mg*KS, IS] = W_g^T [Mg*KS, Cg] x X_g [Cg, IS]
      cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, static_cast<int>(Mg * KS),
                  static_cast<int>(IS), static_cast<int>(Cg), 1.0f, wt + gr * Cg * Mg * KS,
                  static_cast<int>(Mg * KS), in + (n * g.inC + gr * Cg) * IS,
                  static_cast<int>(IS), 0.0f, col.data(), static_cast<int>(IS));
      col2im(col.data(), Mg, g, out + (n * g.outC + gr * Mg) * OS);
    }
  if (bias)
    for (int64_t n = 0; n < g.batch; ++n)
      for (int64_t m = 0; m < g.outC; ++m) {
        float b = bias->data<float>()[m];
        float *p = out + (n * g.outC + m) * OS;
        for (int64_t i = 0; i < OS; ++i)
          p[i] += b;
      }
}

} // namespace accel::runtime::kernels
