//===- Rnn.cpp - ONNX RNN, GRU and LSTM on cblas_sgemm --------------------===//
//
// One driver for the three recurrent ops (docs/dialect.md, "Recurrent ops"). Per
// direction, the input projection X.W^T (+ biases) of every time step is one GEMM;
// each step then multiplies the hidden state of the whole batch by R^T (one GEMM, two
// for a GRU without linear_before_reset, whose candidate gate needs r . H first) and
// applies the cell's gate arithmetic to the batch entries still inside their sequence.
// Operands: input, weight, recurrence, bias, sequence_lens, initial_h, then for lstm
// initial_c and peepholes (absent ones are null). Results: output, output_h (, output_c).
//
//===----------------------------------------------------------------------===//
#include "KernelUtil.h"

#include <algorithm>
#include <cblas.h>
#include <cmath>
#include <limits>

namespace accel::runtime::kernels {

using namespace detail;

namespace {

enum class Cell { Rnn, Gru, Lstm };

struct CellInfo {
  const char *name;
  int64_t gates;
  int64_t fnsPerDirection;
};

CellInfo cellInfo(Cell cell) {
  switch (cell) {
  case Cell::Rnn: return {"rnn", 1, 1};
  case Cell::Gru: return {"gru", 3, 2};
  case Cell::Lstm: return {"lstm", 4, 3};
  }
  return {"rnn", 1, 1};
}

enum class Fn {
  Relu, Tanh, Sigmoid, Affine, LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu,
  Softsign, Softplus
};

struct Activation {
  Fn fn = Fn::Tanh;
  float alpha = 0, beta = 0;

