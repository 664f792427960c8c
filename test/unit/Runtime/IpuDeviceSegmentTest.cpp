//===- IpuDeviceSegmentTest.cpp - A host -> IPU -> host schedule ----------===//
//
// The device-target framework with its second target: the loader reads and checks the
// TileProgram, the executor runs it on the IPU BSP simulator through the same Device
// interface as the WSE, and the report carries its figures.
//
//===----------------------------------------------------------------------===//
#include "TestScheduleBuilder.h"

#include "accel/Runtime/Executor.h"
#include "accel/Runtime/Report.h"

#include <gtest/gtest.h>

namespace accel::test {
namespace {

namespace ft = accel::schedule::tile;
using runtime::Tensor;

flatbuffers::Offset<ft::View> view(flatbuffers::FlatBufferBuilder &b, int32_t tensor,
                                   int64_t base, std::vector<ft::ViewDim> dims) {
  return ft::CreateViewDirect(b, tensor, base, &dims);
}

/// y = x (2x4) @ W (4x3) split over K on two tiles: each tile multiplies its half, tile 1's
/// partial sum is exchanged to tile 0, which adds them. `dropExchange` removes the
/// exchange step.
schedule::ProgramBuilder matmulProgram(int32_t x, int32_t w, int32_t y, bool dropExchange) {
  return [=](flatbuffers::FlatBufferBuilder &b) -> flatbuffers::Offset<void> {
    // Tile memory: a (2x2) at 0, b (2x3) at 4, partial (2x3) at 10, received at 16.
    std::vector<flatbuffers::Offset<ft::TileInit>> inits = {
        ft::CreateTileInit(b, view(b, w, 0, {ft::ViewDim(6, 1)}), 0, 4),
        ft::CreateTileInit(b, view(b, w, 6, {ft::ViewDim(6, 1)}), 1, 4)};
    ft::Slice a(0, 4), bs(4, 6), out(10, 6), recv(16, 6), none(0, 0);
    std::vector<flatbuffers::Offset<ft::Vertex>> mm = {
        ft::CreateVertex(b, 0, /*MatMul*/ 0, 0, false, 2, 2, 3, 0, 0, &out, &a, &bs),
        ft::CreateVertex(b, 1, /*MatMul*/ 0, 0, false, 2, 2, 3, 0, 0, &out, &a, &bs)};
    std::vector<flatbuffers::Offset<ft::Vertex>> add = {
        ft::CreateVertex(b, 0, /*Add*/ 1, 0, false, 0, 0, 0, 0, 0, &out, &out, &recv)};
    std::vector<flatbuffers::Offset<ft::ComputeSet>> sets = {
        ft::CreateComputeSetDirect(b, "partials", &mm), ft::CreateComputeSetDirect(b, "sum", &add)};
    std::vector<ft::Destination> dsts = {ft::Destination(0, 16)};
    std::vector<flatbuffers::Offset<ft::Transfer>> transfers = {
        ft::CreateTransferDirect(b, 1, 10, 6, &dsts)};
    std::vector<flatbuffers::Offset<ft::Exchange>> exchanges = {
        ft::CreateExchangeDirect(b, "partial_to_tile0", &transfers)};
    std::vector<flatbuffers::Offset<ft::HostCopy>> in = {
        ft::CreateHostCopy(b, view(b, x, 0, {ft::ViewDim(2, 4), ft::ViewDim(2, 1)}), 0, 0, true),
        ft::CreateHostCopy(b, view(b, x, 2, {ft::ViewDim(2, 4), ft::ViewDim(2, 1)}), 1, 0, true)};
    std::vector<flatbuffers::Offset<ft::HostCopy>> outCopies = {
        ft::CreateHostCopy(b, view(b, y, 0, {ft::ViewDim(6, 1)}), 0, 10, false)};
    std::vector<flatbuffers::Offset<ft::HostExchange>> host = {
        ft::CreateHostExchangeDirect(b, "in", &in), ft::CreateHostExchangeDirect(b, "out", &outCopies)};
    // StepKind: Compute 0, Sync 1, Exchange 2, HostExchange 3.
    std::vector<ft::Step> steps = {ft::Step(3, 0, 0, 0), ft::Step(0, 0, 0, 0), ft::Step(1, 0, 0, 0)};
    if (!dropExchange)
      steps.push_back(ft::Step(2, 0, 0, 0));
    steps.push_back(ft::Step(0, 1, 0, 0));
    steps.push_back(ft::Step(3, 1, 0, 0));
    std::vector<flatbuffers::Offset<ft::Layer>> layers = {
        ft::CreateLayerDirect(b, "fc", "node_fc", "MatMul", "", /*flops=*/48)};
    return ft::CreateTileProgramDirect(b, 2, 22, &inits, &sets, &exchanges, &host, &steps, &layers)
        .Union();
  };
}

std::unique_ptr<runtime::LoadedSchedule> build(bool dropExchange) {
  TestScheduleBuilder tb;
  device::Descriptor d;
  std::string error;
  EXPECT_TRUE(device::makeDescriptor("ipu", "gc200:tiles=4", d, error)) << error;
  tb.device.target = "ipu";
  tb.device.preset = d.preset();
  tb.device.clockHz = d.get("clock_hz");
  for (const device::Field &f : d.fields())
    tb.device.fields.emplace_back(f.name, f.value);
  int32_t x = tb.addInput("x", DType::F32, {2, 4});
  std::vector<float> wv(12);
  for (int i = 0; i < 12; ++i)
    wv[i] = 0.5f * static_cast<float>(i) - 2.0f;
  int32_t w = tb.addConstantF32("w", {4, 3}, wv);
  int32_t yDev = tb.addIntermediate("y_dev", DType::F32, {2, 3});
  int32_t y = tb.addOutput("y", DType::F32, {2, 3});
  tb.addDeviceSegment(schedule::Program::tile_TileProgram,
                      matmulProgram(x, w, yDev, dropExchange), {x, w}, {yDev});
  tb.addInstruction("reshape", {yDev}, {y}, "copy");
  std::unique_ptr<runtime::LoadedSchedule> s;
  runtime::Status st = loadBytes(tb.finish(), s);
  EXPECT_TRUE(st.ok()) << st.message();
  return s;
}

runtime::Status runWith(runtime::LoadedSchedule &s, runtime::RunResult &result) {
  Tensor x;
  EXPECT_TRUE(Tensor::allocate(DType::F32, {2, 4}, x).ok());
  for (int i = 0; i < 8; ++i)
    x.data<float>()[i] = static_cast<float>(i) - 3.0f;
  std::vector<runtime::NamedTensor> inputs;
  inputs.emplace_back("x", std::move(x));
  runtime::Executor ex(s);
  return ex.run(std::move(inputs), result);
}

TEST(IpuDeviceSegmentTest, HostIpuHostRun) {
  std::unique_ptr<runtime::LoadedSchedule> s = build(false);
  ASSERT_TRUE(s);
  runtime::RunResult result;
  runtime::Status st = runWith(*s, result);
  ASSERT_TRUE(st.ok()) << st.message();
  const float *y = result.outputs[0].second.data<float>();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) {
      float ref = 0;
      for (int k = 0; k < 4; ++k)
        ref += (static_cast<float>(i * 4 + k) - 3.0f) * (0.5f * static_cast<float>(k * 3 + j) - 2.0f);
      EXPECT_FLOAT_EQ(y[i * 3 + j], ref) << i << "," << j;
    }
  EXPECT_GT(result.deviceCycles, 0u);
  EXPECT_EQ(result.deviceFlops, 48u);
  // The program's host exchanges time the link (in its cycles); the executor counts the
  // bytes crossing it but does not charge their time again.
  EXPECT_GT(result.transferBytes, 0u);
  EXPECT_EQ(result.transferUs, 0.0);
  std::string json = runtime::formatReportJson(*s, result);
  EXPECT_NE(json.find("\"target\": \"ipu\""), std::string::npos);
  EXPECT_NE(json.find("\"preset\": \"gc200\""), std::string::npos);
  EXPECT_NE(json.find("\"units_total\": 4"), std::string::npos) << json;
  EXPECT_NE(json.find("\"node\": \"node_fc\""), std::string::npos) << json;
  // Where the layer's cycles go: two compute sets, one sync (150 cycles on gc200), the
  // partial sum's exchange (6 words = 24 bytes) and the two host exchanges; they add up to
  // the layer's cycles, and the report carries each part.
  ASSERT_EQ(result.deviceRuns.size(), 1u);
  ASSERT_EQ(result.deviceRuns[0].record.layers.size(), 1u);
  const runtime::DeviceLayerRecord &fc = result.deviceRuns[0].record.layers[0];
  EXPECT_GT(fc.computeCycles, 0u);
  EXPECT_EQ(fc.syncCycles, 150u);
  EXPECT_GT(fc.exchangeCycles, 0u);
  EXPECT_GT(fc.hostCycles, 0u);
  EXPECT_EQ(fc.exchangeBytes, 24u);
  EXPECT_EQ(fc.computeCycles + fc.exchangeCycles + fc.syncCycles + fc.hostCycles, fc.cycles);
  std::vector<std::string> keys = {
      "\"compute_cycles\": " + std::to_string(fc.computeCycles),
      "\"exchange_cycles\": " + std::to_string(fc.exchangeCycles), "\"sync_cycles\": 150",
      "\"host_cycles\": " + std::to_string(fc.hostCycles), "\"exchange_bytes\": 24"};
  for (const std::string &key : keys)
    EXPECT_NE(json.find(key), std::string::npos) << key << "\n" << json;
  std::string trace = runtime::formatChromeTrace(*s, result);
  EXPECT_NE(trace.find("tiles: exchange"), std::string::npos) << trace;
}

TEST(IpuDeviceSegmentTest, RemovedExchangeIsAnUnwrittenRead) {
  std::unique_ptr<runtime::LoadedSchedule> s = build(true);
  ASSERT_TRUE(s);
  runtime::RunResult result;
  runtime::Status st = runWith(*s, result);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("segment 'device'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("tile 0"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("nothing wrote"), std::string::npos) << st.message();
}

} // namespace
} // namespace accel::test
