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

std::vector<uint8_t> TestScheduleBuilder::finish() const {
  flatbuffers::FlatBufferBuilder b;
  // Constants blob: each constant at a 64-byte aligned offset.
  std::vector<uint8_t> blob;
  std::vector<uint64_t> offsets(tensors_.size(), 0);
  for (size_t i = 0; i < tensors_.size(); ++i) {
    if (tensors_[i].kind != TensorKind::Constant)
      continue;
    blob.resize((blob.size() + 63) / 64 * 64);
    offsets[i] = blob.size();
    blob.insert(blob.end(), tensors_[i].data.begin(), tensors_[i].data.end());
  }
  std::vector<flatbuffers::Offset<fb::Tensor>> tensors;
  for (size_t i = 0; i < tensors_.size(); ++i) {
    const TensorSpec &t = tensors_[i];
    bool isConst = t.kind == TensorKind::Constant;
    uint64_t off = t.constOffset != UINT64_MAX ? t.constOffset : (isConst ? offsets[i] : 0);
    uint64_t size = t.constSize != UINT64_MAX ? t.constSize : (isConst ? t.data.size() : 0);
    auto dtype = static_cast<fb::DType>(t.rawDType >= 0 ? t.rawDType : static_cast<int>(t.dtype));
    auto kind = static_cast<fb::TensorKind>(t.rawKind >= 0 ? t.rawKind : static_cast<int>(t.kind));
    tensors.push_back(fb::CreateTensorDirect(b, t.name.c_str(), dtype, &t.shape, kind, off, size));
  }
  std::vector<flatbuffers::Offset<fb::HostInstruction>> instrs;
  for (const InstrSpec &in : instrs_) {
    std::vector<flatbuffers::Offset<fb::Attr>> attrs;
    for (const runtime::AttrValue &a : in.attrs.values()) {
      auto name = b.CreateString(a.name);
      flatbuffers::Offset<flatbuffers::Vector<int64_t>> ints;
      flatbuffers::Offset<flatbuffers::Vector<double>> floats;
      flatbuffers::Offset<flatbuffers::String> s;
      if (a.kind == runtime::AttrKind::Ints)
        ints = b.CreateVector(a.ints);
      if (a.kind == runtime::AttrKind::Floats)
        floats = b.CreateVector(a.floats);
      if (a.kind == runtime::AttrKind::String)
        s = b.CreateString(a.s);
      attrs.push_back(fb::CreateAttr(b, name, static_cast<fb::AttrKind>(a.kind), a.i, a.f,
                                     ints, floats, s));
    }
    auto loc = fb::CreateSourceLocDirect(b, in.node.c_str(), in.opType.c_str(), "");
    instrs.push_back(fb::CreateHostInstructionDirect(b, in.kernel.c_str(), &in.inputs,
                                                     &in.outputs, &attrs, loc, in.flops));
  }
  auto program = fb::CreateHostProgramDirect(b, &instrs);
  std::vector<flatbuffers::Offset<fb::Segment>> segments = {
      fb::CreateSegmentDirect(b, "host", fb::Program::HostProgram, program.Union())};
  std::vector<int32_t> inputs, outputs;
  for (size_t i = 0; i < tensors_.size(); ++i) {
    if (tensors_[i].kind == TensorKind::Input)
      inputs.push_back(static_cast<int32_t>(i));
    if (tensors_[i].kind == TensorKind::Output)
      outputs.push_back(static_cast<int32_t>(i));
  }
  if (omitInputList)
    inputs.clear();
  inputs.insert(inputs.end(), extraInputs.begin(), extraInputs.end());
  outputs.insert(outputs.end(), extraOutputs.begin(), extraOutputs.end());
  auto tensorsVec = b.CreateVector(tensors);
  auto inputsVec = b.CreateVector(inputs);
  auto outputsVec = b.CreateVector(outputs);
  auto segmentsVec = b.CreateVector(segments);
  auto hash = b.CreateString(schemaHash);
  auto version = b.CreateString(compilerVersion);
  auto model = b.CreateString(modelName);
  auto device = fb::CreateDeviceDescriptorDirect(b, "host", "host", 0.0, nullptr);
  // The emitter aligns the blob to 64 bytes so constants can be used in place.
  b.ForceVectorAlignment(blob.size(), 1, 64);
  auto constants = b.CreateVector(blob);
  auto root = fb::CreateSchedule(b, formatVersion, hash, version, model, device, tensorsVec,
                                 inputsVec, outputsVec, segmentsVec, constants);
  fb::FinishScheduleBuffer(b, root);
  return std::vector<uint8_t>(b.GetBufferPointer(), b.GetBufferPointer() + b.GetSize());
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
