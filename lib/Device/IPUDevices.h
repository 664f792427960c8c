//===- IPUDevices.h - Graphcore IPU presets ---------------------*- C++ -*-===//
#ifndef ACCEL_LIB_DEVICE_IPUDEVICES_H
#define ACCEL_LIB_DEVICE_IPUDEVICES_H

#include "accel/Device/Descriptor.h"

namespace accel::device {
TargetDevices makeIPUDevices();
} // namespace accel::device

#endif
