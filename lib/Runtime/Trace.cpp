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
  // Device segments: one process for the device with a thread (track) per PE region /
  // unit group, in simulated time placed after the host time that preceded it, and one
  // track for host-link transfers.
  if (!result.deviceRuns.empty()) {
    const DeviceTarget *target = schedule.deviceTarget();
    DeviceFacts facts = target ? target->facts(schedule.descriptor()) : DeviceFacts();
    double usPerCycle = facts.clockHz > 0 ? 1e6 / facts.clockHz : 0;
    out += ",\n  {\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": 0, "
           "\"args\": {\"name\": " + jsonQuote(schedule.target() + " (simulated)") + "}}";
    out += ",\n  {\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": 0, "
           "\"args\": {\"name\": \"host link\"}}";
    std::vector<std::string> tracks;
    for (const DeviceSegmentRun &run : result.deviceRuns) {
      double base = run.simulatedStartUs;
      std::snprintf(buf, sizeof(buf), "\"ts\": %.3f, \"dur\": %.3f", base,
                    facts.hostLinkBytesPerSecond > 0 && !facts.programTimesHostLink
                        ? static_cast<double>(run.transferBytes) / facts.hostLinkBytesPerSecond * 1e6
                        : 0.0);
      out += ",\n  {\"name\": \"transfers\", \"ph\": \"X\", \"pid\": 1, \"tid\": 0, " +
             std::string(buf) + ", \"args\": {\"bytes\": " +
             std::to_string(run.transferBytes) + "}}";
      for (const DeviceTraceSpan &span : run.record.spans) {
        size_t tid = 0;
        while (tid < tracks.size() && tracks[tid] != span.track)
          ++tid;
        if (tid == tracks.size()) {
          tracks.push_back(span.track);
          out += ",\n  {\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": " +
                 std::to_string(tid + 1) + ", \"args\": {\"name\": " + jsonQuote(span.track) +
                 "}}";
        }
        std::snprintf(buf, sizeof(buf), "\"ts\": %.3f, \"dur\": %.3f",
                      base + static_cast<double>(span.startCycle) * usPerCycle,
                      static_cast<double>(span.cycles) * usPerCycle);
        out += ",\n  {\"name\": " + jsonQuote(span.name) +
               ", \"ph\": \"X\", \"pid\": 1, \"tid\": " + std::to_string(tid + 1) + ", " +
               buf + ", \"args\": {\"cycles\": " + std::to_string(span.cycles) + "}}";
      }
    }
  }
  out += "\n]}\n";
  return out;
}

} // namespace accel::runtime
