//===- Conv.cpp - ONNX Conv: im2col + sgemm, 1x1 direct, depthwise loop ---===//
#include "ConvUtil.h"

#include <cblas.h>
#include <limits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

// Grow-only scratch buffer reused across calls to avoid re-faulting large allocations.
float *workspace(size_t n) {
  thread_local std::vector<float> buf;
  if (buf.size() < n)
    buf.resize(n);
  return buf.data();
}

void depthwise2d(const float *in, const float *w, float *out, const ConvGeometry &g,
                 int64_t channels) {
  const int64_t IH = g.in[1], IW = g.in[2], OH = g.out[1], OW = g.out[2];
  const int64_t KH = g.k[1], KW = g.k[2];
  const int64_t sh = g.stride[1], sw = g.stride[2], dh = g.dil[1], dw = g.dil[2];
  const int64_t ph = g.padBegin[1], pw = g.padBegin[2];
  // Valid output column range per kernel column.
  std::vector<int64_t> lo(KW), hi(KW);
  for (int64_t kw = 0; kw < KW; ++kw) {
    int64_t off = kw * dw - pw;
    int64_t a = 0, b = OW;
    while (a < OW && a * sw + off < 0)
      ++a;
    while (b > a && (b - 1) * sw + off >= IW)
      --b;
    lo[kw] = a;
    hi[kw] = b;
  }
  for (int64_t c = 0; c < channels; ++c) {
    const float *plane = in + c * IH * IW;
    const float *wc = w + c * KH * KW;
    float *oc = out + c * OH * OW;
    for (int64_t oh = 0; oh < OH; ++oh) {
      float *orow = oc + oh * OW;
      for (int64_t kh = 0; kh < KH; ++kh) {
        int64_t ih = oh * sh + kh * dh - ph;
        if (ih < 0 || ih >= IH)
          continue;
        const float *irow = plane + ih * IW;
        for (int64_t kw = 0; kw < KW; ++kw) {
          float wv = wc[kh * KW + kw];
          int64_t off = kw * dw - pw;
          if (sw == 1) {
            const float *src = irow + off;
            for (int64_t ow = lo[kw]; ow < hi[kw]; ++ow)
              orow[ow] += wv * src[ow];
          } else {
            for (int64_t ow = lo[kw]; ow < hi[kw]; ++ow)
              orow[ow] += wv * irow[ow * sw + off];
          }
        }
      }
    }
  }
}

} // namespace

void conv(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &w = ctx.in(1);
  const Tensor *bias = ctx.optIn(2);
  Tensor &y = ctx.out(0);
  expectDType(x, DType::F32, "conv input");
  expectDType(w, DType::F32, "conv weight");
  expectDType(y, DType::F32, "conv result");
  int64_t rank = x.rank();
  if (rank < 3 || rank > 5)
    fail("conv input must have 1-3 spatial dims, got shape " + shapeToString(x.shape()));
  if (w.rank() != rank)
    fail("conv weight rank " + std::to_string(w.rank()) + " differs from input rank " +
         std::to_string(rank));
  size_t s = static_cast<size_t>(rank - 2);
  ConvGeometry g;
  g.batch = x.dim(0);
  g.inC = x.dim(1);
  g.outC = w.dim(0);
  g.groups = ctx.attr().getInt("groups", 1);
  if (g.groups < 1 || g.inC % g.groups != 0 || g.outC % g.groups != 0 ||
      w.dim(1) * g.groups != g.inC)
    fail("conv weight " + shapeToString(w.shape()) + " and groups " +
         std::to_string(g.groups) + " do not match input " + shapeToString(x.shape()));
  readConvParams(ctx.attr(), s, g);
  std::vector<int64_t> pads = spatialParam(ctx.attr(), "pads", 2 * s, 0);
  Shape expect = {g.batch, g.outC};
  size_t off = 3 - s;
  for (size_t i = 0; i < s; ++i) {
    g.in[off + i] = x.dim(2 + i);
    g.k[off + i] = w.dim(2 + i);
    int64_t span = g.dil[off + i] * (g.k[off + i] - 1) + 1;
    int64_t padded = g.in[off + i] + pads[i] + pads[i + s];
    int64_t o = padded < span ? 0 : (padded - span) / g.stride[off + i] + 1;
    g.out[off + i] = o;
    expect.push_back(o);
  }
  expectShape(y, expect, "result");
  if (bias) {
    expectDType(*bias, DType::F32, "conv bias");
    expectShape(*bias, {g.outC}, "conv bias");
  }
  if (y.numElements() == 0)
    return;

  const int64_t IS = g.inSize(), OS = g.outSize(), KS = g.kSize();
  const int64_t Cg = g.inC / g.groups, Mg = g.outC / g.groups;
  const float *in = x.data<float>();
  const float *wt = w.data<float>();
  float *out = y.data<float>();
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t m = 0; m < g.outC; ++m) {
      float b = bias ? bias->data<float>()[m] : 0.0f;
      float *p = out + (n * g.outC + m) * OS;
      for (int64_t i = 0; i < OS; ++i)
        p[i] = b;
    }

  bool depthwise = g.groups == g.inC && g.groups == g.outC && g.k[0] == 1 && g.in[0] == 1 &&
                   g.out[0] == 1;
  if (depthwise) {
    for (int64_t n = 0; n < g.batch; ++n)
      depthwise2d(in + n * g.inC * IS, wt, out + n * g.outC * OS, g, g.inC);
    return;
  }
  if (Cg * KS > std::numeric_limits<int>::max() || OS > std::numeric_limits<int>::max())
    fail("conv too large for BLAS");
  bool pointwise = KS == 1 && IS == OS;
  for (int i = 0; i < 3; ++i)
    pointwise &= g.stride[i] == 1 && g.padBegin[i] == 0;
  float *col = pointwise ? nullptr : workspace(static_cast<size_t>(Cg * KS * OS));
  for (int64_t n = 0; n < g.batch; ++n)
    for (int64_t gr = 0; gr < g.groups; ++gr) {
      const float *img = in + (n * g.inC + gr * Cg) * IS;
      const float *b = img;
      if (!pointwise) {
        im2col(img, Cg, g, col);
        b = col;
      }
      cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(Mg),
                  static_cast<int>(OS), static_cast<int>(Cg * KS), 1.0f,
                  wt + gr * Mg * Cg * KS, static_cast<int>(Cg * KS), b, static_cast<int>(OS),
                  1.0f, out + (n * g.outC + gr * Mg) * OS, static_cast<int>(OS));
    }
}

} // namespace accel::runtime::kernels
