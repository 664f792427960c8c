//===- BufferPool.cpp - Reuse of intermediate tensor storage --------------===//
#include "BufferPool.h"

#include <cstdlib>

namespace accel::runtime {

BufferPool::~BufferPool() {
  for (auto &entry : free_)
    std::free(entry.second);
}

void *BufferPool::acquire(size_t bytes, size_t &capacity) {
  size_t need = (bytes + 63) / 64 * 64;
  if (need == 0)
    need = 64;
  // Best fit, but never hand out a buffer more than twice the request (that memory would
  // be stranded while the tensor lives).
  auto it = free_.lower_bound(need);
  if (it != free_.end() && it->first <= 2 * need) {
    void *p = it->second;
    capacity = it->first;
    free_.erase(it);
    return p;
  }
  void *p = std::aligned_alloc(64, need);
  capacity = need;
  return p;
}

void BufferPool::release(void *p, size_t capacity) {
  if (p)
    free_.emplace(capacity, p);
}

} // namespace accel::runtime
