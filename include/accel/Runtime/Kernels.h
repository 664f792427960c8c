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

#include <string_view>
#include <vector>

namespace accel::runtime {

struct KernelContext {
  std::vector<const Tensor *> inputs; // nullptr = absent optional operand
  std::vector<Tensor *> outputs;
  const Attributes *attrs = nullptr;

  const Tensor &in(size_t i) const;
  const Tensor *optIn(size_t i) const { return i < inputs.size() ? inputs[i] : nullptr; }
  Tensor &out(size_t i) const;
  const Attributes &attr() const { return *attrs; }
};

using KernelFn = void (*)(const KernelContext &);

struct KernelInfo {
  std::string_view name;
  int minInputs;
  int maxInputs; // -1: variadic
  int numOutputs;
  KernelFn fn;
};

// nullptr when `name` is not a known kernel.
const KernelInfo *lookupKernel(std::string_view name);
const std::vector<KernelInfo> &allKernels();

// Number of threads the BLAS-backed kernels (matmul, conv) may use; n <= 0 keeps the
// OpenBLAS default (OPENBLAS_NUM_THREADS or the core count).
void setKernelThreads(int n);

// Runs a kernel and converts KernelError / std::bad_alloc into a Status.
Status runKernel(const KernelInfo &kernel, const KernelContext &ctx);
// Convenience for tests and tools: looks `name` up first.
Status runKernel(std::string_view name, const KernelContext &ctx);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_KERNELS_H
