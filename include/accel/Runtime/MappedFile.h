//===- MappedFile.h - Read-only memory-mapped files -------------*- C++ -*-===//
#ifndef ACCEL_RUNTIME_MAPPEDFILE_H
#define ACCEL_RUNTIME_MAPPEDFILE_H

#include "accel/Runtime/Status.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace accel::runtime {

// Owns either a read-only mmap of a file (no copy) or a 64-byte aligned heap copy of an
// in-memory image; either way data() is at least 64-byte aligned.
class MappedFile {
public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile &&other) noexcept;
  MappedFile &operator=(MappedFile &&other) noexcept;
  MappedFile(const MappedFile &) = delete;
  MappedFile &operator=(const MappedFile &) = delete;

  static Status open(const std::string &path, MappedFile &out);
  static Status fromBytes(const void *data, size_t size, MappedFile &out);

  const uint8_t *data() const { return data_; }
  size_t size() const { return size_; }

private:
  void reset();
  uint8_t *data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_MAPPEDFILE_H
