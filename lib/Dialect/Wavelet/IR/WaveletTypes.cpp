//===- WaveletTypes.cpp - !wavelet.buffer ---------------------------------===//

#include "accel/Dialect/Wavelet/IR/Wavelet.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel::wavelet;

#define GET_TYPEDEF_CLASSES
#include "accel/Dialect/Wavelet/IR/WaveletTypes.cpp.inc"

void WaveletDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "accel/Dialect/Wavelet/IR/WaveletTypes.cpp.inc"
      >();
}

LogicalResult BufferType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t size) {
  if (size < 1)
    return emitError() << "buffer size must be at least 1 word, got " << size;
  return success();
}
