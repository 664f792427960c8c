//===- TensorProtoIO.cpp - ONNX TensorProto (.pb) reader and writer --------===//
#include "accel/Runtime/TensorIO.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <fstream>
#include <limits>

namespace accel::runtime {

namespace {

bool toDType(int onnxType, DType &out) {
  using TP = onnx::TensorProto;
  switch (onnxType) {
  case TP::FLOAT: out = DType::F32; return true;
  case TP::DOUBLE: out = DType::F64; return true;
  case TP::FLOAT16: out = DType::F16; return true;
  case TP::INT8: out = DType::I8; return true;
  case TP::INT16: out = DType::I16; return true;
  case TP::INT32: out = DType::I32; return true;
  case TP::INT64: out = DType::I64; return true;
  case TP::UINT8: out = DType::U8; return true;
  case TP::BOOL: out = DType::Bool; return true;
  case TP::UINT16: out = DType::U16; return true;
  case TP::UINT32: out = DType::U32; return true;
  case TP::UINT64: out = DType::U64; return true;
  case TP::BFLOAT16: out = DType::BF16; return true;
  default: return false;
  }
}

int toOnnxType(DType t) {
  using TP = onnx::TensorProto;
  switch (t) {
  case DType::F32: return TP::FLOAT;
  case DType::F64: return TP::DOUBLE;
  case DType::F16: return TP::FLOAT16;
  case DType::I8: return TP::INT8;
  case DType::I16: return TP::INT16;
  case DType::I32: return TP::INT32;
  case DType::I64: return TP::INT64;
  case DType::U8: return TP::UINT8;
  case DType::Bool: return TP::BOOL;
  case DType::U16: return TP::UINT16;
  case DType::U32: return TP::UINT32;
  case DType::U64: return TP::UINT64;
  case DType::BF16: return TP::BFLOAT16;
  }
  return TP::UNDEFINED;
}

// Copies a typed repeated field into `dst`, narrowing to the tensor's element type.
template <typename Src>
void copyNarrowing(const Src &src, DType dtype, void *dst) {
  int n = src.size();
  for (int i = 0; i < n; ++i) {
    auto v = src.Get(i);
    switch (dtype) {
    case DType::F32: static_cast<float *>(dst)[i] = static_cast<float>(v); break;
    case DType::F64: static_cast<double *>(dst)[i] = static_cast<double>(v); break;
    case DType::F16: // F16 and BF16 are stored as their raw 16 bits in int32_data
    case DType::BF16:
    case DType::U16:
      static_cast<uint16_t *>(dst)[i] = static_cast<uint16_t>(v);
      break;
    case DType::U32: static_cast<uint32_t *>(dst)[i] = static_cast<uint32_t>(v); break;
    case DType::U64: static_cast<uint64_t *>(dst)[i] = static_cast<uint64_t>(v); break;
    case DType::I8: static_cast<int8_t *>(dst)[i] = static_cast<int8_t>(v); break;
    case DType::I16: static_cast<int16_t *>(dst)[i] = static_cast<int16_t>(v); break;
    case DType::I32: static_cast<int32_t *>(dst)[i] = static_cast<int32_t>(v); break;
    case DType::I64: static_cast<int64_t *>(dst)[i] = static_cast<int64_t>(v); break;
    case DType::U8: static_cast<uint8_t *>(dst)[i] = static_cast<uint8_t>(v); break;
    case DType::Bool: static_cast<uint8_t *>(dst)[i] = v != 0; break;
    }
  }
}

} // namespace

Status parseTensorProto(const void *data, size_t size, const std::string &what,
                        Tensor &out, std::string *name) {
  if (size > static_cast<size_t>(std::numeric_limits<int>::max()))
    return Status::error(what + ": TensorProto file too large (over 2 GB)");
  onnx::TensorProto proto;
  if (!proto.ParseFromArray(data, static_cast<int>(size)))
    return Status::error(what + ": not a valid ONNX TensorProto (.pb) file");
  if (proto.data_location() == onnx::TensorProto::EXTERNAL)
    return Status::error(what + ": TensorProto with external data is not supported");
  DType dtype;
  if (!toDType(proto.data_type(), dtype))
    return Status::error(what + ": unsupported TensorProto data_type " +
                         std::to_string(proto.data_type()));
  Shape shape(proto.dims().begin(), proto.dims().end());
  Tensor t;
  ACCEL_RETURN_IF_ERROR(Tensor::allocate(dtype, shape, t).withContext(what));
  uint64_t need = t.byteSize();
  int64_t count = t.numElements();
  auto mismatch = [&](const char *field, int64_t got) {
    return Status::error(what + ": TensorProto " + field + " holds " +
                         std::to_string(got) + " values but shape " +
                         shapeToString(shape) + " needs " + std::to_string(count));
  };
  if (proto.has_raw_data()) {
    const std::string &raw = proto.raw_data();
    if (raw.size() != need)
      return Status::error(what + ": TensorProto raw_data is " +
                           std::to_string(raw.size()) + " bytes but shape " +
                           shapeToString(shape) + " of " + std::string(dtypeName(dtype)) +
                           " needs " + std::to_string(need));
    if (need)
      std::memcpy(t.raw(), raw.data(), raw.size());
    if (dtype == DType::Bool)
      for (int64_t i = 0; i < count; ++i)
        t.data<uint8_t>()[i] = t.data<uint8_t>()[i] != 0;
  } else {
    switch (dtype) {
    case DType::F32:
      if (proto.float_data_size() != count)
        return mismatch("float_data", proto.float_data_size());
      copyNarrowing(proto.float_data(), dtype, t.raw());
      break;
    case DType::F64:
      if (proto.double_data_size() != count)
        return mismatch("double_data", proto.double_data_size());
      copyNarrowing(proto.double_data(), dtype, t.raw());
      break;
    case DType::I64:
      if (proto.int64_data_size() != count)
        return mismatch("int64_data", proto.int64_data_size());
      copyNarrowing(proto.int64_data(), dtype, t.raw());
      break;
    case DType::U32: // ONNX keeps both unsigned 32- and 64-bit values in uint64_data
    case DType::U64:
      if (proto.uint64_data_size() != count)
        return mismatch("uint64_data", proto.uint64_data_size());
      copyNarrowing(proto.uint64_data(), dtype, t.raw());
      break;
    default:
      if (proto.int32_data_size() != count)
        return mismatch("int32_data", proto.int32_data_size());
      copyNarrowing(proto.int32_data(), dtype, t.raw());
      break;
    }
  }
  if (name)
    *name = proto.name();
  out = std::move(t);
  return Status::success();
}

Status readTensorProto(const std::string &path, Tensor &out, std::string *name) {
  std::string bytes;
  ACCEL_RETURN_IF_ERROR(readFileBytes(path, bytes));
  return parseTensorProto(bytes.data(), bytes.size(), path, out, name);
}

Status writeTensorProto(const std::string &path, const Tensor &tensor,
                        const std::string &name) {
  onnx::TensorProto proto;
  proto.set_name(name);
  proto.set_data_type(toOnnxType(tensor.dtype()));
  for (int64_t d : tensor.shape())
    proto.add_dims(d);
  proto.set_raw_data(tensor.raw(), static_cast<size_t>(tensor.byteSize()));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    return Status::error(path + ": cannot open for writing");
  if (!proto.SerializeToOstream(&out))
    return Status::error(path + ": write failed");
  return Status::success();
}

} // namespace accel::runtime
