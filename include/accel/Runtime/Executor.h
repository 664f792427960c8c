//===- Executor.h - Runs the host program of a loaded schedule --*- C++ -*-===//
#ifndef ACCEL_RUNTIME_EXECUTOR_H
#define ACCEL_RUNTIME_EXECUTOR_H

#include "accel/Runtime/Schedule.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace accel::runtime {

using NamedTensor = std::pair<std::string, Tensor>;

struct InstructionRecord {
  size_t index = 0;
  double startUs = 0; // from the start of the run
  double timeUs = 0;
  uint64_t flops = 0;
};

struct RunResult {
  std::vector<NamedTensor> outputs; // in schedule order
  std::vector<InstructionRecord> records;
  double totalUs = 0;
  uint64_t peakBytes = 0; // high-water mark of live inputs, intermediates and outputs
  uint64_t hostFlops = 0;
  uint64_t deviceFlops = 0;
};

// Observes execution; tracing and golden-output checks attach here. `after` may fail the
// run (e.g. a mismatch against a reference).
class ExecutionHook {
public:
  virtual ~ExecutionHook() = default;
  virtual void before(const Instruction &, size_t /*index*/,
                      const std::vector<const Tensor *> & /*inputs*/) {}
  virtual Status after(const Instruction &, size_t /*index*/,
                       const std::vector<const Tensor *> & /*inputs*/,
                       const std::vector<Tensor *> & /*outputs*/) {
    return Status::success();
  }
};

class BufferPool;

class Executor {
public:
  explicit Executor(const LoadedSchedule &schedule);
  ~Executor();

  void setHook(ExecutionHook *hook) { hook_ = hook; }
  // Instruction after which each tensor dies (SIZE_MAX: never freed during the run).
  const std::vector<size_t> &lastUse() const { return lastUse_; }

  // Inputs are matched by name; each must have the schedule's dtype and shape.
  Status run(std::vector<NamedTensor> inputs, RunResult &result);

private:
  const LoadedSchedule &schedule_;
  ExecutionHook *hook_ = nullptr;
  std::vector<size_t> lastUse_;
  // Storage of dead intermediates, recycled across instructions and runs.
  std::unique_ptr<BufferPool> pool_;
};

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_EXECUTOR_H
