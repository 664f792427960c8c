//===- MatMul.cpp - Batched numpy matmul on oneDNN or cblas_sgemm ---------===//
//
// f32 matmuls of rank >= 2 are prepared at load as one oneDNN matmul primitive (batch
// dims broadcast, transposes as strides); a constant rhs (a Linear layer's weights) is
// reordered once into the layout the primitive wants, and a lhs whose batch folds into
// the rows makes one [M, K] x [K, N] product so per-column epilogue operands (the bias)
// become post-ops. Other matmuls (integer, rank 1, unprepared) use cblas or a loop.
//
//===----------------------------------------------------------------------===//
#include "Dnnl.h"
#include "KernelUtil.h"

#include <cblas.h>
#include <cstring>
#include <limits>
#include <unordered_map>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

struct Operand {
  Shape batch;      // leading dims
  int64_t rows = 1; // logical rows after the transpose flag
  int64_t cols = 1;
  bool trans = false; // stored transposed relative to the logical matrix
  int64_t ld = 1;     // leading dimension of the stored matrix
};

// Rank-1 operands are promoted as numpy does: lhs [K] -> [1,K], rhs [K] -> [K,1].
Operand describe(const Shape &s, bool flag, bool isLhs) {
  Operand op;
  if (s.size() == 1) {
    op.rows = isLhs ? 1 : s[0];
    op.cols = isLhs ? s[0] : 1;
    op.ld = isLhs ? s[0] : 1;
    return op;
  }
  op.batch.assign(s.begin(), s.end() - 2);
  int64_t r = s[s.size() - 2], c = s[s.size() - 1];
  op.trans = flag;
  op.rows = flag ? c : r;
  op.cols = flag ? r : c;
  op.ld = c;
  return op;
}

template <typename T>
void naiveGemm(bool ta, bool tb, int64_t m, int64_t n, int64_t k, const T *a, int64_t lda,
               const T *b, int64_t ldb, T *c) {
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      T acc = 0;
      for (int64_t p = 0; p < k; ++p)
        acc += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
      c[i * n + j] = acc;
    }
}

void checkBlasDim(int64_t v) {
  if (v > std::numeric_limits<int>::max())
    fail("matrix dimension " + std::to_string(v) + " exceeds the BLAS limit");
}

