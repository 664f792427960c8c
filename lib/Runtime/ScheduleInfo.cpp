//===- ScheduleInfo.cpp - accel-run --list-io and input-shape hints -------===//
#include "accel/Runtime/ScheduleInfo.h"

namespace accel::runtime {
namespace {

std::string dimsWithCommas(const Shape &shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "," : "") + std::to_string(shape[i]);
  return s;
}

std::string shapeText(const Shape &shape) {
  return shape.empty() ? "scalar" : shapeToString(shape);
}

} // namespace

void printScheduleIO(const LoadedSchedule &schedule, std::ostream &os) {
  const auto &tensors = schedule.tensors();
  os << "schedule: " << schedule.path() << " (model '" << schedule.modelName() << "', target "
     << schedule.target() << ")\n";
  os << "inputs (" << schedule.inputs().size() << "):\n";
  for (int32_t t : schedule.inputs())
    os << "  " << tensors[t].name << ": " << dtypeName(tensors[t].dtype) << " "
       << shapeText(tensors[t].shape) << "\n";
  os << "outputs (" << schedule.outputs().size() << "):\n";
  for (int32_t t : schedule.outputs())
    os << "  " << tensors[t].name << ": " << dtypeName(tensors[t].dtype) << " "
       << shapeText(tensors[t].shape) << "\n";
  os << "shapes are static (fixed at compile time); run with:";
  for (int32_t t : schedule.inputs())
    os << " --input " << tensors[t].name << "=FILE.npy";
  os << "\n";
}

std::string inputShapeMismatchMessage(const LoadedSchedule &schedule, const std::string &input,
                                      const Shape &expected, const Shape &got) {
  return "input '" + input + "': expected shape " + shapeToString(expected) + ", got " +
         shapeToString(got) + "\nschedule '" + schedule.path() + "' was compiled for " +
         shapeText(expected) +
         ": a schedule's shapes are fixed at compile time, by the model or by accel-compile "
         "--input-shape; to run on " + shapeText(got) + ", compile with --input-shape " +
         input + "=" + dimsWithCommas(got);
}

} // namespace accel::runtime
