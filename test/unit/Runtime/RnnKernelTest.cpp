//===- RnnKernelTest.cpp - rnn, gru and lstm against a reference ----------===//
//
// The reference follows the ONNX equations one batch entry and one time step at a
// time with plain dot products in double precision, so it shares nothing with the
// kernel's batched GEMMs, bias folding or step/batch bookkeeping.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtil.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

using namespace accel::test;

namespace {

enum class Cell { Rnn, Gru, Lstm };

struct Config {
  Cell cell = Cell::Rnn;
  int64_t seq = 4, batch = 3, input = 3, hidden = 5;
  std::string direction = "forward";
  int64_t layout = 0;
  bool bias = false, initH = false, initC = false, peepholes = false;
  std::vector<int32_t> lens; // empty: no sequence_lens operand
  std::optional<float> clip;
  bool linearBeforeReset = false, inputForget = false;
  std::vector<std::string> activations; // empty: the ONNX defaults
  std::vector<float> alpha, beta;       // one per activation when given

  int64_t gates() const { return cell == Cell::Rnn ? 1 : cell == Cell::Gru ? 3 : 4; }
  int64_t dirs() const { return direction == "bidirectional" ? 2 : 1; }
  Shape state() const {
    return layout == 0 ? Shape{dirs(), batch, hidden} : Shape{batch, dirs(), hidden};
  }
  std::vector<std::string> fns() const {
    if (!activations.empty())
      return activations;
    std::vector<std::string> perDir = cell == Cell::Rnn   ? std::vector<std::string>{"tanh"}
                                      : cell == Cell::Gru ? std::vector<std::string>{"sigmoid", "tanh"}
                                                          : std::vector<std::string>{"sigmoid", "tanh", "tanh"};
    std::vector<std::string> all;
    for (int64_t d = 0; d < dirs(); ++d)
      all.insert(all.end(), perDir.begin(), perDir.end());
    return all;
  }
};

double activate(const std::string &fn, double x, double a, double b) {
  if (fn == "relu") return std::max(0.0, x);
  if (fn == "tanh") return std::tanh(x);
  if (fn == "sigmoid") return 1.0 / (1.0 + std::exp(-x));
  if (fn == "affine") return a * x + b;
  if (fn == "leaky_relu") return x >= 0 ? x : a * x;
  if (fn == "thresholded_relu") return x >= a ? x : 0.0;
  if (fn == "scaled_tanh") return a * std::tanh(b * x);
  if (fn == "hard_sigmoid") return std::clamp(a * x + b, 0.0, 1.0);
  if (fn == "elu") return x >= 0 ? x : a * (std::exp(x) - 1.0);
  if (fn == "softsign") return x / (1.0 + std::fabs(x));
  if (fn == "softplus") return std::log(1.0 + std::exp(x));
  ADD_FAILURE() << "no reference for " << fn;
  return 0;
}

struct Operands {
  Tensor x, w, r, b, lens, h0, c0, p;
};

struct Results {
  std::vector<float> y, yh, yc;
};

Operands makeOperands(const Config &cfg, uint32_t seed) {
  Operands o;
  int64_t gh = cfg.gates() * cfg.hidden, dirs = cfg.dirs();
  o.x = randomF32(cfg.layout == 0 ? Shape{cfg.seq, cfg.batch, cfg.input}
                                  : Shape{cfg.batch, cfg.seq, cfg.input},
                  seed, -1.5f, 1.5f);
  o.w = randomF32({dirs, gh, cfg.input}, seed + 1, -0.8f, 0.8f);
  o.r = randomF32({dirs, gh, cfg.hidden}, seed + 2, -0.8f, 0.8f);
  if (cfg.bias)
    o.b = randomF32({dirs, 2 * gh}, seed + 3, -0.5f, 0.5f);
  if (!cfg.lens.empty())
    o.lens = fromVector<int32_t>(DType::I32, {cfg.batch}, cfg.lens);
  if (cfg.initH)
    o.h0 = randomF32(cfg.state(), seed + 4);
  if (cfg.initC)
    o.c0 = randomF32(cfg.state(), seed + 5);
  if (cfg.peepholes)
    o.p = randomF32({dirs, 3 * cfg.hidden}, seed + 6, -0.5f, 0.5f);
  return o;
}

Results reference(const Config &cfg, const Operands &o) {
  const int64_t S = cfg.seq, B = cfg.batch, I = cfg.input, H = cfg.hidden, G = cfg.gates(),
                D = cfg.dirs();
  const std::vector<std::string> fns = cfg.fns();
  const size_t perDir = fns.size() / static_cast<size_t>(D);
  Results out;
  out.y.assign(static_cast<size_t>(S * D * B * H), 0.0f);
  out.yh.assign(static_cast<size_t>(D * B * H), 0.0f);
  out.yc.assign(out.yh.size(), 0.0f);
  auto at = [](const Tensor &t, int64_t i) { return static_cast<double>(t.data<float>()[i]); };
  auto xAt = [&](int64_t t, int64_t b, int64_t k) {
    return at(o.x, (cfg.layout == 0 ? t * B + b : b * S + t) * I + k);
  };
  auto stateIndex = [&](int64_t d, int64_t b, int64_t j) {
    return (cfg.layout == 0 ? d * B + b : b * D + d) * H + j;
  };
  auto yIndex = [&](int64_t t, int64_t d, int64_t b, int64_t j) {
    return (cfg.layout == 0 ? (t * D + d) * B + b : (b * S + t) * D + d) * H + j;
  };
  auto clip = [&](double v) {
    return cfg.clip ? std::clamp(v, -double(*cfg.clip), double(*cfg.clip)) : v;
  };

  for (int64_t d = 0; d < D; ++d) {
    bool reverse = cfg.direction == "reverse" || d == 1;
    auto fn = [&](size_t k, double v) {
      size_t i = static_cast<size_t>(d) * perDir + k;
      double a = cfg.alpha.empty() ? 0 : cfg.alpha[i], b = cfg.beta.empty() ? 0 : cfg.beta[i];
      return activate(fns[i], v, a, b);
    };
    // Input part (with Wb) and recurrent part (with Rb) of gate g, unit j.
    auto wx = [&](int64_t t, int64_t b, int64_t g, int64_t j) {
      double s = cfg.bias ? at(o.b, d * 2 * G * H + g * H + j) : 0.0;
      for (int64_t k = 0; k < I; ++k)
        s += at(o.w, (d * G * H + g * H + j) * I + k) * xAt(t, b, k);
      return s;
    };
    auto rh = [&](const std::vector<double> &h, int64_t g, int64_t j) {
      double s = cfg.bias ? at(o.b, d * 2 * G * H + G * H + g * H + j) : 0.0;
      for (int64_t k = 0; k < H; ++k)
        s += at(o.r, (d * G * H + g * H + j) * H + k) * h[k];
      return s;
    };
    for (int64_t b = 0; b < B; ++b) {
      std::vector<double> h(H, 0.0), c(H, 0.0);
      for (int64_t j = 0; j < H; ++j) {
        if (cfg.initH)
          h[j] = at(o.h0, stateIndex(d, b, j));
        if (cfg.initC)
          c[j] = at(o.c0, stateIndex(d, b, j));
      }
      int64_t len = cfg.lens.empty() ? S : cfg.lens[b];
      for (int64_t step = 0; step < len; ++step) {
        int64_t t = reverse ? len - 1 - step : step;
        std::vector<double> next(H), nextC(H);
        for (int64_t j = 0; j < H; ++j) {
          if (cfg.cell == Cell::Rnn) {
            next[j] = fn(0, clip(wx(t, b, 0, j) + rh(h, 0, j)));
          } else if (cfg.cell == Cell::Gru) {
            double z = fn(0, clip(wx(t, b, 0, j) + rh(h, 0, j)));
            double cand;
            if (cfg.linearBeforeReset) {
              double r = fn(0, clip(wx(t, b, 1, j) + rh(h, 1, j)));
              cand = fn(1, clip(wx(t, b, 2, j) + r * rh(h, 2, j)));
            } else {
              // (r . H) R_h^T + Rb_h: needs r of every unit.
              std::vector<double> rH(H);
              for (int64_t k = 0; k < H; ++k)
                rH[k] = fn(0, clip(wx(t, b, 1, k) + rh(h, 1, k))) * h[k];
              cand = fn(1, clip(wx(t, b, 2, j) + rh(rH, 2, j)));
            }
            next[j] = (1 - z) * cand + z * h[j];
          } else {
            auto peep = [&](int64_t which, double state) {
              return cfg.peepholes ? at(o.p, d * 3 * H + which * H + j) * state : 0.0;
            };
            double i = fn(0, clip(wx(t, b, 0, j) + rh(h, 0, j) + peep(0, c[j])));
            double f = cfg.inputForget ? 1 - i
                                       : fn(0, clip(wx(t, b, 2, j) + rh(h, 2, j) + peep(2, c[j])));
            double g = fn(1, clip(wx(t, b, 3, j) + rh(h, 3, j)));
            nextC[j] = f * c[j] + i * g;
            double og = fn(0, clip(wx(t, b, 1, j) + rh(h, 1, j) + peep(1, nextC[j])));
            next[j] = og * fn(2, clip(nextC[j]));
          }
        }
        h = next;
        if (cfg.cell == Cell::Lstm)
          c = nextC;
        for (int64_t j = 0; j < H; ++j)
          out.y[yIndex(t, d, b, j)] = static_cast<float>(h[j]);
      }
      // No steps: zero final states (ONNX Runtime's choice).
      for (int64_t j = 0; j < H; ++j) {
        out.yh[stateIndex(d, b, j)] = len == 0 ? 0.0f : static_cast<float>(h[j]);
        out.yc[stateIndex(d, b, j)] = len == 0 ? 0.0f : static_cast<float>(c[j]);
      }
    }
  }
  return out;
}

Attributes attributes(const Config &cfg) {
  Attributes a;
  std::ostringstream list;
  std::vector<std::string> fns = cfg.fns();
  for (size_t i = 0; i < fns.size(); ++i)
    list << (i ? "," : "") << fns[i];
  a.setString("direction", cfg.direction).setString("activations", list.str());
  a.setInt("layout", cfg.layout);
  if (!cfg.alpha.empty())
    a.setFloats("activation_alpha", std::vector<double>(cfg.alpha.begin(), cfg.alpha.end()));
  if (!cfg.beta.empty())
    a.setFloats("activation_beta", std::vector<double>(cfg.beta.begin(), cfg.beta.end()));
  if (cfg.clip)
    a.setFloat("clip", *cfg.clip);
  if (cfg.cell == Cell::Gru)
    a.setInt("linear_before_reset", cfg.linearBeforeReset);
  if (cfg.cell == Cell::Lstm)
    a.setInt("input_forget", cfg.inputForget);
  return a;
}

const char *kernelName(Cell cell) {
  return cell == Cell::Rnn ? "rnn" : cell == Cell::Gru ? "gru" : "lstm";
}

/// Runs the kernel on random operands and compares every result with the reference.
void check(const Config &cfg, uint32_t seed = 1) {
  Operands o = makeOperands(cfg, seed);
  std::vector<const Tensor *> inputs = {&o.x, &o.w, &o.r, cfg.bias ? &o.b : nullptr,
                                        cfg.lens.empty() ? nullptr : &o.lens,
                                        cfg.initH ? &o.h0 : nullptr};
  if (cfg.cell == Cell::Lstm) {
    inputs.push_back(cfg.initC ? &o.c0 : nullptr);
    inputs.push_back(cfg.peepholes ? &o.p : nullptr);
  }
  Tensor y = makeTensor(DType::F32, cfg.layout == 0
                                        ? Shape{cfg.seq, cfg.dirs(), cfg.batch, cfg.hidden}
                                        : Shape{cfg.batch, cfg.seq, cfg.dirs(), cfg.hidden});
  Tensor yh = makeTensor(DType::F32, cfg.state());
  Tensor yc = makeTensor(DType::F32, cfg.state());
  std::vector<Tensor *> outputs = {&y, &yh};
  if (cfg.cell == Cell::Lstm)
    outputs.push_back(&yc);
  Attributes attrs = attributes(cfg);
  KernelContext ctx{inputs, outputs, &attrs};
  Status st = runKernel(kernelName(cfg.cell), ctx);
  ASSERT_TRUE(st.ok()) << st.message();
  Results want = reference(cfg, o);
  {
    SCOPED_TRACE("output");
    expectClose(y, want.y, 2e-5f);
  }
  {
    SCOPED_TRACE("output_h");
    expectClose(yh, want.yh, 2e-5f);
  }
  if (cfg.cell == Cell::Lstm) {
    SCOPED_TRACE("output_c");
    expectClose(yc, want.yc, 2e-5f);
  }
}

} // namespace

