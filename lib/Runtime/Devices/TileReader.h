//===- TileReader.h - Read a TileProgram table ------------------*- C++ -*-===//
#ifndef ACCEL_LIB_RUNTIME_DEVICES_TILEREADER_H
#define ACCEL_LIB_RUNTIME_DEVICES_TILEREADER_H

#include "accel/Runtime/Status.h"
#include "accel/Schedule/Schedule_generated.h"
#include "accel/Sim/IPU/Program.h"

namespace accel::runtime {
/// Copies a verified TileProgram table into the IPU simulator's program form.
Status readTileProgram(const accel::schedule::tile::TileProgram &table,
                       accel::sim::ipu::Program &out);
} // namespace accel::runtime

#endif
