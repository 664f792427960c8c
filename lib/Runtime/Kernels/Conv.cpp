//===- Conv.cpp - ONNX Conv on oneDNN; im2col + sgemm when unprepared ----===//
//
// A prepared conv (constant weights) runs one oneDNN convolution primitive in the
// channels-last layout its fast kernels want: the input is reordered in, the result
// reordered out, the weights were reordered once at load, and the fused epilogue runs as
// post-ops. Without a prepared state (weights computed at run time, a kernel test) the
// generic path below runs: im2col + sgemm, a direct 1x1 and a depthwise loop.
//
//===----------------------------------------------------------------------===//
#include "ConvUtil.h"
#include "Dnnl.h"

#include <cblas.h>
#include <cstring>
#include <limits>
#include <unordered_map>

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

// Checks the operands against each other and the attributes, fills `g` and returns the
// result shape.
Shape convGeometry(const Tensor &x, const Tensor &w, const Tensor *bias,
                   const Attributes &attrs, ConvGeometry &g) {
  expectDType(x, DType::F32, "conv input");
  expectDType(w, DType::F32, "conv weight");
  int64_t rank = x.rank();
  if (rank < 3 || rank > 5)
    fail("conv input must have 1-3 spatial dims, got shape " + shapeToString(x.shape()));
  if (w.rank() != rank)
    fail("conv weight rank " + std::to_string(w.rank()) + " differs from input rank " +
         std::to_string(rank));
  size_t s = static_cast<size_t>(rank - 2);
  g.batch = x.dim(0);
  g.inC = x.dim(1);
  g.outC = w.dim(0);
  g.groups = attrs.getInt("groups", 1);
  if (g.groups < 1 || g.inC % g.groups != 0 || g.outC % g.groups != 0 ||
      w.dim(1) * g.groups != g.inC)
    fail("conv weight " + shapeToString(w.shape()) + " and groups " +
         std::to_string(g.groups) + " do not match input " + shapeToString(x.shape()));
  readConvParams(attrs, s, g);
  std::vector<int64_t> pads = spatialParam(attrs, "pads", 2 * s, 0);
  Shape result = {g.batch, g.outC};
  size_t off = 3 - s;
  for (size_t i = 0; i < s; ++i) {
    g.in[off + i] = x.dim(2 + i);
    g.k[off + i] = w.dim(2 + i);
    int64_t span = g.dil[off + i] * (g.k[off + i] - 1) + 1;
    int64_t padded = g.in[off + i] + pads[i] + pads[i + s];
    int64_t o = padded < span ? 0 : (padded - span) / g.stride[off + i] + 1;
    g.out[off + i] = o;
    result.push_back(o);
  }
  if (bias) {
    expectDType(*bias, DType::F32, "conv bias");
    expectShape(*bias, {g.outC}, "conv bias");
  }
  return result;
}

// im2col + sgemm (1x1 convs straight on the input), depthwise as a loop.
void genericConv(const Tensor &x, const Tensor &w, const Tensor *bias, const ConvGeometry &g,
                 Tensor &y) {
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

using dnnl::memory;

// One conv instruction's oneDNN primitive, built at load.
struct ConvState : KernelState {
  ChannelsLastPort src, dst;
  dnnl::convolution_forward conv;
  memory weights; // reordered into the primitive's layout
  memory::desc biasDesc;
  bool hasBias = false;
  DnnlPostOps post;
  bool sumStored = false; // the summed residual is stored channels-last
  // The primitive's arguments, made at load; each run points them at its buffers (the
  // ports' memory objects are the source and destination).
  memory biasMem;
  std::vector<memory> binaryMems;
  std::unordered_map<int, memory> args;

  bool acceptsChannelsLast(size_t input) const override {
    if (input == 0 || static_cast<int>(input) == post.sumInput)
      return true;
    for (const DnnlPostOps::Binary &b : post.binaries)
      if (static_cast<int>(input) == b.input)
        return true; // per-channel or scalar: the same bytes in either layout
    return false;
  }
  bool producesChannelsLast() const override {
    for (const EpilogueStep &step : post.after)
      if (step.kind == EpilogueStep::Kind::Binary)
        return false; // a broadcast after the primitive needs the logical layout
    return true;
  }
  void setLayouts(const std::vector<bool> &inputs, bool output) override {
    src.stored = !inputs.empty() && inputs[0];
    dst.stored = output;
    sumStored = post.sumInput >= 0 && static_cast<size_t>(post.sumInput) < inputs.size() &&
                inputs[static_cast<size_t>(post.sumInput)];
  }
};

} // namespace

