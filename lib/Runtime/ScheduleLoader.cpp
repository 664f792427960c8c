//===- ScheduleLoader.cpp - mmap, verify and check a .accel schedule ------===//
//
// Order of checks: size and identifier, FlatBuffers verifier (structure), version
// identity (format, schema hash, compiler), then semantics (tensor table, constants,
// inputs/outputs, instructions, memory limit). Nothing is dereferenced before the
// verifier has accepted the buffer.
//
//===----------------------------------------------------------------------===//
#include "accel/Runtime/Schedule.h"
#include "accel/Schedule/Schedule_generated.h"
#include "accel/Version.h"

#include <limits>

namespace accel::runtime {

namespace fb = accel::schedule;

class ScheduleParser {
public:
  ScheduleParser(LoadedSchedule &s, const LoadOptions &o) : sched_(s), opts_(o) {}
  Status parse();

private:
  Status err(const std::string &what) const { return Status::error(sched_.path_ + ": " + what); }
  Status checkIdentity(const fb::Schedule &root);
  Status readDescriptor(const fb::Schedule &root);
  Status readDeviceSegment(const fb::Segment &seg, size_t index, const std::string &segName);
  Status readTensors(const fb::Schedule &root);
  Status readIO(const fb::Schedule &root);
  Status readInstructions(const fb::Schedule &root);
  Status readInstruction(const fb::HostInstruction &hi, const std::string &segment,
                         size_t index);
  Status checkDataflow();

