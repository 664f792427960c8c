//===- Dnnl.h - oneDNN engine, stream and epilogue post-ops -----*- C++ -*-===//
//
// The host's convolution and matmul run on oneDNN (Debian's libdnnl), the CPU primitive
// library PyTorch and ONNX Runtime's DNNL provider use. Primitives and weights in the
// primitive's preferred layout are built once per instruction when the schedule loads
// (KernelState); the elementwise epilogue the fusion pass attached becomes oneDNN
// post-ops where oneDNN has the operation, and runs after the primitive otherwise.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_RUNTIME_KERNELS_DNNL_H
#define ACCEL_LIB_RUNTIME_KERNELS_DNNL_H

#include "Epilogue.h"

#include <dnnl.hpp>

#include <optional>
#include <utility>
#include <vector>

namespace accel::runtime::detail {

dnnl::engine &dnnlEngine();
dnnl::stream &dnnlStream();

dnnl::memory::dims toDims(const Shape &shape);
// Plain row-major layout of a rank-N tensor (abcd...).
dnnl::memory::format_tag plainTag(size_t rank);
// Channels-last layout of an N,C,spatial... tensor (nwc, nhwc, ndhwc).
dnnl::memory::format_tag channelsLastTag(size_t rank);

// One activation of a primitive that computes channels-last: its logical (row-major)
// and channels-last descriptors, the reorders between them, and whether the layout plan
// already stores the tensor channels-last (then no reorder runs).
struct ChannelsLastPort {
  Shape shape;
  dnnl::memory::desc logical, channelsLast;
  dnnl::reorder toChannelsLast, toLogical;
  // Memory objects made once and pointed at each run's buffers (cheaper than new ones).
  mutable dnnl::memory logicalMem, channelsLastMem;
  bool stored = false; // set by the layout plan

  explicit ChannelsLastPort(const Shape &shape = {});
  // The tensor as primitive input; reordered into scratch `slot` unless stored so.
  dnnl::memory read(const Tensor &t, int slot) const;
  // Where the primitive writes the result `t`: `t` itself, or scratch `slot`.
  dnnl::memory target(Tensor &t, int slot) const;
  // After the primitive ran into `target(t, slot)`: reorders it into `t` if needed.
  void finish(dnnl::memory &written, Tensor &t) const;
};

// The epilogue steps oneDNN can apply as post-ops, from the first on. `result` is the
// primitive's result shape. Binary operands whose shape equals the result's become a
// `sum` (at most one: the operand is copied into the destination first); others must
// broadcast per channel (dim 1) or be scalars.
struct DnnlPostOps {
  dnnl::post_ops ops;
  std::vector<EpilogueStep> after; // the steps not in `ops`: run after the primitive
  int sumInput = -1;   // instruction input copied into the destination before it runs
  // Per binary post-op: its DNNL_ARG_ATTR_MULTIPLE_POST_OP(k) | DNNL_ARG_SRC_1 argument,
  // the instruction input and that input's memory descriptor.
  struct Binary {
    int arg;
    int input;
    dnnl::memory::desc desc;
  };
  std::vector<Binary> binaries;
};
// `operands[i]` is the shape instruction input i has as a post-op operand (empty: absent
// or not usable).
DnnlPostOps makePostOps(const std::vector<EpilogueStep> &steps,
                        const std::vector<Shape> &operands, const Shape &result);
// The inputs' own shapes, for makePostOps.
std::vector<Shape> operandShapes(const std::vector<const Tensor *> &inputs);

// make(attr) builds a primitive descriptor with `post`'s post-ops; when oneDNN has no
// kernel for them, `post` becomes "every step after the primitive" and it is tried again
// without. nullopt when oneDNN has no kernel for the primitive at all.
template <typename Make>
auto withPostOps(DnnlPostOps &post, const std::vector<EpilogueStep> &steps, Make make)
    -> std::optional<decltype(make(dnnl::primitive_attr()))> {
  for (;;) {
    dnnl::primitive_attr attr;
    attr.set_post_ops(post.ops);
    try {
      return make(attr);
    } catch (const dnnl::error &) {
      if (post.ops.len() == 0)
        return std::nullopt;
      post = DnnlPostOps();
      post.after = steps;
    }
  }
}

} // namespace accel::runtime::detail

#endif // ACCEL_LIB_RUNTIME_KERNELS_DNNL_H
