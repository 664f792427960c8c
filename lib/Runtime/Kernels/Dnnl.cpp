//===- Dnnl.cpp - oneDNN engine, stream and epilogue post-ops -------------===//
#include "Dnnl.h"
#include "KernelUtil.h"

namespace accel::runtime::detail {

using tag = dnnl::memory::format_tag;
using dnnl::algorithm;

dnnl::engine &dnnlEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream &dnnlStream() {
  static dnnl::stream stream(dnnlEngine());
  return stream;
}

dnnl::memory::dims toDims(const Shape &shape) {
  return dnnl::memory::dims(shape.begin(), shape.end());
}

tag plainTag(size_t rank) {
  static const tag tags[] = {tag::a, tag::a, tag::ab, tag::abc, tag::abcd, tag::abcde,
                             tag::abcdef};
  return rank < std::size(tags) ? tags[rank] : tag::undef;
}

tag channelsLastTag(size_t rank) {
  switch (rank) {
  case 3: return tag::nwc;
  case 4: return tag::nhwc;
  case 5: return tag::ndhwc;
  default: return plainTag(rank);
  }
}

namespace {

// Grow-only scratch for channels-last copies, reused by every instruction.
float *scratch(int slot, size_t n) {
  thread_local std::vector<float> bufs[2];
  std::vector<float> &buf = bufs[slot & 1];
  if (buf.size() < n)
    buf.resize(n);
  return buf.data();
}

void *handle(const Tensor &t) { return const_cast<void *>(t.raw()); }

} // namespace

ChannelsLastPort::ChannelsLastPort(const Shape &s) : shape(s) {
  if (s.empty())
    return;
  dnnl::engine &eng = dnnlEngine();
  logical = dnnl::memory::desc(toDims(s), dnnl::memory::data_type::f32, plainTag(s.size()));
  channelsLast =
      dnnl::memory::desc(toDims(s), dnnl::memory::data_type::f32, channelsLastTag(s.size()));
  toChannelsLast = dnnl::reorder(dnnl::reorder::primitive_desc(eng, logical, eng, channelsLast));
  toLogical = dnnl::reorder(dnnl::reorder::primitive_desc(eng, channelsLast, eng, logical));
  logicalMem = dnnl::memory(logical, eng, DNNL_MEMORY_NONE);
  channelsLastMem = dnnl::memory(channelsLast, eng, DNNL_MEMORY_NONE);
}

dnnl::memory ChannelsLastPort::read(const Tensor &t, int slot) const {
  if (stored) {
    channelsLastMem.set_data_handle(handle(t));
    return channelsLastMem;
  }
  logicalMem.set_data_handle(handle(t));
  channelsLastMem.set_data_handle(scratch(slot, static_cast<size_t>(t.numElements())));
  toChannelsLast.execute(dnnlStream(), logicalMem, channelsLastMem);
  return channelsLastMem;
}

dnnl::memory ChannelsLastPort::target(Tensor &t, int slot) const {
  channelsLastMem.set_data_handle(stored ? handle(t)
                                         : scratch(slot, static_cast<size_t>(t.numElements())));
  return channelsLastMem;
}

void ChannelsLastPort::finish(dnnl::memory &written, Tensor &t) const {
  if (stored)
    return;
  logicalMem.set_data_handle(handle(t));
  toLogical.execute(dnnlStream(), written, logicalMem);
}

namespace {

// The oneDNN eltwise algorithm (and alpha, beta) computing a unary step, if any.
bool eltwiseFor(const EpilogueStep &s, algorithm &alg, float &alpha, float &beta) {
  alpha = 0;
  beta = 0;
  if (s.kind == EpilogueStep::Kind::Clamp) {
    alg = algorithm::eltwise_clip;
    alpha = s.alpha;
    beta = s.beta;
    return true;
  }
  if (s.kind == EpilogueStep::Kind::Silu) {
    alg = algorithm::eltwise_swish;
    alpha = 1;
    return true;
  }
  if (s.kind != EpilogueStep::Kind::Unary)
    return false;
  const std::string &k = s.name;
  if (k == "relu") alg = algorithm::eltwise_relu;
  else if (k == "leaky_relu") { alg = algorithm::eltwise_relu; alpha = s.alpha; }
  else if (k == "elu") { alg = algorithm::eltwise_elu; alpha = s.alpha; }
  else if (k == "sigmoid") alg = algorithm::eltwise_logistic;
  else if (k == "tanh") alg = algorithm::eltwise_tanh;
  else if (k == "gelu") alg = algorithm::eltwise_gelu_erf;
  else if (k == "hard_swish") alg = algorithm::eltwise_hardswish;
  else if (k == "abs") alg = algorithm::eltwise_abs;
  else if (k == "sqrt") alg = algorithm::eltwise_sqrt;
  else if (k == "exp") alg = algorithm::eltwise_exp;
  else if (k == "identity") { alg = algorithm::eltwise_linear; alpha = 1; }
  else if (k == "neg") { alg = algorithm::eltwise_linear; alpha = -1; }
  else
    return false;
  return true;
}

bool binaryFor(const std::string &k, algorithm &alg) {
  if (k == "add") alg = algorithm::binary_add;
  else if (k == "sub") alg = algorithm::binary_sub;
  else if (k == "mul") alg = algorithm::binary_mul;
  else if (k == "div") alg = algorithm::binary_div;
  else if (k == "max") alg = algorithm::binary_max;
  else if (k == "min") alg = algorithm::binary_min;
  else
    return false;
  return true;
}

// `operand` right-aligned against `result`, as a full-rank shape when it is a scalar or
// varies only along dim 1 (per channel); empty otherwise.
Shape perChannelShape(const Shape &operand, const Shape &result) {
  if (operand.size() > result.size() || result.size() < 2)
    return {};
  Shape full(result.size(), 1);
  size_t off = result.size() - operand.size();
  for (size_t d = 0; d < operand.size(); ++d) {
    int64_t size = operand[d];
    if (size == 1)
      continue;
    if (d + off != 1 || size != result[1])
      return {};
    full[d + off] = size;
  }
  return full;
}

} // namespace

std::vector<Shape> operandShapes(const std::vector<const Tensor *> &inputs) {
  std::vector<Shape> shapes;
  for (const Tensor *t : inputs)
    shapes.push_back(t && t->dtype() == DType::F32 ? t->shape() : Shape{});
  return shapes;
}

DnnlPostOps makePostOps(const std::vector<EpilogueStep> &steps,
                        const std::vector<Shape> &operands, const Shape &result) {
  DnnlPostOps out;
  size_t fused = 0;
  for (; fused < steps.size(); ++fused) {
    const EpilogueStep &s = steps[fused];
    algorithm alg;
    float alpha, beta;
    if (eltwiseFor(s, alg, alpha, beta)) {
      out.ops.append_eltwise(1.0f, alg, alpha, beta);
      continue;
    }
    if (s.kind != EpilogueStep::Kind::Binary || !binaryFor(s.name, alg))
      break;
    const Shape &operand = operands[static_cast<size_t>(s.input)];
    if (operand.empty())
      break;
    if (operand == result) {
      if (s.name != "add" || out.sumInput >= 0)
        break;
      out.ops.append_sum(1.0f);
      out.sumInput = s.input;
      continue;
    }
    Shape full = perChannelShape(operand, result);
    if (full.empty())
      break;
    dnnl::memory::desc desc(toDims(full), dnnl::memory::data_type::f32,
                            plainTag(full.size()));
    int index = out.ops.len();
    out.ops.append_binary(alg, desc);
    out.binaries.push_back(
        {DNNL_ARG_ATTR_MULTIPLE_POST_OP(index) | DNNL_ARG_SRC_1, s.input, desc});
  }
  out.after.assign(steps.begin() + static_cast<long>(fused), steps.end());
  return out;
}

} // namespace accel::runtime::detail