  LoadedSchedule &sched_;
  const LoadOptions &opts_;
};

namespace {

// Large models (~1.5 GB, tens of thousands of tensors/attributes) must verify.
constexpr flatbuffers::uoffset_t kMaxDepth = 64;
constexpr flatbuffers::uoffset_t kMaxTables = 100000000;

std::string str(const flatbuffers::String *s) { return s ? s->str() : std::string(); }

std::string instrName(size_t index, const Instruction &in) {
  std::string s = "instruction #" + std::to_string(index) + " (" + in.kernel;
  if (!in.node.empty())
    s += ", node '" + in.node + "'";
  return s + ")";
}

} // namespace

Status ScheduleParser::parse() {
  const uint8_t *buf = sched_.file_.data();
  size_t size = sched_.file_.size();
  if (size < 8)
    return err("file is too small to be a schedule (" + std::to_string(size) + " bytes)");
  if (size >= FLATBUFFERS_MAX_BUFFER_SIZE)
    return err("file is too large (" + std::to_string(size) + " bytes; the limit is 2 GB)");
  if (!flatbuffers::BufferHasIdentifier(buf, fb::ScheduleIdentifier()))
    return err("not an Accel schedule (file identifier is not \"ACCL\")");
  flatbuffers::Verifier::Options vo;
  vo.max_depth = kMaxDepth;
  vo.max_tables = kMaxTables;
  vo.check_alignment = true;
  flatbuffers::Verifier verifier(buf, size, vo);
  if (!fb::VerifyScheduleBuffer(verifier))
    return err("schedule is damaged or truncated (FlatBuffers verification failed)");
  const fb::Schedule &root = *fb::GetSchedule(buf);
  ACCEL_RETURN_IF_ERROR(checkIdentity(root));
  sched_.modelName_ = str(root.model_name());
  sched_.target_ = str(root.device()->target());
  sched_.deviceLimits_.memoryBytes = opts_.memoryLimit;
  sched_.deviceLimits_.maxCycles = opts_.maxDeviceCycles;
  ACCEL_RETURN_IF_ERROR(readDescriptor(root));
  ACCEL_RETURN_IF_ERROR(readTensors(root));
  ACCEL_RETURN_IF_ERROR(readIO(root));
  ACCEL_RETURN_IF_ERROR(readInstructions(root));
  ACCEL_RETURN_IF_ERROR(checkDataflow());
  if (opts_.memoryLimit && sched_.activationBytes_ > opts_.memoryLimit)
    return err("the model needs up to " + std::to_string(sched_.activationBytes_) +
               " bytes of tensors, over the memory limit of " +
               std::to_string(opts_.memoryLimit) + " bytes");
  return Status::success();
}

Status ScheduleParser::checkIdentity(const fb::Schedule &root) {
  std::string fileVersion = str(root.compiler_version());
  sched_.compilerVersion_ = fileVersion;
  const std::string hint = "; recompile the model with this accel version (" +
                           std::string(ACCEL_VERSION) + ")";
  if (root.format_version() != ACCEL_SCHEDULE_FORMAT_VERSION)
    return err("schedule format version " + std::to_string(root.format_version()) +
               " (written by " + fileVersion + ") does not match this runtime's format "
               "version " + std::to_string(ACCEL_SCHEDULE_FORMAT_VERSION) + hint);
  if (str(root.schema_hash()) != ACCEL_SCHEDULE_SCHEMA_HASH)
    return err("schedule schema hash " + str(root.schema_hash()) + " (written by " +
               fileVersion + ") does not match this runtime's schema hash " +
               ACCEL_SCHEDULE_SCHEMA_HASH + hint);
  if (fileVersion != ACCEL_VERSION)
    return err("schedule was written by compiler version " + fileVersion +
               " but this runtime is " + ACCEL_VERSION + hint);
  return Status::success();
}

Status ScheduleParser::readDescriptor(const fb::Schedule &root) {
  const fb::DeviceDescriptor &d = *root.device();
  std::vector<device::Field> fields;
  if (d.fields())
    for (flatbuffers::uoffset_t i = 0; i < d.fields()->size(); ++i) {
      const fb::Attr *a = d.fields()->Get(i);
      if (a->kind() != fb::AttrKind::Float && a->kind() != fb::AttrKind::Int)
        return err("device field '" + a->name()->str() + "' is not a number");
      fields.push_back({a->name()->str(), a->kind() == fb::AttrKind::Int
                                              ? static_cast<double>(a->i())
                                              : a->f()});
    }
  device::Precision precision;
  if (!device::parsePrecision(str(d.precision()), precision))
    return err("unknown precision '" + str(d.precision()) + "' (expected fp32 or fp16)");
  std::string preset = str(d.preset());
  sched_.descriptor_ = device::Descriptor::fromStored(sched_.target_, preset, precision,
                                                      std::move(fields), str(d.summary()));
  if (sched_.target_ == "host")
    return Status::success();
  sched_.deviceTarget_ = lookupDeviceTarget(sched_.target_);
  if (!sched_.deviceTarget_)
    return err("unknown target '" + sched_.target_ + "' (this runtime simulates: " +
               deviceTargetList() + ")");
  std::string error;
  if (!device::validateStored(sched_.descriptor_, error))
    return err("device descriptor: " + error);
  return Status::success();
}

Status ScheduleParser::readTensors(const fb::Schedule &root) {
  const auto *blob = root.constants();
  const uint8_t *blobData = blob ? blob->data() : nullptr;
  uint64_t blobSize = blob ? blob->size() : 0;
  if (blob && blobSize &&
      (blobData - sched_.file_.data()) % 64 != 0)
    return err("constants blob is not 64-byte aligned in the file");
  const auto *tensors = root.tensors();
  if (!tensors)
    return Status::success();
  uint64_t activation = 0;
  for (flatbuffers::uoffset_t i = 0; i < tensors->size(); ++i) {
    const fb::Tensor *t = tensors->Get(i);
    TensorInfo info;
    info.name = str(t->name());
    std::string what = "tensor #" + std::to_string(i) +
                       (info.name.empty() ? "" : " ('" + info.name + "')");
    auto dt = dtypeFromInt(static_cast<int>(t->dtype()));
    if (!dt)
      return err(what + " has an unknown dtype " + std::to_string(static_cast<int>(t->dtype())));
    info.dtype = *dt;
    int kind = static_cast<int>(t->kind());
    if (kind < 0 || kind > 3)
      return err(what + " has an unknown kind " + std::to_string(kind));
    info.kind = static_cast<TensorKind>(kind);
    if (t->shape())
      info.shape.assign(t->shape()->begin(), t->shape()->end());
    Status st = checkedByteSize(info.shape, info.dtype, info.byteSize);
    if (!st.ok())
      return err(what + ": " + st.message());
    if (info.kind == TensorKind::Constant) {
      uint64_t off = t->const_offset(), sz = t->const_size();
      if (sz != info.byteSize)
        return err(what + ": constant size " + std::to_string(sz) + " does not match its " +
                   shapeToString(info.shape) + " " + std::string(dtypeName(info.dtype)) +
                   " shape (" + std::to_string(info.byteSize) + " bytes)");
      if (off > blobSize || sz > blobSize - off)
        return err(what + ": constant range [" + std::to_string(off) + ", " +
                   std::to_string(off + sz) + ") lies outside the constants blob (" +
                   std::to_string(blobSize) + " bytes)");
      if (off % 64 != 0)
        return err(what + ": constant offset " + std::to_string(off) +
                   " is not 64-byte aligned");
      info.constData = sz ? blobData + off : blobData;
      sched_.constantBytes_ += sz;
    } else {
      if (activation > std::numeric_limits<uint64_t>::max() - info.byteSize)
        return err("total tensor size overflows");
      activation += info.byteSize;
    }
    sched_.tensors_.push_back(std::move(info));
  }
  sched_.activationBytes_ = activation;
  return Status::success();
}

Status ScheduleParser::readIO(const fb::Schedule &root) {
  size_t n = sched_.tensors_.size();
  auto readList = [&](const flatbuffers::Vector<int32_t> *list, TensorKind kind,
                      const char *what, std::vector<int32_t> &out) -> Status {
    std::vector<bool> seen(n, false);
    if (list)
      for (flatbuffers::uoffset_t i = 0; i < list->size(); ++i) {
        int32_t idx = list->Get(i);
        if (idx < 0 || static_cast<size_t>(idx) >= n)
          return err(std::string(what) + " #" + std::to_string(i) + " refers to tensor " +
                     std::to_string(idx) + ", outside the tensor table (" +
                     std::to_string(n) + " tensors)");
        if (sched_.tensors_[idx].kind != kind)
          return err(std::string(what) + " #" + std::to_string(i) + " ('" +
                     sched_.tensors_[idx].name + "') is not a tensor of " + what + " kind");
        if (seen[idx])
          return err(std::string(what) + " '" + sched_.tensors_[idx].name +
                     "' is listed twice");
        seen[idx] = true;
        out.push_back(idx);
      }
    for (size_t t = 0; t < n; ++t)
      if (sched_.tensors_[t].kind == kind && !seen[t])
        return err("tensor #" + std::to_string(t) + " ('" + sched_.tensors_[t].name +
                   "') is of " + what + " kind but not listed in the schedule's " + what +
                   "s");
    return Status::success();
  };
  ACCEL_RETURN_IF_ERROR(readList(root.inputs(), TensorKind::Input, "input", sched_.inputs_));
  ACCEL_RETURN_IF_ERROR(
      readList(root.outputs(), TensorKind::Output, "output", sched_.outputs_));
  // Inputs are bound by name, so names must be unique and non-empty.
  for (size_t i = 0; i < sched_.inputs_.size(); ++i) {
    const std::string &name = sched_.tensors_[sched_.inputs_[i]].name;
    if (name.empty())
      return err("input #" + std::to_string(i) + " has no name");
    for (size_t j = 0; j < i; ++j)
      if (sched_.tensors_[sched_.inputs_[j]].name == name)
        return err("two inputs are named '" + name + "'");
  }
  return Status::success();
}

Status ScheduleParser::readInstructions(const fb::Schedule &root) {
  const auto *segments = root.segments();
  if (!segments)
    return Status::success();
  for (flatbuffers::uoffset_t s = 0; s < segments->size(); ++s) {
    const fb::Segment *seg = segments->Get(s);
    std::string segName = str(seg->name());
    if (seg->program_type() != fb::Program::HostProgram) {
      ACCEL_RETURN_IF_ERROR(readDeviceSegment(*seg, s, segName));
      continue;
    }
    if (!seg->program_as_HostProgram())
      return err("segment #" + std::to_string(s) + " ('" + segName + "') has no program");
    SegmentInfo info;
    info.name = segName;
    info.firstInstruction = sched_.instructions_.size();
    const auto *instrs = seg->program_as_HostProgram()->instructions();
    if (instrs)
      for (flatbuffers::uoffset_t i = 0; i < instrs->size(); ++i)
        ACCEL_RETURN_IF_ERROR(
            readInstruction(*instrs->Get(i), segName, sched_.instructions_.size()));
    info.numInstructions = sched_.instructions_.size() - info.firstInstruction;
    sched_.segments_.push_back(std::move(info));
  }
  return Status::success();
}

Status ScheduleParser::readDeviceSegment(const fb::Segment &seg, size_t index,
                                         const std::string &segName) {
  std::string what = "segment #" + std::to_string(index) + " ('" + segName + "')";
  const DeviceTarget *target =
      lookupDeviceTargetByProgram(static_cast<uint8_t>(seg.program_type()));
  if (!target)
    return err(what + " has a program of unknown type " +
               std::to_string(static_cast<int>(seg.program_type())));
  if (target != sched_.deviceTarget_)
    return err(what + " holds a " + target->target + " program but the schedule's target is '" +
               sched_.target_ + "'");
  SegmentInfo info;
  info.name = segName;
  info.device = target;
  info.firstInstruction = sched_.instructions_.size();
  size_t n = sched_.tensors_.size();
  auto readList = [&](const flatbuffers::Vector<int32_t> *list, const char *kind,
                      std::vector<int32_t> &out) -> Status {
    if (list)
      for (flatbuffers::uoffset_t i = 0; i < list->size(); ++i) {
        int32_t t = list->Get(i);
        if (t < 0 || static_cast<size_t>(t) >= n)
          return err(what + ": " + kind + " #" + std::to_string(i) + " refers to tensor " +
                     std::to_string(t) + ", outside the tensor table (" + std::to_string(n) +
                     " tensors)");
        if (sched_.tensors_[t].dtype != DType::F32)
          return err(what + ": tensor '" + sched_.tensors_[t].name +
                     "' is not f32; device segments compute on f32 tensors");
        out.push_back(t);
      }
    return Status::success();
  };
  ACCEL_RETURN_IF_ERROR(readList(seg.reads(), "read", info.reads));
  ACCEL_RETURN_IF_ERROR(readList(seg.writes(), "write", info.writes));
  for (int32_t t : info.writes) {
    TensorKind kind = sched_.tensors_[t].kind;
    if (kind == TensorKind::Constant || kind == TensorKind::Input)
      return err(what + ": writes tensor '" + sched_.tensors_[t].name +
                 "', which is a constant or input");
  }
  Status st = target->readProgram(seg, sched_.tensors_, sched_.descriptor_,
                                  sched_.deviceLimits_, info.program);
  if (!st.ok())
    return st.withContext(sched_.path_ + ": " + what);
  sched_.segments_.push_back(std::move(info));
  return Status::success();
}

Status ScheduleParser::readInstruction(const fb::HostInstruction &hi,
                                       const std::string &segment, size_t index) {
  Instruction in;
  in.kernel = hi.kernel()->str();
  in.segment = segment;
  in.flops = hi.flops();
  if (const fb::SourceLoc *loc = hi.loc()) {
    in.node = str(loc->node());
    in.opType = str(loc->op_type());
    in.locText = str(loc->text());
  }
  if (hi.inputs())
    in.inputs.assign(hi.inputs()->begin(), hi.inputs()->end());
  if (hi.outputs())
    in.outputs.assign(hi.outputs()->begin(), hi.outputs()->end());
  std::string what = instrName(index, in);
  in.info = lookupKernel(in.kernel);
  if (!in.info)
    return err(what + ": unknown kernel '" + in.kernel + "'");
  int nIn = static_cast<int>(in.inputs.size());
  if (nIn < in.info->minInputs || (in.info->maxInputs >= 0 && nIn > in.info->maxInputs)) {
    std::string expect = std::to_string(in.info->minInputs);
    if (in.info->maxInputs < 0)
      expect += " or more";
    else if (in.info->maxInputs != in.info->minInputs)
      expect += "-" + std::to_string(in.info->maxInputs);
    return err(what + ": has " + std::to_string(nIn) + " operands, '" + in.kernel +
               "' takes " + expect);
  }
  if (static_cast<int>(in.outputs.size()) != in.info->numOutputs)
    return err(what + ": has " + std::to_string(in.outputs.size()) + " results, '" +
               in.kernel + "' produces " + std::to_string(in.info->numOutputs));
  size_t n = sched_.tensors_.size();
  for (int k = 0; k < nIn; ++k) {
    int32_t t = in.inputs[k];
    if (t == -1 && k >= in.info->minInputs)
      continue;
    if (t < 0 || static_cast<size_t>(t) >= n)
      return err(what + ": operand #" + std::to_string(k) + " refers to tensor " +
                 std::to_string(t) + ", outside the tensor table (" + std::to_string(n) +
                 " tensors)");
  }
  for (size_t k = 0; k < in.outputs.size(); ++k) {
    int32_t t = in.outputs[k];
    if (t < 0 || static_cast<size_t>(t) >= n)
      return err(what + ": result #" + std::to_string(k) + " refers to tensor " +
                 std::to_string(t) + ", outside the tensor table (" + std::to_string(n) +
                 " tensors)");
    TensorKind kind = sched_.tensors_[t].kind;
    if (kind == TensorKind::Constant || kind == TensorKind::Input)
      return err(what + ": writes tensor '" + sched_.tensors_[t].name +
                 "', which is a constant or input");
  }
  if (const auto *attrs = hi.attrs()) {
    std::vector<AttrValue> values;
    for (flatbuffers::uoffset_t a = 0; a < attrs->size(); ++a) {
      const fb::Attr *at = attrs->Get(a);
      AttrValue v;
      v.name = at->name()->str();
      int kind = static_cast<int>(at->kind());
      if (kind < 0 || kind > 4)
        return err(what + ": attribute '" + v.name + "' has an unknown kind " +
                   std::to_string(kind));
      v.kind = static_cast<AttrKind>(kind);
      v.i = at->i();
      v.f = at->f();
      if (at->ints())
        v.ints.assign(at->ints()->begin(), at->ints()->end());
      if (at->floats())
        v.floats.assign(at->floats()->begin(), at->floats()->end());
      v.s = str(at->s());
      values.push_back(std::move(v));
    }
    in.attrs = Attributes(std::move(values));
  }
  sched_.instructions_.push_back(std::move(in));
  return Status::success();
}

// Every tensor an instruction reads must already hold a value (constant, input, or an
// earlier result); every non-constant tensor is written at most once; every output is
// written. This is what lets the executor allocate lazily and free after last use.
Status ScheduleParser::checkDataflow() {
  size_t n = sched_.tensors_.size();
  std::vector<bool> defined(n, false);
  for (size_t t = 0; t < n; ++t)
    defined[t] = sched_.tensors_[t].kind == TensorKind::Constant ||
                 sched_.tensors_[t].kind == TensorKind::Input;
  for (const SegmentInfo &seg : sched_.segments_) {
    if (!seg.isHost()) {
      for (int32_t t : seg.reads)
        if (!defined[t])
          return err("segment '" + seg.name + "': tensor '" + sched_.tensors_[t].name +
                     "' is read before anything writes it");
      for (int32_t t : seg.writes) {
        if (defined[t])
          return err("segment '" + seg.name + "': tensor '" + sched_.tensors_[t].name +
                     "' is written more than once");
        defined[t] = true;
      }
      continue;
    }
    for (size_t i = seg.firstInstruction; i < seg.firstInstruction + seg.numInstructions;
         ++i) {
      const Instruction &in = sched_.instructions_[i];
      for (size_t k = 0; k < in.inputs.size(); ++k) {
        int32_t t = in.inputs[k];
        if (t >= 0 && !defined[t])
          return err(instrName(i, in) + ": operand #" + std::to_string(k) + " ('" +
                     sched_.tensors_[t].name + "') is read before any instruction writes it");
      }
      for (int32_t t : in.outputs) {
        if (defined[t])
          return err(instrName(i, in) + ": tensor '" + sched_.tensors_[t].name +
                     "' is written more than once");
        defined[t] = true;
      }
    }
  }
  for (int32_t t : sched_.outputs_)
    if (!defined[t])
      return err("output '" + sched_.tensors_[t].name + "' is never written");
  return Status::success();
}

Status loadSchedule(const std::string &path, const LoadOptions &options,
                    std::unique_ptr<LoadedSchedule> &out) {
  auto sched = std::make_unique<LoadedSchedule>();
  ACCEL_RETURN_IF_ERROR(MappedFile::open(path, sched->file_));
  sched->path_ = path;
  ACCEL_RETURN_IF_ERROR(ScheduleParser(*sched, options).parse());
  out = std::move(sched);
  return Status::success();
}

Status loadScheduleFromBytes(const void *data, size_t size, const std::string &name,
                             const LoadOptions &options,
                             std::unique_ptr<LoadedSchedule> &out) {
  auto sched = std::make_unique<LoadedSchedule>();
  ACCEL_RETURN_IF_ERROR(MappedFile::fromBytes(data, size, sched->file_));
  sched->path_ = name;
  ACCEL_RETURN_IF_ERROR(ScheduleParser(*sched, options).parse());
  out = std::move(sched);
  return Status::success();
}

} // namespace accel::runtime
