//===- ScheduleJson.cpp - Readable JSON view of a schedule ----------------===//
//
// `accel-translate --schedule-to-json model.accel` prints this. Constants are summarised
// (offset, size) rather than dumped: the point is to read the program, not the weights.
//
//===----------------------------------------------------------------------===//
#include "accel/Target/Schedule/ScheduleEmitter.h"

#include "accel/Schedule/Schedule_generated.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
namespace fbs = accel::schedule;

namespace {

json::Array ints(const flatbuffers::Vector<int64_t> *values) {
  json::Array out;
  if (values)
    for (int64_t v : *values)
      out.push_back(v);
  return out;
}

json::Array ints(const flatbuffers::Vector<int32_t> *values) {
  json::Array out;
  if (values)
    for (int32_t v : *values)
      out.push_back(v);
  return out;
}

std::string str(const flatbuffers::String *s) { return s ? s->str() : std::string(); }

json::Value attrValue(const fbs::Attr &attr) {
  switch (attr.kind()) {
  case fbs::AttrKind::Int:
    return attr.i();
  case fbs::AttrKind::Float:
    return attr.f();
  case fbs::AttrKind::Ints:
    return ints(attr.ints());
  case fbs::AttrKind::Floats: {
    json::Array out;
    if (attr.floats())
      for (double v : *attr.floats())
        out.push_back(v);
    return out;
  }
  case fbs::AttrKind::String:
    return str(attr.s());
  }
  return nullptr;
}

json::Object hostProgram(const fbs::HostProgram &program) {
  json::Array insts;
  if (program.instructions())
    for (const fbs::HostInstruction *inst : *program.instructions()) {
      json::Object attrs;
      if (inst->attrs())
        for (const fbs::Attr *attr : *inst->attrs())
          attrs[attr->name()->str()] = attrValue(*attr);
      json::Object entry{{"kernel", inst->kernel()->str()},
                         {"inputs", ints(inst->inputs())},
                         {"outputs", ints(inst->outputs())},
                         {"attrs", std::move(attrs)},
                         {"flops", static_cast<int64_t>(inst->flops())}};
      if (const fbs::SourceLoc *loc = inst->loc()) {
        entry["node"] = str(loc->node());
        entry["op_type"] = str(loc->op_type());
      }
      insts.push_back(std::move(entry));
    }
  return json::Object{{"kind", "host"}, {"instructions", std::move(insts)}};
}

} // namespace

bool accel::printScheduleAsJson(ArrayRef<uint8_t> bytes, raw_ostream &os,
                                std::string &error) {
  if (bytes.size() < 8 || !fbs::ScheduleBufferHasIdentifier(bytes.data())) {
    error = "not an Accel schedule (missing the 'ACCL' file identifier)";
    return false;
  }
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    error = "the file is larger than any schedule can be (2 GiB)";
    return false;
  }
  flatbuffers::Verifier::Options options;
  options.max_tables = 1u << 30;
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), options);
  if (!fbs::VerifyScheduleBuffer(verifier)) {
    error = "the schedule is damaged: FlatBuffers verification failed";
    return false;
  }
  const fbs::Schedule *schedule = fbs::GetSchedule(bytes.data());

  json::Array tensors;
  if (schedule->tensors())
    for (const fbs::Tensor *t : *schedule->tensors()) {
      json::Object entry{{"name", str(t->name())},
                         {"dtype", fbs::EnumNameDType(t->dtype())},
                         {"shape", ints(t->shape())},
                         {"kind", fbs::EnumNameTensorKind(t->kind())}};
      if (t->kind() == fbs::TensorKind::Constant) {
        entry["const_offset"] = static_cast<int64_t>(t->const_offset());
        entry["const_size"] = static_cast<int64_t>(t->const_size());
      }
      tensors.push_back(std::move(entry));
    }

  json::Array segments;
  if (schedule->segments())
    for (const fbs::Segment *segment : *schedule->segments()) {
      json::Object entry{{"name", str(segment->name())}};
      if (const fbs::HostProgram *host = segment->program_as_HostProgram())
        entry["program"] = hostProgram(*host);
      else
        entry["program"] = fbs::EnumNameProgram(segment->program_type());
      segments.push_back(std::move(entry));
    }

  const fbs::DeviceDescriptor *device = schedule->device();
  json::Object root{
      {"format_version", static_cast<int64_t>(schedule->format_version())},
      {"schema_hash", str(schedule->schema_hash())},
      {"compiler_version", str(schedule->compiler_version())},
      {"model_name", str(schedule->model_name())},
      {"device",
       json::Object{{"target", str(device->target())},
                    {"preset", str(device->preset())},
                    {"clock_hz", device->clock_hz()}}},
      {"tensors", std::move(tensors)},
      {"inputs", ints(schedule->inputs())},
      {"outputs", ints(schedule->outputs())},
      {"segments", std::move(segments)},
      {"constants_bytes",
       static_cast<int64_t>(schedule->constants() ? schedule->constants()->size() : 0)}};
  os << formatv("{0:2}", json::Value(std::move(root))) << "\n";
  return true;
}
