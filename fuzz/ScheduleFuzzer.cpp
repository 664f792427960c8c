//===- ScheduleFuzzer.cpp - libFuzzer target: schedule loader + executor --===//
//
// Loads arbitrary bytes as a `.accel` schedule and, when the loader accepts them,
// runs the schedule on zero-filled inputs. The loader's contract (docs/schedule.md)
// is that everything after a successful load can trust the file, so any crash,
// out-of-bounds access or UB in the executor or a kernel is a loader or kernel bug.
//
//===----------------------------------------------------------------------===//

#include "accel/Runtime/Executor.h"
#include "accel/Runtime/Schedule.h"

#include <cstddef>
#include <cstdint>

using namespace accel::runtime;

namespace {
// Bounds what one input may allocate, so the fuzzer explores logic rather than
// the allocator. The loader enforces it before anything is allocated.
constexpr uint64_t kMemoryLimit = 64ull << 20;
// Kernels' work is proportional to their element counts; skip runs whose single
// largest tensor is big enough to make one execution slow.
constexpr uint64_t kMaxTensorBytes = 4ull << 20;
constexpr uint64_t kMaxDeviceCycles = 1000000;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  LoadOptions options;
  options.memoryLimit = kMemoryLimit;
  // A damaged device program may loop for a long simulated time: stop it early.
  options.maxDeviceCycles = kMaxDeviceCycles;
  std::unique_ptr<LoadedSchedule> schedule;
  if (!loadScheduleFromBytes(data, size, "fuzz.accel", options, schedule).ok())
    return 0;
  for (const TensorInfo &t : schedule->tensors())
    if (t.byteSize > kMaxTensorBytes)
      return 0;

  std::vector<NamedTensor> inputs;
  for (int32_t id : schedule->inputs()) {
    const TensorInfo &info = schedule->tensors()[id];
    Tensor t;
    if (!Tensor::allocate(info.dtype, info.shape, t).ok())
      return 0;
    inputs.emplace_back(info.name, std::move(t));
  }
  Executor executor(*schedule);
  RunResult result;
  (void)executor.run(std::move(inputs), result);
  return 0;
}
