//===- ScatterElements.cpp - ONNX ScatterElements -------------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

namespace {

template <typename T>
void scatterInto(T *out, const T *upd, int64_t n, const std::vector<int64_t> &offsets,
                 const std::string &reduction) {
  for (int64_t i = 0; i < n; ++i) {
    T &dst = out[offsets[i]];
    if (reduction == "add")
      dst = static_cast<T>(dst + upd[i]);
    else if (reduction == "mul")
      dst = static_cast<T>(dst * upd[i]);
    else
      dst = upd[i];
  }
}

} // namespace

void scatterElements(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &ind = ctx.in(1);
  const Tensor &upd = ctx.in(2);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "scatter_elements");
  expectSameDType(x, upd, "scatter_elements updates");
  if (ind.dtype() != DType::I64 && ind.dtype() != DType::I32)
    fail("scatter_elements indices must be i64 or i32, got " +
         std::string(dtypeName(ind.dtype())));
  int64_t r = x.rank();
  int64_t axis = normalizeAxis(ctx.attr().getInt("axis", 0), r, "scatter_elements axis");
  std::string reduction = ctx.attr().getString("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul")
    fail("unsupported scatter_elements reduction '" + reduction + "'");
  if (ind.rank() != r || ind.shape() != upd.shape())
    fail("scatter_elements indices and updates must have one shape of the data's rank");
  for (int64_t d = 0; d < r; ++d)
    if (d != axis && ind.dim(d) > x.dim(d))
      fail("scatter_elements indices exceed the data in dimension " + std::to_string(d));
  expectShape(y, x.shape(), "result");
  // Every target offset first, so a bad index fails before anything is written.
  std::vector<int64_t> xStride(static_cast<size_t>(r), 1);
  for (int64_t d = r - 2; d >= 0; --d)
    xStride[d] = xStride[d + 1] * x.dim(d + 1);
  int64_t axisLen = x.dim(axis);
  int64_t n = ind.numElements();
  std::vector<int64_t> offsets(static_cast<size_t>(n));
  std::vector<int64_t> pos(static_cast<size_t>(r), 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t v = ind.dtype() == DType::I64 ? ind.data<int64_t>()[i] : ind.data<int32_t>()[i];
    if (v < -axisLen || v >= axisLen)
      fail("scatter_elements index " + std::to_string(v) +
           " out of range for axis of size " + std::to_string(axisLen));
    if (v < 0)
      v += axisLen;
    int64_t offset = 0;
    for (int64_t d = 0; d < r; ++d)
      offset += (d == axis ? v : pos[d]) * xStride[d];
    offsets[i] = offset;
    for (int64_t d = r - 1; d >= 0; --d) {
      if (++pos[d] < ind.dim(d))
        break;
      pos[d] = 0;
    }
  }
  std::memcpy(y.data<uint8_t>(), x.data<uint8_t>(),
              static_cast<size_t>(x.numElements()) * dtypeSize(x.dtype()));
  switch (x.dtype()) {
  case DType::F32:
    scatterInto(y.data<float>(), upd.data<float>(), n, offsets, reduction);
    break;
  case DType::I64:
    scatterInto(y.data<int64_t>(), upd.data<int64_t>(), n, offsets, reduction);
    break;
  case DType::I32:
    scatterInto(y.data<int32_t>(), upd.data<int32_t>(), n, offsets, reduction);
    break;
  case DType::Bool:
    if (reduction != "none")
      fail("scatter_elements reduction '" + reduction + "' on bool data");
    scatterInto(y.data<uint8_t>(), upd.data<uint8_t>(), n, offsets, reduction);
    break;
  default:
    fail("scatter_elements does not support " + std::string(dtypeName(x.dtype())));
  }
}

} // namespace accel::runtime::kernels
