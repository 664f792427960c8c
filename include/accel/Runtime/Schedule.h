//===- Schedule.h - A loaded, verified .accel schedule ----------*- C++ -*-===//
//
// loadSchedule() mmaps a schedule file, runs the FlatBuffers verifier and the semantic
// checks described in docs/schedule.md, and returns a LoadedSchedule whose constants
// point into the mapping (no copy). Everything after loading can trust the indices,
// shapes and sizes it holds.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_SCHEDULE_H
#define ACCEL_RUNTIME_SCHEDULE_H

#include "accel/Device/Descriptor.h"
#include "accel/Runtime/Attributes.h"
#include "accel/Runtime/Device.h"
#include "accel/Runtime/Kernels.h"
#include "accel/Runtime/MappedFile.h"
#include "accel/Runtime/Status.h"
#include "accel/Runtime/Tensor.h"

#include <memory>
#include <string>
#include <vector>

namespace accel::runtime {

enum class TensorKind : uint8_t { Intermediate = 0, Input = 1, Output = 2, Constant = 3 };

struct TensorInfo {
  std::string name;
  DType dtype = DType::F32;
  Shape shape;
  TensorKind kind = TensorKind::Intermediate;
  uint64_t byteSize = 0;
  const uint8_t *constData = nullptr; // constants only: points into the mapping
};

struct Instruction {
  std::string kernel;
  const KernelInfo *info = nullptr;
  std::vector<int32_t> inputs; // -1 = absent optional operand
  std::vector<int32_t> outputs;
  Attributes attrs;
  std::string node;   // ONNX node name (may be empty)
  std::string opType; // ONNX op type (may be empty)
  std::string locText;
  uint64_t flops = 0;
  std::string segment; // name of the segment it belongs to
};

/// A contiguous part of the schedule that runs on one unit. Host segments own a range of
/// `instructions()`; device segments own a program for their target's Device.
struct SegmentInfo {
  std::string name;
  const DeviceTarget *device = nullptr; // nullptr: a host segment
  size_t firstInstruction = 0, numInstructions = 0;
  std::vector<int32_t> reads, writes;   // device segments: tensors consumed and produced
  std::unique_ptr<DeviceProgram> program;
  bool isHost() const { return device == nullptr; }
};

struct LoadOptions {
  // Upper bound on the bytes of all non-constant tensors; 0 = unlimited. Also bounds the
  // memory a device simulator holds for one segment (all unit memories of a layer).
  uint64_t memoryLimit = 0;
  // Simulated cycles after which a device run is a runaway error (0: the simulator's).
  uint64_t maxDeviceCycles = 0;
};

class LoadedSchedule {
public:
  const std::string &path() const { return path_; }
  const std::string &modelName() const { return modelName_; }
  const std::string &target() const { return target_; }
  const std::string &compilerVersion() const { return compilerVersion_; }
  const std::vector<TensorInfo> &tensors() const { return tensors_; }
  const std::vector<int32_t> &inputs() const { return inputs_; }
  const std::vector<int32_t> &outputs() const { return outputs_; }
  const std::vector<Instruction> &instructions() const { return instructions_; }
  const std::vector<SegmentInfo> &segments() const { return segments_; }
  /// The modelled machine (target "host", preset "cpu" for host schedules).
  const device::Descriptor &descriptor() const { return descriptor_; }
  /// The device target of the schedule's device segments; nullptr for host schedules.
  const DeviceTarget *deviceTarget() const { return deviceTarget_; }
  const DeviceLimits &deviceLimits() const { return deviceLimits_; }
  // Bytes of all non-constant tensors (what a run allocates at most).
  uint64_t activationBytes() const { return activationBytes_; }
  uint64_t constantBytes() const { return constantBytes_; }

private:
  friend class ScheduleParser;
  friend Status loadSchedule(const std::string &, const LoadOptions &,
                             std::unique_ptr<LoadedSchedule> &);
  friend Status loadScheduleFromBytes(const void *, size_t, const std::string &,
                                      const LoadOptions &, std::unique_ptr<LoadedSchedule> &);
  MappedFile file_;
  std::string path_, modelName_, target_, compilerVersion_;
  std::vector<TensorInfo> tensors_;
  std::vector<int32_t> inputs_, outputs_;
  std::vector<Instruction> instructions_;
  std::vector<SegmentInfo> segments_;
  device::Descriptor descriptor_;
  const DeviceTarget *deviceTarget_ = nullptr;
  DeviceLimits deviceLimits_;
  uint64_t activationBytes_ = 0, constantBytes_ = 0;
};

Status loadSchedule(const std::string &path, const LoadOptions &options,
                    std::unique_ptr<LoadedSchedule> &out);
// Loads an in-memory image (copied into aligned storage); `name` is used in errors.
Status loadScheduleFromBytes(const void *data, size_t size, const std::string &name,
                             const LoadOptions &options, std::unique_ptr<LoadedSchedule> &out);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_SCHEDULE_H
