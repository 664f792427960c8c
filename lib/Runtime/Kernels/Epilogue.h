//===- Epilogue.h - Elementwise epilogues fused into conv and matmul -*- C++ -*-===//
//
// `dataflow-fuse-epilogues` folds the elementwise ops that follow a conv or matmul into
// it (docs/passes.md). The instruction then carries, besides its own attributes:
//   epilogue          "add,relu": the steps' kinds, comma-separated (unary, binary
//                     and "clamp" mnemonics of the dataflow dialect; "silu" = x*sigmoid(x))
//   epilogue_inputs   per step, the instruction input holding the binary operand, or -1
//   epilogue_alpha / epilogue_beta
//                     per step, the unary op's alpha/beta or clamp's min/max
// Binary operands broadcast into the result (the fused value is always the lhs).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_RUNTIME_KERNELS_EPILOGUE_H
#define ACCEL_LIB_RUNTIME_KERNELS_EPILOGUE_H

#include "accel/Runtime/Kernels.h"

#include <string>
#include <vector>

namespace accel::runtime::detail {

struct EpilogueStep {
  enum class Kind { Unary, Binary, Clamp, Silu };
  Kind kind = Kind::Unary;
  std::string name; // the unary or binary mnemonic
  int input = -1;   // Binary: index into the instruction's inputs
  float alpha = 0, beta = 0;
};

// The steps of the instruction's epilogue (empty without one); KernelError when the
// attributes are inconsistent or name an input the instruction does not have.
std::vector<EpilogueStep> parseEpilogue(const Attributes &attrs, size_t numInputs);

// Applies the steps in place on `y` with the elementwise kernels themselves, so a fused
// instruction computes exactly what the unfused ops would.
void applyEpilogue(const std::vector<EpilogueStep> &steps,
                   const std::vector<const Tensor *> &inputs, Tensor &y);

} // namespace accel::runtime::detail

#endif // ACCEL_LIB_RUNTIME_KERNELS_EPILOGUE_H