// The product alone (the epilogue runs after it).
void product(const KernelContext &ctx) {
  const Tensor &a = ctx.in(0);
  const Tensor &b = ctx.in(1);
  Tensor &c = ctx.out(0);
  expectSameDType(a, b, "matmul");
  expectSameDType(a, c, "matmul result");
  if (a.rank() < 1 || b.rank() < 1)
    fail("matmul operands must have rank >= 1");
  Operand A = describe(a.shape(), ctx.attr().getInt("transpose_lhs", 0) != 0, true);
  Operand B = describe(b.shape(), ctx.attr().getInt("transpose_rhs", 0) != 0, false);
  if (A.cols != B.rows)
    fail("matmul contraction mismatch: lhs " + shapeToString(a.shape()) + " and rhs " +
         shapeToString(b.shape()));
  int64_t M = A.rows, N = B.cols, K = A.cols;
  Shape batch = broadcastShapes(A.batch, B.batch);
  Shape expect = batch;
  if (a.rank() > 1)
    expect.push_back(M);
  if (b.rank() > 1)
    expect.push_back(N);
  expectShape(c, expect, "result");
  checkBlasDim(M);
  checkBlasDim(N);
  checkBlasDim(K);
  if (c.numElements() == 0)
    return;

  int64_t aMat = A.rows * A.cols, bMat = B.rows * B.cols, cMat = M * N;
  BroadcastPlan plan = planBroadcast(batch, {A.batch, B.batch});
  int64_t batchCount = 1;
  for (int64_t d : batch)
    batchCount *= d;
  std::vector<int64_t> aOff, bOff;
  aOff.reserve(static_cast<size_t>(batchCount));
  bOff.reserve(static_cast<size_t>(batchCount));
  forEachRow(plan, [&](const int64_t *off) {
    for (int64_t i = 0; i < plan.inner; ++i) {
      aOff.push_back((off[0] + i * plan.innerStride[0]) * aMat);
      bOff.push_back((off[1] + i * plan.innerStride[1]) * bMat);
    }
  });

  if (a.dtype() == DType::F32 || a.dtype() == DType::F64) {
    bool f32 = a.dtype() == DType::F32;
    auto ta = A.trans ? CblasTrans : CblasNoTrans;
    auto tb = B.trans ? CblasTrans : CblasNoTrans;
    // A shared rhs and an untransposed lhs: fold the lhs batch into M (one big GEMM).
    bool rhsShared = true;
    for (int64_t o : bOff)
      rhsShared &= o == bOff[0];
    bool lhsContiguous = !A.trans;
    for (size_t i = 0; i < aOff.size(); ++i)
      lhsContiguous &= aOff[i] == static_cast<int64_t>(i) * aMat;
    if (batchCount > 1 && rhsShared && lhsContiguous &&
        M * batchCount <= std::numeric_limits<int>::max()) {
      int mm = static_cast<int>(M * batchCount);
      if (f32)
        cblas_sgemm(CblasRowMajor, ta, tb, mm, N, K, 1.0f, a.data<float>(), A.ld,
                    b.data<float>() + bOff[0], B.ld, 0.0f, c.data<float>(), N);
      else
        cblas_dgemm(CblasRowMajor, ta, tb, mm, N, K, 1.0, a.data<double>(), A.ld,
                    b.data<double>() + bOff[0], B.ld, 0.0, c.data<double>(), N);
      return;
    }
    for (int64_t i = 0; i < batchCount; ++i) {
      if (f32)
        cblas_sgemm(CblasRowMajor, ta, tb, M, N, K, 1.0f, a.data<float>() + aOff[i], A.ld,
                    b.data<float>() + bOff[i], B.ld, 0.0f, c.data<float>() + i * cMat, N);
      else
        cblas_dgemm(CblasRowMajor, ta, tb, M, N, K, 1.0, a.data<double>() + aOff[i], A.ld,
                    b.data<double>() + bOff[i], B.ld, 0.0, c.data<double>() + i * cMat, N);
    }
    return;
  }
  auto runInt = [&](auto tag) {
    using T = decltype(tag);
    for (int64_t i = 0; i < batchCount; ++i)
      naiveGemm<T>(A.trans, B.trans, M, N, K, a.data<T>() + aOff[i], A.ld,
                   b.data<T>() + bOff[i], B.ld, c.data<T>() + i * cMat);
  };
  if (a.dtype() == DType::I64)
    runInt(int64_t{});
  else if (a.dtype() == DType::I32)
    runInt(int32_t{});
  else
    fail("matmul does not support element type " + std::string(dtypeName(a.dtype())));
}

} // namespace

using dnnl::memory;

namespace {

struct MatmulState : KernelState {
  Shape lhsShape, rhsShape, outShape;
  dnnl::matmul product;
  memory::desc lhsDesc, rhsDesc, dstDesc;
  memory weights; // the constant rhs in the primitive's layout (else empty)
  DnnlPostOps post;
};

// The logical [.., rows, cols] matrix of a tensor stored as `shape` (padded with leading
// 1s to `rank` dims): row-major strides of the stored tensor, the last two dims swapped
// when the op reads it transposed.
memory::desc matrixDesc(const Shape &shape, size_t rank, bool transposed) {
  Shape dims(rank - shape.size(), 1);
  dims.insert(dims.end(), shape.begin(), shape.end());
  memory::dims strides(rank);
  int64_t stride = 1;
  for (size_t d = rank; d-- > 0;) {
    strides[d] = stride;
    stride *= dims[d];
  }
  if (transposed) {
    std::swap(dims[rank - 1], dims[rank - 2]);
    std::swap(strides[rank - 1], strides[rank - 2]);
  }
  return memory::desc(toDims(dims), memory::data_type::f32, strides);
}

} // namespace

