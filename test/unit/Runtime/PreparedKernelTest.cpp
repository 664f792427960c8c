//===- PreparedKernelTest.cpp - oneDNN-prepared kernels, epilogues, layouts -===//
//
// Every prepared path (a oneDNN primitive built at load) must compute what the generic
// path computes; a fused epilogue what the separate elementwise kernels compute; and a
// channels-last layout what the logical one does.
//
//===----------------------------------------------------------------------===//
#include "KernelTestUtil.h"
#include "TestScheduleBuilder.h"

#include "accel/Runtime/Executor.h"

using namespace accel;
using namespace accel::test;
using namespace accel::runtime;

namespace {

Attributes convAttrs(std::vector<int64_t> strides, std::vector<int64_t> pads,
                     std::vector<int64_t> dilations, int64_t groups = 1) {
  Attributes a;
  a.setInts("strides", std::move(strides))
      .setInts("pads", std::move(pads))
      .setInts("dilations", std::move(dilations))
      .setInt("groups", groups);
  return a;
}

// Prepares `kernel` (constant inputs as flagged), sets the given layouts, runs it.
struct Prepared {
  std::unique_ptr<KernelState> state;
  Status status;
};
Prepared runPrepared(const std::string &kernel, std::vector<const Tensor *> inputs,
                     std::vector<bool> constant, Tensor &out, const Attributes &attrs,
                     std::vector<bool> inLayouts = {}, bool outLayout = false) {
  const KernelInfo *info = lookupKernel(kernel);
  EXPECT_NE(info, nullptr);
  PrepareContext pc;
  pc.inputs = inputs;
  pc.constant = constant;
  pc.outputs = {&out};
  pc.attrs = &attrs;
  Prepared p;
  p.state = prepareKernel(*info, pc);
  if (p.state) {
    inLayouts.resize(inputs.size(), false);
    p.state->setLayouts(inLayouts, outLayout);
  }
  KernelContext ctx{inputs, {&out}, &attrs, p.state.get()};
  p.status = runKernel(*info, ctx);
  return p;
}

// NCHW.. -> NHWC.. (and back with `inverse`), for checking channels-last results.
Tensor toChannelsLast(const Tensor &t, bool inverse = false) {
  Tensor out = makeTensor(DType::F32, t.shape());
  int64_t n = t.dim(0), c = t.dim(1), s = t.numElements() / (n * c);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t k = 0; k < c; ++k)
      for (int64_t j = 0; j < s; ++j) {
        int64_t logical = (i * c + k) * s + j, last = (i * s + j) * c + k;
        if (inverse)
          out.data<float>()[logical] = t.data<float>()[last];
        else
          out.data<float>()[last] = t.data<float>()[logical];
      }
  return out;
}

struct ConvCase {
  const char *name;
  Shape x, w;
  std::vector<int64_t> strides, pads, dilations;
  int64_t groups;
  bool bias;
};

} // namespace

