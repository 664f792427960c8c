//===- ScheduleWriter.h - Writes .accel schedules (no MLIR) -----*- C++ -*-===//
//
// The generic part of every schedule: header (versions, descriptor), tensor table,
// inputs/outputs, constants blob and the list of segments. Host segments are
// instruction lists; a device segment's program table is built by its target's emitter
// through a callback. The MLIR emitter (lib/Target/Schedule) and the runtime tests'
// schedule builder both fill a ScheduleWriter, so the byte layout has one author.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SCHEDULE_SCHEDULEWRITER_H
#define ACCEL_SCHEDULE_SCHEDULEWRITER_H

#include "accel/Schedule/Schedule_generated.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace accel::schedule {

constexpr size_t kConstantAlignment = 64;

inline size_t alignUp(size_t value, size_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// Bytes per element of a schedule dtype.
uint64_t elementBytes(DType dtype);

struct TensorRecord {
  std::string name;
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  TensorKind kind = TensorKind::Intermediate;
  uint64_t constOffset = 0;
  uint64_t constSize = 0;
};

struct AttrRecord {
  std::string name;
  AttrKind kind = AttrKind::Int;
  int64_t i = 0;
  double f = 0;
  std::vector<int64_t> ints;
  std::vector<double> floats;
  std::string s;
};

struct InstructionRecord {
  std::string kernel;
  std::vector<int32_t> inputs;
  std::vector<int32_t> outputs;
  std::vector<AttrRecord> attrs;
  std::string node, opType, locText;
  uint64_t flops = 0;
};

struct DeviceRecord {
  std::string target = "host", preset = "cpu", precision, summary;
  double clockHz = 0;
  std::vector<std::pair<std::string, double>> fields;
};

using ProgramBuilder =
    std::function<flatbuffers::Offset<void>(flatbuffers::FlatBufferBuilder &)>;

struct SegmentRecord {
  std::string name;
  Program programType = Program::HostProgram;
  std::vector<InstructionRecord> instructions; // host segments
  ProgramBuilder buildProgram;                 // device segments
  std::vector<int32_t> reads, writes;          // device segments
};

/// One constant's bytes at `offset` inside the constants blob; `copied` (optional) runs
/// once they are in the schedule, so a caller can free its copy right away.
struct ConstantChunk {
  const void *data = nullptr;
  size_t size = 0;
  uint64_t offset = 0;
  std::function<void()> copied;
};

class ScheduleWriter {
public:
  ScheduleWriter();
  // Identity written in the header (defaults: this build's; tests override them).
  uint32_t formatVersion;
  std::string schemaHash, compilerVersion;
  std::string modelName;
  DeviceRecord device;
  std::vector<TensorRecord> tensors;
  std::vector<int32_t> inputs, outputs;
  std::vector<SegmentRecord> segments;
  std::vector<ConstantChunk> constants;
  uint64_t constantsSize = 0;

  /// Places `size` bytes in the constants blob (64-byte aligned); returns the offset.
  uint64_t reserveConstant(uint64_t size);
  /// Builds the FlatBuffer and hands its bytes to `sink` (one call).
  void write(const std::function<void(const uint8_t *, size_t)> &sink);
};

} // namespace accel::schedule

#endif // ACCEL_SCHEDULE_SCHEDULEWRITER_H
