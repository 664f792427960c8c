//===- ScheduleLoaderTest.cpp - verification and semantic rejections ------===//
#include "TestScheduleBuilder.h"

#include "accel/Runtime/Executor.h"
#include "accel/Version.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace accel;
using namespace accel::test;
using namespace accel::runtime;

namespace {

// x[1,4] @ W[4,3] + b[3] -> relu -> y[1,3]
TestScheduleBuilder smallModel() {
  TestScheduleBuilder b;
  int32_t x = b.addInput("x", DType::F32, {1, 4});
  int32_t W = b.addConstantF32("W", {4, 3}, std::vector<float>(12, 0.5f));
  int32_t bias = b.addConstantF32("b", {3}, {1, 2, 3});
  int32_t h = b.addIntermediate("h", DType::F32, {1, 3});
  int32_t h2 = b.addIntermediate("h2", DType::F32, {1, 3});
  int32_t y = b.addOutput("y", DType::F32, {1, 3});
  b.addInstruction("matmul", {x, W}, {h}, "mm");
  b.addInstruction("binary", {h, bias}, {h2}, "add").attrs.setString("kind", "add");
  b.addInstruction("unary", {h2}, {y}, "relu").attrs.setString("kind", "relu");
  return b;
}

std::string loadError(const std::vector<uint8_t> &bytes, uint64_t limit = 0) {
  std::unique_ptr<LoadedSchedule> s;
  Status st = loadBytes(bytes, s, limit);
  return st.ok() ? std::string() : st.message();
}

void expectRejected(const std::vector<uint8_t> &bytes, const std::string &needle,
                    uint64_t limit = 0) {
  std::string msg = loadError(bytes, limit);
  ASSERT_FALSE(msg.empty()) << "expected rejection containing: " << needle;
  EXPECT_NE(msg.find(needle), std::string::npos) << msg;
  EXPECT_EQ(msg.rfind("test.accel: ", 0), 0u) << msg;
}

} // namespace

TEST(ScheduleLoader, AcceptsAWellFormedSchedule) {
  std::vector<uint8_t> bytes = smallModel().finish();
  std::unique_ptr<LoadedSchedule> s;
  Status st = loadBytes(bytes, s);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(s->tensors().size(), 6u);
  EXPECT_EQ(s->instructions().size(), 3u);
  EXPECT_EQ(s->instructions()[1].attrs.getString("kind"), "add");
  EXPECT_EQ(s->inputs(), (std::vector<int32_t>{0}));
  EXPECT_EQ(s->outputs(), (std::vector<int32_t>{5}));
  // Constants are used in place, 64-byte aligned.
  const TensorInfo &W = s->tensors()[1];
  EXPECT_EQ(reinterpret_cast<uintptr_t>(W.constData) % 64, 0u);
  EXPECT_EQ(reinterpret_cast<const float *>(W.constData)[11], 0.5f);
  EXPECT_EQ(reinterpret_cast<const float *>(s->tensors()[2].constData)[2], 3.0f);
  EXPECT_EQ(s->constantBytes(), 60u);
  EXPECT_EQ(s->activationBytes(), 16u + 12u * 3);
}

TEST(ScheduleLoader, LoadsFromAFileByMmap) {
  std::string path = ::testing::TempDir() + "/accel_loader_small.accel";
  ASSERT_TRUE(smallModel().writeFile(path));
  std::unique_ptr<LoadedSchedule> s;
  Status st = loadSchedule(path, LoadOptions(), s);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(s->path(), path);
  st = loadSchedule(path + ".missing", LoadOptions(), s);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot open"), std::string::npos);
}

TEST(ScheduleLoader, RejectsEveryTruncation) {
  std::vector<uint8_t> bytes = smallModel().finish();
  // Every prefix must be rejected cleanly (never crash or read out of bounds).
  for (size_t len = 0; len < bytes.size(); len += (len < 64 ? 1 : 7)) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + len);
    EXPECT_FALSE(loadError(cut).empty()) << "prefix of " << len << " bytes accepted";
  }
}

TEST(ScheduleLoader, FlippedBytesNeverCrash) {
  std::vector<uint8_t> bytes = smallModel().finish();
  // Flip each byte in turn; the loader must either reject or accept a still-valid file,
  // and anything accepted must be safe to inspect.
  size_t rejected = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::vector<uint8_t> bad = bytes;
    bad[i] ^= 0xff;
    std::unique_ptr<LoadedSchedule> s;
    // A limit keeps mutated shapes from asking for terabytes.
    Status st = loadBytes(bad, s, 1 << 20);
    if (!st.ok()) {
      ++rejected;
      continue;
    }
    for (const Instruction &in : s->instructions())
      for (int32_t t : in.inputs)
        EXPECT_LT(t, static_cast<int32_t>(s->tensors().size()));
    // Running an accepted mutant may fail, but must fail cleanly.
    std::vector<NamedTensor> inputs;
    for (int32_t t : s->inputs()) {
      Tensor v;
      ASSERT_TRUE(Tensor::allocate(s->tensors()[t].dtype, s->tensors()[t].shape, v).ok());
      inputs.emplace_back(s->tensors()[t].name, std::move(v));
    }
    Executor ex(*s);
    RunResult r;
    (void)ex.run(std::move(inputs), r);
  }
  EXPECT_GT(rejected, bytes.size() / 4);
}

TEST(ScheduleLoader, RejectsWrongIdentifier) {
  std::vector<uint8_t> bytes = smallModel().finish();
  bytes[4] = 'X';
  expectRejected(bytes, "file identifier is not \"ACCL\"");
}

