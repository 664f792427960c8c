//===- Internal.h - Shared between Validate.cpp and Simulator.cpp --------===//
#ifndef ACCEL_LIB_SIM_IPU_INTERNAL_H
#define ACCEL_LIB_SIM_IPU_INTERNAL_H

#include "accel/Sim/IPU/Simulator.h"

#include <string>
#include <vector>

namespace accel::sim::ipu {

/// What validation learns about a program that execution needs.
struct ProgramFacts {
  std::vector<uint32_t> tileExtent; // per tile < tilesUsed: highest word touched + 1 (0: none)
  std::vector<uint32_t> match;      // per step: the matching RepeatEnd / RepeatBegin index
  // Births by step: those of step s are birthOrder[birthStart[s] .. birthStart[s + 1]).
  std::vector<uint32_t> birthStart, birthOrder;
};

runtime::Status validateProgram(const Machine &machine, const Program &program,
                                const std::vector<std::vector<int64_t>> &tensorShapes,
                                ProgramFacts &facts);

const char *codeletName(Codelet c);
const char *stepKindName(StepKind k);

} // namespace accel::sim::ipu

#endif
