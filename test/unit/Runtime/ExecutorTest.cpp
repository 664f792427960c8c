//===- ExecutorTest.cpp - binding, liveness, peak memory, hooks -----------===//
#include "TestScheduleBuilder.h"

#include "accel/Runtime/Executor.h"
#include "accel/Runtime/Report.h"

#include <gtest/gtest.h>

using namespace accel;
using namespace accel::test;
using namespace accel::runtime;

namespace {

// A chain x -> t1 -> t2 -> t3 -> y of relus over [1024] f32 (4 KiB each), plus a
// second use of t1 at the end so t1 stays live throughout.
std::unique_ptr<LoadedSchedule> chain(bool keepT1) {
  TestScheduleBuilder b;
  Shape s = {1024};
  int32_t x = b.addInput("x", DType::F32, s);
  int32_t t1 = b.addIntermediate("t1", DType::F32, s);
  int32_t t2 = b.addIntermediate("t2", DType::F32, s);
  int32_t t3 = b.addIntermediate("t3", DType::F32, s);
  int32_t y = b.addOutput("y", DType::F32, s);
  auto relu = [&](int32_t in, int32_t out, const char *node) {
    auto &i = b.addInstruction("unary", {in}, {out}, node);
    i.attrs.setString("kind", "neg");
    i.flops = 1024;
  };
  relu(x, t1, "n1");
  relu(t1, t2, "n2");
  relu(t2, t3, "n3");
  if (keepT1)
    b.addInstruction("binary", {t3, t1}, {y}, "n4").attrs.setString("kind", "add");
  else
    relu(t3, y, "n4");
  std::unique_ptr<LoadedSchedule> s2;
  Status st = loadBytes(b.finish(), s2);
  EXPECT_TRUE(st.ok()) << st.message();
  return s2;
}

Tensor ramp(int64_t n) {
  Tensor t;
  EXPECT_TRUE(Tensor::allocate(DType::F32, {n}, t).ok());
  for (int64_t i = 0; i < n; ++i)
    t.data<float>()[i] = static_cast<float>(i);
  return t;
}

} // namespace

TEST(Executor, LivenessFreesAfterLastUse) {
  auto s = chain(false);
  Executor ex(*s);
  // t1 dies at instruction 1, t2 at 2, t3 at 3; inputs/outputs never.
  EXPECT_EQ(ex.lastUse()[1], 1u);
  EXPECT_EQ(ex.lastUse()[2], 2u);
  EXPECT_EQ(ex.lastUse()[3], 3u);
  EXPECT_EQ(ex.lastUse()[0], SIZE_MAX);
  EXPECT_EQ(ex.lastUse()[4], SIZE_MAX);
  std::vector<NamedTensor> in;
  in.emplace_back("x", ramp(1024));
  RunResult r;
  Status st = ex.run(std::move(in), r);
  ASSERT_TRUE(st.ok()) << st.message();
  // At most input + two live intermediates/outputs at any time: 3 x 4 KiB.
  EXPECT_EQ(r.peakBytes, 3u * 4096);
  ASSERT_EQ(r.outputs.size(), 1u);
  EXPECT_EQ(r.outputs[0].first, "y");
  EXPECT_EQ(r.outputs[0].second.data<float>()[7], 7.0f); // neg applied 4 times
  EXPECT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.hostFlops, 4u * 1024);
  EXPECT_EQ(r.deviceFlops, 0u);
}

TEST(Executor, LongLivedIntermediateRaisesPeak) {
  auto s = chain(true);
  Executor ex(*s);
  EXPECT_EQ(ex.lastUse()[1], 3u);
  std::vector<NamedTensor> in;
  in.emplace_back("x", ramp(1024));
  RunResult r;
  ASSERT_TRUE(ex.run(std::move(in), r).ok());
  EXPECT_EQ(r.peakBytes, 4u * 4096);
  // y = -(-(-(-x)))... t3 = -x, t1 = -x => y = -2x
  EXPECT_EQ(r.outputs[0].second.data<float>()[3], -6.0f);
}

TEST(Executor, InputBindingErrorsNameTheInput) {
  auto s = chain(false);
  Executor ex(*s);
  RunResult r;
  std::vector<NamedTensor> none;
  Status st = ex.run(std::move(none), r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("missing input 'x' (f32, shape 1024)"), std::string::npos)
      << st.message();

  std::vector<NamedTensor> wrongShape;
  wrongShape.emplace_back("x", ramp(10));
  st = ex.run(std::move(wrongShape), r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("input 'x': expected shape 1024, got 10"), std::string::npos)
      << st.message();

  std::vector<NamedTensor> wrongType;
  Tensor i;
  ASSERT_TRUE(Tensor::allocate(DType::I64, {1024}, i).ok());
  wrongType.emplace_back("x", std::move(i));
  st = ex.run(std::move(wrongType), r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("expected element type f32, got i64"), std::string::npos);

  std::vector<NamedTensor> wrongName;
  wrongName.emplace_back("z", ramp(1024));
  st = ex.run(std::move(wrongName), r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("no input named 'z' (inputs: x)"), std::string::npos);
}

