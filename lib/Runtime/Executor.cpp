//===- Executor.cpp - Runs the host program of a loaded schedule ----------===//
#include "accel/Runtime/Executor.h"
#include "accel/Runtime/ScheduleInfo.h"

#include "BufferPool.h"

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
  // inputs, outputs and constants live for the whole run.
  const auto &instrs = schedule.instructions();
  for (size_t i = 0; i < instrs.size(); ++i) {
    for (int32_t t : instrs[i].outputs)
      if (tensors[t].kind == TensorKind::Intermediate)
        lastUse_[t] = i;
    for (int32_t t : instrs[i].inputs)
      if (t >= 0 && tensors[t].kind == TensorKind::Intermediate)
        lastUse_[t] = i;
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
  for (size_t i = 0; i < instrs.size(); ++i) {
    const Instruction &instr = instrs[i];
    ins.clear();
    outs.clear();
    for (int32_t t : instr.inputs)
      ins.push_back(t >= 0 ? &values[t] : nullptr);
    for (int32_t t : instr.outputs) {
      const TensorInfo &info = tensors[t];
      if (info.kind == TensorKind::Output) {
        // Outputs are handed to the caller, so they own their storage.
        Status st = Tensor::allocateUninitialized(info.dtype, info.shape, values[t]);
        if (!st.ok())
          return st.withContext(path + ": instruction #" + std::to_string(i));
      } else {
        // Every kernel writes all of its result, so recycled storage needs no zeroing.
        size_t cap = 0;
        void *p = pool_->acquire(static_cast<size_t>(info.byteSize), cap);
        if (!p)
          return Status::error(path + ": instruction #" + std::to_string(i) +
                               ": out of memory allocating " +
                               std::to_string(info.byteSize) + " bytes");
        values[t] = Tensor::borrowed(info.dtype, info.shape, p);
        capacity[t] = cap;
      }
      live += info.byteSize;
      outs.push_back(&values[t]);
    }
    peak = std::max(peak, live);
    if (hook_)
      hook_->before(instr, i, ins);
    KernelContext ctx{ins, outs, &instr.attrs};
    Clock::time_point t0 = Clock::now();
    Status st = runKernel(*instr.info, ctx);
    Clock::time_point t1 = Clock::now();
    if (!st.ok()) {
      std::string where = path + ": instruction #" + std::to_string(i) + " (" + instr.kernel;
      if (!instr.node.empty())
        where += ", node '" + instr.node + "'";
      return st.withContext(where + ")");
    }
    if (hook_)
      ACCEL_RETURN_IF_ERROR(hook_->after(instr, i, ins, outs));
    InstructionRecord rec;
    rec.index = i;
    rec.startUs = std::chrono::duration<double, std::micro>(t0 - runStart).count();
    rec.timeUs = std::chrono::duration<double, std::micro>(t1 - t0).count();
    rec.flops = instr.flops;
    result.records.push_back(rec);
    result.hostFlops += instr.flops;
    // Recycle every intermediate whose last use was this instruction.
    auto retire = [&](int32_t t) {
      if (t >= 0 && lastUse_[t] == i && capacity[t]) {
        live -= tensors[t].byteSize;
        pool_->release(values[t].raw(), capacity[t]);
        capacity[t] = 0;
        values[t] = Tensor();
      }
    };
    for (int32_t t : instr.inputs)
      retire(t);
    for (int32_t t : instr.outputs)
      retire(t);
  }
  result.totalUs =
      std::chrono::duration<double, std::micro>(Clock::now() - runStart).count();
  result.peakBytes = peak;
  for (int32_t t : schedule_.outputs())
    result.outputs.emplace_back(tensors[t].name, std::move(values[t]));
  return Status::success();
}

} // namespace accel::runtime
