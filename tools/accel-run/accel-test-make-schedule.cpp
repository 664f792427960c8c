//===- accel-test-make-schedule.cpp - Canned schedules for lit tests -------===//
//
// Test-only tool: `accel-test-make-schedule KIND OUT.accel` writes one of a few small
// schedules (valid and deliberately broken ones) so accel-run's command-line behaviour
// can be tested without the compiler.
//
//===----------------------------------------------------------------------===//
#include "TestScheduleBuilder.h"

#include <cstring>
#include <iostream>

using namespace accel;
using namespace accel::test;
using runtime::DType;

namespace {

// x[1,4] -> matmul W[4,3] -> add b[3] -> relu -> "out/logits:0"[1,3]
TestScheduleBuilder mlp() {
  TestScheduleBuilder b;
  b.modelName = "mlp";
  int32_t x = b.addInput("x", DType::F32, {1, 4});
  std::vector<float> w(12);
  for (int i = 0; i < 12; ++i)
    w[i] = static_cast<float>(i % 5) - 2.0f;
  int32_t W = b.addConstantF32("W", {4, 3}, w);
  int32_t bias = b.addConstantF32("b", {3}, {0.5f, -0.5f, 1.0f});
  int32_t h = b.addIntermediate("h", DType::F32, {1, 3});
  int32_t h2 = b.addIntermediate("h2", DType::F32, {1, 3});
  int32_t out = b.addOutput("out/logits:0", DType::F32, {1, 3});
  b.addInstruction("matmul", {x, W}, {h}, "fc/MatMul").flops = 24;
  auto &add = b.addInstruction("binary", {h, bias}, {h2}, "fc/Add");
  add.attrs.setString("kind", "add");
  add.flops = 3;
  add.opType = "Add";
  b.addInstruction("unary", {h2}, {out}, "relu").attrs.setString("kind", "relu");
  return b;
}

TestScheduleBuilder twoInputs(DType t, const char *kind) {
  TestScheduleBuilder b;
  int32_t a = b.addInput("a", t, {2, 2});
  int32_t c = b.addInput("b", t, {2, 2});
  int32_t o = b.addOutput("out", t, {2, 2});
  b.addInstruction("binary", {a, c}, {o}, "op").attrs.setString("kind", kind);
  return b;
}

} // namespace

int main(int argc, char **argv) {
  if (argc != 3) {
    std::cerr << "usage: accel-test-make-schedule KIND OUT.accel\n"
                 "kinds: mlp two-inputs div-i64 bad-version bad-hash bad-format "
                 "bad-kernel bad-index bad-operands const-out-of-blob missing-attr\n";
    return 1;
  }
  std::string kind = argv[1];
  TestScheduleBuilder b;
  if (kind == "mlp") {
    b = mlp();
  } else if (kind == "two-inputs") {
    b = twoInputs(DType::F32, "mul");
  } else if (kind == "div-i64") {
    b = twoInputs(DType::I64, "div");
  } else if (kind == "bad-version") {
    b = mlp();
    b.compilerVersion = "accel-0.0.1";
  } else if (kind == "bad-hash") {
    b = mlp();
    b.schemaHash = "0000000000000000";
  } else if (kind == "bad-format") {
    b = mlp();
    b.formatVersion = 999;
  } else if (kind == "bad-kernel") {
    int32_t x = b.addInput("x", DType::F32, {2});
    int32_t o = b.addOutput("y", DType::F32, {2});
    b.addInstruction("frobnicate", {x}, {o}, "weird");
  } else if (kind == "bad-index") {
    int32_t x = b.addInput("x", DType::F32, {2});
    int32_t o = b.addOutput("y", DType::F32, {2});
    b.addInstruction("binary", {x, 42}, {o}, "add").attrs.setString("kind", "add");
  } else if (kind == "bad-operands") {
    int32_t x = b.addInput("x", DType::F32, {2});
    int32_t o = b.addOutput("y", DType::F32, {2});
    b.addInstruction("binary", {x}, {o}, "add").attrs.setString("kind", "add");
  } else if (kind == "const-out-of-blob") {
    b = mlp();
    b.tensor(1).constOffset = 1 << 20;
  } else if (kind == "missing-attr") {
    int32_t x = b.addInput("x", DType::F32, {2});
    int32_t o = b.addOutput("y", DType::F32, {2});
    b.addInstruction("unary", {x}, {o}, "act");
  } else {
    std::cerr << "accel-test-make-schedule: unknown kind '" << kind << "'\n";
    return 1;
  }
  if (!b.writeFile(argv[2])) {
    std::cerr << "accel-test-make-schedule: cannot write '" << argv[2] << "'\n";
    return 1;
  }
  return 0;
}