TEST(PreparedConv, MatchesTheGenericPathForEveryGeometry) {
  std::vector<ConvCase> cases = {
      {"3x3", {1, 8, 9, 9}, {16, 8, 3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, 1, true},
      {"1x1", {2, 16, 5, 5}, {8, 16, 1, 1}, {1, 1}, {0, 0, 0, 0}, {1, 1}, 1, false},
      {"stride2-asym", {1, 3, 11, 10}, {4, 3, 3, 3}, {2, 2}, {0, 1, 1, 0}, {1, 1}, 1, true},
      {"groups", {1, 8, 6, 6}, {8, 4, 3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 1}, 2, true},
      {"depthwise", {1, 12, 7, 7}, {12, 1, 3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 1}, 12, true},
      {"dilated", {1, 4, 9, 9}, {4, 4, 3, 3}, {1, 1}, {2, 2, 2, 2}, {2, 2}, 1, false},
      {"1d", {1, 4, 17}, {6, 4, 5}, {2}, {2, 2}, {1}, 1, true},
      {"3d", {1, 2, 4, 5, 5}, {3, 2, 3, 3, 3}, {1, 1, 1}, {1, 1, 1, 1, 1, 1}, {1, 1, 1}, 1,
       true},
  };
  for (const ConvCase &c : cases) {
    SCOPED_TRACE(c.name);
    Tensor x = randomF32(c.x, 1), w = randomF32(c.w, 2), b = randomF32({c.w[0]}, 3);
    Attributes attrs = convAttrs(c.strides, c.pads, c.dilations, c.groups);
    // The generic path first, to learn the result shape.
    Shape outShape = {c.x[0], c.w[0]};
    for (size_t i = 0; i + 2 < c.x.size(); ++i) {
      size_t s = c.x.size() - 2;
      int64_t span = c.dilations[i] * (c.w[2 + i] - 1) + 1;
      outShape.push_back((c.x[2 + i] + c.pads[i] + c.pads[i + s] - span) / c.strides[i] + 1);
    }
    Tensor want = makeTensor(DType::F32, outShape), got = makeTensor(DType::F32, outShape);
    std::vector<const Tensor *> ins = {&x, &w};
    if (c.bias)
      ins.push_back(&b);
    ASSERT_TRUE(run("conv", ins, want, attrs).ok());
    Prepared p = runPrepared("conv", ins, {false, true, true}, got, attrs);
    ASSERT_TRUE(p.status.ok()) << p.status.message();
    EXPECT_NE(p.state, nullptr) << "oneDNN has every 1-3-d conv";
    expectClose(got, toVector(want), 1e-4f);
  }
}

TEST(PreparedConv, WithoutConstantWeightsIsNotPrepared) {
  Tensor x = randomF32({1, 2, 4, 4}, 1), w = randomF32({2, 2, 1, 1}, 2);
  Tensor y = makeTensor(DType::F32, {1, 2, 4, 4});
  Attributes attrs = convAttrs({1, 1}, {0, 0, 0, 0}, {1, 1});
  Prepared p = runPrepared("conv", {&x, &w}, {false, false}, y, attrs);
  EXPECT_EQ(p.state, nullptr);
  EXPECT_TRUE(p.status.ok());
}

// conv + epilogue, fused, equals conv then the separate elementwise kernels.
TEST(PreparedConv, FusedEpilogueEqualsTheSeparateOps) {
  Shape xs = {1, 8, 6, 6}, ys = {1, 8, 6, 6};
  Tensor x = randomF32(xs, 1), w = randomF32({8, 8, 3, 3}, 2, -0.3f, 0.3f);
  Tensor bias = randomF32({8}, 3), residual = randomF32(ys, 4);
  Tensor perChannel = randomF32({8, 1, 1}, 5), scalar = randomF32({1}, 6);
  struct Epi {
    const char *kinds;
    std::vector<int64_t> inputs;
    std::vector<double> alpha, beta;
  };
  // Inputs: 0 x, 1 w, 2 bias, 3 residual, 4 per-channel, 5 scalar.
  std::vector<Epi> epis = {
      {"add,relu", {3, -1}, {0, 0}, {0, 0}},
      {"mul,add,silu", {4, 5, -1}, {0, 0, 0}, {0, 0, 0}},
      {"clamp,gelu", {-1, -1}, {0, 0}, {6, 0}},
      {"leaky_relu,sub,hard_swish", {-1, 4, -1}, {0.1, 0, 0}, {0, 0, 0}},
      {"add,add,sigmoid", {3, 4, -1}, {0, 0, 0}, {0, 0, 0}},
      {"div,tanh,max", {5, -1, 3}, {0, 0, 0}, {0, 0, 0}},
  };
  std::vector<const Tensor *> ins = {&x, &w, &bias, &residual, &perChannel, &scalar};
  Attributes plain = convAttrs({1, 1}, {1, 1, 1, 1}, {1, 1});
  for (const Epi &e : epis) {
    SCOPED_TRACE(e.kinds);
    // Separate ops.
    Tensor want = makeTensor(DType::F32, ys);
    ASSERT_TRUE(run("conv", {&x, &w, &bias}, want, plain).ok());
    std::string kinds = e.kinds;
    size_t start = 0;
    for (size_t i = 0; i < e.inputs.size(); ++i) {
      size_t comma = kinds.find(',', start);
      std::string kind = kinds.substr(start, comma == std::string::npos ? std::string::npos
                                                                        : comma - start);
      start = comma + 1;
      Tensor next = makeTensor(DType::F32, ys);
      Attributes a;
      if (kind == "clamp") {
        a.setFloat("min", e.alpha[i]).setFloat("max", e.beta[i]);
        ASSERT_TRUE(run("clamp", {&want}, next, a).ok());
      } else if (kind == "silu") {
        Tensor sig = makeTensor(DType::F32, ys);
        a.setString("kind", "sigmoid");
        ASSERT_TRUE(run("unary", {&want}, sig, a).ok());
        Attributes m;
        m.setString("kind", "mul");
        ASSERT_TRUE(run("binary", {&want, &sig}, next, m).ok());
      } else if (e.inputs[i] >= 0) {
        a.setString("kind", kind);
        ASSERT_TRUE(run("binary", {&want, ins[e.inputs[i]]}, next, a).ok());
      } else {
        a.setString("kind", kind).setFloat("alpha", e.alpha[i]).setFloat("beta", e.beta[i]);
        ASSERT_TRUE(run("unary", {&want}, next, a).ok());
      }
      want = std::move(next);
    }
    // Fused: prepared (oneDNN post-ops) and unprepared (generic + applyEpilogue).
    Attributes fused = plain;
    fused.setString("epilogue", e.kinds)
        .setInts("epilogue_inputs", e.inputs)
        .setFloats("epilogue_alpha", e.alpha)
        .setFloats("epilogue_beta", e.beta);
    Tensor got = makeTensor(DType::F32, ys), generic = makeTensor(DType::F32, ys);
    Prepared p = runPrepared("conv", ins, {false, true, true, false, true, true}, got, fused);
    ASSERT_TRUE(p.status.ok()) << p.status.message();
    EXPECT_NE(p.state, nullptr);
    expectClose(got, toVector(want), 1e-4f);
    ASSERT_TRUE(run("conv", ins, generic, fused).ok());
    expectClose(generic, toVector(want), 1e-5f);
  }
}

TEST(PreparedConv, BadEpilogueAttributesAreKernelErrors) {
  Tensor x = randomF32({1, 2, 4, 4}, 1), w = randomF32({2, 2, 1, 1}, 2);
  Tensor y = makeTensor(DType::F32, {1, 2, 4, 4});
  Attributes a = convAttrs({1, 1}, {0, 0, 0, 0}, {1, 1});
  a.setString("epilogue", "add,relu").setInts("epilogue_inputs", {7, -1});
  a.setFloats("epilogue_alpha", {0, 0}).setFloats("epilogue_beta", {0, 0});
  Status st = run("conv", {&x, &w}, y, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("reads input #7"), std::string::npos) << st.message();
  a.setFloats("epilogue_beta", {0});
  st = run("conv", {&x, &w}, y, a);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("2 steps"), std::string::npos) << st.message();
}