TEST(ScheduleLoader, RejectsVersionSkew) {
  TestScheduleBuilder b = smallModel();
  b.compilerVersion = "accel-9.9.9";
  std::string msg = loadError(b.finish());
  EXPECT_NE(msg.find("accel-9.9.9"), std::string::npos) << msg;
  EXPECT_NE(msg.find(ACCEL_VERSION), std::string::npos) << msg;
  EXPECT_NE(msg.find("recompile the model with this accel version"), std::string::npos);

  TestScheduleBuilder h = smallModel();
  h.schemaHash = "deadbeefdeadbeef";
  expectRejected(h.finish(), "schema hash deadbeefdeadbeef");

  TestScheduleBuilder f = smallModel();
  f.formatVersion = ACCEL_SCHEDULE_FORMAT_VERSION + 1;
  expectRejected(f.finish(), "recompile the model with this accel version");
}

TEST(ScheduleLoader, RejectsOutOfRangeIndices) {
  TestScheduleBuilder b = smallModel();
  b.addInstruction("unary", {99}, {4}, "bad").attrs.setString("kind", "relu");
  expectRejected(b.finish(), "operand #0 refers to tensor 99");

  TestScheduleBuilder o = smallModel();
  o.extraOutputs = {-3};
  expectRejected(o.finish(), "output #1 refers to tensor -3");

  TestScheduleBuilder r;
  int32_t x = r.addInput("x", DType::F32, {2});
  r.addOutput("y", DType::F32, {2});
  r.addInstruction("unary", {x}, {7}, "bad").attrs.setString("kind", "relu");
  expectRejected(r.finish(), "result #0 refers to tensor 7");
}

TEST(ScheduleLoader, RejectsBadConstants) {
  TestScheduleBuilder b = smallModel();
  b.tensor(1).constOffset = 4096;
  expectRejected(b.finish(), "lies outside the constants blob");

  TestScheduleBuilder s = smallModel();
  s.tensor(1).constSize = 40;
  expectRejected(s.finish(), "does not match its 4x3 f32 shape (48 bytes)");

  TestScheduleBuilder a = smallModel();
  a.tensor(1).constOffset = 4;
  expectRejected(a.finish(), "not 64-byte aligned");
}

TEST(ScheduleLoader, RejectsBadShapesAndEnums) {
  TestScheduleBuilder n = smallModel();
  n.tensor(3).shape = {1, -3};
  expectRejected(n.finish(), "negative dimension");

  TestScheduleBuilder o = smallModel();
  o.tensor(3).shape = {int64_t(1) << 40, int64_t(1) << 40};
  expectRejected(o.finish(), "overflows");

  TestScheduleBuilder d = smallModel();
  d.tensor(3).rawDType = 42;
  expectRejected(d.finish(), "unknown dtype 42");

  TestScheduleBuilder k = smallModel();
  k.tensor(3).rawKind = 9;
  expectRejected(k.finish(), "unknown kind 9");
}

TEST(ScheduleLoader, RejectsBadInstructions) {
  TestScheduleBuilder u = smallModel();
  u.addInstruction("frobnicate", {0}, {3}, "weird");
  expectRejected(u.finish(), "unknown kernel 'frobnicate'");

  TestScheduleBuilder c;
  int32_t x = c.addInput("x", DType::F32, {2});
  int32_t y = c.addOutput("y", DType::F32, {2});
  c.addInstruction("binary", {x}, {y}, "add").attrs.setString("kind", "add");
  expectRejected(c.finish(), "has 1 operands, 'binary' takes 2");

  TestScheduleBuilder w;
  x = w.addInput("x", DType::F32, {2});
  y = w.addOutput("y", DType::F32, {2});
  w.addInstruction("unary", {y}, {x}, "back").attrs.setString("kind", "relu");
  expectRejected(w.finish(), "which is a constant or input");

  TestScheduleBuilder uninit;
  x = uninit.addInput("x", DType::F32, {2});
  int32_t t = uninit.addIntermediate("t", DType::F32, {2});
  y = uninit.addOutput("y", DType::F32, {2});
  uninit.addInstruction("binary", {x, t}, {y}, "add").attrs.setString("kind", "add");
  expectRejected(uninit.finish(), "read before any instruction writes it");

  TestScheduleBuilder never;
  x = never.addInput("x", DType::F32, {2});
  never.addOutput("y", DType::F32, {2});
  expectRejected(never.finish(), "output 'y' is never written");

  TestScheduleBuilder opt;
  x = opt.addInput("x", DType::F32, {1, 1, 3, 3});
  int32_t wt = opt.addConstantF32("w", {1, 1, 1, 1}, {2.0f});
  y = opt.addOutput("y", DType::F32, {1, 1, 3, 3});
  opt.addInstruction("conv", {x, wt, -1}, {y}, "conv"); // absent optional bias is fine
  EXPECT_EQ(loadError(opt.finish()), "");
  TestScheduleBuilder req = opt;
  req.addInstruction("conv", {-1, wt}, {y}, "conv2");
  expectRejected(req.finish(), "operand #0 refers to tensor -1");
}

TEST(ScheduleLoader, RejectsMislabelledInputs) {
  TestScheduleBuilder b = smallModel();
  b.omitInputList = true;
  expectRejected(b.finish(), "not listed in the schedule's inputs");
  TestScheduleBuilder k = smallModel();
  k.extraInputs = {3};
  expectRejected(k.finish(), "is not a tensor of input kind");
}

TEST(ScheduleLoader, EnforcesTheMemoryLimit) {
  std::vector<uint8_t> bytes = smallModel().finish();
  EXPECT_EQ(loadError(bytes, 52), "");
  expectRejected(bytes, "over the memory limit of 51 bytes", 51);
}
