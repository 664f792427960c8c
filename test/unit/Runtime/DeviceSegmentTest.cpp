//===- DeviceSegmentTest.cpp - Host and WSE device segments in one run ----===//
//
// A schedule whose middle segment runs on the WSE simulator: the loader reads and checks
// the wavelet program, the executor hands the device the tensors it reads and writes,
// pays the host-link transfers, and the report carries the device's figures.
//
//===----------------------------------------------------------------------===//
#include "TestScheduleBuilder.h"

#include "accel/Runtime/Executor.h"
#include "accel/Runtime/Report.h"

#include <gtest/gtest.h>

namespace accel::test {
namespace {

namespace fw = accel::schedule::wavelet;
using runtime::Tensor;

// Router ports (Program.h's Dir bits).
constexpr uint8_t kWest = 1 << 3, kEast = 1 << 2, kRamp = 1 << 4;

flatbuffers::Offset<fw::Window> vectorWindow(flatbuffers::FlatBufferBuilder &b, int32_t tensor,
                                             int64_t n) {
  std::vector<flatbuffers::Offset<fw::WindowDim>> dims = {
      fw::CreateWindowDim(b, /*tensor_dim=*/0, /*size=*/n)};
  return fw::CreateWindowDirect(b, tensor, &dims);
}

/// One PE: receives 4 wavelets from the west edge, adds a resident constant, sends the
/// sum out of the east edge. `dropRoute` removes the route that delivers the input.
schedule::ProgramBuilder addProgram(int32_t in, int32_t constant, int32_t out,
                                    bool dropRoute) {
  return [=](flatbuffers::FlatBufferBuilder &b) -> flatbuffers::Offset<void> {
    std::vector<flatbuffers::Offset<fw::RouteRule>> routes;
    if (!dropRoute)
      routes.push_back(fw::CreateRouteRule(b, 0, /*color=*/0, kWest, kRamp));
    routes.push_back(fw::CreateRouteRule(b, 0, /*color=*/1, kRamp, kEast));
    std::vector<flatbuffers::Offset<fw::BufferInit>> inits = {
        fw::CreateBufferInit(b, 0, /*addr=*/4, vectorWindow(b, constant, 4))};
    fw::Mem none(0, 0, 1), a(0, 4, 1), c(4, 4, 1), sum(8, 4, 1);
    std::vector<flatbuffers::Offset<fw::Instr>> body = {
        fw::CreateInstr(b, /*Recv*/ 0, 0, /*color=*/0, 0, false, 0, 0, &none, &a),
        fw::CreateInstr(b, /*Add*/ 4, 0, 0, 0, false, 0, 0, &sum, &a, &c),
        fw::CreateInstr(b, /*Send*/ 1, 0, /*color=*/1, 0, false, 0, 0, &none, &sum)};
    std::vector<flatbuffers::Offset<fw::Task>> tasks = {
        fw::CreateTaskDirect(b, "main", 0, 0, &body)};
    std::vector<flatbuffers::Offset<fw::Stream>> inputs = {fw::CreateStream(
        b, 0, 0, 0, /*side West*/ 3, /*color=*/0, /*message_len=*/4, vectorWindow(b, in, 4))};
    std::vector<flatbuffers::Offset<fw::Stream>> outputs = {fw::CreateStream(
        b, 0, 0, 0, /*side East*/ 2, /*color=*/1, /*message_len=*/4, vectorWindow(b, out, 4))};
    std::vector<flatbuffers::Offset<fw::Region>> regions = {fw::CreateRegionDirect(
        b, "add", 1, 1, 1, 1, 1, /*memory_words=*/12, /*code_bytes=*/0, &routes, &inits,
        &tasks, &inputs, &outputs)};
    std::vector<flatbuffers::Offset<fw::Layer>> layers = {
        fw::CreateLayerDirect(b, "add", "node_add", "Add", "", /*flops=*/4, &regions)};
    return fw::CreateWaveletProgramDirect(b, &layers).Union();
  };
}

struct Built {
  std::unique_ptr<runtime::LoadedSchedule> schedule;
  int32_t x, c, y;
};

void build(bool dropRoute, Built &out) {
  TestScheduleBuilder tb;
  device::Descriptor d;
  std::string error;
  ASSERT_TRUE(device::makeDescriptor("wse", "wse2:grid=4x4", d, error)) << error;
  tb.device.target = "wse";
  tb.device.preset = d.preset();
  tb.device.clockHz = d.get("clock_hz");
  for (const device::Field &f : d.fields())
    tb.device.fields.emplace_back(f.name, f.value);
  int32_t x = tb.addInput("x", DType::F32, {4});
  int32_t r = tb.addIntermediate("r", DType::F32, {4});
  int32_t c = tb.addConstantF32("c", {4}, {10, 20, 30, 40});
  int32_t s = tb.addIntermediate("s", DType::F32, {4});
  int32_t y = tb.addOutput("y", DType::F32, {4});
  tb.addInstruction("unary", {x}, {r}, "relu").attrs =
      runtime::Attributes({{"kind", runtime::AttrKind::String, 0, 0, {}, {}, "relu"}});
  tb.addDeviceSegment(schedule::Program::wavelet_WaveletProgram,
                      addProgram(r, c, s, dropRoute), {r, c}, {s});
  tb.addInstruction("reshape", {s}, {y}, "copy");
  ASSERT_TRUE(loadBytes(tb.finish(), out.schedule).ok());
  out.x = x;
  out.c = c;
  out.y = y;
}

TEST(DeviceSegmentTest, HostDeviceHostRun) {
  Built b;
  build(false, b);
  ASSERT_TRUE(b.schedule);
  ASSERT_EQ(b.schedule->segments().size(), 3u);
  EXPECT_FALSE(b.schedule->segments()[1].isHost());
  Tensor x;
  ASSERT_TRUE(Tensor::allocate(DType::F32, {4}, x).ok());
  float values[4] = {-1, 2, -3, 4};
  std::copy(values, values + 4, x.data<float>());
  std::vector<runtime::NamedTensor> inputs;
  inputs.emplace_back("x", std::move(x));
  runtime::Executor ex(*b.schedule);
  runtime::RunResult result;
  runtime::Status st = ex.run(std::move(inputs), result);
  ASSERT_TRUE(st.ok()) << st.message();
  const float *y = result.outputs[0].second.data<float>();
  EXPECT_FLOAT_EQ(y[0], 10);
  EXPECT_FLOAT_EQ(y[1], 22);
  EXPECT_FLOAT_EQ(y[2], 30);
  EXPECT_FLOAT_EQ(y[3], 44);
  ASSERT_EQ(result.deviceRuns.size(), 1u);
  EXPECT_GT(result.deviceCycles, 0u);
  EXPECT_GT(result.deviceUs, 0);
  // r crosses to the device and s back to the host: 2 x 16 bytes; the constant is resident.
  EXPECT_EQ(result.transferBytes, 32u);
  EXPECT_EQ(result.deviceFlops, 4u);
  std::string json = runtime::formatReportJson(*b.schedule, result);
  EXPECT_NE(json.find("\"target\": \"wse\""), std::string::npos);
  EXPECT_NE(json.find("\"units_total\": 16"), std::string::npos) << json;
  EXPECT_NE(json.find("\"node\": \"node_add\""), std::string::npos) << json;
  // The BSP split of a layer's cycles is an IPU figure: 0 on the WSE, keys still present.
  EXPECT_NE(json.find("\"compute_cycles\": 0, \"exchange_cycles\": 0, \"sync_cycles\": 0, "
                      "\"host_cycles\": 0, \"exchange_bytes\": 0"),
            std::string::npos)
      << json;
  std::string trace = runtime::formatChromeTrace(*b.schedule, result);
  EXPECT_NE(trace.find("PE region add"), std::string::npos) << trace;
}

TEST(DeviceSegmentTest, MissingRouteIsADiagnosticNotAHang) {
  Built b;
  build(true, b);
  ASSERT_TRUE(b.schedule);
  Tensor x;
  ASSERT_TRUE(Tensor::allocate(DType::F32, {4}, x).ok());
  std::vector<runtime::NamedTensor> inputs;
  inputs.emplace_back("x", std::move(x));
  runtime::Executor ex(*b.schedule);
  runtime::RunResult result;
  runtime::Status st = ex.run(std::move(inputs), result);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("routing error on color 0"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("PE (0,0)"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("segment 'device'"), std::string::npos) << st.message();
}

} // namespace
} // namespace accel::test
