//===- IPUDevice.h - The IPU BSP simulator behind the Device interface ----===//
#ifndef ACCEL_LIB_RUNTIME_DEVICES_IPUDEVICE_H
#define ACCEL_LIB_RUNTIME_DEVICES_IPUDEVICE_H

#include "accel/Runtime/Device.h"

namespace accel::runtime {
DeviceTarget ipuDeviceTarget();
} // namespace accel::runtime

#endif
