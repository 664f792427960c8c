//===- DeviceKernel.h - Syntax shared by device dialects' kernel ops -*- C++ -*-===//
//
// Every device dialect's kernel op (wavelet.kernel, tile.kernel) is a function-like op
// printed and parsed like func.func; these are the one implementation they call.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SUPPORT_DEVICEKERNEL_H
#define ACCEL_SUPPORT_DEVICEKERNEL_H

#include "mlir/Interfaces/FunctionImplementation.h"

namespace accel {

template <typename KernelOp>
mlir::ParseResult parseDeviceKernel(mlir::OpAsmParser &parser, mlir::OperationState &result) {
  auto buildFuncType = [](mlir::Builder &builder, llvm::ArrayRef<mlir::Type> argTypes,
                          llvm::ArrayRef<mlir::Type> results,
                          mlir::function_interface_impl::VariadicFlag,
                          std::string &) { return builder.getFunctionType(argTypes, results); };
  return mlir::function_interface_impl::parseFunctionOp(
      parser, result, /*allowVariadic=*/false, KernelOp::getFunctionTypeAttrName(result.name),
      buildFuncType, KernelOp::getArgAttrsAttrName(result.name),
      KernelOp::getResAttrsAttrName(result.name));
}

template <typename KernelOp>
void printDeviceKernel(mlir::OpAsmPrinter &printer, KernelOp op) {
  mlir::function_interface_impl::printFunctionOp(
      printer, op, /*isVariadic=*/false, op.getFunctionTypeAttrName(), op.getArgAttrsAttrName(),
      op.getResAttrsAttrName());
}

} // namespace accel

#endif // ACCEL_SUPPORT_DEVICEKERNEL_H
