//===- Epilogue.cpp - Parse and apply fused elementwise epilogues ---------===//
#include "Epilogue.h"
#include "KernelUtil.h"

namespace accel::runtime {
namespace kernels {
void unary(const KernelContext &);
void binary(const KernelContext &);
void clamp(const KernelContext &);
} // namespace kernels

namespace detail {

std::vector<EpilogueStep> parseEpilogue(const Attributes &attrs, size_t numInputs) {
  std::vector<EpilogueStep> steps;
  std::string list = attrs.getString("epilogue", "");
  if (list.empty())
    return steps;
  std::vector<int64_t> inputs = attrs.getInts("epilogue_inputs", {});
  std::vector<double> alpha = attrs.getFloats("epilogue_alpha", {});
  std::vector<double> beta = attrs.getFloats("epilogue_beta", {});
  for (const std::string &name : splitCommas(list)) {
    EpilogueStep step;
    step.name = name;
    steps.push_back(step);
  }
  size_t n = steps.size();
  if (inputs.size() != n || alpha.size() != n || beta.size() != n)
    fail("epilogue '" + list + "' has " + std::to_string(n) +
         " steps but epilogue_inputs/alpha/beta have " + std::to_string(inputs.size()) + "/" +
         std::to_string(alpha.size()) + "/" + std::to_string(beta.size()));
  for (size_t i = 0; i < n; ++i) {
    EpilogueStep &s = steps[i];
    s.input = static_cast<int>(inputs[i]);
    s.alpha = static_cast<float>(alpha[i]);
    s.beta = static_cast<float>(beta[i]);
    if (s.name == "clamp")
      s.kind = EpilogueStep::Kind::Clamp;
    else if (s.name == "silu")
      s.kind = EpilogueStep::Kind::Silu;
    else if (s.input >= 0)
      s.kind = EpilogueStep::Kind::Binary;
    if (s.name.empty())
      fail("epilogue '" + list + "' has an empty step");
    if (s.kind == EpilogueStep::Kind::Binary && static_cast<size_t>(s.input) >= numInputs)
      fail("epilogue step '" + s.name + "' reads input #" + std::to_string(s.input) +
           " of an instruction with " + std::to_string(numInputs) + " inputs");
    if (s.kind != EpilogueStep::Kind::Binary && s.input >= 0)
      fail("epilogue step '" + s.name + "' takes no operand");
  }
  return steps;
}

void applyEpilogue(const std::vector<EpilogueStep> &steps,
                   const std::vector<const Tensor *> &inputs, Tensor &y) {
  for (const EpilogueStep &s : steps) {
    Attributes attrs;
    KernelContext ctx;
    ctx.outputs = {&y};
    ctx.attrs = &attrs;
    switch (s.kind) {
    case EpilogueStep::Kind::Unary:
      attrs.setString("kind", s.name).setFloat("alpha", s.alpha).setFloat("beta", s.beta);
      ctx.inputs = {&y};
      kernels::unary(ctx);
      break;
    case EpilogueStep::Kind::Clamp:
      attrs.setFloat("min", s.alpha).setFloat("max", s.beta);
      ctx.inputs = {&y};
      kernels::clamp(ctx);
      break;
    case EpilogueStep::Kind::Binary: {
      const Tensor *rhs = inputs[static_cast<size_t>(s.input)];
      if (!rhs)
        fail("epilogue step '" + s.name + "' has no operand");
      attrs.setString("kind", s.name);
      ctx.inputs = {&y, rhs};
      kernels::binary(ctx);
      break;
    }
    case EpilogueStep::Kind::Silu: {
      // y * sigmoid(y), as the unfused unary + binary pair computes it.
      Tensor sig;
      Status st = Tensor::allocateUninitialized(y.dtype(), y.shape(), sig);
      if (!st.ok())
        fail(st.message());
      attrs.setString("kind", "sigmoid");
      ctx.inputs = {&y};
      ctx.outputs = {&sig};
      kernels::unary(ctx);
      Attributes mul;
      mul.setString("kind", "mul");
      KernelContext m{{&y, &sig}, {&y}, &mul};
      kernels::binary(m);
      break;
    }
    }
  }
}

} // namespace detail
} // namespace accel::runtime
