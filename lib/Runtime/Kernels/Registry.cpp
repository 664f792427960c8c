//===- Registry.cpp - Kernel table and checked invocation -----------------===//
#include "ChannelsLastView.h"
#include "KernelUtil.h"

#include <cblas.h>
#ifdef _OPENMP
#include <omp.h>
#endif
#include <new>
#include <stdexcept>

namespace accel::runtime {

// Defined one per file under lib/Runtime/Kernels.
namespace kernels {
void matmul(const KernelContext &);
std::unique_ptr<KernelState> prepareMatmul(const PrepareContext &);
void conv(const KernelContext &);
std::unique_ptr<KernelState> prepareConv(const PrepareContext &);
void convTranspose(const KernelContext &);
void unary(const KernelContext &);
void binary(const KernelContext &);
void clamp(const KernelContext &);
void where(const KernelContext &);
void reduce(const KernelContext &);
void argReduce(const KernelContext &);
void pool(const KernelContext &);
std::unique_ptr<KernelState> preparePool(const PrepareContext &);
void softmax(const KernelContext &);
void layerNorm(const KernelContext &);
void transpose(const KernelContext &);
void reshape(const KernelContext &);
void expand(const KernelContext &);
void slice(const KernelContext &);
void concat(const KernelContext &);
void gather(const KernelContext &);
void gatherElements(const KernelContext &);
void scatterElements(const KernelContext &);
void gatherND(const KernelContext &);
void scatterND(const KernelContext &);
void topK(const KernelContext &);
void pad(const KernelContext &);
void cast(const KernelContext &);
void resize(const KernelContext &);
void rnn(const KernelContext &);
void gru(const KernelContext &);
void lstm(const KernelContext &);
} // namespace kernels

const Tensor &KernelContext::in(size_t i) const {
  if (i >= inputs.size() || !inputs[i])
    throw KernelError("missing operand #" + std::to_string(i));
  return *inputs[i];
}

Tensor &KernelContext::out(size_t i) const {
  if (i >= outputs.size() || !outputs[i])
    throw KernelError("missing result #" + std::to_string(i));
  return *outputs[i];
}

const std::vector<KernelInfo> &allKernels() {
  // conv and matmul take their fused epilogue's operands after their own (Epilogue.h).
  static const std::vector<KernelInfo> table = {
      {"matmul", 2, -1, 1, kernels::matmul, kernels::prepareMatmul},
      {"conv", 2, -1, 1, kernels::conv, kernels::prepareConv},
      {"conv_transpose", 2, 3, 1, kernels::convTranspose},
      {"unary", 1, 1, 1, kernels::unary, detail::prepareElementwiseView},
      {"binary", 2, 2, 1, kernels::binary, detail::prepareElementwiseView},
      {"clamp", 1, 1, 1, kernels::clamp, detail::prepareElementwiseView},
      {"where", 3, 3, 1, kernels::where, detail::prepareElementwiseView},
      {"reduce", 1, 1, 1, kernels::reduce, detail::prepareSpatialReduceView},
      {"arg_reduce", 1, 1, 1, kernels::argReduce},
      {"pool", 1, 1, 1, kernels::pool, kernels::preparePool},
      {"softmax", 1, 1, 1, kernels::softmax},
      {"layer_norm", 2, 3, 1, kernels::layerNorm},
      {"transpose", 1, 1, 1, kernels::transpose},
      {"reshape", 1, 1, 1, kernels::reshape},
      {"expand", 1, 1, 1, kernels::expand},
      {"slice", 1, 1, 1, kernels::slice},
      {"concat", 1, -1, 1, kernels::concat, detail::prepareConcatView},
      {"gather", 2, 2, 1, kernels::gather},
      {"gather_elements", 2, 2, 1, kernels::gatherElements},
      {"scatter_elements", 3, 3, 1, kernels::scatterElements},
      {"gather_nd", 2, 2, 1, kernels::gatherND},
      {"scatter_nd", 3, 3, 1, kernels::scatterND},
      {"top_k", 1, 1, 2, kernels::topK},
      {"pad", 1, 1, 1, kernels::pad},
      {"cast", 1, 1, 1, kernels::cast},
      {"resize", 1, 1, 1, kernels::resize},
      // input, weight, recurrence, then optional bias, sequence_lens, initial_h
      // (lstm: initial_c, peepholes).
      {"rnn", 3, 6, 2, kernels::rnn},
      {"gru", 3, 6, 2, kernels::gru},
      {"lstm", 3, 8, 3, kernels::lstm},
  };
  return table;
}

const KernelInfo *lookupKernel(std::string_view name) {
  for (const KernelInfo &k : allKernels())
    if (k.name == name)
      return &k;
  return nullptr;
}

namespace {
int threadCount = 0; // 0: the default
} // namespace

void setKernelThreads(int n) {
  if (n <= 0)
    return;
  threadCount = n;
  openblas_set_num_threads(n);
#ifdef _OPENMP
  omp_set_num_threads(n); // oneDNN (built on OpenMP) and the elementwise loops
#endif
}

int kernelThreads() {
#ifdef _OPENMP
  return threadCount > 0 ? threadCount : omp_get_max_threads();
#else
  return threadCount > 0 ? threadCount : 1;
#endif
}

std::unique_ptr<KernelState> prepareKernel(const KernelInfo &kernel, const PrepareContext &ctx) {
  if (!kernel.prepare)
    return nullptr;
  try {
    return kernel.prepare(ctx);
  } catch (const std::exception &) {
    // KernelError, bad_alloc, oneDNN's errors: the unprepared path reports what is wrong.
  }
  return nullptr;
}

Status runKernel(const KernelInfo &kernel, const KernelContext &ctx) {
  try {
    kernel.fn(ctx);
  } catch (const KernelError &e) {
    return Status::error(e.what());
  } catch (const std::bad_alloc &) {
    return Status::error("out of memory");
  } catch (const std::length_error &) {
    // std::vector refuses sizes past max_size() this way (absurd shapes).
    return Status::error("out of memory (buffer size too large)");
  } catch (const std::exception &e) {
    // oneDNN reports failures of its primitives as dnnl::error.
    return Status::error(std::string("kernel library error: ") + e.what());
  }
  return Status::success();
}

Status runKernel(std::string_view name, const KernelContext &ctx) {
  const KernelInfo *k = lookupKernel(name);
  if (!k)
    return Status::error("unknown kernel '" + std::string(name) + "'");
  return runKernel(*k, ctx);
}

} // namespace accel::runtime
