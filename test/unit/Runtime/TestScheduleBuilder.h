//===- TestScheduleBuilder.h - Small schedules for runtime tests -*- C++ -*-===//
//
// Builds .accel images directly with the FlatBuffers builder, exactly as the compiler's
// emitter lays them out (one "host" segment, 64-byte aligned constants), so runtime tests
// do not depend on the compiler. Fields can be overridden to produce invalid schedules.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TEST_UNIT_RUNTIME_TESTSCHEDULEBUILDER_H
#define ACCEL_TEST_UNIT_RUNTIME_TESTSCHEDULEBUILDER_H

#include "accel/Runtime/Attributes.h"
#include "accel/Runtime/Schedule.h"
#include "accel/Schedule/ScheduleWriter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace accel::test {

using runtime::DType;
using runtime::Shape;
using runtime::TensorKind;

class TestScheduleBuilder {
public:
  struct TensorSpec {
    std::string name;
    DType dtype = DType::F32;
    Shape shape;
    TensorKind kind = TensorKind::Intermediate;
    std::vector<uint8_t> data; // constants
    // Overrides for negative tests (UINT64_MAX: computed).
    uint64_t constOffset = UINT64_MAX, constSize = UINT64_MAX;
    int rawDType = -1, rawKind = -1;
  };
  struct InstrSpec {
    std::string kernel;
    std::vector<int32_t> inputs, outputs;
    runtime::Attributes attrs;
    std::string node, opType;
    uint64_t flops = 0;
  };

  int32_t addTensor(const std::string &name, DType dtype, Shape shape, TensorKind kind);
  int32_t addInput(const std::string &name, DType dtype, Shape shape);
  int32_t addOutput(const std::string &name, DType dtype, Shape shape);
  int32_t addIntermediate(const std::string &name, DType dtype, Shape shape);
  int32_t addConstant(const std::string &name, DType dtype, Shape shape,
                      const void *data, size_t bytes);
  int32_t addConstantF32(const std::string &name, Shape shape, const std::vector<float> &v);
  InstrSpec &addInstruction(const std::string &kernel, std::vector<int32_t> inputs,
                            std::vector<int32_t> outputs, const std::string &node = "");

  TensorSpec &tensor(int32_t i) { return tensors_[static_cast<size_t>(i)]; }

  /// Ends the current host segment and appends a device segment whose program table is
  /// built by `build`; later instructions go to a new host segment.
  void addDeviceSegment(schedule::Program type, schedule::ProgramBuilder build,
                        std::vector<int32_t> reads, std::vector<int32_t> writes);
  /// The schedule's device descriptor (default: the host's).
  schedule::DeviceRecord device;

  // Identity overrides (defaults: this build's Version.h values).
  uint32_t formatVersion;
  std::string schemaHash;
  std::string compilerVersion;
  std::string modelName = "test";
  // Extra entries appended to the input/output lists (for out-of-range tests).
  std::vector<int32_t> extraInputs, extraOutputs;
  bool omitInputList = false;

  TestScheduleBuilder();
  std::vector<uint8_t> finish() const;
  bool writeFile(const std::string &path) const;

private:
  std::vector<TensorSpec> tensors_;
  std::vector<InstrSpec> instrs_;
  struct DeviceSegmentSpec {
    size_t afterInstruction; // host instructions before it
    schedule::Program type;
    schedule::ProgramBuilder build;
    std::vector<int32_t> reads, writes;
  };
  std::vector<DeviceSegmentSpec> deviceSegments_;
};

// Loads a built image with the runtime loader.
runtime::Status loadBytes(const std::vector<uint8_t> &bytes,
                          std::unique_ptr<runtime::LoadedSchedule> &out,
                          uint64_t memoryLimit = 0);

} // namespace accel::test

#endif // ACCEL_TEST_UNIT_RUNTIME_TESTSCHEDULEBUILDER_H
