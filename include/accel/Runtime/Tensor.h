//===- Tensor.h - Shaped, typed tensor storage ------------------*- C++ -*-===//
//
// A Tensor is a shape, an element type and a data pointer that either owns a 64-byte
// aligned allocation or borrows memory owned elsewhere (the mmapped schedule constants).
// Tensors are move-only; `borrow()` makes a non-owning view.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_TENSOR_H
#define ACCEL_RUNTIME_TENSOR_H

#include "accel/Runtime/DType.h"
#include "accel/Runtime/Status.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accel::runtime {

using Shape = std::vector<int64_t>;

// Element count of `shape`; fails on negative dims or overflow past int64.
Status checkedElementCount(const Shape &shape, int64_t &count);
// Byte size of `shape` x `dtype`; fails on negative dims or overflow.
Status checkedByteSize(const Shape &shape, DType dtype, uint64_t &bytes);
// "1x3x224x224" style text for messages.
std::string shapeToString(const Shape &shape);
// Row-major strides (in elements).
std::vector<int64_t> contiguousStrides(const Shape &shape);

class Tensor {
public:
  Tensor() = default;
  ~Tensor();
  Tensor(Tensor &&other) noexcept;
  Tensor &operator=(Tensor &&other) noexcept;
  Tensor(const Tensor &) = delete;
  Tensor &operator=(const Tensor &) = delete;

  // Allocates zero-initialised owned storage. Fails on bad shapes or allocation failure.
  static Status allocate(DType dtype, Shape shape, Tensor &out);
  // Same without zeroing, for results a kernel overwrites completely.
  static Status allocateUninitialized(DType dtype, Shape shape, Tensor &out);
  // Non-owning view of `data`, which must outlive the tensor.
  static Tensor borrowed(DType dtype, Shape shape, void *data);
  static Tensor borrowed(DType dtype, Shape shape, const void *data) {
    return borrowed(dtype, std::move(shape), const_cast<void *>(data));
  }

  // A non-owning view of this tensor's data.
  Tensor borrow() const { return borrowed(dtype_, shape_, data_); }
  // Deep copy into owned storage.
  Status clone(Tensor &out) const;

  DType dtype() const { return dtype_; }
  const Shape &shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  int64_t dim(int64_t i) const { return shape_[static_cast<size_t>(i)]; }
  int64_t numElements() const { return numElements_; }
  uint64_t byteSize() const { return byteSize_; }
  bool ownsData() const { return owned_; }

  void *raw() const { return data_; }
  template <typename T> T *data() const { return static_cast<T *>(data_); }

  // Changes the shape without touching data; the element count must stay the same.
  Status reshape(Shape shape);

private:
  void release();

  DType dtype_ = DType::F32;
  Shape shape_;
  int64_t numElements_ = 0;
  uint64_t byteSize_ = 0;
  void *data_ = nullptr;
  bool owned_ = false;
};

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_TENSOR_H