TEST(PreparedConv, ChannelsLastInputsAndResultsMatchTheLogicalLayout) {
  Shape xs = {2, 8, 5, 5};
  Tensor x = randomF32(xs, 1), w = randomF32({8, 8, 3, 3}, 2), res = randomF32(xs, 3);
  Attributes a = convAttrs({1, 1}, {1, 1, 1, 1}, {1, 1});
  a.setString("epilogue", "add,relu").setInts("epilogue_inputs", {3, -1});
  a.setFloats("epilogue_alpha", {0, 0}).setFloats("epilogue_beta", {0, 0});
  Tensor want = makeTensor(DType::F32, xs);
  ASSERT_TRUE(run("conv", {&x, &w, nullptr, &res}, want, a).ok());
  Tensor xl = toChannelsLast(x), rl = toChannelsLast(res);
  // Input, residual and result all channels-last; then only the result.
  Tensor got = makeTensor(DType::F32, xs);
  Prepared p = runPrepared("conv", {&xl, &w, nullptr, &rl}, {false, true, false, false}, got, a,
                           {true, false, false, true}, true);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_NE(p.state, nullptr);
  EXPECT_TRUE(p.state->acceptsChannelsLast(0));
  EXPECT_TRUE(p.state->acceptsChannelsLast(3));
  EXPECT_FALSE(p.state->acceptsChannelsLast(1));
  expectClose(toChannelsLast(got, /*inverse=*/true), toVector(want), 1e-4f);
  Tensor got2 = makeTensor(DType::F32, xs);
  p = runPrepared("conv", {&x, &w, nullptr, &res}, {false, true, false, false}, got2, a,
                  {false, false, false, false}, true);
  ASSERT_TRUE(p.status.ok());
  expectClose(toChannelsLast(got2, true), toVector(want), 1e-4f);
}

