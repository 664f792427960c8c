//===- TargetDevices.cpp - The table of every target's presets ------------===//
//
// One row per target with a device descriptor; a new target adds its row here.
//
//===----------------------------------------------------------------------===//
#include "IPUDevices.h"
#include "WSEDevices.h"

namespace accel::device {

namespace {
TargetDevices makeHostDevices() {
  TargetDevices d;
  d.target = "host";
  d.defaultPreset = "cpu";
  d.presets = {{"cpu", "this machine's CPU", {}}};
  return d;
}

const std::vector<TargetDevices> &allTargetDevices() {
  static const std::vector<TargetDevices> table = {makeHostDevices(), makeWSEDevices(),
                                                   makeIPUDevices()};
  return table;
}
} // namespace

const TargetDevices *lookupTargetDevices(const std::string &target) {
  for (const TargetDevices &devices : allTargetDevices())
    if (target == devices.target)
      return &devices;
  return nullptr;
}

} // namespace accel::device
