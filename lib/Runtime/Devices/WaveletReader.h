//===- WaveletReader.h - Read a WaveletProgram table ------------*- C++ -*-===//
#ifndef ACCEL_LIB_RUNTIME_DEVICES_WAVELETREADER_H
#define ACCEL_LIB_RUNTIME_DEVICES_WAVELETREADER_H

#include "accel/Runtime/Status.h"
#include "accel/Schedule/Schedule_generated.h"
#include "accel/Sim/WSE/Program.h"

namespace accel::runtime {
/// Copies a verified WaveletProgram table into the simulator's program form.
Status readWaveletProgram(const accel::schedule::wavelet::WaveletProgram &table,
                          accel::sim::wse::Program &out);
} // namespace accel::runtime

#endif