std::unique_ptr<KernelState> prepareConv(const PrepareContext &ctx) {
  if (ctx.inputs.size() < 2 || !ctx.inputs[0] || !ctx.inputs[1] || !ctx.constant[1] ||
      ctx.outputs.size() != 1)
    return nullptr;
  const Tensor &x = *ctx.inputs[0];
  const Tensor &w = *ctx.inputs[1];
  const Tensor *bias = ctx.inputs.size() > 2 ? ctx.inputs[2] : nullptr;
  ConvGeometry g;
  Shape result = convGeometry(x, w, bias, ctx.attr(), g);
  if (result != ctx.outputs[0]->shape() || ctx.outputs[0]->numElements() == 0 ||
      x.numElements() == 0)
    return nullptr;
  auto state = std::make_unique<ConvState>();
  state->src = ChannelsLastPort(x.shape());
  state->dst = ChannelsLastPort(result);
  std::vector<EpilogueStep> steps = parseEpilogue(ctx.attr(), ctx.inputs.size());
  state->post = makePostOps(steps, operandShapes(ctx.inputs), result);
  state->hasBias = bias != nullptr;

  size_t rank = x.shape().size(), spatial = rank - 2;
  auto f32 = memory::data_type::f32;
  memory::dims strides, dil, padL, padR;
  std::vector<int64_t> pads = spatialParam(ctx.attr(), "pads", 2 * spatial, 0);
  for (size_t i = 0; i < spatial; ++i) {
    strides.push_back(g.stride[3 - spatial + i]);
    dil.push_back(g.dil[3 - spatial + i] - 1); // oneDNN counts the gaps
    padL.push_back(pads[i]);
    padR.push_back(pads[i + spatial]);
  }
  memory::dims wDims = toDims(w.shape());
  if (g.groups > 1) {
    wDims[0] = g.outC / g.groups;
    wDims.insert(wDims.begin(), g.groups);
  }
  memory::desc wAny(wDims, f32, memory::format_tag::any);
  state->biasDesc = memory::desc({g.outC}, f32, memory::format_tag::a);
  dnnl::engine &eng = dnnlEngine();
  auto desc = state->hasBias
                  ? dnnl::convolution_forward::desc(
                        dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                        state->src.channelsLast, wAny, state->biasDesc, state->dst.channelsLast,
                        strides, dil, padL, padR)
                  : dnnl::convolution_forward::desc(
                        dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
                        state->src.channelsLast, wAny, state->dst.channelsLast, strides, dil,
                        padL, padR);
  auto pd = withPostOps(state->post, steps, [&](const dnnl::primitive_attr &attr) {
    return dnnl::convolution_forward::primitive_desc(desc, attr, eng);
  });
  if (!pd)
    return nullptr; // no oneDNN implementation for this shape
  state->conv = dnnl::convolution_forward(*pd);
  state->weights = memory(pd->weights_desc(), eng);
  memory userWeights(memory::desc(wDims, f32, plainTag(wDims.size())), eng,
                     const_cast<void *>(static_cast<const void *>(w.data<float>())));
  dnnl::reorder(userWeights, state->weights)
      .execute(dnnlStream(), userWeights, state->weights);
  dnnlStream().wait();
  state->args = {{DNNL_ARG_SRC, state->src.channelsLastMem},
                 {DNNL_ARG_WEIGHTS, state->weights},
                 {DNNL_ARG_DST, state->dst.channelsLastMem}};
  if (state->hasBias) {
    state->biasMem = memory(state->biasDesc, eng, DNNL_MEMORY_NONE);
    state->args[DNNL_ARG_BIAS] = state->biasMem;
  }
  for (const DnnlPostOps::Binary &b : state->post.binaries) {
    state->binaryMems.push_back(memory(b.desc, eng, DNNL_MEMORY_NONE));
    state->args[b.arg] = state->binaryMems.back();
  }
  return state;
}

namespace {

void runPrepared(const ConvState &st, const KernelContext &ctx, Tensor &y) {
  dnnl::stream &strm = dnnlStream();
  auto ptr = [](const Tensor &t) { return const_cast<void *>(t.raw()); };
  memory src = st.src.read(ctx.in(0), 0);
  memory dst = st.dst.target(y, 1);
  if (st.post.sumInput >= 0) {
    // oneDNN's sum post-op adds what the destination holds before the primitive runs.
    const Tensor &residual = ctx.in(static_cast<size_t>(st.post.sumInput));
    if (st.sumStored) {
      std::memcpy(dst.get_data_handle(), residual.raw(), residual.byteSize());
    } else {
      st.dst.logicalMem.set_data_handle(ptr(residual));
      st.dst.toChannelsLast.execute(strm, st.dst.logicalMem, dst);
    }
  }
  // dnnl::memory is a shared handle: pointing these at this run's buffers updates `args`.
  memory bias = st.biasMem;
  if (st.hasBias)
    bias.set_data_handle(ptr(ctx.in(2)));
  for (size_t i = 0; i < st.post.binaries.size(); ++i) {
    memory operand = st.binaryMems[i];
    operand.set_data_handle(ptr(ctx.in(static_cast<size_t>(st.post.binaries[i].input))));
  }
  st.conv.execute(strm, st.args);
  st.dst.finish(dst, y);
  strm.wait();
}

} // namespace

void conv(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &w = ctx.in(1);
  const Tensor *bias = ctx.optIn(2);
  Tensor &y = ctx.out(0);
  expectDType(y, DType::F32, "conv result");
  ConvGeometry g;
  Shape result = convGeometry(x, w, bias, ctx.attr(), g);
  expectShape(y, result, "result");
  if (y.numElements() == 0)
    return;
  const auto *st = dynamic_cast<const ConvState *>(ctx.state);
  if (st && st->src.shape == x.shape() && st->dst.shape == result) {
    runPrepared(*st, ctx, y);
    applyEpilogue(st->post.after, ctx.inputs, y);
    return;
  }
  genericConv(x, w, bias, g, y);
  applyEpilogue(parseEpilogue(ctx.attr(), ctx.inputs.size()), ctx.inputs, y);
}

} // namespace accel::runtime::kernels
