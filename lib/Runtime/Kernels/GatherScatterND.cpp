//===- GatherScatterND.cpp - ONNX GatherND and ScatterND ------------------===//
//
// Both address slices of the data with index tuples in the last dim of
// `indices`: tuple j of batch b selects data[b..., t0, .., tm-1, :...].
//
//===----------------------------------------------------------------------===//
#include "KernelUtil.h"

namespace accel::runtime::kernels {

using namespace detail;

namespace {

/// Element offsets (within one batch) of the slices the index tuples select,
/// and the geometry shared by both kernels.
struct NDPlan {
  int64_t batches = 1;      // product of the batch dims
  int64_t tuples = 0;       // index tuples per batch
  int64_t sliceElems = 1;   // elements per selected slice
  int64_t batchElems = 1;   // data elements per batch
  std::vector<int64_t> offsets; // batches * tuples slice offsets (elements)
};

NDPlan planND(const Tensor &data, const Tensor &ind, int64_t batchDims, const char *what) {
  if (ind.dtype() != DType::I64 && ind.dtype() != DType::I32)
    fail(std::string(what) + " indices must be i64 or i32");
  int64_t r = data.rank(), q = ind.rank();
  if (q < 1 || batchDims < 0 || batchDims >= q || batchDims > r)
    fail(std::string(what) + " batch_dims is out of range");
  int64_t m = ind.dim(q - 1);
  if (m < 1 || batchDims + m > r)
    fail(std::string(what) + " index tuples are longer than the data's rank allows");
  NDPlan p;
  for (int64_t d = 0; d < batchDims; ++d) {
    if (ind.dim(d) != data.dim(d))
      fail(std::string(what) + " batch dims of data and indices differ");
    p.batches *= data.dim(d);
  }
  p.tuples = 1;
  for (int64_t d = batchDims; d < q - 1; ++d)
    p.tuples *= ind.dim(d);
  for (int64_t d = batchDims + m; d < r; ++d)
    p.sliceElems *= data.dim(d);
  for (int64_t d = batchDims; d < r; ++d)
    p.batchElems *= data.dim(d);
  p.offsets.resize(static_cast<size_t>(p.batches * p.tuples));
  for (int64_t t = 0; t < p.batches * p.tuples; ++t) {
    int64_t offset = 0;
    for (int64_t k = 0; k < m; ++k) {
      int64_t i = t * m + k;
      int64_t v = ind.dtype() == DType::I64 ? ind.data<int64_t>()[i] : ind.data<int32_t>()[i];
      int64_t len = data.dim(batchDims + k);
      if (v < -len || v >= len)
        fail(std::string(what) + " index " + std::to_string(v) +
             " out of range for a dim of size " + std::to_string(len));
      offset = offset * len + (v < 0 ? v + len : v);
    }
    p.offsets[t] = (t / p.tuples) * p.batchElems + offset * p.sliceElems;
  }
  return p;
}

template <typename T>
void combine(T *dst, const T *src, int64_t n, const std::string &reduction) {
  for (int64_t i = 0; i < n; ++i) {
    if (reduction == "add")
      dst[i] = static_cast<T>(dst[i] + src[i]);
    else if (reduction == "mul")
      dst[i] = static_cast<T>(dst[i] * src[i]);
    else
      dst[i] = src[i];
  }
}

} // namespace

void gatherND(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &ind = ctx.in(1);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "gather_nd");
  NDPlan p = planND(x, ind, ctx.attr().getInt("batch_dims", 0), "gather_nd");
  if (y.numElements() != p.batches * p.tuples * p.sliceElems)
    fail("gather_nd result has the wrong number of elements");
  size_t es = dtypeSize(x.dtype());
  size_t chunk = static_cast<size_t>(p.sliceElems) * es;
  const auto *in = x.data<uint8_t>();
  auto *out = y.data<uint8_t>();
  for (size_t t = 0; t < p.offsets.size(); ++t)
    std::memcpy(out + t * chunk, in + static_cast<size_t>(p.offsets[t]) * es, chunk);
}

void scatterND(const KernelContext &ctx) {
  const Tensor &x = ctx.in(0);
  const Tensor &ind = ctx.in(1);
  const Tensor &upd = ctx.in(2);
  Tensor &y = ctx.out(0);
  expectSameDType(x, y, "scatter_nd");
  expectSameDType(x, upd, "scatter_nd updates");
  expectShape(y, x.shape(), "result");
  std::string reduction = ctx.attr().getString("reduction", "none");
  if (reduction != "none" && reduction != "add" && reduction != "mul")
    fail("unsupported scatter_nd reduction '" + reduction + "'");
  NDPlan p = planND(x, ind, 0, "scatter_nd");
  if (upd.numElements() != p.tuples * p.sliceElems)
    fail("scatter_nd updates have the wrong number of elements");
  std::memcpy(y.data<uint8_t>(), x.data<uint8_t>(),
              static_cast<size_t>(x.numElements()) * dtypeSize(x.dtype()));
  for (size_t t = 0; t < p.offsets.size(); ++t) {
    int64_t at = p.offsets[t], from = static_cast<int64_t>(t) * p.sliceElems;
    switch (x.dtype()) {
    case DType::F32:
      combine(y.data<float>() + at, upd.data<float>() + from, p.sliceElems, reduction);
      break;
    case DType::I64:
      combine(y.data<int64_t>() + at, upd.data<int64_t>() + from, p.sliceElems, reduction);
      break;
    case DType::I32:
      combine(y.data<int32_t>() + at, upd.data<int32_t>() + from, p.sliceElems, reduction);
      break;
    case DType::Bool:
      if (reduction != "none")
        fail("scatter_nd reduction '" + reduction + "' on bool data");
      combine(y.data<uint8_t>() + at, upd.data<uint8_t>() + from, p.sliceElems, reduction);
      break;
    default:
      fail("scatter_nd does not support " + std::string(dtypeName(x.dtype())));
    }
  }
}

} // namespace accel::runtime::kernels
