//===- NodeAttrs.h - typed access to ONNX node attributes --------*- C++ -*-===//

#ifndef ACCEL_LIB_IMPORT_ONNX_NODEATTRS_H
#define ACCEL_LIB_IMPORT_ONNX_NODEATTRS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

#include <optional>
#include <string>

namespace accel::onnx_import {

inline const onnx::AttributeProto *findAttr(const onnx::NodeProto &node,
                                            llvm::StringRef name) {
  for (const auto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

inline int64_t getIntAttr(const onnx::NodeProto &node, llvm::StringRef name,
                          int64_t defaultValue) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr ? attr->i() : defaultValue;
}

inline float getFloatAttr(const onnx::NodeProto &node, llvm::StringRef name,
                          float defaultValue) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr ? attr->f() : defaultValue;
}

inline std::string getStringAttr(const onnx::NodeProto &node,
                                 llvm::StringRef name,
                                 llvm::StringRef defaultValue) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  return attr ? attr->s() : defaultValue.str();
}

inline std::optional<llvm::SmallVector<int64_t>>
getIntsAttr(const onnx::NodeProto &node, llvm::StringRef name) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  if (!attr)
    return std::nullopt;
  return llvm::SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

inline std::optional<llvm::SmallVector<float>>
getFloatsAttr(const onnx::NodeProto &node, llvm::StringRef name) {
  const onnx::AttributeProto *attr = findAttr(node, name);
  if (!attr)
    return std::nullopt;
  return llvm::SmallVector<float>(attr->floats().begin(), attr->floats().end());
}

/// Whether input `i` is present (ONNX marks skipped optional inputs with "").
inline bool hasInput(const onnx::NodeProto &node, int i) {
  return i < node.input_size() && !node.input(i).empty();
}

} // namespace accel::onnx_import

#endif // ACCEL_LIB_IMPORT_ONNX_NODEATTRS_H
