//===- Pool.cpp - ONNX MaxPool / AveragePool ------------------------------===//
//
// Prepared at load as a oneDNN pooling primitive working channels-last (as the convs
// around it do) when oneDNN computes exactly ONNX's result: no dilation, and for
// average pooling with count_include_pad no window reaching past the declared pads
// (ceil mode), where ONNX and oneDNN count the padding differently. Otherwise a direct
// loop, parallel over the N x C planes.
//
//===----------------------------------------------------------------------===//
#include "Dnnl.h"
#include "KernelUtil.h"

#include <array>
#include <limits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

struct PoolState : KernelState {
  ChannelsLastPort src, dst;
  dnnl::pooling_forward pool;

  bool acceptsChannelsLast(size_t input) const override { return input == 0; }
  bool producesChannelsLast() const override { return true; }
  void setLayouts(const std::vector<bool> &inputs, bool output) override {
    src.stored = !inputs.empty() && inputs[0];
    dst.stored = output;
  }
};

void genericPool(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  Tensor &y = ctx.out(0);
  expectDType(x, DType::F32, "pool input");
  expectDType(y, DType::F32, "pool result");
  int64_t rank = x.rank();
  if (rank < 3 || rank > 5 || y.rank() != rank || y.dim(0) != x.dim(0) ||
      y.dim(1) != x.dim(1))
    fail("pool input " + shapeToString(x.shape()) + " and result " +
         shapeToString(y.shape()) + " do not match (need N x C x 1-3 spatial dims)");
  std::string kind = ctx.attr().getString("kind");
  bool isMax = kind == "max";
  if (!isMax && kind != "avg")
    fail("unknown pool kind '" + kind + "'");
  size_t s = static_cast<size_t>(rank - 2);
  std::vector<int64_t> ks = ctx.attr().getInts("kernel_shape");
  if (ks.size() != s)
    fail("kernel_shape has " + std::to_string(ks.size()) + " entries, expected " +
         std::to_string(s));
  std::vector<int64_t> st = spatialParam(ctx.attr(), "strides", s, 1);
  std::vector<int64_t> dl = spatialParam(ctx.attr(), "dilations", s, 1);
  std::vector<int64_t> pads = spatialParam(ctx.attr(), "pads", 2 * s, 0);
  bool includePad = ctx.attr().getInt("count_include_pad", 0) != 0;
  std::array<int64_t, 3> in{1, 1, 1}, out{1, 1, 1}, k{1, 1, 1}, str{1, 1, 1}, dil{1, 1, 1},
      pb{0, 0, 0}, pe{0, 0, 0};
  size_t off = 3 - s;
  for (size_t i = 0; i < s; ++i) {
    in[off + i] = x.dim(2 + i);
    out[off + i] = y.dim(2 + i);
    k[off + i] = ks[i];
    str[off + i] = st[i];
    dil[off + i] = dl[i];
    pb[off + i] = pads[i];
    pe[off + i] = pads[i + s];
    if (ks[i] < 1 || st[i] < 1 || dl[i] < 1)
      fail("pool kernel_shape, strides and dilations must be positive");
    // Attributes come from the file: bound them so the index math below cannot
    // overflow. The result-size bound is the ONNX output-size rule (floor or ceil
    // mode), loosened by one window so it only rejects impossible geometry.
    constexpr int64_t kMaxParam = int64_t(1) << 31;
    if (ks[i] > kMaxParam || st[i] > kMaxParam || dl[i] > kMaxParam || pads[i] < 0 ||
        pads[i] > kMaxParam || pads[i + s] < 0 || pads[i + s] > kMaxParam)
      fail("pool kernel_shape, strides, dilations or pads out of range");
    if (y.dim(2 + i) - 1 > (x.dim(2 + i) + pads[i] + pads[i + s]) / st[i] + 1)
      fail("pool result " + shapeToString(y.shape()) + " is too large for input " +
           shapeToString(x.shape()) + " with these strides and pads");
  }
  int64_t planes = x.dim(0) * x.dim(1);
  int64_t inSize = in[0] * in[1] * in[2];
  int64_t outSize = out[0] * out[1] * out[2];
  const float *src = x.data<float>();
  float *dst = y.data<float>();
  // Kernel taps per output coordinate along each dim: [first valid, last valid] tap and
  // the count of taps inside the padded extent (for count_include_pad).
  struct Taps {
    std::vector<int64_t> lo, hi, padded;
  };
  std::array<Taps, 3> taps;
  for (int d = 0; d < 3; ++d) {
    taps[d].lo.resize(out[d]);
    taps[d].hi.resize(out[d]);
    taps[d].padded.resize(out[d]);
    // Closed form rather than a walk over the window, so the cost does not depend on
    // kernel_shape (a file could declare a huge one).
    auto ceilDiv = [](int64_t a, int64_t b) { return a <= 0 ? 0 : (a + b - 1) / b; };
    for (int64_t o = 0; o < out[d]; ++o) {
      int64_t start = o * str[d] - pb[d];
      int64_t lo = std::min(k[d], ceilDiv(-start, dil[d]));
      int64_t hi = std::min(k[d], ceilDiv(in[d] - start, dil[d]));
      if (lo >= hi) {
        lo = k[d];
        hi = 0;
      }
      taps[d].lo[o] = lo;
      taps[d].hi[o] = hi;
      taps[d].padded[o] = std::min(k[d], ceilDiv(in[d] + pe[d] - start, dil[d]));
    }
  }
#pragma omp parallel for schedule(static) if (planes > 1 && planes * outSize > 4096)
  for (int64_t p = 0; p < planes; ++p) {
    const float *plane = src + p * inSize;
    float *o = dst + p * outSize;
    for (int64_t od = 0; od < out[0]; ++od)
      for (int64_t oh = 0; oh < out[1]; ++oh)
        for (int64_t ow = 0; ow < out[2]; ++ow) {
          float acc = isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
          int64_t count = 0;
          int64_t d0 = od * str[0] - pb[0], h0 = oh * str[1] - pb[1], w0 = ow * str[2] - pb[2];
          for (int64_t td = taps[0].lo[od]; td < taps[0].hi[od]; ++td) {
            int64_t id = d0 + td * dil[0];
            if (id < 0 || id >= in[0])
              continue;
            for (int64_t th = taps[1].lo[oh]; th < taps[1].hi[oh]; ++th) {
              int64_t ih = h0 + th * dil[1];
              if (ih < 0 || ih >= in[1])
                continue;
              const float *row = plane + (id * in[1] + ih) * in[2];
              for (int64_t tw = taps[2].lo[ow]; tw < taps[2].hi[ow]; ++tw) {
                int64_t iw = w0 + tw * dil[2];
                if (iw < 0 || iw >= in[2])
                  continue;
                float v = row[iw];
                if (isMax)
                  acc = v > acc ? v : acc;
                else
                  acc += v;
                ++count;
              }
            }
          }
          if (!isMax) {
            // In double: three declared window sizes may overflow an int64 product.
            double div = includePad ? double(taps[0].padded[od]) *
                                          double(taps[1].padded[oh]) *
                                          double(taps[2].padded[ow])
                                    : double(count);
            acc = div > 0 ? static_cast<float>(acc / div) : 0.0f;
          }
          *o++ = acc;
        }
  }
}

} // namespace

