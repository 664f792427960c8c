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

/// What one device segment did, in simulated time.
struct DeviceSegmentRun {
  size_t segment = 0;          // index into LoadedSchedule::segments()
  double startUs = 0;          // wall clock, from the start of the run
  double wallUs = 0;           // how long the simulation took on this machine
  double simulatedStartUs = 0; // simulated time before the segment (host + device + links)
  uint64_t transferBytes = 0;  // host <-> device bytes paid before and after it
  DeviceSegmentRecord record;
};

struct RunResult {
  std::vector<NamedTensor> outputs; // in schedule order
  std::vector<InstructionRecord> records;
  std::vector<DeviceSegmentRun> deviceRuns;
  double totalUs = 0;
  uint64_t peakBytes = 0; // high-water mark of live inputs, intermediates and outputs
  uint64_t hostFlops = 0;
  uint64_t deviceFlops = 0;
  // Simulated time of the whole model: host kernels as measured, device segments from
  // their cycles, transfers from the host-link rate (all 0 on the device side for host
  // schedules).
  uint64_t deviceCycles = 0;
  double hostUs = 0;
  double deviceUs = 0;
  double transferUs = 0;
  uint64_t transferBytes = 0;
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
  // Prepares every host instruction's kernel (oneDNN primitives, reordered weights), so
  // runs pay none of it: set the kernel thread count before.
  explicit Executor(const LoadedSchedule &schedule);
  ~Executor();

  // A hook sees every value in its logical layout: setting one turns the channels-last
  // layout plan off.
  void setHook(ExecutionHook *hook);
  // Tensors the layout plan keeps channels-last between kernels (KernelState).
  size_t channelsLastTensors() const;
  // Step after which each tensor dies (SIZE_MAX: never freed during the run). A step is a
  // host instruction or a whole device segment, in schedule order.
  const std::vector<size_t> &lastUse() const { return lastUse_; }

  // Inputs are matched by name; each must have the schedule's dtype and shape.
  Status run(std::vector<NamedTensor> inputs, RunResult &result);

private:
  void prepareKernels();
  void planLayouts(bool enabled);
  void planAliases();

  const LoadedSchedule &schedule_;
  ExecutionHook *hook_ = nullptr;
  std::vector<size_t> lastUse_;
  std::unique_ptr<Device> device_; // the schedule's device, when it has device segments
  // Storage of dead intermediates, recycled across instructions and runs.
  std::unique_ptr<BufferPool> pool_;
  // Per host instruction: what its kernel precomputed at load (nullptr: nothing).
  std::vector<std::unique_ptr<KernelState>> states_;
  std::vector<bool> channelsLast_; // per tensor: stored channels-last during a run
  std::vector<int32_t> aliasOf_;   // per instruction: a reshape's input it views, or -1
  std::vector<int32_t> rootOf_;    // per tensor: the tensor owning its storage (itself)
};

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_EXECUTOR_H
