//===- WaveletDialect.cpp - wavelet dialect registration ------------------===//

#include "accel/Dialect/Wavelet/IR/Wavelet.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace accel::wavelet;

#include "accel/Dialect/Wavelet/IR/WaveletDialect.cpp.inc"
#include "accel/Dialect/Wavelet/IR/WaveletEnums.cpp.inc"

void WaveletDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "accel/Dialect/Wavelet/IR/WaveletOps.cpp.inc"
      >();
}