TEST(RnnKernel, ForwardDefaults) {
  Config cfg;
  check(cfg);
}

TEST(RnnKernel, ReverseWithBiasInitialStateAndSequenceLengths) {
  Config cfg;
  cfg.direction = "reverse";
  cfg.bias = cfg.initH = true;
  cfg.lens = {4, 2, 0};
  check(cfg);
}

TEST(RnnKernel, BidirectionalBatchFirst) {
  Config cfg;
  cfg.direction = "bidirectional";
  cfg.layout = 1;
  cfg.bias = cfg.initH = true;
  cfg.lens = {1, 4, 3};
  cfg.activations = {"relu", "softsign"};
  check(cfg);
}

TEST(RnnKernel, EveryActivationWithParameters) {
  const std::map<std::string, std::pair<float, float>> params = {
      {"relu", {0, 0}},         {"tanh", {0, 0}},          {"sigmoid", {0, 0}},
      {"affine", {0.7f, 0.2f}}, {"leaky_relu", {0.1f, 0}}, {"thresholded_relu", {0.3f, 0}},
      {"scaled_tanh", {1.5f, 0.6f}}, {"hard_sigmoid", {0.3f, 0.4f}}, {"elu", {0.8f, 0}},
      {"softsign", {0, 0}},     {"softplus", {0, 0}}};
  for (const auto &[fn, ab] : params) {
    SCOPED_TRACE(fn);
    Config cfg;
    cfg.bias = true;
    cfg.activations = {fn};
    cfg.alpha = {ab.first};
    cfg.beta = {ab.second};
    check(cfg, 7);
  }
}

