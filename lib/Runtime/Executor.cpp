//===- Executor.cpp - Runs the host program of a loaded schedule ----------===//
#include "accel/Runtime/Executor.h"
#include "accel/Runtime/ScheduleInfo.h"

#include "BufferPool.h"

#include <algorithm>

#include <chrono>
#include <limits>

namespace accel::runtime {

namespace {
constexpr size_t kNever = std::numeric_limits<size_t>::max();

// numpy has no bfloat16, so a bf16 input may arrive as f32 values (rounded to nearest
// even here) or as its uint16 bits (how ONNX 1.12's test data stores bf16 tensors).
Status adaptBFloat16Input(Tensor &t) {
  if (t.dtype() != DType::F32 && t.dtype() != DType::U16)
    return Status::success();
  Tensor bf;
  ACCEL_RETURN_IF_ERROR(Tensor::allocateUninitialized(DType::BF16, t.shape(), bf));
  for (int64_t i = 0, n = t.numElements(); i < n; ++i)
    bf.data<uint16_t>()[i] = t.dtype() == DType::F32 ? floatToBFloat16(t.data<float>()[i])
                                                      : t.data<uint16_t>()[i];
  t = std::move(bf);
  return Status::success();
}
} // namespace

Executor::~Executor() = default;

Executor::Executor(const LoadedSchedule &schedule)
    : schedule_(schedule), pool_(std::make_unique<BufferPool>()) {
  const auto &tensors = schedule.tensors();
  lastUse_.assign(tensors.size(), kNever);
  // Intermediates die after their last reader (or right after their writer if unread);
  // inputs, outputs and constants live for the whole run. Steps are host instructions and
  // whole device segments, in order.
  const auto &instrs = schedule.instructions();
  auto touch = [&](int32_t t, size_t step) {
    if (t >= 0 && tensors[t].kind == TensorKind::Intermediate)
      lastUse_[t] = step;
  };
  size_t step = 0;
  for (const SegmentInfo &seg : schedule.segments()) {
    if (!seg.isHost()) {
      for (int32_t t : seg.writes)
        touch(t, step);
      for (int32_t t : seg.reads)
        touch(t, step);
      ++step;
      continue;
    }
    for (size_t i = seg.firstInstruction; i < seg.firstInstruction + seg.numInstructions;
         ++i, ++step) {
      for (int32_t t : instrs[i].outputs)
        touch(t, step);
      for (int32_t t : instrs[i].inputs)
        touch(t, step);
    }
  }
  planAliases();
  if (const DeviceTarget *target = schedule.deviceTarget())
    device_ = target->createDevice(schedule.descriptor(), schedule.deviceLimits());
  prepareKernels();
  planLayouts(true);
}

void Executor::planAliases() {
  // A reshape changes no byte: its result can share its input's storage, which then lives
  // as long as the last reader of either. Graph outputs keep their own storage (they are
  // handed to the caller).
  const auto &tensors = schedule_.tensors();
  const auto &instrs = schedule_.instructions();
  aliasOf_.assign(instrs.size(), -1);
  std::vector<int32_t> &root = rootOf_;
  root.resize(tensors.size());
  for (size_t t = 0; t < tensors.size(); ++t)
    root[t] = static_cast<int32_t>(t);
  std::vector<int32_t> aliases;
  for (size_t i = 0; i < instrs.size(); ++i) {
    const Instruction &in = instrs[i];
    if (in.kernel != "reshape" || in.inputs.size() != 1 || in.outputs.size() != 1 ||
        in.inputs[0] < 0)
      continue;
    int32_t src = in.inputs[0], dst = in.outputs[0];
    if (tensors[dst].kind != TensorKind::Intermediate || tensors[src].dtype != tensors[dst].dtype ||
        tensors[src].byteSize != tensors[dst].byteSize)
      continue;
    aliasOf_[i] = src;
    root[dst] = root[src];
    aliases.push_back(dst);
  }
  // Latest first, so a chain of reshapes extends its root through every link.
  for (auto it = aliases.rbegin(); it != aliases.rend(); ++it) {
    int32_t r = root[*it];
    if (tensors[r].kind == TensorKind::Intermediate && lastUse_[*it] != kNever)
      lastUse_[r] = lastUse_[r] == kNever ? lastUse_[*it] : std::max(lastUse_[r], lastUse_[*it]);
  }
}

void Executor::setHook(ExecutionHook *hook) {
  hook_ = hook;
  planLayouts(hook == nullptr);
}

size_t Executor::channelsLastTensors() const {
  return static_cast<size_t>(std::count(channelsLast_.begin(), channelsLast_.end(), true));
}

void Executor::planLayouts(bool enabled) {
  const auto &tensors = schedule_.tensors();
  const auto &instrs = schedule_.instructions();
  // A tensor is kept channels-last when it is an intermediate of the host program whose
  // writer produces that layout and every reader accepts it at each operand it fills.
  std::vector<int> writer(tensors.size(), -1);
  std::vector<bool> ok(tensors.size(), enabled);
  for (size_t t = 0; t < tensors.size(); ++t)
    ok[t] = ok[t] && tensors[t].kind == TensorKind::Intermediate;
  for (const SegmentInfo &seg : schedule_.segments()) {
    if (seg.isHost())
      continue;
    for (int32_t t : seg.reads)
      ok[t] = false;
    for (int32_t t : seg.writes)
      ok[t] = false;
  }
  for (size_t i = 0; i < instrs.size(); ++i) {
    const KernelState *state = states_[i].get();
    for (int32_t t : instrs[i].outputs) {
      writer[t] = static_cast<int>(i);
      ok[t] = ok[t] && state && state->producesChannelsLast() && instrs[i].outputs.size() == 1;
    }
    for (size_t k = 0; k < instrs[i].inputs.size(); ++k) {
      int32_t t = instrs[i].inputs[k];
      if (t >= 0)
        ok[t] = ok[t] && state && state->acceptsChannelsLast(k);
    }
  }
  for (size_t t = 0; t < tensors.size(); ++t)
    ok[t] = ok[t] && writer[t] >= 0;
  // Elementwise kernels tie an input's layout to their result's: until nothing changes,
  // a tie between a channels-last and a logical tensor makes both logical.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < instrs.size(); ++i) {
      const KernelState *state = states_[i].get();
      if (!state || instrs[i].outputs.size() != 1)
        continue;
      int32_t out = instrs[i].outputs[0];
      for (size_t k = 0; k < instrs[i].inputs.size(); ++k) {
        int32_t t = instrs[i].inputs[k];
        if (t >= 0 && state->followsResultLayout(k) && ok[t] != ok[out]) {
          ok[t] = ok[out] = false;
          changed = true;
        }
      }
    }
  }
  channelsLast_ = ok;
  for (size_t i = 0; i < instrs.size(); ++i) {
    if (!states_[i])
      continue;
    std::vector<bool> in;
    for (int32_t t : instrs[i].inputs)
      in.push_back(t >= 0 && ok[t]);
    states_[i]->setLayouts(in, !instrs[i].outputs.empty() && ok[instrs[i].outputs[0]]);
  }
}

