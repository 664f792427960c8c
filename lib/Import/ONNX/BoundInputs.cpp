//===- BoundInputs.cpp - --bind-input: graph inputs with a fixed value ----===//
//
// Some operands must be known at import time (Reshape's shape, Slice's
// starts, ...). A model that feeds them from graph inputs can still be
// compiled for one value of those inputs: the value is read from a file and
// the input becomes an initializer, like --input-shape specialises a shape.
//
//===----------------------------------------------------------------------===//

#include "ModelLoader.h"
#include "TensorUtils.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace mlir;

namespace accel::onnx_import {
namespace {

/// ONNX element type of a little-endian .npy `descr`.
std::optional<int32_t> npyType(StringRef descr) {
  return llvm::StringSwitch<std::optional<int32_t>>(descr)
      .Cases({"<f4", "=f4"}, onnx::TensorProto::FLOAT)
      .Cases({"<f8", "=f8"}, onnx::TensorProto::DOUBLE)
      .Cases({"<f2", "=f2"}, onnx::TensorProto::FLOAT16)
      .Cases({"<i8", "=i8"}, onnx::TensorProto::INT64)
      .Cases({"<i4", "=i4"}, onnx::TensorProto::INT32)
      .Cases({"<i2", "=i2"}, onnx::TensorProto::INT16)
      .Case("|i1", onnx::TensorProto::INT8)
      .Cases({"<u8", "=u8"}, onnx::TensorProto::UINT64)
      .Cases({"<u4", "=u4"}, onnx::TensorProto::UINT32)
      .Cases({"<u2", "=u2"}, onnx::TensorProto::UINT16)
      .Case("|u1", onnx::TensorProto::UINT8)
      .Case("|b1", onnx::TensorProto::BOOL)
      .Default(std::nullopt);
}

/// The quoted value after `'key':` in a .npy header dict.
StringRef headerField(StringRef header, StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == StringRef::npos)
    return {};
  StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return {};
  return rest.ltrim();
}

/// Reads a C-order .npy file (format 1.0-3.0) into a TensorProto.
LogicalResult readNpy(StringRef path, StringRef bytes, Location loc,
                      onnx::TensorProto &tensor) {
  auto bad = [&](const Twine &why) {
    return emitError(loc) << "--bind-input file '" << path
                          << "' is not a valid .npy file: " << why;
  };
  if (!bytes.starts_with("\x93NUMPY") || bytes.size() < 10)
    return bad("missing the \\x93NUMPY magic");
  unsigned major = uint8_t(bytes[6]);
  size_t headerLen, headerStart;
  if (major == 1) {
    headerLen = uint8_t(bytes[8]) | (size_t(uint8_t(bytes[9])) << 8);
    headerStart = 10;
  } else {
    if (bytes.size() < 12)
      return bad("truncated header");
    headerLen = 0;
    for (int i = 0; i < 4; ++i)
      headerLen |= size_t(uint8_t(bytes[8 + i])) << (8 * i);
    headerStart = 12;
  }
  if (bytes.size() < headerStart + headerLen)
    return bad("truncated header");
  StringRef header = bytes.substr(headerStart, headerLen);
  StringRef descr = headerField(header, "descr");
  if (!descr.consume_front("'"))
    return bad("no 'descr'");
  descr = descr.take_until([](char c) { return c == '\''; });
  std::optional<int32_t> type = npyType(descr);
  if (!type)
    return bad("unsupported dtype '" + descr + "'");
  if (headerField(header, "fortran_order").starts_with("True"))
    return bad("Fortran-order arrays are not supported");
  StringRef shapeText = headerField(header, "shape");
  if (!shapeText.consume_front("("))
    return bad("no 'shape'");
  shapeText = shapeText.take_until([](char c) { return c == ')'; });
  SmallVector<StringRef> parts;
  shapeText.split(parts, ',', -1, /*KeepEmpty=*/false);
  SmallVector<int64_t> dims;
  for (StringRef part : parts) {
    int64_t d;
    if (part.trim().empty())
      continue;
    if (part.trim().getAsInteger(10, d) || d < 0)
      return bad("malformed shape '(" + shapeText + ")'");
    dims.push_back(d);
  }
  std::optional<int64_t> count = checkedNumElements(dims);
  std::optional<size_t> elemBytes = elementByteSize(*type);
  if (!count || !elemBytes)
    return bad("its shape is too large");
  StringRef data = bytes.drop_front(headerStart + headerLen);
  if (data.size() != size_t(*count) * *elemBytes)
    return bad("expected " + Twine(size_t(*count) * *elemBytes) +
               " bytes of data, found " + Twine(data.size()));
  tensor.set_data_type(*type);
  for (int64_t d : dims)
    tensor.add_dims(d);
  tensor.set_raw_data(data.str());
  return success();
}

LogicalResult readBoundValue(StringRef name, StringRef path, Location loc,
                             onnx::TensorProto &tensor) {
  auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!file)
    return emitError(loc) << "cannot open --bind-input file '" << path
                          << "' for input '" << name
                          << "': " << file.getError().message();
  StringRef bytes = (*file)->getBuffer();
  if (path.ends_with_insensitive(".npy")) {
    if (failed(readNpy(path, bytes, loc, tensor)))
      return failure();
  } else if (!tensor.ParseFromArray(bytes.data(), int(bytes.size())) ||
             !tensor.has_data_type()) {
    return emitError(loc) << "--bind-input file '" << path
                          << "' is neither a .npy file nor a serialized ONNX "
                             "TensorProto";
  }
  tensor.set_name(name.str());
  return success();
}

} // namespace