TEST(RnnKernel, Clip) {
  Config cfg;
  cfg.activations = {"relu"};
  cfg.clip = 0.25f;
  check(cfg);
}

TEST(GruKernel, ForwardDefaults) {
  Config cfg;
  cfg.cell = Cell::Gru;
  check(cfg);
}

TEST(GruKernel, LinearBeforeResetWithBias) {
  Config cfg;
  cfg.cell = Cell::Gru;
  cfg.bias = true;
  cfg.linearBeforeReset = true;
  check(cfg, 3);
}

TEST(GruKernel, ReverseResetBeforeLinearWithSequenceLengths) {
  Config cfg;
  cfg.cell = Cell::Gru;
  cfg.direction = "reverse";
  cfg.bias = cfg.initH = true;
  cfg.lens = {3, 4, 1};
  check(cfg, 4);
}

TEST(GruKernel, BidirectionalBatchFirstEverything) {
  for (bool lbr : {false, true}) {
    SCOPED_TRACE(lbr ? "linear_before_reset" : "reset before linear");
    Config cfg;
    cfg.cell = Cell::Gru;
    cfg.direction = "bidirectional";
    cfg.layout = 1;
    cfg.bias = cfg.initH = true;
    cfg.lens = {2, 0, 4};
    cfg.linearBeforeReset = lbr;
    cfg.clip = 1.0f;
    cfg.activations = {"hard_sigmoid", "tanh", "sigmoid", "elu"};
    cfg.alpha = {0.2f, 0, 0, 0.9f};
    cfg.beta = {0.5f, 0, 0, 0};
    check(cfg, 5);
  }
}