TEST(Executor, KernelErrorsNameTheInstruction) {
  TestScheduleBuilder b;
  int32_t x = b.addInput("x", DType::F32, {2});
  int32_t y = b.addOutput("y", DType::F32, {2});
  b.addInstruction("unary", {x}, {y}, "act_1"); // no kind attribute
  std::unique_ptr<LoadedSchedule> s;
  ASSERT_TRUE(loadBytes(b.finish(), s).ok());
  Executor ex(*s);
  std::vector<NamedTensor> in;
  in.emplace_back("x", ramp(2));
  RunResult r;
  Status st = ex.run(std::move(in), r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("instruction #0 (unary, node 'act_1'): missing required "
                              "attribute 'kind'"),
            std::string::npos)
      << st.message();
}

TEST(Executor, HooksSeeEveryInstructionAndCanFail) {
  struct Counter : ExecutionHook {
    size_t failAt = SIZE_MAX;
    void before(const Instruction &, size_t i, const std::vector<const Tensor *> &) override {
      before_.push_back(i);
    }
    Status after(const Instruction &in, size_t i, const std::vector<const Tensor *> &,
                 const std::vector<Tensor *> &outs) override {
      after_.push_back(i);
      EXPECT_EQ(outs.size(), 1u);
      if (i == failAt)
        return Status::error("golden mismatch at " + in.node);
      return Status::success();
    }
    std::vector<size_t> before_, after_;
  } hook;
  auto s = chain(false);
  Executor ex(*s);
  ex.setHook(&hook);
  std::vector<NamedTensor> in;
  in.emplace_back("x", ramp(1024));
  RunResult r;
  ASSERT_TRUE(ex.run(std::move(in), r).ok());
  EXPECT_EQ(hook.before_, (std::vector<size_t>{0, 1, 2, 3}));
  EXPECT_EQ(hook.after_, (std::vector<size_t>{0, 1, 2, 3}));
  hook.failAt = 2;
  std::vector<NamedTensor> in2;
  in2.emplace_back("x", ramp(1024));
  Status st = ex.run(std::move(in2), r);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "golden mismatch at n3");
}

TEST(Report, TableJsonAndTraceMentionEveryInstruction) {
  auto s = chain(false);
  Executor ex(*s);
  std::vector<NamedTensor> in;
  in.emplace_back("x", ramp(1024));
  RunResult r;
  ASSERT_TRUE(ex.run(std::move(in), r).ok());
  std::string table = formatReportTable(*s, r);
  EXPECT_NE(table.find("unary.neg"), std::string::npos);
  for (const char *node : {"n1", "n2", "n3", "n4"})
    EXPECT_NE(table.find(node), std::string::npos) << node;
  std::string json = formatReportJson(*s, r);
  EXPECT_NE(json.find("\"peak_memory_bytes\": 12288"), std::string::npos) << json;
  EXPECT_NE(json.find("\"host_flops\": 4096"), std::string::npos);
  EXPECT_NE(json.find("\"node\": \"n3\""), std::string::npos);
  std::string trace = formatChromeTrace(*s, r);
  EXPECT_NE(trace.find("\"traceEvents\""), std::string::npos);
  EXPECT_NE(trace.find("\"name\": \"n4\""), std::string::npos);
  EXPECT_EQ(jsonQuote("a\"b\\\n\x01"), "\"a\\\"b\\\\\\n\\u0001\"");
}

TEST(Executor, RepeatedRunsReuseBuffersAndAgree) {
  auto s = chain(true);
  Executor ex(*s);
  std::vector<float> first;
  for (int run = 0; run < 3; ++run) {
    std::vector<NamedTensor> in;
    in.emplace_back("x", ramp(1024));
    RunResult r;
    ASSERT_TRUE(ex.run(std::move(in), r).ok());
    const Tensor &y = r.outputs[0].second;
    EXPECT_TRUE(y.ownsData()); // outputs never alias recycled intermediates
    std::vector<float> got(y.data<float>(), y.data<float>() + y.numElements());
    if (run == 0)
      first = got;
    else
      EXPECT_EQ(got, first);
  }
}