TEST(PreparedMatmul, MatchesBlasForLinearBatchedAndTransposedProducts) {
  struct Case {
    const char *name;
    Shape a, b, c;
    bool ta, tb, constant;
  };
  std::vector<Case> cases = {
      {"linear", {5, 8}, {8, 3}, {5, 3}, false, false, true},
      {"linear-3d-lhs", {2, 5, 8}, {8, 3}, {2, 5, 3}, false, false, true},
      {"linear-transposed-weights", {2, 5, 8}, {3, 8}, {2, 5, 3}, false, true, true},
      {"attention", {2, 4, 6, 8}, {2, 4, 8, 6}, {2, 4, 6, 6}, false, false, false},
      {"attention-kT", {2, 4, 6, 8}, {2, 4, 6, 8}, {2, 4, 6, 6}, false, true, false},
      {"broadcast-batch", {3, 4, 5}, {1, 5, 2}, {3, 4, 2}, false, false, false},
      {"transposed-lhs", {8, 5}, {8, 3}, {5, 3}, true, false, true},
  };
  for (const Case &c : cases) {
    SCOPED_TRACE(c.name);
    Tensor a = randomF32(c.a, 1), b = randomF32(c.b, 2);
    Attributes attrs;
    attrs.setInt("transpose_lhs", c.ta).setInt("transpose_rhs", c.tb);
    Tensor want = makeTensor(DType::F32, c.c), got = makeTensor(DType::F32, c.c);
    ASSERT_TRUE(run("matmul", {&a, &b}, want, attrs).ok());
    Prepared p = runPrepared("matmul", {&a, &b}, {false, c.constant}, got, attrs);
    ASSERT_TRUE(p.status.ok()) << p.status.message();
    EXPECT_NE(p.state, nullptr);
    expectClose(got, toVector(want), 1e-5f);
  }
}

TEST(PreparedMatmul, BiasGeluAndResidualFuse) {
  Tensor a = randomF32({2, 5, 8}, 1), w = randomF32({8, 4}, 2), bias = randomF32({4}, 3);
  Tensor res = randomF32({2, 5, 4}, 4);
  Attributes attrs;
  attrs.setString("epilogue", "add,gelu,add")
      .setInts("epilogue_inputs", {2, -1, 3})
      .setFloats("epilogue_alpha", {0, 0, 0})
      .setFloats("epilogue_beta", {0, 0, 0});
  Tensor want = makeTensor(DType::F32, {2, 5, 4}), got = makeTensor(DType::F32, {2, 5, 4});
  ASSERT_TRUE(run("matmul", {&a, &w, &bias, &res}, want, attrs).ok());
  Prepared p = runPrepared("matmul", {&a, &w, &bias, &res}, {false, true, true, false}, got, attrs);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  EXPECT_NE(p.state, nullptr);
  expectClose(got, toVector(want), 1e-5f);
}

TEST(PreparedPool, MatchesTheDirectLoopAndReadsChannelsLast) {
  struct Case {
    const char *name, *kind;
    std::vector<int64_t> k, s, pads;
    Shape out;
    int64_t includePad;
  };
  Shape xs = {1, 4, 9, 9};
  std::vector<Case> cases = {
      {"max3x3s2", "max", {3, 3}, {2, 2}, {1, 1, 1, 1}, {1, 4, 5, 5}, 0},
      {"avg-ceil", "avg", {2, 2}, {2, 2}, {0, 0, 0, 0}, {1, 4, 5, 5}, 0},
      {"avg-include-pad", "avg", {3, 3}, {1, 1}, {1, 1, 1, 1}, {1, 4, 9, 9}, 1},
      {"global", "avg", {9, 9}, {1, 1}, {0, 0, 0, 0}, {1, 4, 1, 1}, 0},
  };
  Tensor x = randomF32(xs, 1), xl = toChannelsLast(x);
  for (const Case &c : cases) {
    SCOPED_TRACE(c.name);
    Attributes a;
    a.setString("kind", c.kind).setInts("kernel_shape", c.k).setInts("strides", c.s);
    a.setInts("pads", c.pads).setInt("count_include_pad", c.includePad);
    Tensor want = makeTensor(DType::F32, c.out), got = makeTensor(DType::F32, c.out);
    ASSERT_TRUE(run("pool", {&x}, want, a).ok());
    Prepared p = runPrepared("pool", {&xl}, {false}, got, a, {true}, false);
    ASSERT_TRUE(p.status.ok()) << p.status.message();
    EXPECT_NE(p.state, nullptr);
    expectClose(got, toVector(want), 1e-5f);
  }
}

