//===- MatMul.cpp - Batched numpy matmul on cblas_sgemm -------------------===//
#include "Epilogue.h"
#include "KernelUtil.h"

#include <cblas.h>
#include <limits>

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

void matmul(const KernelContext &ctx) {
  product(ctx);
  applyEpilogue(parseEpilogue(ctx.attr(), ctx.inputs.size()), ctx.inputs, ctx.out(0));
}

} // namespace accel::runtime::kernels
