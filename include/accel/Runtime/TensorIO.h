//===- TensorIO.h - .npy and ONNX TensorProto (.pb) files -------*- C++ -*-===//
//
// Reading and writing tensors in the formats models are exchanged in: numpy .npy
// (versions 1.0/2.0/3.0, little-endian, C order) and ONNX TensorProto .pb files (what
// the ONNX backend test suite uses). Every function reports malformed input as a Status
// naming the file; none of them throws or aborts.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_TENSORIO_H
#define ACCEL_RUNTIME_TENSORIO_H

#include "accel/Runtime/Status.h"
#include "accel/Runtime/Tensor.h"

#include <string>

namespace accel::runtime {

// .npy
Status readNpy(const std::string &path, Tensor &out);
// Parses an in-memory .npy image; `what` names the source in error messages.
Status parseNpy(const void *data, size_t size, const std::string &what, Tensor &out);
Status writeNpy(const std::string &path, const Tensor &tensor);
Status encodeNpy(const Tensor &tensor, std::string &bytes);

// ONNX TensorProto (.pb). `name` (optional) receives the proto's name field.
Status readTensorProto(const std::string &path, Tensor &out, std::string *name = nullptr);
Status parseTensorProto(const void *data, size_t size, const std::string &what,
                        Tensor &out, std::string *name = nullptr);
Status writeTensorProto(const std::string &path, const Tensor &tensor,
                        const std::string &name);

// Chooses the format from the extension (.npy / .pb), falling back to the .npy magic.
Status readTensorFile(const std::string &path, Tensor &out);

// Reads a whole file into `bytes`.
Status readFileBytes(const std::string &path, std::string &bytes);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_TENSORIO_H
