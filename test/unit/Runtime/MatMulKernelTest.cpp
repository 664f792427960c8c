//===- MatMulKernelTest.cpp - matmul vs a naive batched loop --------------===//
#include "KernelTestUtil.h"

using namespace accel::test;

namespace {

// numpy matmul semantics after applying the transpose flags, computed directly.
std::vector<float> naiveMatmul(const Tensor &a, const Tensor &b, bool ta, bool tb,
                               Shape &outShape) {
  Shape as = a.shape(), bs = b.shape();
  bool aVec = as.size() == 1, bVec = bs.size() == 1;
  if (aVec)
    as = {1, as[0]};
  if (bVec)
    bs = {bs[0], 1};
  auto el = [](const Tensor &t, const Shape &s, const Shape &batchIdx, int64_t r, int64_t c,
               bool tr) {
    size_t rank = s.size();
    std::vector<int64_t> idx(rank);
    size_t nb = rank - 2;
    for (size_t i = 0; i < nb; ++i) {
      int64_t bi = batchIdx[batchIdx.size() - nb + i];
      idx[i] = s[i] == 1 ? 0 : bi;
    }
    idx[rank - 2] = tr ? c : r;
    idx[rank - 1] = tr ? r : c;
    return t.data<float>()[flatIndex(s, idx)];
  };
  int64_t M = ta && !aVec ? as[as.size() - 1] : as[as.size() - 2];
  int64_t K = ta && !aVec ? as[as.size() - 2] : as[as.size() - 1];
  int64_t N = tb && !bVec ? bs[bs.size() - 2] : bs[bs.size() - 1];
  Shape ab(as.begin(), as.end() - 2), bb(bs.begin(), bs.end() - 2);
  size_t nb = std::max(ab.size(), bb.size());
  Shape batch(nb, 1);
  for (size_t i = 0; i < nb; ++i) {
    int64_t x = i < nb - ab.size() ? 1 : ab[i - (nb - ab.size())];
    int64_t y = i < nb - bb.size() ? 1 : bb[i - (nb - bb.size())];
    batch[i] = std::max(x, y);
  }
  std::vector<float> out;
  forEachIndex(batch, [&](const std::vector<int64_t> &bi) {
    for (int64_t i = 0; i < M; ++i)
      for (int64_t j = 0; j < N; ++j) {
        double acc = 0;
        for (int64_t k = 0; k < K; ++k)
          acc += el(a, as, bi, i, k, ta && !aVec) * el(b, bs, bi, k, j, tb && !bVec);
        out.push_back(static_cast<float>(acc));
      }
  });
  outShape = batch;
  if (!aVec)
    outShape.push_back(M);
  if (!bVec)
    outShape.push_back(N);
  return out;
}

void check(const Shape &as, const Shape &bs, bool ta, bool tb, uint32_t seed) {
  Tensor a = randomF32(as, seed);
  Tensor b = randomF32(bs, seed + 1);
  Shape outShape;
  std::vector<float> ref = naiveMatmul(a, b, ta, tb, outShape);
  Tensor y = makeTensor(DType::F32, outShape);
  Attributes attrs;
  attrs.setInt("transpose_lhs", ta).setInt("transpose_rhs", tb);
  Status st = run("matmul", {&a, &b}, y, attrs);
  ASSERT_TRUE(st.ok()) << st.message();
  expectClose(y, ref);
}

} // namespace

TEST(MatMulKernel, Plain2d) { check({5, 7}, {7, 3}, false, false, 1); }
TEST(MatMulKernel, TransposeFlags) {
  check({7, 5}, {7, 3}, true, false, 2);
  check({5, 7}, {3, 7}, false, true, 3);
  check({2, 7, 5}, {2, 3, 7}, true, true, 4);
}
TEST(MatMulKernel, BatchedWithBroadcast) {
  check({2, 3, 4, 5}, {5, 6}, false, false, 5);      // shared rhs: folded into one GEMM
  check({3, 1, 4, 5}, {1, 2, 5, 6}, false, false, 6); // both broadcast
  check({4, 5}, {3, 5, 2}, false, false, 7);          // lhs broadcast over rhs batch
  check({2, 4, 5}, {2, 6, 5}, false, true, 8);
}
TEST(MatMulKernel, VectorPromotion) {
  check({5}, {5, 3}, false, false, 9);
  check({2, 4, 5}, {5}, false, false, 10);
  check({5}, {5}, false, false, 11);
}
TEST(MatMulKernel, IntegerMatmul) {
  Tensor a = fromVector<int64_t>(DType::I64, {2, 2}, {1, 2, 3, 4});
  Tensor b = fromVector<int64_t>(DType::I64, {2, 2}, {5, 6, 7, 8});
  Tensor y = makeTensor(DType::I64, {2, 2});
  ASSERT_TRUE(run("matmul", {&a, &b}, y, Attributes()).ok());
  EXPECT_EQ(y.data<int64_t>()[0], 19);
  EXPECT_EQ(y.data<int64_t>()[3], 50);
}
TEST(MatMulKernel, MismatchIsAnError) {
  Tensor a = randomF32({2, 3}, 1);
  Tensor b = randomF32({4, 2}, 2);
  Tensor y = makeTensor(DType::F32, {2, 2});
  Status st = run("matmul", {&a, &b}, y, Attributes());
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("contraction mismatch"), std::string::npos);
}
