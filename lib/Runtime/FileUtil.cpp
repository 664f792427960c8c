//===- FileUtil.cpp - Whole-file reads and tensor-file dispatch ------------===//
#include "accel/Runtime/TensorIO.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace accel::runtime {

Status readFileBytes(const std::string &path, std::string &bytes) {
  struct stat sb;
  if (::stat(path.c_str(), &sb) == 0 && S_ISDIR(sb.st_mode))
    return Status::error(path + ": is a directory, not a tensor file (.npy or .pb)");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::error(path + ": cannot open file: " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad())
    return Status::error(path + ": read error");
  bytes = ss.str();
  return Status::success();
}

static bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

Status readTensorFile(const std::string &path, Tensor &out) {
  std::string bytes;
  ACCEL_RETURN_IF_ERROR(readFileBytes(path, bytes));
  bool npyMagic = bytes.size() >= 6 && std::memcmp(bytes.data(), "\x93NUMPY", 6) == 0;
  if (endsWith(path, ".npy") || (npyMagic && !endsWith(path, ".pb")))
    return parseNpy(bytes.data(), bytes.size(), path, out);
  return parseTensorProto(bytes.data(), bytes.size(), path, out);
}

} // namespace accel::runtime
