//===- MappingUtils.h - Shared pieces of the WSE mapping patterns -*- C++ -*-===//
#ifndef ACCEL_LIB_CONVERSION_DATAFLOWTOWAVELET_MAPPINGUTILS_H
#define ACCEL_LIB_CONVERSION_DATAFLOWTOWAVELET_MAPPINGUTILS_H

#include "accel/Dialect/Wavelet/IR/Wavelet.h"
#include "accel/Dialect/Wavelet/Transforms/Plan.h"
#include "accel/Sim/WSE/Program.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace accel::dataflow {
class ConvOp;
} // namespace accel::dataflow

namespace accel::wavelet {

/// Whether a convolution is depthwise (one input and one output channel per group).
bool isDepthwise(accel::dataflow::ConvOp op);

/// A window dim in plain C++ (the fields of #wavelet.window_dim, Program.h's meaning).
using Dim = sim::wse::WindowDim;

WindowAttr makeWindow(mlir::MLIRContext *ctx, llvm::ArrayRef<Dim> dims, float pad = 0.0f);

/// A window dim along tensor dim `tensorDim` of `size` elements from `base`.
Dim dim(int32_t tensorDim, int64_t size, int64_t base = 0, int64_t step = 1);

int64_t ceilDiv(int64_t a, int64_t b);

/// Whether `v` is a dataflow constant (weights the device keeps resident with the program).
bool isConstantTensor(mlir::Value v);
/// Whether every operand and result is f32 and every result has elements.
bool allF32WithElements(mlir::Operation *op);

/// The fabric model of the kernel holding `op`.
FabricModel fabricModelOf(mlir::Operation *op);

/// Creates the region of a kernel (at the rewriter's point), named after the kernel, with
/// an empty body; the caller adds buffers, inits and streams.
RegionOp createRegion(mlir::ConversionPatternRewriter &rewriter, mlir::Operation *op,
                      int64_t width, int64_t height, int64_t instances,
                      mlir::DictionaryAttr plan);

BufferOp createBuffer(mlir::OpBuilder &b, mlir::Location loc, llvm::StringRef name,
                      int64_t words);

void populateGemmMappingPatterns(mlir::RewritePatternSet &patterns);
void populateElementwiseMappingPatterns(mlir::RewritePatternSet &patterns);
void populateRowwiseMappingPatterns(mlir::RewritePatternSet &patterns);
void populateDepthwiseMappingPatterns(mlir::RewritePatternSet &patterns);

/// Device legality per op family (used by the partition hooks).
bool isGemmMappable(mlir::Operation *op);
bool isElementwiseMappable(mlir::Operation *op);
bool isRowwiseMappable(mlir::Operation *op);
bool isDepthwiseMappable(mlir::Operation *op);

} // namespace accel::wavelet

#endif