TEST(LstmKernel, ForwardDefaults) {
  Config cfg;
  cfg.cell = Cell::Lstm;
  check(cfg);
}

TEST(LstmKernel, ReversePeepholesAndInitialStates) {
  Config cfg;
  cfg.cell = Cell::Lstm;
  cfg.direction = "reverse";
  cfg.bias = cfg.initH = cfg.initC = cfg.peepholes = true;
  cfg.lens = {2, 4, 3};
  check(cfg, 8);
}

TEST(LstmKernel, BidirectionalBatchFirstSequenceLengths) {
  Config cfg;
  cfg.cell = Cell::Lstm;
  cfg.direction = "bidirectional";
  cfg.layout = 1;
  cfg.seq = 5;
  cfg.bias = cfg.initH = cfg.initC = cfg.peepholes = true;
  cfg.lens = {5, 1, 3};
  check(cfg, 9);
}

TEST(LstmKernel, InputForgetClipAndActivations) {
  Config cfg;
  cfg.cell = Cell::Lstm;
  cfg.direction = "bidirectional";
  cfg.bias = cfg.initC = true;
  cfg.inputForget = true;
  cfg.clip = 0.5f;
  cfg.activations = {"sigmoid", "softplus", "scaled_tanh", "hard_sigmoid", "tanh", "affine"};
  cfg.alpha = {0, 0, 1.2f, 0.25f, 0, 0.5f};
  cfg.beta = {0, 0, 0.8f, 0.5f, 0, 0.1f};
  check(cfg, 10);
}

