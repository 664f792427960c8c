//===- ScheduleWriter.cpp - Writes .accel schedules -----------------------===//
//
// Memory: the builder is sized up front for the whole constant blob plus the tables, so
// it never regrows while weights are copied (a regrowth would briefly hold them twice).
// Determinism: objects are created in a fixed statement order (FlatBuffers builds back to
// front, and C++ leaves argument evaluation order unspecified).
//
//===----------------------------------------------------------------------===//
#include "accel/Schedule/ScheduleWriter.h"

#include "accel/Version.h"

#include <cstring>

namespace accel::schedule {

uint64_t elementBytes(DType dtype) {
  switch (dtype) {
  case DType::F64:
  case DType::I64:
  case DType::U64:
    return 8;
  case DType::F32:
  case DType::I32:
  case DType::U32:
    return 4;
  case DType::F16:
  case DType::BF16:
  case DType::I16:
  case DType::U16:
    return 2;
  case DType::I8:
  case DType::U8:
  case DType::Bool:
    return 1;
  }
  return 1;
}

ScheduleWriter::ScheduleWriter()
    : formatVersion(ACCEL_SCHEDULE_FORMAT_VERSION), schemaHash(ACCEL_SCHEDULE_SCHEMA_HASH),
      compilerVersion(ACCEL_VERSION) {}

uint64_t ScheduleWriter::reserveConstant(uint64_t size) {
  uint64_t offset = alignUp(constantsSize, kConstantAlignment);
  constantsSize = offset + size;
  return offset;
}

namespace {

flatbuffers::Offset<HostInstruction> writeInstruction(flatbuffers::FlatBufferBuilder &fbb,
                                                      const InstructionRecord &inst) {
  std::vector<flatbuffers::Offset<Attr>> attrs;
  for (const AttrRecord &a : inst.attrs)
    attrs.push_back(CreateAttrDirect(fbb, a.name.c_str(), a.kind, a.i, a.f,
                                     a.kind == AttrKind::Ints ? &a.ints : nullptr,
                                     a.kind == AttrKind::Floats ? &a.floats : nullptr,
                                     a.kind == AttrKind::String ? a.s.c_str() : nullptr));
  auto loc =
      CreateSourceLocDirect(fbb, inst.node.c_str(), inst.opType.c_str(), inst.locText.c_str());
  return CreateHostInstructionDirect(fbb, inst.kernel.c_str(), &inst.inputs, &inst.outputs,
                                     &attrs, loc, inst.flops);
}

} // namespace

void ScheduleWriter::write(const std::function<void(const uint8_t *, size_t)> &sink) {
  size_t tableEstimate = 1 << 20;
  for (const SegmentRecord &seg : segments)
    for (const InstructionRecord &inst : seg.instructions)
      tableEstimate += 256 + inst.locText.size() + inst.attrs.size() * 64;
  tableEstimate += tensors.size() * 128;
  flatbuffers::FlatBufferBuilder fbb(constantsSize + kConstantAlignment + tableEstimate);

  // The constant blob first: FlatBuffers builds back to front, so the blob lands at the
  // end of the file, aligned relative to the (page-aligned) start of the mapping.
  flatbuffers::Offset<flatbuffers::Vector<uint8_t>> blob;
  if (constantsSize > 0) {
    size_t blobSize = alignUp(constantsSize, kConstantAlignment);
    fbb.ForceVectorAlignment(blobSize, 1, kConstantAlignment);
    uint8_t *dst = nullptr;
    blob = fbb.CreateUninitializedVector(blobSize, 1, &dst);
    // Only the padding is zeroed: touching the whole blob up front would make it resident
    // before the weights it replaces are released.
    size_t written = 0;
    for (ConstantChunk &chunk : constants) {
      std::memset(dst + written, 0, chunk.offset - written);
      if (chunk.size)
        std::memcpy(dst + chunk.offset, chunk.data, chunk.size);
      written = chunk.offset + chunk.size;
      if (chunk.copied)
        chunk.copied();
    }
    std::memset(dst + written, 0, blobSize - written);
  }

  std::vector<flatbuffers::Offset<Tensor>> tensorOffsets;
  for (const TensorRecord &t : tensors)
    tensorOffsets.push_back(CreateTensorDirect(fbb, t.name.c_str(), t.dtype, &t.shape, t.kind,
                                               t.constOffset, t.constSize));

  std::vector<flatbuffers::Offset<Segment>> segmentOffsets;
  for (SegmentRecord &seg : segments) {
    flatbuffers::Offset<void> program;
    if (seg.programType == Program::HostProgram) {
      std::vector<flatbuffers::Offset<HostInstruction>> instOffsets;
      for (const InstructionRecord &inst : seg.instructions)
        instOffsets.push_back(writeInstruction(fbb, inst));
      program = CreateHostProgramDirect(fbb, &instOffsets).Union();
    } else {
      program = seg.buildProgram(fbb);
    }
    const std::vector<int32_t> *reads = seg.reads.empty() ? nullptr : &seg.reads;
    const std::vector<int32_t> *writes = seg.writes.empty() ? nullptr : &seg.writes;
    segmentOffsets.push_back(
        CreateSegmentDirect(fbb, seg.name.c_str(), seg.programType, program, reads, writes));
  }

  std::vector<flatbuffers::Offset<Attr>> fieldOffsets;
  for (const auto &[name, value] : device.fields) {
    auto fieldName = fbb.CreateString(name);
    fieldOffsets.push_back(CreateAttr(fbb, fieldName, AttrKind::Float, 0, value));
  }
  auto deviceOffset = CreateDeviceDescriptorDirect(
      fbb, device.target.c_str(), device.preset.c_str(), device.clockHz,
      fieldOffsets.empty() ? nullptr : &fieldOffsets,
      device.precision.empty() ? nullptr : device.precision.c_str(),
      device.summary.empty() ? nullptr : device.summary.c_str());
  auto hash = fbb.CreateString(schemaHash);
  auto version = fbb.CreateString(compilerVersion);
  auto model = fbb.CreateString(modelName);
  auto tensorVec = fbb.CreateVector(tensorOffsets);
  auto inputVec = fbb.CreateVector(inputs);
  auto outputVec = fbb.CreateVector(outputs);
  auto segmentVec = fbb.CreateVector(segmentOffsets);
  auto schedule = CreateSchedule(fbb, formatVersion, hash, version, model,
                                 deviceOffset, tensorVec, inputVec, outputVec, segmentVec, blob);
  FinishScheduleBuffer(fbb, schedule);
  sink(fbb.GetBufferPointer(), fbb.GetSize());
}

} // namespace accel::schedule
