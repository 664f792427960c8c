//===- OpsetConversion.h - convert older models to the canonical opset -*- C++
//-*-===//
//
// Models from other exporters and older torch versions use opsets 7..16 (the
// ONNX backend tests go down to 1). They are converted to kCanonicalONNXOpset
// with libonnx's version converter, one opset step at a time, with our own
// adapters where libonnx's need shapes it cannot know before the shape
// subgraphs are folded (Softmax/LogSoftmax 12->13) or get the semantics wrong
// (Hardmax 12->13, Resize 10->11, Clip 10->11 without max, Pad 10->11 without
// `value`, BatchNormalization 8->9 with spatial=0). Every failure names the
// node. docs/importer.md, "Older opsets and other exporters".
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_LIB_IMPORT_ONNX_OPSETCONVERSION_H
#define ACCEL_LIB_IMPORT_ONNX_OPSETCONVERSION_H

#include "mlir/IR/Location.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

#include <cstdint>
#include <utility>

namespace accel::onnx_import {

/// The default-domain opsets the linked libonnx has schemas for (1 to 17 for
/// libonnx 1.12).
std::pair<int64_t, int64_t> knownOpsets();

/// Reports a default opset outside knownOpsets(). Opsets 1..6 are converted
/// by libonnx's adapters (the ONNX backend's pytorch-converted tests are at
/// opset 6); what cannot be converted is reported per node.
mlir::LogicalResult checkOpsetSupported(int64_t opset, llvm::StringRef fileName,
                                        mlir::Location loc);

/// The op type a default-domain node of `opType` in a model at `opset` has
/// once converted to the canonical opset (Upsample before 10 becomes Resize,
/// Scatter before 11 becomes ScatterElements); `opType` for all others.
llvm::StringRef opTypeAfterConversion(llvm::StringRef opType, int64_t opset);

/// Converts `model` (default opset `from`) to opset `to` > `from`. Runs a
/// data-propagating shape inference first (results the adapters may read are
/// dropped again by the caller). On failure `model` is unchanged and the
/// diagnostic names the node whose conversion failed.
mlir::LogicalResult convertOpset(onnx::ModelProto &model, int64_t from,
                                 int64_t to, llvm::StringRef fileName,
                                 mlir::Location loc);

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_OPSETCONVERSION_H
