//===- Tensor.cpp - Shaped, typed tensor storage --------------------------===//
#include "accel/Runtime/Tensor.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

namespace accel::runtime {

namespace {
constexpr size_t kAlignment = 64;
} // namespace

Status checkedElementCount(const Shape &shape, int64_t &count) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return Status::error("negative dimension " + std::to_string(d) + " in shape " +
                           shapeToString(shape));
    if (d != 0 && n > std::numeric_limits<int64_t>::max() / d)
      return Status::error("element count of shape " + shapeToString(shape) +
                           " overflows");
    n *= d;
  }
  count = n;
  return Status::success();
}

Status checkedByteSize(const Shape &shape, DType dtype, uint64_t &bytes) {
  int64_t n = 0;
  ACCEL_RETURN_IF_ERROR(checkedElementCount(shape, n));
  uint64_t es = dtypeSize(dtype);
  if (static_cast<uint64_t>(n) > std::numeric_limits<uint64_t>::max() / 2 / es)
    return Status::error("byte size of shape " + shapeToString(shape) + " overflows");
  bytes = static_cast<uint64_t>(n) * es;
  return Status::success();
}

std::string shapeToString(const Shape &shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += 'x';
    s += std::to_string(shape[i]);
  }
  return s;
}

std::vector<int64_t> contiguousStrides(const Shape &shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t i = shape.size(); i > 1; --i)
    strides[i - 2] = strides[i - 1] * shape[i - 1];
  return strides;
}

Tensor::~Tensor() { release(); }

Tensor::Tensor(Tensor &&other) noexcept { *this = std::move(other); }

Tensor &Tensor::operator=(Tensor &&other) noexcept {
  if (this == &other)
    return *this;
  release();
  dtype_ = other.dtype_;
  shape_ = std::move(other.shape_);
  numElements_ = other.numElements_;
  byteSize_ = other.byteSize_;
  data_ = other.data_;
  owned_ = other.owned_;
  other.shape_.clear();
  other.numElements_ = 0;
  other.byteSize_ = 0;
  other.data_ = nullptr;
  other.owned_ = false;
  return *this;
}

void Tensor::release() {
  if (owned_)
    std::free(data_);
  data_ = nullptr;
  owned_ = false;
}

Status Tensor::allocate(DType dtype, Shape shape, Tensor &out) {
  ACCEL_RETURN_IF_ERROR(allocateUninitialized(dtype, std::move(shape), out));
  std::memset(out.data_, 0, static_cast<size_t>(out.byteSize_));
  return Status::success();
}

Status Tensor::allocateUninitialized(DType dtype, Shape shape, Tensor &out) {
  uint64_t bytes = 0;
  ACCEL_RETURN_IF_ERROR(checkedByteSize(shape, dtype, bytes));
  // Round up to the alignment (aligned_alloc requires it) and never allocate zero bytes,
  // so data() is non-null even for empty tensors.
  uint64_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
  if (rounded == 0)
    rounded = kAlignment;
  void *p = std::aligned_alloc(kAlignment, static_cast<size_t>(rounded));
  if (!p)
    return Status::error("out of memory allocating " + std::to_string(bytes) +
                         " bytes for a " + shapeToString(shape) + " tensor");
  Tensor t;
  t.dtype_ = dtype;
  t.numElements_ = static_cast<int64_t>(bytes / dtypeSize(dtype));
  t.shape_ = std::move(shape);
  t.byteSize_ = bytes;
  t.data_ = p;
  t.owned_ = true;
  out = std::move(t);
  return Status::success();
}

Tensor Tensor::borrowed(DType dtype, Shape shape, void *data) {
  Tensor t;
  int64_t n = 0;
  // Callers validate shapes first; an invalid one yields an empty view.
  if (!checkedElementCount(shape, n).ok())
    n = 0;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  t.numElements_ = n;
  t.byteSize_ = static_cast<uint64_t>(n) * dtypeSize(dtype);
  t.data_ = data;
  t.owned_ = false;
  return t;
}

Status Tensor::clone(Tensor &out) const {
  Tensor t;
  ACCEL_RETURN_IF_ERROR(allocate(dtype_, shape_, t));
  if (byteSize_)
    std::memcpy(t.data_, data_, static_cast<size_t>(byteSize_));
  out = std::move(t);
  return Status::success();
}

Status Tensor::reshape(Shape shape) {
  int64_t n = 0;
  ACCEL_RETURN_IF_ERROR(checkedElementCount(shape, n));
  if (n != numElements_)
    return Status::error("cannot reshape " + shapeToString(shape_) + " to " +
                         shapeToString(shape));
  shape_ = std::move(shape);
  return Status::success();
}

} // namespace accel::runtime