void Executor::prepareKernels() {
  const auto &tensors = schedule_.tensors();
  const auto &instrs = schedule_.instructions();
  states_.resize(instrs.size());
  // Shape-only stand-ins for the values a kernel only learns when it runs.
  std::vector<Tensor> known(tensors.size());
  for (size_t t = 0; t < tensors.size(); ++t)
    known[t] = Tensor::borrowed(tensors[t].dtype, tensors[t].shape,
                                tensors[t].kind == TensorKind::Constant ? tensors[t].constData
                                                                        : nullptr);
  for (size_t i = 0; i < instrs.size(); ++i) {
    const Instruction &instr = instrs[i];
    if (!instr.info || !instr.info->prepare)
      continue;
    PrepareContext ctx;
    ctx.attrs = &instr.attrs;
    for (int32_t t : instr.inputs) {
      ctx.inputs.push_back(t >= 0 ? &known[t] : nullptr);
      ctx.constant.push_back(t >= 0 && tensors[t].kind == TensorKind::Constant);
    }
    for (int32_t t : instr.outputs)
      ctx.outputs.push_back(&known[t]);
    states_[i] = prepareKernel(*instr.info, ctx);
  }
}

Status Executor::run(std::vector<NamedTensor> inputs, RunResult &result) {
  using Clock = std::chrono::steady_clock;
  const auto &tensors = schedule_.tensors();
  const std::string &path = schedule_.path();
  std::vector<Tensor> values(tensors.size());
  // Pool capacity of each live intermediate (0 = not from the pool).
  std::vector<size_t> capacity(tensors.size(), 0);
  // Returns every pooled buffer still held when the run ends early or normally.
  struct Reclaim {
    BufferPool &pool;
    std::vector<Tensor> &values;
    std::vector<size_t> &capacity;
    ~Reclaim() {
      for (size_t t = 0; t < values.size(); ++t)
        if (capacity[t])
          pool.release(values[t].raw(), capacity[t]);
    }
  } reclaim{*pool_, values, capacity};
  uint64_t live = 0, peak = 0;

  for (size_t t = 0; t < tensors.size(); ++t)
    if (tensors[t].kind == TensorKind::Constant)
      values[t] = Tensor::borrowed(tensors[t].dtype, tensors[t].shape, tensors[t].constData);

  std::vector<bool> bound(tensors.size(), false);
  for (NamedTensor &in : inputs) {
    int32_t idx = -1;
    for (int32_t t : schedule_.inputs())
      if (tensors[t].name == in.first)
        idx = t;
    if (idx < 0) {
      std::string names;
      for (int32_t t : schedule_.inputs())
        names += (names.empty() ? "" : ", ") + tensors[t].name;
      return Status::error(path + ": the model has no input named '" + in.first +
                           "' (inputs: " + names + ")");
    }
    const TensorInfo &info = tensors[idx];
    if (bound[idx])
      return Status::error("input '" + in.first + "' is given twice");
    if (info.dtype == DType::BF16)
      ACCEL_RETURN_IF_ERROR(adaptBFloat16Input(in.second).withContext("input '" + in.first + "'"));
    if (in.second.dtype() != info.dtype)
      return Status::error("input '" + in.first + "': expected element type " +
                           std::string(dtypeName(info.dtype)) + ", got " +
                           std::string(dtypeName(in.second.dtype())));
    if (in.second.shape() != info.shape)
      return Status::error(inputShapeMismatchMessage(schedule_, in.first, info.shape, in.second.shape()));
    values[idx] = std::move(in.second);
    bound[idx] = true;
    live += info.byteSize;
  }
  for (int32_t t : schedule_.inputs())
    if (!bound[t])
      return Status::error("missing input '" + tensors[t].name + "' (" +
                           std::string(dtypeName(tensors[t].dtype)) + ", shape " +
                           shapeToString(tensors[t].shape) + ")");
  peak = live;

  result = RunResult();
  const auto &instrs = schedule_.instructions();
  result.records.reserve(instrs.size());
  std::vector<const Tensor *> ins;
  std::vector<Tensor *> outs;
  Clock::time_point runStart = Clock::now();
  auto sinceStart = [&](Clock::time_point t) {
    return std::chrono::duration<double, std::micro>(t - runStart).count();
  };

  // Allocates a result tensor: outputs own their storage (they are handed to the
  // caller); intermediates come from the pool (every writer overwrites all of them).
  auto allocateResult = [&](int32_t t, const std::string &where) -> Status {
    const TensorInfo &info = tensors[t];
    if (info.kind == TensorKind::Output) {
      Status st = Tensor::allocateUninitialized(info.dtype, info.shape, values[t]);
      if (!st.ok())
        return st.withContext(where);
    } else {
      size_t cap = 0;
      void *p = pool_->acquire(static_cast<size_t>(info.byteSize), cap);
      if (!p)
        return Status::error(where + ": out of memory allocating " +
                             std::to_string(info.byteSize) + " bytes");
      values[t] = Tensor::borrowed(info.dtype, info.shape, p);
      capacity[t] = cap;
    }
    live += info.byteSize;
    return Status::success();
  };
  // Recycles every intermediate whose last use was `step`.
  auto retire = [&](int32_t t, size_t step) {
    if (t >= 0)
      t = rootOf_[t]; // a reshape's view keeps its storage's owner alive
    if (t >= 0 && lastUse_[t] == step && capacity[t]) {
      live -= tensors[t].byteSize;
      pool_->release(values[t].raw(), capacity[t]);
      capacity[t] = 0;
      values[t] = Tensor();
    }
  };

  // Where each tensor's current value lives, for the host-link transfers of device
  // segments: constants are resident on the device with its program.
  std::vector<bool> onDevice(tensors.size(), false), onHost(tensors.size(), false);
  for (size_t t = 0; t < tensors.size(); ++t) {
    onDevice[t] = tensors[t].kind == TensorKind::Constant;
    onHost[t] = tensors[t].kind != TensorKind::Intermediate &&
                tensors[t].kind != TensorKind::Output;
  }
  DeviceFacts facts;
  if (const DeviceTarget *target = schedule_.deviceTarget())
    facts = target->facts(schedule_.descriptor());
  double bytesPerElement =
      schedule_.descriptor().precision() == device::Precision::FP16 ? 2.0 : 4.0;
  auto transferUs = [&](uint64_t bytes) {
    return facts.hostLinkBytesPerSecond > 0
               ? static_cast<double>(bytes) / facts.hostLinkBytesPerSecond * 1e6
               : 0.0;
  };
  double simulatedUs = 0;

  size_t step = 0;
  const auto &segments = schedule_.segments();
  for (size_t s = 0; s < segments.size(); ++s) {
    const SegmentInfo &seg = segments[s];
    if (!seg.isHost()) {
      std::string where = path + ": segment '" + seg.name + "'";
      if (!device_)
        return Status::error(where + ": no device to run it on");
      DeviceSegmentRun run;
      run.segment = s;
      // Inputs produced on the host cross the link before the segment runs.
      for (int32_t t : seg.reads)
        if (!onDevice[t]) {
          run.transferBytes += static_cast<uint64_t>(tensors[t].byteSize / 4 * bytesPerElement);
          onDevice[t] = true;
        }
      std::vector<Tensor *> views(tensors.size(), nullptr);
      for (int32_t t : seg.writes) {
        ACCEL_RETURN_IF_ERROR(allocateResult(t, where));
        views[t] = &values[t];
      }
      for (int32_t t : seg.reads)
        views[t] = &values[t];
      peak = std::max(peak, live);
      Clock::time_point t0 = Clock::now();
      Status st = device_->run(*seg.program, views, seg.writes, run.record);
      Clock::time_point t1 = Clock::now();
      if (!st.ok())
        return st.withContext(where);
      for (int32_t t : seg.writes) {
        onDevice[t] = true;
        onHost[t] = false;
      }
      // Results a later host step or the caller needs cross back after it.
      size_t stepAfter = step + 1;
      for (int32_t t : seg.writes) {
        bool hostNeeds = tensors[t].kind == TensorKind::Output;
        size_t later = stepAfter;
        for (size_t s2 = s + 1; s2 < segments.size() && !hostNeeds; ++s2) {
          const SegmentInfo &next = segments[s2];
          if (!next.isHost()) {
            ++later;
            continue;
          }
          for (size_t i = next.firstInstruction;
               i < next.firstInstruction + next.numInstructions && !hostNeeds; ++i, ++later)
            for (int32_t in : instrs[i].inputs)
              hostNeeds |= in == t;
        }
        if (hostNeeds) {
          run.transferBytes +=
              static_cast<uint64_t>(tensors[t].byteSize / 4 * bytesPerElement);
          onHost[t] = true;
        }
      }
      run.startUs = sinceStart(t0);
      run.wallUs = std::chrono::duration<double, std::micro>(t1 - t0).count();
      run.simulatedStartUs = simulatedUs;
      double segmentUs =
          facts.clockHz > 0 ? static_cast<double>(run.record.cycles) / facts.clockHz * 1e6 : 0;
      double linkUs = facts.programTimesHostLink ? 0.0 : transferUs(run.transferBytes);
      simulatedUs += segmentUs + linkUs;
      result.deviceCycles += run.record.cycles;
      result.deviceUs += segmentUs;
      result.transferUs += linkUs;
      result.transferBytes += run.transferBytes;
      result.deviceFlops += run.record.flops;
      result.deviceRuns.push_back(std::move(run));
      for (int32_t t : seg.reads)
        retire(t, step);
      for (int32_t t : seg.writes)
        retire(t, step);
      ++step;
      continue;
    }
    for (size_t i = seg.firstInstruction; i < seg.firstInstruction + seg.numInstructions;
         ++i, ++step) {
      const Instruction &instr = instrs[i];
      std::string where = path + ": instruction #" + std::to_string(i);
      ins.clear();
      outs.clear();
      for (int32_t t : instr.inputs)
        ins.push_back(t >= 0 ? &values[t] : nullptr);
      if (aliasOf_[i] >= 0) {
        // A reshape: the result views its input's storage (planAliases).
        const Tensor &src = values[aliasOf_[i]];
        int32_t t = instr.outputs[0];
        values[t] = Tensor::borrowed(tensors[t].dtype, tensors[t].shape, src.raw());
        outs.push_back(&values[t]);
        if (hook_) {
          hook_->before(instr, i, ins);
          ACCEL_RETURN_IF_ERROR(hook_->after(instr, i, ins, outs));
        }
        InstructionRecord rec;
        rec.index = i;
        rec.startUs = sinceStart(Clock::now());
        result.records.push_back(rec);
        onHost[t] = true;
        for (int32_t in : instr.inputs)
          retire(in, step);
        continue;
      }
      for (int32_t t : instr.outputs) {
        ACCEL_RETURN_IF_ERROR(allocateResult(t, where));
        outs.push_back(&values[t]);
      }
      peak = std::max(peak, live);
      if (hook_)
        hook_->before(instr, i, ins);
      KernelContext ctx{ins, outs, &instr.attrs, states_[i].get()};
      Clock::time_point t0 = Clock::now();
      Status st = runKernel(*instr.info, ctx);
      Clock::time_point t1 = Clock::now();
      if (!st.ok()) {
        std::string at = where + " (" + instr.kernel;
        if (!instr.node.empty())
          at += ", node '" + instr.node + "'";
        return st.withContext(at + ")");
      }
      if (hook_)
        ACCEL_RETURN_IF_ERROR(hook_->after(instr, i, ins, outs));
      InstructionRecord rec;
      rec.index = i;
      rec.startUs = sinceStart(t0);
      rec.timeUs = std::chrono::duration<double, std::micro>(t1 - t0).count();
      rec.flops = instr.flops;
      result.records.push_back(rec);
      result.hostFlops += instr.flops;
      result.hostUs += rec.timeUs;
      simulatedUs += rec.timeUs;
      for (int32_t t : instr.outputs)
        onHost[t] = true;
      for (int32_t t : instr.inputs)
        retire(t, step);
      for (int32_t t : instr.outputs)
        retire(t, step);
    }
  }
  result.totalUs =
      std::chrono::duration<double, std::micro>(Clock::now() - runStart).count();
  result.peakBytes = peak;
  for (int32_t t : schedule_.outputs())
    result.outputs.emplace_back(tensors[t].name, std::move(values[t]));
  return Status::success();
}

} // namespace accel::runtime
