//===- Trace.cpp - Chrome trace-event output ------------------------------===//
#include "accel/Runtime/Report.h"

#include <cstdio>

namespace accel::runtime {

std::string formatChromeTrace(const LoadedSchedule &schedule, const RunResult &result) {
  const auto &instrs = schedule.instructions();
  std::string out = "{\"displayTimeUnit\": \"ms\", \"traceEvents\": [\n";
  out += "  {\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 0, \"tid\": 0, \"args\": "
         "{\"name\": \"host\"}}";
  char buf[96];
  for (const InstructionRecord &r : result.records) {
    const Instruction &in = instrs[r.index];
    std::string name = in.node.empty() ? opKind(in) : in.node;
    std::snprintf(buf, sizeof(buf), "\"ts\": %.3f, \"dur\": %.3f", r.startUs, r.timeUs);
    out += ",\n  {\"name\": " + jsonQuote(name) + ", \"cat\": " + jsonQuote(opKind(in)) +
           ", \"ph\": \"X\", \"pid\": 0, \"tid\": 0, " + buf +
           ", \"args\": {\"index\": " + std::to_string(r.index) +
           ", \"op_type\": " + jsonQuote(in.opType) +
           ", \"flops\": " + std::to_string(r.flops) + "}}";
  }
  out += "\n]}\n";
  return out;
}

} // namespace accel::runtime
