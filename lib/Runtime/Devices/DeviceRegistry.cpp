//===- DeviceRegistry.cpp - The runtime's device targets ------------------===//
//
// One row per device target: its program table in the schedule, how to read it and
// how to make the simulator that runs it. The host is not a device target: host
// segments run the host kernels directly.
//
//===----------------------------------------------------------------------===//
#include "accel/Runtime/Device.h"

#include "IPUDevice.h"
#include "WSEDevice.h"


namespace accel::runtime {

DeviceProgram::~DeviceProgram() = default;
Device::~Device() = default;

namespace {
const std::vector<DeviceTarget> &allDeviceTargets() {
  static const std::vector<DeviceTarget> table = {wseDeviceTarget(), ipuDeviceTarget()};
  return table;
}
} // namespace

const DeviceTarget *lookupDeviceTargetByProgram(uint8_t programType) {
  for (const DeviceTarget &t : allDeviceTargets())
    if (t.programType == programType)
      return &t;
  return nullptr;
}

std::string deviceTargetList() {
  std::string list = "host";
  for (const DeviceTarget &t : allDeviceTargets())
    list += std::string(", ") + t.target;
  return list;
}

const DeviceTarget *lookupDeviceTarget(const std::string &target) {
  for (const DeviceTarget &t : allDeviceTargets())
    if (target == t.target)
      return &t;
  return nullptr;
}

} // namespace accel::runtime
