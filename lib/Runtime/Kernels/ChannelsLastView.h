//===- ChannelsLastView.h - Elementwise kernels on channels-last tensors -*- C++ -*-===//
//
// A tensor the layout plan stores channels-last (Kernels.h) holds the bytes of its
// logical N x C x S... shape permuted to N x S... x C. Elementwise kernels and spatial
// reductions need no code of their own for it: they run on that permuted shape, with
// every other operand viewed the same way. An operand that is not stored channels-last
// can join when its bytes are the same in both layouts (C = 1, or every spatial dim 1:
// per-channel scales, scalars).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_RUNTIME_KERNELS_CHANNELSLASTVIEW_H
#define ACCEL_LIB_RUNTIME_KERNELS_CHANNELSLASTVIEW_H

#include "accel/Runtime/Kernels.h"

namespace accel::runtime::detail {

// For unary, binary, clamp and where: f32 or any dtype, a 3-5-d result.
std::unique_ptr<KernelState> prepareElementwiseView(const PrepareContext &ctx);
// For reduce over exactly the spatial dims of a 3-5-d input (global pooling).
std::unique_ptr<KernelState> prepareSpatialReduceView(const PrepareContext &ctx);
// For concat of 3-5-d tensors (DenseNet's and Inception's channel concats): every operand
// follows the result's layout, and the axis is renumbered for the permuted view.
std::unique_ptr<KernelState> prepareConcatView(const PrepareContext &ctx);

// Runs `fn` on the channels-last view when the plan stores the instruction's operands
// so; false (nothing ran) otherwise.
bool runInChannelsLastView(const KernelContext &ctx, KernelFn fn);

} // namespace accel::runtime::detail

#endif // ACCEL_LIB_RUNTIME_KERNELS_CHANNELSLASTVIEW_H
