//===- NpyIO.cpp - numpy .npy reader and writer ---------------------------===//
//
// Format: "\x93NUMPY", major, minor, header length (u16 for 1.x, u32 for 2.x/3.x), then
// a Python dict literal with 'descr', 'fortran_order' and 'shape', then the raw data.
//
//===----------------------------------------------------------------------===//
#include "accel/Runtime/TensorIO.h"

#include <cctype>
#include <cstring>
#include <fstream>

namespace accel::runtime {

namespace {

struct DescrEntry {
  const char *code; // type code without the byte-order character
  DType dtype;
};

constexpr DescrEntry kDescrs[] = {
    {"f4", DType::F32}, {"f8", DType::F64}, {"f2", DType::F16}, {"i1", DType::I8},
    {"i2", DType::I16}, {"i4", DType::I32}, {"i8", DType::I64}, {"u1", DType::U8},
    {"b1", DType::Bool}, {"u2", DType::U16}, {"u4", DType::U32}, {"u8", DType::U64},
};

// Returns the value text after `'key':` in the header dict, or npos.
size_t findKey(const std::string &header, const char *key) {
  std::string quoted1 = std::string("'") + key + "'";
  std::string quoted2 = std::string("\"") + key + "\"";
  size_t pos = header.find(quoted1);
  size_t len = quoted1.size();
  if (pos == std::string::npos) {
    pos = header.find(quoted2);
    len = quoted2.size();
  }
  if (pos == std::string::npos)
    return std::string::npos;
  pos += len;
  while (pos < header.size() && std::isspace(static_cast<unsigned char>(header[pos])))
    ++pos;
  if (pos >= header.size() || header[pos] != ':')
    return std::string::npos;
  ++pos;
  while (pos < header.size() && std::isspace(static_cast<unsigned char>(header[pos])))
    ++pos;
  return pos;
}

Status parseHeader(const std::string &header, const std::string &what, DType &dtype,
                   Shape &shape) {
  size_t p = findKey(header, "descr");
  if (p == std::string::npos || p >= header.size() ||
      (header[p] != '\'' && header[p] != '"'))
    return Status::error(what + ": .npy header has no 'descr'");
  char quote = header[p];
  size_t end = header.find(quote, p + 1);
  if (end == std::string::npos)
    return Status::error(what + ": .npy header has an unterminated 'descr'");
  std::string descr = header.substr(p + 1, end - p - 1);
  if (descr.size() < 2)
    return Status::error(what + ": unsupported .npy dtype '" + descr + "'");
  char order = descr[0];
  std::string code = descr.substr(1);
  bool found = false;
  for (const DescrEntry &e : kDescrs) {
    if (code == e.code) {
      dtype = e.dtype;
      found = true;
    }
  }
  if (!found)
    return Status::error(what + ": unsupported .npy dtype '" + descr +
                         "' (supported: f4 f8 f2 i1 i2 i4 i8 u1 b1)");
  if (order == '>' && dtypeSize(dtype) > 1)
    return Status::error(what + ": big-endian .npy data ('" + descr +
                         "') is not supported; save it little-endian");
  if (order != '<' && order != '|' && order != '=' && order != '>')
    return Status::error(what + ": bad byte order in .npy dtype '" + descr + "'");

  p = findKey(header, "fortran_order");
  if (p == std::string::npos)
    return Status::error(what + ": .npy header has no 'fortran_order'");
  if (header.compare(p, 4, "True") == 0)
    return Status::error(what + ": Fortran-order .npy arrays are not supported; save "
                                "with numpy.ascontiguousarray first");
  if (header.compare(p, 5, "False") != 0)
    return Status::error(what + ": bad 'fortran_order' value in .npy header");

  p = findKey(header, "shape");
  if (p == std::string::npos || header[p] != '(')
    return Status::error(what + ": .npy header has no 'shape' tuple");
  end = header.find(')', p);
  if (end == std::string::npos)
    return Status::error(what + ": unterminated 'shape' in .npy header");
  shape.clear();
  size_t i = p + 1;
  while (i < end) {
    char c = header[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',') {
      ++i;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Status::error(what + ": bad 'shape' in .npy header");
    int64_t v = 0;
    while (i < end && std::isdigit(static_cast<unsigned char>(header[i]))) {
      if (v > (INT64_MAX - 9) / 10)
        return Status::error(what + ": dimension too large in .npy header");
      v = v * 10 + (header[i] - '0');
      ++i;
    }
    if (i < end && (header[i] == 'L'))
      ++i;
    shape.push_back(v);
  }
  return Status::success();
}

} // namespace

Status parseNpy(const void *data, size_t size, const std::string &what, Tensor &out) {
  const auto *bytes = static_cast<const unsigned char *>(data);
  if (size < 10 || std::memcmp(bytes, "\x93NUMPY", 6) != 0)
    return Status::error(what + ": not a .npy file (bad magic)");
  unsigned major = bytes[6];
  size_t headerLen = 0;
  size_t headerStart = 0;
  if (major == 1) {
    headerLen = bytes[8] | (static_cast<size_t>(bytes[9]) << 8);
    headerStart = 10;
  } else if (major == 2 || major == 3) {
    if (size < 12)
      return Status::error(what + ": truncated .npy header");
    headerLen = bytes[8] | (static_cast<size_t>(bytes[9]) << 8) |
                (static_cast<size_t>(bytes[10]) << 16) |
                (static_cast<size_t>(bytes[11]) << 24);
    headerStart = 12;
  } else {
    return Status::error(what + ": unsupported .npy format version " +
                         std::to_string(major) + "." + std::to_string(bytes[7]));
  }
  if (headerLen > size - headerStart)
    return Status::error(what + ": truncated .npy header");
  std::string header(reinterpret_cast<const char *>(bytes + headerStart), headerLen);
  DType dtype;
  Shape shape;
  ACCEL_RETURN_IF_ERROR(parseHeader(header, what, dtype, shape));
  uint64_t need = 0;
  Status st = checkedByteSize(shape, dtype, need);
  if (!st.ok())
    return st.withContext(what);
  size_t dataStart = headerStart + headerLen;
  if (need != size - dataStart)
    return Status::error(what + ": .npy data is " + std::to_string(size - dataStart) +
                         " bytes but shape " + shapeToString(shape) + " of " +
                         std::string(dtypeName(dtype)) + " needs " +
                         std::to_string(need) + " bytes (truncated or damaged file)");
  Tensor t;
  ACCEL_RETURN_IF_ERROR(Tensor::allocate(dtype, shape, t).withContext(what));
  if (need)
    std::memcpy(t.raw(), bytes + dataStart, static_cast<size_t>(need));
  if (dtype == DType::Bool) {
    // Normalise to 0/1 so kernels can rely on it.
    auto *b = t.data<uint8_t>();
    for (int64_t i = 0; i < t.numElements(); ++i)
      b[i] = b[i] != 0;
  }
  out = std::move(t);
  return Status::success();
}

Status readNpy(const std::string &path, Tensor &out) {
  std::string bytes;
  ACCEL_RETURN_IF_ERROR(readFileBytes(path, bytes));
  return parseNpy(bytes.data(), bytes.size(), path, out);
}

Status encodeNpy(const Tensor &tensor, std::string &bytes) {
  const char *descr = "<f4";
  switch (tensor.dtype()) {
  case DType::F32: descr = "<f4"; break;
  case DType::F64: descr = "<f8"; break;
  case DType::F16: descr = "<f2"; break;
  case DType::I8: descr = "|i1"; break;
  case DType::I16: descr = "<i2"; break;
  case DType::I32: descr = "<i4"; break;
  case DType::I64: descr = "<i8"; break;
  case DType::U8: descr = "|u1"; break;
  case DType::Bool: descr = "|b1"; break;
  case DType::U16: descr = "<u2"; break;
  case DType::U32: descr = "<u4"; break;
  case DType::U64: descr = "<u8"; break;
  case DType::BF16:
    // numpy has no bfloat16 type: the values are written widened to f32 (exact), as
    // onnx.numpy_helper represents them.
    descr = "<f4";
    break;
  }
  std::string dict = std::string("{'descr': '") + descr +
                     "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < tensor.shape().size(); ++i) {
    dict += std::to_string(tensor.shape()[i]);
    if (tensor.shape().size() == 1 || i + 1 < tensor.shape().size())
      dict += ",";
    if (i + 1 < tensor.shape().size())
      dict += " ";
  }
  dict += "), }";
  // Pad with spaces so the data starts 64-byte aligned; the header ends with '\n'.
  size_t prefix = 10;
  bool v2 = dict.size() + 1 + 64 > 65535;
  if (v2)
    prefix = 12;
  size_t total = prefix + dict.size() + 1;
  size_t padded = (total + 63) / 64 * 64;
  dict.append(padded - total, ' ');
  dict += '\n';
  size_t hlen = dict.size();
  bytes.clear();
  bytes.reserve(prefix + hlen + static_cast<size_t>(tensor.numElements()) * 4);
  bytes.append("\x93NUMPY", 6);
  bytes.push_back(static_cast<char>(v2 ? 2 : 1));
  bytes.push_back(0);
  bytes.push_back(static_cast<char>(hlen & 0xff));
  bytes.push_back(static_cast<char>((hlen >> 8) & 0xff));
  if (v2) {
    bytes.push_back(static_cast<char>((hlen >> 16) & 0xff));
    bytes.push_back(static_cast<char>((hlen >> 24) & 0xff));
  }
  bytes += dict;
  if (tensor.dtype() == DType::BF16) {
    for (int64_t i = 0, n = tensor.numElements(); i < n; ++i) {
      float f = bfloat16ToFloat(tensor.data<uint16_t>()[i]);
      bytes.append(reinterpret_cast<const char *>(&f), sizeof(f));
    }
    return Status::success();
  }
  bytes.append(static_cast<const char *>(tensor.raw()),
               static_cast<size_t>(tensor.byteSize()));
  return Status::success();
}

Status writeNpy(const std::string &path, const Tensor &tensor) {
  std::string bytes;
  ACCEL_RETURN_IF_ERROR(encodeNpy(tensor, bytes));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    return Status::error(path + ": cannot open for writing");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out)
    return Status::error(path + ": write failed");
  return Status::success();
}

} // namespace accel::runtime
