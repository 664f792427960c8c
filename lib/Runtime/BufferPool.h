//===- BufferPool.h - Reuse of intermediate tensor storage ------*- C++ -*-===//
//
// Freshly allocated large buffers come from mmap and page-fault on first touch, which
// costs more than an elementwise kernel's work. The executor therefore recycles the
// storage of dead intermediates for later ones of similar size.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_RUNTIME_BUFFERPOOL_H
#define ACCEL_LIB_RUNTIME_BUFFERPOOL_H

#include <cstddef>
#include <map>

namespace accel::runtime {

class BufferPool {
public:
  BufferPool() = default;
  ~BufferPool();
  BufferPool(const BufferPool &) = delete;
  BufferPool &operator=(const BufferPool &) = delete;

  // A 64-byte aligned buffer of at least `bytes`, or nullptr when out of memory.
  void *acquire(size_t bytes, size_t &capacity);
  void release(void *p, size_t capacity);

private:
  std::multimap<size_t, void *> free_; // capacity -> buffer
};

} // namespace accel::runtime

#endif // ACCEL_LIB_RUNTIME_BUFFERPOOL_H