TEST(ChannelsLastView, BroadcastBinaryAndSpatialMeanMatchTheLogicalLayout) {
  Shape xs = {2, 4, 3, 5};
  Tensor x = randomF32(xs, 1), scale = randomF32({2, 4, 1, 1}, 2);
  Attributes mul;
  mul.setString("kind", "mul");
  Tensor want = makeTensor(DType::F32, xs), got = makeTensor(DType::F32, xs);
  ASSERT_TRUE(run("binary", {&x, &scale}, want, mul).ok());
  Tensor xl = toChannelsLast(x);
  Prepared p = runPrepared("binary", {&xl, &scale}, {false, false}, got, mul, {true, false}, true);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_NE(p.state, nullptr);
  EXPECT_TRUE(p.state->followsResultLayout(0));
  EXPECT_FALSE(p.state->followsResultLayout(1));
  expectClose(toChannelsLast(got, true), toVector(want), 1e-6f);

  Attributes mean;
  mean.setString("kind", "mean").setInts("axes", {2, 3}).setInt("keep_dims", 1);
  Tensor m1 = makeTensor(DType::F32, {2, 4, 1, 1}), m2 = makeTensor(DType::F32, {2, 4, 1, 1});
  ASSERT_TRUE(run("reduce", {&x}, m1, mean).ok());
  p = runPrepared("reduce", {&xl}, {false}, m2, mean, {true}, false);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  expectClose(m2, toVector(m1), 1e-6f);
  // A broadcast the permuted view cannot express is not prepared.
  Tensor rowScale = randomF32({1, 4, 3, 1}, 3);
  Prepared none = runPrepared("binary", {&x, &rowScale}, {false, false}, want, mul);
  EXPECT_EQ(none.state, nullptr);
}

// conv -> relu -> conv -> output: the intermediates stay channels-last; a hook turns the
// plan off; both give the same output.
TEST(LayoutPlan, KeepsConvChainsChannelsLastAndHooksSeeTheLogicalLayout) {
  TestScheduleBuilder b;
  Shape s = {1, 8, 6, 6};
  int32_t x = b.addInput("x", DType::F32, s);
  Tensor w1 = randomF32({8, 8, 3, 3}, 1), w2 = randomF32({8, 8, 1, 1}, 2);
  int32_t c1 = b.addConstantF32("w1", {8, 8, 3, 3}, toVector(w1));
  int32_t c2 = b.addConstantF32("w2", {8, 8, 1, 1}, toVector(w2));
  int32_t t1 = b.addIntermediate("t1", DType::F32, s);
  int32_t t2 = b.addIntermediate("t2", DType::F32, s);
  int32_t y = b.addOutput("y", DType::F32, s);
  auto &i1 = b.addInstruction("conv", {x, c1, -1}, {t1}, "conv1");
  i1.attrs = convAttrs({1, 1}, {1, 1, 1, 1}, {1, 1});
  b.addInstruction("unary", {t1}, {t2}, "relu").attrs.setString("kind", "relu");
  auto &i3 = b.addInstruction("conv", {t2, c2, -1}, {y}, "conv2");
  i3.attrs = convAttrs({1, 1}, {0, 0, 0, 0}, {1, 1});
  std::unique_ptr<LoadedSchedule> sched;
  Status st = loadBytes(b.finish(), sched);
  ASSERT_TRUE(st.ok()) << st.message();

  Executor planned(*sched);
  EXPECT_EQ(planned.channelsLastTensors(), 2u); // t1 and t2; the output stays logical
  Tensor in = randomF32(s, 3), in2;
  ASSERT_TRUE(in.clone(in2).ok());
  RunResult r1, r2;
  std::vector<NamedTensor> inputs;
  inputs.emplace_back("x", std::move(in));
  ASSERT_TRUE(planned.run(std::move(inputs), r1).ok());

  Executor hooked(*sched);
  ExecutionHook hook;
  hooked.setHook(&hook);
  EXPECT_EQ(hooked.channelsLastTensors(), 0u);
  std::vector<NamedTensor> inputs2;
  inputs2.emplace_back("x", std::move(in2));
  ASSERT_TRUE(hooked.run(std::move(inputs2), r2).ok());
  expectClose(r1.outputs[0].second, toVector(r2.outputs[0].second), 1e-5f);
}