std::unique_ptr<KernelState> prepareMatmul(const PrepareContext &ctx) {
  if (ctx.inputs.size() < 2 || !ctx.inputs[0] || !ctx.inputs[1] || ctx.outputs.size() != 1)
    return nullptr;
  const Tensor &a = *ctx.inputs[0];
  const Tensor &b = *ctx.inputs[1];
  const Tensor &c = *ctx.outputs[0];
  if (a.dtype() != DType::F32 || b.dtype() != DType::F32 || c.dtype() != DType::F32 ||
      a.rank() < 2 || b.rank() < 2 || c.numElements() == 0 || a.numElements() == 0 ||
      b.numElements() == 0)
    return nullptr;
  bool ta = ctx.attr().getInt("transpose_lhs", 0) != 0;
  bool tb = ctx.attr().getInt("transpose_rhs", 0) != 0;
  auto state = std::make_unique<MatmulState>();
  state->lhsShape = a.shape();
  state->rhsShape = b.shape();
  state->outShape = c.shape();
  std::vector<EpilogueStep> steps = parseEpilogue(ctx.attr(), ctx.inputs.size());
  int64_t K = ta ? a.dim(a.rank() - 2) : a.dim(a.rank() - 1);
  int64_t N = tb ? b.dim(b.rank() - 2) : b.dim(b.rank() - 1);
  // A Linear layer: the lhs batch folds into the rows of one 2-D product.
  bool folds = !ta && b.rank() == 2 && c.rank() >= 2 && c.dim(c.rank() - 1) == N;
  Shape aShape = a.shape(), bShape = b.shape(), cShape = c.shape();
  if (folds) {
    aShape = {a.numElements() / K, K};
    cShape = {c.numElements() / N, N};
  }
  size_t rank = std::max(aShape.size(), bShape.size());
  if (cShape.size() != rank || rank > 6)
    return nullptr;
  state->lhsDesc = matrixDesc(aShape, rank, ta);
  state->rhsDesc = matrixDesc(bShape, rank, tb);
  state->dstDesc = memory::desc(toDims(cShape), memory::data_type::f32, plainTag(rank));
  // Post-op operands as the (possibly folded) result sees them: the full result, or a
  // per-column / scalar vector.
  std::vector<Shape> operands = operandShapes(ctx.inputs);
  for (Shape &shape : operands) {
    if (shape.empty())
      continue;
    if (shape == c.shape()) {
      shape = cShape;
      continue;
    }
    while (!shape.empty() && shape.front() == 1)
      shape.erase(shape.begin());
    if (shape.size() > 1)
      shape.clear();
  }
  // Per-column operands broadcast along dim 1 of a 2-D result only.
  state->post = makePostOps(steps, operands, rank == 2 ? cShape : Shape{});
  bool constantRhs = ctx.constant[1];
  dnnl::engine &eng = dnnlEngine();
  // A constant rhs in whatever layout the primitive likes best (reordered once below).
  memory::desc weightsDesc = state->rhsDesc;
  if (constantRhs)
    weightsDesc = memory::desc(state->rhsDesc.dims(), memory::data_type::f32,
                               memory::format_tag::any);
  auto pd = withPostOps(state->post, steps, [&](const dnnl::primitive_attr &attr) {
    return dnnl::matmul::primitive_desc(
        dnnl::matmul::desc(state->lhsDesc, weightsDesc, state->dstDesc), attr, eng);
  });
  if (!pd)
    return nullptr;
  state->product = dnnl::matmul(*pd);
  if (constantRhs) {
    state->weights = memory(pd->weights_desc(), eng);
    memory user(state->rhsDesc, eng, const_cast<void *>(b.raw()));
    dnnl::reorder(user, state->weights).execute(dnnlStream(), user, state->weights);
    dnnlStream().wait();
  }
  return state;
}

void matmul(const KernelContext &ctx) {
  const auto *st = dynamic_cast<const MatmulState *>(ctx.state);
  Tensor &c = ctx.out(0);
  if (st && st->lhsShape == ctx.in(0).shape() && st->rhsShape == ctx.in(1).shape() &&
      st->outShape == c.shape() && ctx.in(0).dtype() == DType::F32 &&
      ctx.in(1).dtype() == DType::F32 && c.dtype() == DType::F32) {
    dnnl::engine &eng = dnnlEngine();
    auto ptr = [](const Tensor &t) { return const_cast<void *>(t.raw()); };
    std::unordered_map<int, memory> args = {
        {DNNL_ARG_SRC, memory(st->lhsDesc, eng, ptr(ctx.in(0)))},
        {DNNL_ARG_WEIGHTS, st->weights ? st->weights : memory(st->rhsDesc, eng, ptr(ctx.in(1)))},
        {DNNL_ARG_DST, memory(st->dstDesc, eng, c.raw())}};
    if (st->post.sumInput >= 0) {
      const Tensor &residual = ctx.in(static_cast<size_t>(st->post.sumInput));
      std::memcpy(c.raw(), residual.raw(), residual.byteSize());
    }
    for (const DnnlPostOps::Binary &b : st->post.binaries)
      args[b.arg] = memory(b.desc, eng, ptr(ctx.in(static_cast<size_t>(b.input))));
    st->product.execute(dnnlStream(), args);
    dnnlStream().wait();
    applyEpilogue(st->post.after, ctx.inputs, c);
    return;
  }
  product(ctx);
  applyEpilogue(parseEpilogue(ctx.attr(), ctx.inputs.size()), ctx.inputs, c);
}

} // namespace accel::runtime::kernels