LogicalResult bindInputs(onnx::GraphProto &graph,
                         const ONNXImportOptions &options, Location loc) {
  if (options.boundInputs.empty())
    return success();
  llvm::StringSet<> initializers;
  for (const auto &t : graph.initializer())
    initializers.insert(t.name());
  std::string inputList;
  for (const auto &input : graph.input())
    if (!initializers.contains(input.name()))
      inputList += (inputList.empty() ? "'" : ", '") + input.name() + "'";
  // Sorted, so diagnostics do not depend on hash order.
  SmallVector<StringRef> names;
  for (const auto &entry : options.boundInputs)
    names.push_back(entry.getKey());
  llvm::sort(names);
  for (StringRef name : names) {
    if (options.inputShapes.count(name))
      return emitError(loc) << "input '" << name
                            << "' is given both --bind-input and --input-shape";
    int index = -1;
    for (int i = 0, e = graph.input_size(); i < e; ++i)
      if (graph.input(i).name() == name && !initializers.contains(name))
        index = i;
    if (index < 0)
      return emitError(loc) << "--bind-input names '" << name
                            << "', which is not a graph input (inputs: "
                            << inputList << ")";
    onnx::TensorProto tensor;
    if (failed(readBoundValue(name, options.boundInputs.lookup(name), loc,
                              tensor)))
      return failure();
    const onnx::TypeProto &type = graph.input(index).type();
    if (type.has_tensor_type()) {
      const auto &tt = type.tensor_type();
      if (tt.elem_type() != tensor.data_type())
        return emitError(loc) << "--bind-input value for '" << name
                              << "' has element type "
                              << dataTypeName(tensor.data_type())
                              << " but the input is "
                              << dataTypeName(tt.elem_type());
      if (tt.has_shape()) {
        bool match = tt.shape().dim_size() == tensor.dims_size();
        for (int d = 0; match && d < tensor.dims_size(); ++d)
          match = !tt.shape().dim(d).has_dim_value() ||
                  tt.shape().dim(d).dim_value() == tensor.dims(d);
        if (!match)
          return emitError(loc) << "--bind-input value for '" << name
                                << "' does not have the input's declared shape";
      }
    }
    *graph.add_initializer() = std::move(tensor);
    graph.mutable_input()->DeleteSubrange(index, 1);
  }
  return success();
}

} // namespace accel::onnx_import
