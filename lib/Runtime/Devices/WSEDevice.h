//===- WSEDevice.h - The WSE fabric simulator behind the Device interface -===//
#ifndef ACCEL_LIB_RUNTIME_DEVICES_WSEDEVICE_H
#define ACCEL_LIB_RUNTIME_DEVICES_WSEDEVICE_H

#include "accel/Runtime/Device.h"

namespace accel::runtime {
DeviceTarget wseDeviceTarget();
} // namespace accel::runtime

#endif
