//===- WaveletOps.cpp - wavelet op definitions and custom assembly --------===//
//
// The ODS-generated op classes, the `%buf[offset:len(:stride)]` DSD directive and the
// kernel's function syntax. Verifiers live with their family: WaveletStructureOps.cpp
// (fabric, kernel, launch, region), WaveletRegionOps.cpp (buffer, route, init, streams,
// task), WaveletDsdOps.cpp (instructions).
//
//===----------------------------------------------------------------------===//

#include "accel/Support/DeviceKernel.h"
#include "accel/Dialect/Wavelet/IR/Wavelet.h"

#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/FunctionImplementation.h"

using namespace mlir;
using namespace accel::wavelet;

/// `%buf[offset:len]` (stride 1) or `%buf[offset:len:stride]`.
static ParseResult parseDsd(OpAsmParser &parser, OpAsmParser::UnresolvedOperand &buffer,
                            DenseI64ArrayAttr &dsd) {
  int64_t offset = 0, len = 0, stride = 1;
  if (parser.parseOperand(buffer) || parser.parseLSquare() ||
      parser.parseInteger(offset) || parser.parseColon() || parser.parseInteger(len))
    return failure();
  if (succeeded(parser.parseOptionalColon()) && parser.parseInteger(stride))
    return failure();
  if (parser.parseRSquare())
    return failure();
  dsd = parser.getBuilder().getDenseI64ArrayAttr({offset, len, stride});
  return success();
}

static void printDsd(OpAsmPrinter &printer, Operation *, Value buffer,
                     DenseI64ArrayAttr dsd) {
  printer << buffer << '[';
  ArrayRef<int64_t> v = dsd.asArrayRef();
  if (v.size() != 3) { // unverified IR: print what is there
    llvm::interleave(v, printer, ":");
  } else {
    printer << v[0] << ':' << v[1];
    if (v[2] != 1)
      printer << ':' << v[2];
  }
  printer << ']';
}

#include "accel/Dialect/Wavelet/IR/WaveletInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "accel/Dialect/Wavelet/IR/WaveletOps.cpp.inc"

ParseResult KernelOp::parse(OpAsmParser &parser, OperationState &result) {
  return accel::parseDeviceKernel<KernelOp>(parser, result);
}

void KernelOp::print(OpAsmPrinter &printer) { accel::printDeviceKernel(printer, *this); }

void BufferOp::getAsmResultNames(function_ref<void(Value, StringRef)> setNameFn) {
  setNameFn(getResult(), getName());
}
