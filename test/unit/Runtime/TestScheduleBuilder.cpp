//===- TestScheduleBuilder.cpp - Small schedules for runtime tests --------===//
#include "TestScheduleBuilder.h"

#include "accel/Schedule/Schedule_generated.h"
#include "accel/Version.h"

#include <cstring>
#include <fstream>

namespace accel::test {

namespace fb = accel::schedule;

TestScheduleBuilder::TestScheduleBuilder()
    : formatVersion(ACCEL_SCHEDULE_FORMAT_VERSION), schemaHash(ACCEL_SCHEDULE_SCHEMA_HASH),
      compilerVersion(ACCEL_VERSION) {}

int32_t TestScheduleBuilder::addTensor(const std::string &name, DType dtype, Shape shape,
                                       TensorKind kind) {
  TensorSpec t;
  t.name = name;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.kind = kind;
  tensors_.push_back(std::move(t));
  return static_cast<int32_t>(tensors_.size() - 1);
}

int32_t TestScheduleBuilder::addInput(const std::string &name, DType dtype, Shape shape) {
  return addTensor(name, dtype, std::move(shape), TensorKind::Input);
}
int32_t TestScheduleBuilder::addOutput(const std::string &name, DType dtype, Shape shape) {
  return addTensor(name, dtype, std::move(shape), TensorKind::Output);
}
int32_t TestScheduleBuilder::addIntermediate(const std::string &name, DType dtype,
                                             Shape shape) {
  return addTensor(name, dtype, std::move(shape), TensorKind::Intermediate);
}

int32_t TestScheduleBuilder::addConstant(const std::string &name, DType dtype, Shape shape,
                                         const void *data, size_t bytes) {
  int32_t id = addTensor(name, dtype, std::move(shape), TensorKind::Constant);
  auto *p = static_cast<const uint8_t *>(data);
  tensors_.back().data.assign(p, p + bytes);
  return id;
}

int32_t TestScheduleBuilder::addConstantF32(const std::string &name, Shape shape,
                                            const std::vector<float> &v) {
  return addConstant(name, DType::F32, std::move(shape), v.data(), v.size() * sizeof(float));
}

TestScheduleBuilder::InstrSpec &
TestScheduleBuilder::addInstruction(const std::string &kernel, std::vector<int32_t> inputs,
                                    std::vector<int32_t> outputs, const std::string &node) {
  InstrSpec in;
  in.kernel = kernel;
  in.inputs = std::move(inputs);
  in.outputs = std::move(outputs);
  in.node = node;
  instrs_.push_back(std::move(in));
  return instrs_.back();
}

void TestScheduleBuilder::addDeviceSegment(schedule::Program type,
                                          schedule::ProgramBuilder build,
                                          std::vector<int32_t> reads,
                                          std::vector<int32_t> writes) {
  deviceSegments_.push_back(
      {instrs_.size(), type, std::move(build), std::move(reads), std::move(writes)});
}

// Fills the shared schedule writer (lib/Schedule), so tests exercise the same byte layout
// the compiler writes; the overrides below exist for negative tests.
std::vector<uint8_t> TestScheduleBuilder::finish() const {
  schedule::ScheduleWriter w;
  w.formatVersion = formatVersion;
  w.schemaHash = schemaHash;
  w.compilerVersion = compilerVersion;
  w.modelName = modelName;
  w.device = device;
  for (size_t i = 0; i < tensors_.size(); ++i) {
    const TensorSpec &t = tensors_[i];
    bool isConst = t.kind == TensorKind::Constant;
    schedule::TensorRecord r;
    r.name = t.name;
    r.dtype = static_cast<fb::DType>(t.rawDType >= 0 ? t.rawDType : static_cast<int>(t.dtype));
    r.kind = static_cast<fb::TensorKind>(t.rawKind >= 0 ? t.rawKind : static_cast<int>(t.kind));
    r.shape = t.shape;
    if (isConst) {
      uint64_t offset = w.reserveConstant(t.data.size());
      w.constants.push_back({t.data.data(), t.data.size(), offset, nullptr});
      r.constOffset = offset;
      r.constSize = t.data.size();
    }
    if (t.constOffset != UINT64_MAX)
      r.constOffset = t.constOffset;
    if (t.constSize != UINT64_MAX)
      r.constSize = t.constSize;
    w.tensors.push_back(std::move(r));
  }
  auto hostSegment = [&](size_t begin, size_t end) {
    schedule::SegmentRecord seg;
    seg.name = "host";
    for (size_t k = begin; k < end; ++k) {
      const InstrSpec &in = instrs_[k];
      schedule::InstructionRecord r;
      r.kernel = in.kernel;
      r.inputs = in.inputs;
      r.outputs = in.outputs;
      r.node = in.node;
      r.opType = in.opType;
      r.flops = in.flops;
      for (const runtime::AttrValue &a : in.attrs.values()) {
        schedule::AttrRecord ar;
        ar.name = a.name;
        ar.kind = static_cast<fb::AttrKind>(a.kind);
        ar.i = a.i;
        ar.f = a.f;
        ar.ints = a.ints;
        ar.floats = a.floats;
        ar.s = a.s;
        r.attrs.push_back(std::move(ar));
      }
      seg.instructions.push_back(std::move(r));
    }
    w.segments.push_back(std::move(seg));
  };
  size_t next = 0;
  for (const DeviceSegmentSpec &d : deviceSegments_) {
    if (d.afterInstruction > next)
      hostSegment(next, d.afterInstruction);
    next = d.afterInstruction;
    schedule::SegmentRecord seg;
    seg.name = "device";
    seg.programType = d.type;
    seg.buildProgram = d.build;
    seg.reads = d.reads;
    seg.writes = d.writes;
    w.segments.push_back(std::move(seg));
  }
  if (next < instrs_.size() || w.segments.empty())
    hostSegment(next, instrs_.size());
  for (size_t i = 0; i < tensors_.size(); ++i) {
    if (tensors_[i].kind == TensorKind::Input)
      w.inputs.push_back(static_cast<int32_t>(i));
    if (tensors_[i].kind == TensorKind::Output)
      w.outputs.push_back(static_cast<int32_t>(i));
  }
  if (omitInputList)
    w.inputs.clear();
  w.inputs.insert(w.inputs.end(), extraInputs.begin(), extraInputs.end());
  w.outputs.insert(w.outputs.end(), extraOutputs.begin(), extraOutputs.end());
  std::vector<uint8_t> bytes;
  w.write([&](const uint8_t *data, size_t size) { bytes.assign(data, data + size); });
  return bytes;
}

bool TestScheduleBuilder::writeFile(const std::string &path) const {
  std::vector<uint8_t> bytes = finish();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char *>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

runtime::Status loadBytes(const std::vector<uint8_t> &bytes,
                          std::unique_ptr<runtime::LoadedSchedule> &out,
                          uint64_t memoryLimit) {
  runtime::LoadOptions opts;
  opts.memoryLimit = memoryLimit;
  return runtime::loadScheduleFromBytes(bytes.data(), bytes.size(), "test.accel", opts, out);
}

} // namespace accel::test
