//===- ChannelsLastView.cpp - Elementwise kernels on channels-last tensors ===//
#include "ChannelsLastView.h"
#include "KernelUtil.h"

namespace accel::runtime::detail {

namespace {

// `shape` padded with leading 1s to `rank` dims.
Shape padded(const Shape &shape, size_t rank) {
  Shape p(rank > shape.size() ? rank - shape.size() : 0, 1);
  p.insert(p.end(), shape.begin(), shape.end());
  return p;
}

// N x C x S... -> N x S... x C.
Shape permuted(const Shape &s) {
  Shape p = {s[0]};
  p.insert(p.end(), s.begin() + 2, s.end());
  p.push_back(s[1]);
  return p;
}

bool sameBytesInBothLayouts(const Shape &p) {
  if (p[1] == 1)
    return true;
  for (size_t d = 2; d < p.size(); ++d)
    if (p[d] != 1)
      return false;
  return true;
}

struct ViewState : KernelState {
  enum class Role { Full, Invariant, Other };
  std::vector<Role> roles;
  size_t rank = 0;
  bool reduce = false;
  bool ownAttrs = false;    // run with permutedAttrs (reduce, concat)
  Attributes permutedAttrs; // the axes as the permuted view numbers them
  bool active = false;      // set by the plan

  bool acceptsChannelsLast(size_t input) const override {
    return input < roles.size() && roles[input] != Role::Other;
  }
  bool producesChannelsLast() const override { return !reduce; }
  bool followsResultLayout(size_t input) const override {
    return !reduce && input < roles.size() && roles[input] == Role::Full;
  }
  void setLayouts(const std::vector<bool> &inputs, bool output) override {
    active = reduce ? !inputs.empty() && inputs[0] : output;
  }
};

} // namespace

std::unique_ptr<KernelState> prepareElementwiseView(const PrepareContext &ctx) {
  if (ctx.outputs.size() != 1 || !ctx.outputs[0])
    return nullptr;
  const Shape &out = ctx.outputs[0]->shape();
  if (out.size() < 3 || out.size() > 5)
    return nullptr;
  auto state = std::make_unique<ViewState>();
  state->rank = out.size();
  bool anyFull = false;
  for (const Tensor *in : ctx.inputs) {
    if (!in || in->rank() > static_cast<int64_t>(out.size())) {
      state->roles.push_back(ViewState::Role::Other);
      continue;
    }
    Shape p = padded(in->shape(), out.size());
    if (in->shape() == out) {
      state->roles.push_back(ViewState::Role::Full);
      anyFull = true;
    } else if (sameBytesInBothLayouts(p)) {
      state->roles.push_back(ViewState::Role::Invariant);
    } else {
      state->roles.push_back(ViewState::Role::Other);
    }
  }
  if (!anyFull)
    return nullptr;
  for (ViewState::Role role : state->roles)
    if (role == ViewState::Role::Other)
      return nullptr; // that operand would need the logical layout
  return state;
}

std::unique_ptr<KernelState> prepareSpatialReduceView(const PrepareContext &ctx) {
  if (ctx.inputs.size() != 1 || !ctx.inputs[0] || ctx.outputs.size() != 1)
    return nullptr;
  const Shape &in = ctx.inputs[0]->shape();
  size_t r = in.size();
  if (r < 3 || r > 5)
    return nullptr;
  std::vector<int64_t> axes = ctx.attr().getInts("axes", {});
  std::vector<bool> reduced(r, false);
  for (int64_t a : axes) {
    if (a < -static_cast<int64_t>(r) || a >= static_cast<int64_t>(r))
      return nullptr;
    reduced[static_cast<size_t>(a < 0 ? a + static_cast<int64_t>(r) : a)] = true;
  }
  if (reduced[0] || reduced[1])
    return nullptr;
  for (size_t d = 2; d < r; ++d)
    if (!reduced[d])
      return nullptr;
  auto state = std::make_unique<ViewState>();
  state->rank = r;
  state->reduce = true;
  state->roles = {ViewState::Role::Full};
  std::vector<int64_t> viewAxes;
  for (size_t d = 1; d + 1 < r; ++d)
    viewAxes.push_back(static_cast<int64_t>(d));
  state->permutedAttrs = Attributes(ctx.attr().values());
  state->permutedAttrs.setInts("axes", viewAxes);
  state->ownAttrs = true;
  return state;
}

std::unique_ptr<KernelState> prepareConcatView(const PrepareContext &ctx) {
  if (ctx.outputs.size() != 1 || !ctx.outputs[0] || ctx.inputs.empty())
    return nullptr;
  int64_t r = ctx.outputs[0]->rank();
  if (r < 3 || r > 5)
    return nullptr;
  int64_t axis = ctx.attr().getInt("axis", 0);
  if (axis < -r || axis >= r)
    return nullptr; // the kernel reports it
  if (axis < 0)
    axis += r;
  auto state = std::make_unique<ViewState>();
  state->rank = static_cast<size_t>(r);
  for (const Tensor *in : ctx.inputs) {
    if (!in || in->rank() != r)
      return nullptr;
    state->roles.push_back(ViewState::Role::Full);
  }
  // N x C x S... -> N x S... x C: C moves last, the spatial dims one forward.
  int64_t viewAxis = axis == 0 ? 0 : axis == 1 ? r - 1 : axis - 1;
  state->permutedAttrs = Attributes(ctx.attr().values());
  state->permutedAttrs.setInt("axis", viewAxis);
  state->ownAttrs = true;
  return state;
}

bool runInChannelsLastView(const KernelContext &ctx, KernelFn fn) {
  const auto *st = dynamic_cast<const ViewState *>(ctx.state);
  if (!st || !st->active || ctx.outputs.size() != 1 || !ctx.outputs[0])
    return false;
  std::vector<Tensor> views;
  views.reserve(ctx.inputs.size() + 1);
  KernelContext view;
  view.attrs = st->ownAttrs ? &st->permutedAttrs : ctx.attrs;
  for (size_t k = 0; k < ctx.inputs.size(); ++k) {
    const Tensor *in = ctx.inputs[k];
    if (!in) {
      view.inputs.push_back(nullptr);
      continue;
    }
    Shape p = padded(in->shape(), st->rank);
    if (p.size() != st->rank)
      return false;
    views.push_back(Tensor::borrowed(in->dtype(), permuted(p), in->raw()));
    view.inputs.push_back(&views.back());
  }
  Tensor &out = *ctx.outputs[0];
  Shape outShape = out.shape();
  if (st->reduce && outShape.size() == st->rank)
    outShape = permuted(outShape); // kept dims: N x 1... x C, the same bytes
  else if (!st->reduce)
    outShape = permuted(outShape);
  views.push_back(Tensor::borrowed(out.dtype(), outShape, out.raw()));
  view.outputs = {&views.back()};
  fn(view);
  return true;
}

} // namespace accel::runtime::detail
