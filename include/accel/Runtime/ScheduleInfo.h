//===- ScheduleInfo.h - What a user is told about a schedule's I/O -*- C++ -*-===//
//
// `accel-run --list-io` and the messages about a schedule's inputs that point back to how
// it was compiled. Kept apart from the executor so its messages can change on their own.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_SCHEDULEINFO_H
#define ACCEL_RUNTIME_SCHEDULEINFO_H

#include "accel/Runtime/Schedule.h"

#include <ostream>
#include <string>

namespace accel::runtime {

// Prints the schedule's inputs and outputs (name, element type, shape) and the --input
// flags accel-run takes for them.
void printScheduleIO(const LoadedSchedule &schedule, std::ostream &os);

// "input 'x': expected shape 2x3x224x224, got 1x3x224x224", then on a second line why the
// shape is fixed (schedule shapes are static, pinned at compile time by the model or by
// accel-compile --input-shape) and the --input-shape that would accept `got`.
std::string inputShapeMismatchMessage(const LoadedSchedule &schedule, const std::string &input,
                                      const Shape &expected, const Shape &got);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_SCHEDULEINFO_H
