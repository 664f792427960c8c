//===- WSEDevices.h - Cerebras WSE presets ----------------------*- C++ -*-===//
#ifndef ACCEL_LIB_DEVICE_WSEDEVICES_H
#define ACCEL_LIB_DEVICE_WSEDEVICES_H

#include "accel/Device/Descriptor.h"

namespace accel::device {
TargetDevices makeWSEDevices();
} // namespace accel::device

#endif