  float operator()(float x) const {
    switch (fn) {
    case Fn::Relu: return x > 0 ? x : 0.0f;
    case Fn::Tanh: return std::tanh(x);
    case Fn::Sigmoid: return 1.0f / (1.0f + std::exp(-x));
    case Fn::Affine: return alpha * x + beta;
    case Fn::LeakyRelu: return x >= 0 ? x : alpha * x;
    case Fn::ThresholdedRelu: return x >= alpha ? x : 0.0f; // as the RNN spec writes it
    case Fn::ScaledTanh: return alpha * std::tanh(beta * x);
    case Fn::HardSigmoid: return std::max(0.0f, std::min(1.0f, alpha * x + beta));
    case Fn::Elu: return x >= 0 ? x : alpha * (std::exp(x) - 1.0f);
    case Fn::Softsign: return x / (1.0f + std::fabs(x));
    case Fn::Softplus:
      return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
    }
    return x;
  }
};

Fn parseFn(const std::string &name) {
  static const std::pair<const char *, Fn> names[] = {
      {"relu", Fn::Relu},
      {"tanh", Fn::Tanh},
      {"sigmoid", Fn::Sigmoid},
      {"affine", Fn::Affine},
      {"leaky_relu", Fn::LeakyRelu},
      {"thresholded_relu", Fn::ThresholdedRelu},
      {"scaled_tanh", Fn::ScaledTanh},
      {"hard_sigmoid", Fn::HardSigmoid},
      {"elu", Fn::Elu},
      {"softsign", Fn::Softsign},
      {"softplus", Fn::Softplus},
  };
  for (const auto &[n, fn] : names)
    if (name == n)
      return fn;
  fail("unknown activation '" + name + "'");
}

/// The `activations` attribute ("sigmoid,tanh,tanh") with its parameters.
std::vector<Activation> readActivations(const Attributes &attrs, size_t expected) {
  std::string list = attrs.getString("activations");
  std::vector<Activation> fns;
  for (const std::string &name : splitCommas(list)) {
    Activation a;
    a.fn = parseFn(name);
    fns.push_back(a);
  }
  if (fns.size() != expected)
    fail("expected " + std::to_string(expected) + " activations, got " +
         std::to_string(fns.size()) + " ('" + list + "')");
  for (auto [name, isAlpha] : {std::pair("activation_alpha", true),
                               std::pair("activation_beta", false)}) {
    if (!attrs.has(name))
      continue;
    std::vector<double> values = attrs.getFloats(name, {});
    if (values.size() != expected)
      fail(std::string("'") + name + "' must have one value per activation (" +
           std::to_string(expected) + "), got " + std::to_string(values.size()));
    for (size_t i = 0; i < expected; ++i)
      (isAlpha ? fns[i].alpha : fns[i].beta) = static_cast<float>(values[i]);
  }
  return fns;
}

void checkBlasDim(int64_t v) {
  if (v > std::numeric_limits<int>::max())
    fail("matrix dimension " + std::to_string(v) + " exceeds the BLAS limit");
}

/// c[m x n] (row stride ldc) = a[m x k] . b[n x k]^T.
void gemmNT(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b,
            int64_t ldb, float *c, int64_t ldc) {
  if (m == 0 || n == 0)
    return;
  if (k == 0) {
    for (int64_t i = 0; i < m; ++i)
      std::fill(c + i * ldc, c + i * ldc + n, 0.0f);
    return;
  }
  for (int64_t v : {m, n, k, lda, ldb, ldc})
    checkBlasDim(v);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(n), int(k), 1.0f, a,
              int(lda), b, int(ldb), 0.0f, c, int(ldc));
}

void runRecurrent(const KernelContext &ctx, Cell cell) {
  const CellInfo info = cellInfo(cell);
  const std::string name = info.name;
  const Attributes &attrs = ctx.attr();
  const Tensor &x = ctx.in(0);
  const Tensor &w = ctx.in(1);
  const Tensor &r = ctx.in(2);
  const Tensor *bias = ctx.optIn(3);
  const Tensor *lens = ctx.optIn(4);
  const Tensor *initH = ctx.optIn(5);
  const Tensor *initC = cell == Cell::Lstm ? ctx.optIn(6) : nullptr;
  const Tensor *peep = cell == Cell::Lstm ? ctx.optIn(7) : nullptr;
  Tensor &y = ctx.out(0);
  Tensor &yh = ctx.out(1);
  Tensor *yc = cell == Cell::Lstm ? &ctx.out(2) : nullptr;

  for (auto [t, what] : {std::pair(&x, "input"), std::pair(&w, "weight"),
                         std::pair(&r, "recurrence"), std::pair(bias, "bias"),
                         std::pair(initH, "initial_h"), std::pair(initC, "initial_c"),
                         std::pair(peep, "peepholes"),
                         std::pair<const Tensor *, const char *>(&y, "output"),
                         std::pair<const Tensor *, const char *>(&yh, "output_h"),
                         std::pair<const Tensor *, const char *>(yc, "output_c")})
    if (t)
      expectDType(*t, DType::F32, (name + " " + what).c_str());
  if (x.rank() != 3 || w.rank() != 3 || r.rank() != 3)
    fail(name + ": input, weight and recurrence must have rank 3");

  int64_t layout = attrs.getInt("layout", 0);
  if (layout != 0 && layout != 1)
    fail(name + ": layout must be 0 or 1, got " + std::to_string(layout));
  std::string direction = attrs.getString("direction");
  int64_t dirs = direction == "bidirectional" ? 2 : 1;
  if (direction != "forward" && direction != "reverse" && direction != "bidirectional")
    fail(name + ": unknown direction '" + direction + "'");
  const int64_t seq = x.dim(layout == 0 ? 0 : 1);
  const int64_t batch = x.dim(layout == 0 ? 1 : 0);
  const int64_t inSize = x.dim(2);
  const int64_t hidden = r.dim(2);
  const int64_t gh = info.gates * hidden;
  expectShape(w, {dirs, gh, inSize}, "weight");
  expectShape(r, {dirs, gh, hidden}, "recurrence");
  if (bias)
    expectShape(*bias, {dirs, 2 * gh}, "bias");
  Shape stateShape = layout == 0 ? Shape{dirs, batch, hidden} : Shape{batch, dirs, hidden};
  if (initH)
    expectShape(*initH, stateShape, "initial_h");
  if (initC)
    expectShape(*initC, stateShape, "initial_c");
  if (peep)
    expectShape(*peep, {dirs, 3 * hidden}, "peepholes");
  expectShape(y, layout == 0 ? Shape{seq, dirs, batch, hidden} : Shape{batch, seq, dirs, hidden},
              "output");
  expectShape(yh, stateShape, "output_h");
  if (yc)
    expectShape(*yc, stateShape, "output_c");

  std::vector<int64_t> seqLen(static_cast<size_t>(batch), seq);
  if (lens) {
    expectShape(*lens, {batch}, "sequence_lens");
    for (int64_t b = 0; b < batch; ++b) {
      int64_t v;
      if (lens->dtype() == DType::I32)
        v = lens->data<int32_t>()[b];
      else if (lens->dtype() == DType::I64)
        v = lens->data<int64_t>()[b];
      else
        fail(name + ": sequence_lens must be i32 or i64");
      if (v < 0 || v > seq)
        fail(name + ": sequence_lens[" + std::to_string(b) + "] = " + std::to_string(v) +
             " is outside 0.." + std::to_string(seq));
      seqLen[static_cast<size_t>(b)] = v;
    }
  }

  std::vector<Activation> fns =
      readActivations(attrs, static_cast<size_t>(dirs * info.fnsPerDirection));
  const bool hasClip = attrs.has("clip");
  const float clip = hasClip ? static_cast<float>(attrs.getFloat("clip")) : 0.0f;
  auto clipped = [&](float v) { return hasClip ? std::max(-clip, std::min(clip, v)) : v; };
  const bool linearBeforeReset = attrs.getInt("linear_before_reset", 0) != 0;
  const bool inputForget = attrs.getInt("input_forget", 0) != 0;

  const float *xd = x.data<float>();
  float *yd = y.data<float>();
  std::fill(yd, yd + y.numElements(), 0.0f);
  // Row of (t, b) in the input, the output and the states, by layout.
  auto xRow = [&](int64_t t, int64_t b) { return layout == 0 ? t * batch + b : b * seq + t; };
  auto yOffset = [&](int64_t t, int64_t d, int64_t b) {
    return (layout == 0 ? (t * dirs + d) * batch + b : (b * seq + t) * dirs + d) * hidden;
  };
  auto stateOffset = [&](int64_t d, int64_t b) {
    return (layout == 0 ? d * batch + b : b * dirs + d) * hidden;
  };

  std::vector<float> proj(static_cast<size_t>(seq * batch * gh));
  std::vector<float> rec(static_cast<size_t>(batch * gh));
  std::vector<float> h(static_cast<size_t>(batch * hidden)), c;
  std::vector<float> reset; // GRU without linear_before_reset: r . H
  if (cell == Cell::Lstm)
    c.resize(h.size());
  if (cell == Cell::Gru && !linearBeforeReset)
    reset.resize(h.size());

  for (int64_t d = 0; d < dirs; ++d) {
    const bool reverse = direction == "reverse" || d == 1;
    const float *wd = w.data<float>() + d * gh * inSize;
    const float *rd = r.data<float>() + d * gh * hidden;
    const float *wb = bias ? bias->data<float>() + d * 2 * gh : nullptr;
    const float *rb = wb ? wb + gh : nullptr;
    const float *pd = peep ? peep->data<float>() + d * 3 * hidden : nullptr;
    const Activation *fd = fns.data() + d * info.fnsPerDirection;

    // Input projection of every step at once, rows in the input's order, plus the biases
    // that do not sit inside the GRU's reset product.
    gemmNT(seq * batch, gh, inSize, xd, inSize, wd, inSize, proj.data(), gh);
    if (wb) {
      std::vector<float> sum(static_cast<size_t>(gh));
      for (int64_t j = 0; j < gh; ++j) {
        bool recurrentOnly = cell == Cell::Gru && linearBeforeReset && j >= 2 * hidden;
        sum[j] = wb[j] + (recurrentOnly ? 0.0f : rb[j]);
      }
      for (int64_t row = 0; row < seq * batch; ++row) {
        float *p = proj.data() + row * gh;
        for (int64_t j = 0; j < gh; ++j)
          p[j] += sum[j];
      }
    }

    for (int64_t b = 0; b < batch; ++b) {
      float *hb = h.data() + b * hidden;
      if (initH)
        std::copy_n(initH->data<float>() + stateOffset(d, b), hidden, hb);
      else
        std::fill_n(hb, hidden, 0.0f);
      if (cell == Cell::Lstm) {
        float *cb = c.data() + b * hidden;
        if (initC)
          std::copy_n(initC->data<float>() + stateOffset(d, b), hidden, cb);
        else
          std::fill_n(cb, hidden, 0.0f);
      }
    }

    for (int64_t s = 0; s < seq; ++s) {
      // A GRU without linear_before_reset multiplies only z and r by R here.
      int64_t recCols = cell == Cell::Gru && !linearBeforeReset ? 2 * hidden : gh;
      gemmNT(batch, recCols, hidden, h.data(), hidden, rd, hidden, rec.data(), gh);
      auto active = [&](int64_t b) { return s < seqLen[static_cast<size_t>(b)]; };
      auto timeOf = [&](int64_t b) {
        return reverse ? seqLen[static_cast<size_t>(b)] - 1 - s : s;
      };

      if (cell == Cell::Gru) {
        const Activation &f = fd[0], &g = fd[1];
        // z and r first (z kept in rec, r in rec or folded into reset).
        for (int64_t b = 0; b < batch; ++b) {
          if (!active(b))
            continue;
          const float *p = proj.data() + xRow(timeOf(b), b) * gh;
          float *q = rec.data() + b * gh;
          for (int64_t j = 0; j < 2 * hidden; ++j)
            q[j] = f(clipped(p[j] + q[j]));
          if (!linearBeforeReset)
            for (int64_t j = 0; j < hidden; ++j)
              reset[b * hidden + j] = q[hidden + j] * h[b * hidden + j];
        }
        if (!linearBeforeReset)
          gemmNT(batch, hidden, hidden, reset.data(), hidden, rd + 2 * hidden * hidden,
                 hidden, rec.data() + 2 * hidden, gh);
        for (int64_t b = 0; b < batch; ++b) {
          if (!active(b))
            continue;
          int64_t t = timeOf(b);
          const float *p = proj.data() + xRow(t, b) * gh;
          const float *q = rec.data() + b * gh;
          float *hb = h.data() + b * hidden;
          for (int64_t j = 0; j < hidden; ++j) {
            float z = q[j], rg = q[hidden + j];
            float pre = linearBeforeReset
                            ? p[2 * hidden + j] +
                                  rg * (q[2 * hidden + j] + (rb ? rb[2 * hidden + j] : 0.0f))
                            : p[2 * hidden + j] + q[2 * hidden + j];
            float cand = g(clipped(pre));
            hb[j] = (1.0f - z) * cand + z * hb[j];
          }
          std::copy_n(hb, hidden, yd + yOffset(t, d, b));
        }
        continue;
      }

      for (int64_t b = 0; b < batch; ++b) {
        if (!active(b))
          continue;
        int64_t t = timeOf(b);
        const float *p = proj.data() + xRow(t, b) * gh;
        const float *q = rec.data() + b * gh;
        float *hb = h.data() + b * hidden;
        if (cell == Cell::Rnn) {
          for (int64_t j = 0; j < hidden; ++j)
            hb[j] = fd[0](clipped(p[j] + q[j]));
        } else {
          const Activation &f = fd[0], &g = fd[1], &hf = fd[2];
          float *cb = c.data() + b * hidden;
          for (int64_t j = 0; j < hidden; ++j) {
            // Gate blocks in ONNX order: i, o, f, c; peepholes i, o, f.
            float ig = f(clipped(p[j] + q[j] + (pd ? pd[j] * cb[j] : 0.0f)));
            float fg = inputForget
                           ? 1.0f - ig
                           : f(clipped(p[2 * hidden + j] + q[2 * hidden + j] +
                                       (pd ? pd[2 * hidden + j] * cb[j] : 0.0f)));
            float cand = g(clipped(p[3 * hidden + j] + q[3 * hidden + j]));
            float next = fg * cb[j] + ig * cand;
            float og = f(clipped(p[hidden + j] + q[hidden + j] +
                                 (pd ? pd[hidden + j] * next : 0.0f)));
            cb[j] = next;
            hb[j] = og * hf(clipped(next)); // the state stays unclipped
          }
        }
        std::copy_n(hb, hidden, yd + yOffset(t, d, b));
      }
    }

    // An entry without steps (length 0) ends in zero states, as in ONNX Runtime.
    for (int64_t b = 0; b < batch; ++b) {
      bool empty = seqLen[static_cast<size_t>(b)] == 0;
      float *hOut = yh.data<float>() + stateOffset(d, b);
      if (empty)
        std::fill_n(hOut, hidden, 0.0f);
      else
        std::copy_n(h.data() + b * hidden, hidden, hOut);
      if (!yc)
        continue;
      float *cOut = yc->data<float>() + stateOffset(d, b);
      if (empty)
        std::fill_n(cOut, hidden, 0.0f);
      else
        std::copy_n(c.data() + b * hidden, hidden, cOut);
    }
  }
}

} // namespace

void rnn(const KernelContext &ctx) { runRecurrent(ctx, Cell::Rnn); }
void gru(const KernelContext &ctx) { runRecurrent(ctx, Cell::Gru); }
void lstm(const KernelContext &ctx) { runRecurrent(ctx, Cell::Lstm); }

} // namespace accel::runtime::kernels
