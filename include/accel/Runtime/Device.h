//===- Device.h - The interface between the executor and a simulated device -===//
//
// The executor runs a schedule's segments in order. Host segments run host kernels;
// a device segment is handed to the `Device` of its target, which simulates it and
// returns the outputs plus a structured record (cycles, units, per-layer figures). Each
// device target registers one `DeviceTarget` (lib/Runtime/Devices/DeviceRegistry.cpp):
// how to read its program table from the schedule, and how to make its Device.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_DEVICE_H
#define ACCEL_RUNTIME_DEVICE_H

#include "accel/Device/Descriptor.h"
#include "accel/Runtime/Status.h"
#include "accel/Runtime/Tensor.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace accel::schedule {
struct Segment;
} // namespace accel::schedule

namespace accel::runtime {

struct TensorInfo;

/// A device program read from a schedule segment and checked at load time.
class DeviceProgram {
public:
  virtual ~DeviceProgram();
};

/// One layer (ONNX node) of a device segment, as the report shows it.
struct DeviceLayerRecord {
  std::string name, node, opType;
  uint64_t startCycle = 0; // from the start of the segment
  uint64_t cycles = 0;
  uint64_t flops = 0;
  uint32_t units = 0;      // PEs, tiles, ... the layer occupied
  double utilization = 0;  // flops / (cycles x units_total x peak per unit)
  // Where a BSP device's layer cycles go (their sum is `cycles`); 0 on devices without
  // supersteps (the WSE's layers overlap in a pipeline and have no such split).
  uint64_t computeCycles = 0, exchangeCycles = 0, syncCycles = 0, hostCycles = 0;
  uint64_t exchangeBytes = 0; // unit-to-unit bytes received (a broadcast per destination)
};

/// A span of simulated time on one track of the trace (a PE region, a tile group, ...).
struct DeviceTraceSpan {
  std::string track;
  std::string name;
  uint64_t startCycle = 0, cycles = 0;
};

struct DeviceSegmentRecord {
  uint64_t cycles = 0;
  uint64_t flops = 0;
  uint32_t unitsUsed = 0;
  uint64_t memoryHighWaterBytes = 0; // the fullest unit
  std::vector<DeviceLayerRecord> layers;
  std::vector<DeviceTraceSpan> spans;
};

class Device {
public:
  virtual ~Device();
  /// Runs `program`. `tensors` is indexed like the schedule's tensor table: the tensors
  /// the segment reads hold values, the ones it writes (`writes`) are allocated (f32),
  /// the rest are null. Fails with a message naming the unit on a deadlock, a fault or an
  /// overflow.
  virtual Status run(const DeviceProgram &program, std::vector<Tensor *> &tensors,
                     const std::vector<int32_t> &writes, DeviceSegmentRecord &record) = 0;
};

/// Static facts of the modelled machine, for the report.
struct DeviceFacts {
  double clockHz = 0;
  uint64_t unitsTotal = 0;
  double peakFlopsPerCycle = 0;   // whole device, at the schedule's precision
  uint64_t memoryPerUnitBytes = 0;
  double hostLinkBytesPerSecond = 0;
  const char *unitName = "unit";  // "PE", "tile", ...
  /// The device program times its own host I/O (the IPU's tile.host_exchange steps are
  /// in its cycles): the executor then counts the bytes crossing the host link but does
  /// not charge their time a second time.
  bool programTimesHostLink = false;
};

/// Limits a runtime puts on a device (a fuzzer or a small machine sets them lower).
struct DeviceLimits {
  /// Bytes the simulator may hold for one segment's unit memories at once (0: no limit).
  uint64_t memoryBytes = 0;
  /// Simulated cycles after which a run is stopped as a runaway (0: the simulator's own).
  uint64_t maxCycles = 0;
};

/// One registered device target on the runtime side.
struct DeviceTarget {
  const char *target;  // "wse"
  uint8_t programType; // accel::schedule::Program value of its program table
  /// Reads and checks the segment's program; `tensors` is the loaded tensor table.
  Status (*readProgram)(const accel::schedule::Segment &segment,
                        const std::vector<TensorInfo> &tensors,
                        const device::Descriptor &descriptor, const DeviceLimits &limits,
                        std::unique_ptr<DeviceProgram> &out);
  std::unique_ptr<Device> (*createDevice)(const device::Descriptor &descriptor,
                                          const DeviceLimits &limits);
  DeviceFacts (*facts)(const device::Descriptor &descriptor);
};

/// The device target whose program table has union type `programType`, or nullptr.
const DeviceTarget *lookupDeviceTargetByProgram(uint8_t programType);
/// "host, wse, ipu": what this runtime can run, for messages.
std::string deviceTargetList();
/// The device target named `target`, or nullptr (the host is not a device target).
const DeviceTarget *lookupDeviceTarget(const std::string &target);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_DEVICE_H