// Large enough for the parallel row split: every chunk starts at the right input offset.
TEST(ParallelKernels, TransposeChunksMatchTheNaivePermutation) {
  Shape s = {2, 64, 33, 9};
  Tensor x = randomF32(s, 7);
  Tensor y = makeTensor(DType::F32, {2, 33, 9, 64});
  Attributes a;
  a.setInts("perm", {0, 2, 3, 1});
  ASSERT_TRUE(run("transpose", {&x}, y, a).ok());
  Tensor want = toChannelsLast(x);
  expectClose(y, toVector(want), 0.0f);
}

// A reshape's result views its input's storage; the input must then outlive every reader
// of the view, or a later intermediate would reuse (and overwrite) it.
TEST(ReshapeAlias, TheViewedStorageLivesAsLongAsTheView) {
  TestScheduleBuilder b;
  int32_t x = b.addInput("x", DType::F32, {4, 256});
  int32_t t1 = b.addIntermediate("t1", DType::F32, {4, 256});
  int32_t t2 = b.addIntermediate("t2", DType::F32, {1024});
  int32_t t3 = b.addIntermediate("t3", DType::F32, {1024});
  int32_t y = b.addOutput("y", DType::F32, {1024});
  b.addInstruction("unary", {x}, {t1}, "neg").attrs.setString("kind", "neg");
  b.addInstruction("reshape", {t1}, {t2}, "flatten");
  // t1's last direct reader was the reshape: without the alias rule its buffer would be
  // free for t3 here.
  int32_t xf = b.addIntermediate("xf", DType::F32, {1024});
  b.addInstruction("reshape", {x}, {xf}, "flatten_x");
  b.addInstruction("unary", {xf}, {t3}, "abs").attrs.setString("kind", "abs");
  b.addInstruction("binary", {t2, t3}, {y}, "add").attrs.setString("kind", "add");
  std::unique_ptr<LoadedSchedule> sched;
  ASSERT_TRUE(loadBytes(b.finish(), sched).ok());
  Executor ex(*sched);
  Tensor in = randomF32({4, 256}, 9);
  std::vector<float> want(1024);
  for (int i = 0; i < 1024; ++i)
    want[i] = -in.data<float>()[i] + std::fabs(in.data<float>()[i]);
  std::vector<NamedTensor> inputs;
  inputs.emplace_back("x", std::move(in));
  RunResult r;
  ASSERT_TRUE(ex.run(std::move(inputs), r).ok());
  expectClose(r.outputs[0].second, want, 0.0f);
  EXPECT_EQ(r.records.size(), 5u); // the views still appear in the report
}

// DenseNet's channel concat on channels-last operands: the axis moves last in the view.
TEST(ChannelsLastView, ConcatAlongChannelsMatchesTheLogicalLayout) {
  Tensor a = randomF32({2, 3, 4, 5}, 1), b = randomF32({2, 6, 4, 5}, 2);
  Attributes attrs;
  attrs.setInt("axis", 1);
  Tensor want = makeTensor(DType::F32, {2, 9, 4, 5}), got = makeTensor(DType::F32, {2, 9, 4, 5});
  ASSERT_TRUE(run("concat", {&a, &b}, want, attrs).ok());
  Tensor al = toChannelsLast(a), bl = toChannelsLast(b);
  Prepared p = runPrepared("concat", {&al, &bl}, {false, false}, got, attrs, {true, true}, true);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  ASSERT_NE(p.state, nullptr);
  EXPECT_TRUE(p.state->followsResultLayout(0) && p.state->followsResultLayout(1));
  expectClose(toChannelsLast(got, true), toVector(want), 0.0f);
  // Along a spatial axis too (H is axis 1 of the view).
  Tensor c = randomF32({2, 3, 2, 5}, 3), cl = toChannelsLast(c);
  Attributes h;
  h.setInt("axis", 2);
  Tensor want2 = makeTensor(DType::F32, {2, 3, 6, 5}), got2 = makeTensor(DType::F32, {2, 3, 6, 5});
  ASSERT_TRUE(run("concat", {&a, &c}, want2, h).ok());
  p = runPrepared("concat", {&al, &cl}, {false, false}, got2, h, {true, true}, true);
  ASSERT_TRUE(p.status.ok()) << p.status.message();
  expectClose(toChannelsLast(got2, true), toVector(want2), 0.0f);
}
