//===- Names.h - Printable names for diagnostics ----------------*- C++ -*-===//
#ifndef ACCEL_LIB_SIM_WSE_NAMES_H
#define ACCEL_LIB_SIM_WSE_NAMES_H

#include "accel/Sim/WSE/Program.h"

namespace accel::sim::wse {

inline const char *opcodeName(Opcode op) {
  static const char *names[] = {"Recv", "Send", "Fill", "Mov",  "Add",       "Sub",
                                "Mul",  "Div",  "Max",  "Min",  "Fmac",      "Gemv",
                                "Unary", "ReduceAdd", "ReduceMax", "Loop", "EndLoop"};
  unsigned i = static_cast<unsigned>(op);
  return i < sizeof(names) / sizeof(names[0]) ? names[i] : "<bad opcode>";
}

inline const char *dirName(Dir d) {
  static const char *names[] = {"north", "south", "east", "west", "ramp"};
  unsigned i = static_cast<unsigned>(d);
  return i < 5 ? names[i] : "<bad port>";
}

inline Dir opposite(Dir d) {
  switch (d) {
  case Dir::North:
    return Dir::South;
  case Dir::South:
    return Dir::North;
  case Dir::East:
    return Dir::West;
  case Dir::West:
    return Dir::East;
  default:
    return Dir::Ramp;
  }
}

} // namespace accel::sim::wse

#endif
