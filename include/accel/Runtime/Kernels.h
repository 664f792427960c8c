//===- Kernels.h - Host kernels, one per dataflow op ------------*- C++ -*-===//
//
// Each kernel implements one op of docs/dialect.md. Outputs are pre-allocated by the
// caller with the result shapes recorded in the schedule; kernels validate operand
// shapes/dtypes against them and throw KernelError on anything inconsistent.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_KERNELS_H
#define ACCEL_RUNTIME_KERNELS_H

#include "accel/Runtime/Attributes.h"
#include "accel/Runtime/Status.h"
#include "accel/Runtime/Tensor.h"

#include <memory>
#include <string_view>
#include <vector>

namespace accel::runtime {

// What a kernel precomputes once per instruction when the schedule is loaded (a oneDNN
// primitive, weights reordered into the layout it wants); owned by the executor.
//
// Layouts: a 3-5-d f32 tensor is stored row-major (N, C, spatial...) unless the executor's
// layout plan keeps it channels-last (N, spatial..., C) between two kernels that both
// work in that layout (oneDNN's fast convolutions do), saving the reorders to and from
// the logical layout. A state says which of its inputs and its result may be
// channels-last; the executor decides per tensor and tells each state.
struct KernelState {
  virtual ~KernelState() = default;
  virtual bool acceptsChannelsLast(size_t /*input*/) const { return false; }
  virtual bool producesChannelsLast() const { return false; }
  // Elementwise kernels: this input must be stored as the result is (both or neither).
  virtual bool followsResultLayout(size_t /*input*/) const { return false; }
  // Called before every run that follows a new plan; all false = the logical layout.
  virtual void setLayouts(const std::vector<bool> & /*inputsChannelsLast*/,
                          bool /*outputChannelsLast*/) {}
};

struct KernelContext {
  std::vector<const Tensor *> inputs; // nullptr = absent optional operand
  std::vector<Tensor *> outputs;
  const Attributes *attrs = nullptr;
  // The instruction's prepared state, or nullptr (not prepared: the kernel's generic path).
  const KernelState *state = nullptr;

  const Tensor &in(size_t i) const;
  const Tensor *optIn(size_t i) const { return i < inputs.size() ? inputs[i] : nullptr; }
  Tensor &out(size_t i) const;
  const Attributes &attr() const { return *attrs; }
};

using KernelFn = void (*)(const KernelContext &);

// Called once per instruction at load. Constant operands are real tensors; the others
// (and the outputs) carry dtype and shape only (data() is nullptr). Returns nullptr when
// there is nothing to precompute; may throw KernelError, which the executor ignores (the
// kernel then reports the problem when it runs).
struct PrepareContext {
  std::vector<const Tensor *> inputs; // nullptr = absent optional operand
  std::vector<bool> constant;         // per input: its data is known at load
  std::vector<const Tensor *> outputs;
  const Attributes *attrs = nullptr;
  const Attributes &attr() const { return *attrs; }
};
using PrepareFn = std::unique_ptr<KernelState> (*)(const PrepareContext &);

struct KernelInfo {
  std::string_view name;
  int minInputs;
  int maxInputs; // -1: variadic
  int numOutputs;
  KernelFn fn;
  PrepareFn prepare = nullptr;
};

// nullptr when `name` is not a known kernel.
const KernelInfo *lookupKernel(std::string_view name);
const std::vector<KernelInfo> &allKernels();

// Number of threads every kernel may use (oneDNN, BLAS and the OpenMP loops of the
// elementwise kernels); n <= 0 keeps the default (all cores, or OMP_NUM_THREADS). Call it
// before an Executor is created: oneDNN sizes its work split when it prepares.
void setKernelThreads(int n);
int kernelThreads();

// Prepares one instruction (kernel.prepare), converting a KernelError into nullptr.
std::unique_ptr<KernelState> prepareKernel(const KernelInfo &kernel,
                                           const PrepareContext &ctx);

// Runs a kernel and converts KernelError / std::bad_alloc into a Status.
Status runKernel(const KernelInfo &kernel, const KernelContext &ctx);
// Convenience for tests and tools: looks `name` up first.
Status runKernel(std::string_view name, const KernelContext &ctx);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_KERNELS_H