TEST(LstmKernel, SequenceLengthOutOfRangeIsAnError) {
  Config cfg;
  cfg.cell = Cell::Lstm;
  Operands o = makeOperands(cfg, 1);
  Tensor lens = fromVector<int32_t>(DType::I32, {3}, {1, 5, 2});
  Tensor y = makeTensor(DType::F32, {4, 1, 3, 5});
  Tensor yh = makeTensor(DType::F32, {1, 3, 5});
  Tensor yc = makeTensor(DType::F32, {1, 3, 5});
  Attributes attrs = attributes(cfg);
  KernelContext ctx{{&o.x, &o.w, &o.r, nullptr, &lens}, {&y, &yh, &yc}, &attrs};
  Status st = runKernel("lstm", ctx);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("sequence_lens[1] = 5 is outside 0..4"), std::string::npos)
      << st.message();
}

TEST(LstmKernel, UnknownActivationIsAnError) {
  Config cfg;
  cfg.cell = Cell::Lstm;
  cfg.activations = {"sigmoid", "gelu", "tanh"};
  Operands o = makeOperands(cfg, 1);
  Tensor y = makeTensor(DType::F32, {4, 1, 3, 5});
  Tensor yh = makeTensor(DType::F32, {1, 3, 5});
  Tensor yc = makeTensor(DType::F32, {1, 3, 5});
  Attributes attrs = attributes(cfg);
  KernelContext ctx{{&o.x, &o.w, &o.r}, {&y, &yh, &yc}, &attrs};
  Status st = runKernel("lstm", ctx);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unknown activation 'gelu'"), std::string::npos) << st.message();
}