std::unique_ptr<KernelState> preparePool(const PrepareContext &ctx) {
  if (ctx.inputs.size() != 1 || !ctx.inputs[0] || ctx.outputs.size() != 1)
    return nullptr;
  const Tensor &x = *ctx.inputs[0];
  const Tensor &y = *ctx.outputs[0];
  int64_t rank = x.rank();
  if (x.dtype() != DType::F32 || rank < 3 || rank > 5 || y.rank() != rank ||
      x.numElements() == 0 || y.numElements() == 0)
    return nullptr;
  std::string kind = ctx.attr().getString("kind");
  bool includePad = ctx.attr().getInt("count_include_pad", 0) != 0;
  size_t s = static_cast<size_t>(rank - 2);
  std::vector<int64_t> ks = ctx.attr().getInts("kernel_shape");
  std::vector<int64_t> st = spatialParam(ctx.attr(), "strides", s, 1);
  std::vector<int64_t> dl = spatialParam(ctx.attr(), "dilations", s, 1);
  std::vector<int64_t> pads = spatialParam(ctx.attr(), "pads", 2 * s, 0);
  if ((kind != "max" && kind != "avg") || ks.size() != s)
    return nullptr;
  dnnl::memory::dims strides, kernel, padL, padR;
  for (size_t i = 0; i < s; ++i) {
    if (dl[i] != 1 || ks[i] < 1 || st[i] < 1 || pads[i] < 0 || pads[i + s] < 0 ||
        pads[i] >= ks[i])
      return nullptr;
    int64_t in = x.dim(2 + i), out = y.dim(2 + i);
    // Windows larger than the padded input (a schedule can declare anything) are left to
    // the direct loop, which bounds them and reports what is wrong.
    if (ks[i] > in + pads[i] + pads[i + s] || st[i] > in + pads[i] + pads[i + s])
      return nullptr;
    // The right padding that gives ONNX's result size (more than declared in ceil mode).
    int64_t right = std::max(pads[i + s], (out - 1) * st[i] + ks[i] - in - pads[i]);
    if ((in + pads[i] + right - ks[i]) / st[i] + 1 != out)
      return nullptr;
    // A window starting in the extra right padding would be empty in ONNX.
    if ((out - 1) * st[i] - pads[i] >= in)
      return nullptr;
    if (kind == "avg" && includePad && right != pads[i + s])
      return nullptr;
    strides.push_back(st[i]);
    kernel.push_back(ks[i]);
    padL.push_back(pads[i]);
    padR.push_back(right);
  }
  auto state = std::make_unique<PoolState>();
  state->src = ChannelsLastPort(x.shape());
  state->dst = ChannelsLastPort(y.shape());
  auto alg = kind == "max" ? dnnl::algorithm::pooling_max
             : includePad  ? dnnl::algorithm::pooling_avg_include_padding
                           : dnnl::algorithm::pooling_avg_exclude_padding;
  try {
    dnnl::pooling_forward::desc desc(dnnl::prop_kind::forward_inference, alg,
                                     state->src.channelsLast, state->dst.channelsLast, strides,
                                     kernel, padL, padR);
    state->pool = dnnl::pooling_forward(dnnl::pooling_forward::primitive_desc(desc, dnnlEngine()));
  } catch (const dnnl::error &) {
    return nullptr;
  }
  return state;
}

void pool(const KernelContext &ctx) {
  const auto *st = dynamic_cast<const PoolState *>(ctx.state);
  if (st && st->src.shape == ctx.in(0).shape() && st->dst.shape == ctx.out(0).shape() &&
      ctx.in(0).dtype() == DType::F32 && ctx.out(0).dtype() == DType::F32) {
    Tensor &y = ctx.out(0);
    dnnl::memory src = st->src.read(ctx.in(0), 0);
    dnnl::memory dst = st->dst.target(y, 1);
    st->pool.execute(dnnlStream(), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
    st->dst.finish(dst, y);
    dnnlStream().wait();
    return;
  }
  genericPool(ctx);
}

} // namespace accel::runtime::kernels
