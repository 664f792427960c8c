//===- MappedFile.cpp - Read-only memory-mapped files ---------------------===//
#include "accel/Runtime/MappedFile.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace accel::runtime {

MappedFile::~MappedFile() { reset(); }

MappedFile::MappedFile(MappedFile &&other) noexcept { *this = std::move(other); }

MappedFile &MappedFile::operator=(MappedFile &&other) noexcept {
  if (this != &other) {
    reset();
    data_ = other.data_;
    size_ = other.size_;
    mapped_ = other.mapped_;
    other.data_ = nullptr;
    other.size_ = 0;
    other.mapped_ = false;
  }
  return *this;
}

void MappedFile::reset() {
  if (data_) {
    if (mapped_)
      ::munmap(data_, size_);
    else
      std::free(data_);
  }
  data_ = nullptr;
  size_ = 0;
  mapped_ = false;
}

Status MappedFile::open(const std::string &path, MappedFile &out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Status::error(path + ": cannot open: " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::error(path + ": cannot stat: " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::error(path + ": not a regular file");
  }
  MappedFile f;
  f.size_ = static_cast<size_t>(st.st_size);
  if (f.size_ == 0) {
    ::close(fd);
    out = std::move(f);
    return Status::success();
  }
  // MAP_POPULATE faults the constants in at load time rather than inside the first
  // kernel that touches them, so per-instruction timings measure compute.
  void *p = ::mmap(nullptr, f.size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  int err = errno;
  ::close(fd);
  if (p == MAP_FAILED)
    return Status::error(path + ": cannot mmap: " + std::strerror(err));
  f.data_ = static_cast<uint8_t *>(p);
  f.mapped_ = true;
  out = std::move(f);
  return Status::success();
}

Status MappedFile::fromBytes(const void *data, size_t size, MappedFile &out) {
  MappedFile f;
  size_t rounded = (size + 63) / 64 * 64;
  if (rounded == 0)
    rounded = 64;
  f.data_ = static_cast<uint8_t *>(std::aligned_alloc(64, rounded));
  if (!f.data_)
    return Status::error("out of memory copying a schedule image");
  if (size)
    std::memcpy(f.data_, data, size);
  f.size_ = size;
  out = std::move(f);
  return Status::success();
}

} // namespace accel::runtime
