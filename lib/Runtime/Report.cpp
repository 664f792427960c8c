//===- Report.cpp - Per-op table and JSON report --------------------------===//
#include "accel/Runtime/Report.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace accel::runtime {

std::string jsonQuote(const std::string &s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out + "\"";
}

std::string opKind(const Instruction &instr) {
  const AttrValue *kind = instr.attrs.find("kind");
  if (kind && kind->kind == AttrKind::String && !kind->s.empty())
    return instr.kernel + "." + kind->s;
  return instr.kernel;
}

namespace {

std::string fmt(const char *format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, v);
  return buf;
}

std::string pad(std::string s, size_t width, bool right = false) {
  if (s.size() >= width)
    return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

} // namespace

namespace {

/// The device-level figures of DESIGN 7.5, the same keys for every target (0 on the
/// device side of a host schedule).
struct DeviceSummary {
  std::string preset, precision;
  DeviceFacts facts;
  uint64_t unitsUsed = 0, memoryHighWater = 0;
  double utilization = 0;
};

DeviceSummary summarize(const LoadedSchedule &schedule, const RunResult &result) {
  DeviceSummary d;
  const device::Descriptor &descriptor = schedule.descriptor();
  d.preset = descriptor.preset();
  d.precision = device::precisionName(descriptor.precision());
  if (const DeviceTarget *target = schedule.deviceTarget())
    d.facts = target->facts(descriptor);
  for (const DeviceSegmentRun &run : result.deviceRuns) {
    d.unitsUsed = std::max<uint64_t>(d.unitsUsed, run.record.unitsUsed);
    d.memoryHighWater = std::max(d.memoryHighWater, run.record.memoryHighWaterBytes);
  }
  double peak = static_cast<double>(result.deviceCycles) * d.facts.peakFlopsPerCycle;
  d.utilization = peak > 0 ? static_cast<double>(result.deviceFlops) / peak : 0;
  return d;
}

} // namespace

std::string formatReportTable(const LoadedSchedule &schedule, const RunResult &result) {
  const auto &instrs = schedule.instructions();
  struct Agg {
    int64_t count = 0;
    double us = 0;
    uint64_t flops = 0;
  };
  std::map<std::string, Agg> byKind;
  double kernelUs = 0;
  for (const InstructionRecord &r : result.records) {
    Agg &a = byKind[opKind(instrs[r.index])];
    ++a.count;
    a.us += r.timeUs;
    a.flops += r.flops;
    kernelUs += r.timeUs;
  }
  std::vector<std::pair<std::string, Agg>> rows(byKind.begin(), byKind.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto &a, const auto &b) { return a.second.us > b.second.us; });
  std::string out;
  out += "Accel run report: " +
         (schedule.modelName().empty() ? schedule.path() : schedule.modelName()) +
         " (target " + schedule.target() + ")\n";
  out += "total " + fmt("%.3f", result.totalUs / 1000.0) + " ms, " +
         std::to_string(instrs.size()) + " instructions, peak memory " +
         fmt("%.2f", static_cast<double>(result.peakBytes) / (1024.0 * 1024.0)) + " MiB, " +
         fmt("%.3f", static_cast<double>(result.hostFlops) / 1e9) + " GFLOP host, " +
         fmt("%.3f", static_cast<double>(result.deviceFlops) / 1e9) + " GFLOP device\n";
  if (schedule.deviceTarget()) {
    DeviceSummary dev = summarize(schedule, result);
    out += "device " + schedule.descriptor().summary() + " (" + dev.precision + "): " +
           std::to_string(result.deviceCycles) + " cycles = " +
           fmt("%.3f", result.deviceUs / 1000.0) + " ms simulated, utilization " +
           fmt("%.4f", dev.utilization) + ", " + std::to_string(dev.unitsUsed) + "/" +
           std::to_string(dev.facts.unitsTotal) + " " + dev.facts.unitName +
           "s; host kernels " + fmt("%.3f", result.hostUs / 1000.0) + " ms; host link " +
           fmt("%.3f", result.transferUs / 1000.0) + " ms\n";
  }
  out += "\n";
  out += pad("op", 24) + pad("count", 8, true) + pad("time ms", 12, true) +
         pad("%", 8, true) + pad("GFLOP/s", 10, true) + "\n";
  for (const auto &[kind, a] : rows) {
    double pct = kernelUs > 0 ? 100.0 * a.us / kernelUs : 0.0;
    double gflops = a.us > 0 ? static_cast<double>(a.flops) / (a.us * 1e3) : 0.0;
    out += pad(kind, 24) + pad(std::to_string(a.count), 8, true) +
           pad(fmt("%.3f", a.us / 1000.0), 12, true) + pad(fmt("%.1f", pct), 8, true) +
           pad(fmt("%.1f", gflops), 10, true) + "\n";
  }
  if (!result.deviceRuns.empty()) {
    DeviceSummary dev = summarize(schedule, result);
    double usPerCycle = dev.facts.clockHz > 0 ? 1e6 / dev.facts.clockHz : 0;
    out += "\ndevice layers (simulated):\n";
    out += pad("segment", 12) + pad("cycles", 12, true) + pad("time ms", 10, true) +
           pad(std::string(dev.facts.unitName) + "s", 9, true) + pad("util", 9, true) +
           "  node\n";
    for (const DeviceSegmentRun &run : result.deviceRuns)
      for (const DeviceLayerRecord &l : run.record.layers)
        out += pad(schedule.segments()[run.segment].name, 12) +
               pad(std::to_string(l.cycles), 12, true) +
               pad(fmt("%.3f", static_cast<double>(l.cycles) * usPerCycle / 1000.0), 10, true) +
               pad(std::to_string(l.units), 9, true) + pad(fmt("%.5f", l.utilization), 9, true) +
               "  " + (l.node.empty() ? l.name : l.node) +
               (l.opType.empty() ? "" : " (" + l.opType + ")") + "\n";
  }
  out += "\nper layer:\n";
  out += pad("#", 6, true) + "  " + pad("op", 22) + pad("time ms", 10, true) +
         pad("%", 7, true) + "  node\n";
  for (const InstructionRecord &r : result.records) {
    const Instruction &in = instrs[r.index];
    double pct = kernelUs > 0 ? 100.0 * r.timeUs / kernelUs : 0.0;
    std::string node = in.node.empty() ? in.locText : in.node;
    if (!in.opType.empty())
      node += " (" + in.opType + ")";
    out += pad(std::to_string(r.index), 6, true) + "  " + pad(opKind(in), 22) +
           pad(fmt("%.3f", r.timeUs / 1000.0), 10, true) + pad(fmt("%.1f", pct), 7, true) +
           "  " + node + "\n";
  }
  return out;
}


std::string formatReportJson(const LoadedSchedule &schedule, const RunResult &result) {
  const auto &instrs = schedule.instructions();
  DeviceSummary dev = summarize(schedule, result);
  std::string out = "{\n";
  out += "  \"model\": " + jsonQuote(schedule.modelName()) + ",\n";
  out += "  \"target\": " + jsonQuote(schedule.target()) + ",\n";
  out += "  \"preset\": " + jsonQuote(dev.preset) + ",\n";
  out += "  \"precision\": " + jsonQuote(dev.precision) + ",\n";
  out += "  \"compiler_version\": " + jsonQuote(schedule.compilerVersion()) + ",\n";
  out += "  \"total_time_us\": " + fmt("%.3f", result.totalUs) + ",\n";
  out += "  \"simulated_time_us\": " +
         fmt("%.3f", result.hostUs + result.deviceUs + result.transferUs) + ",\n";
  out += "  \"clock_hz\": " + fmt("%.0f", dev.facts.clockHz) + ",\n";
  out += "  \"device_cycles\": " + std::to_string(result.deviceCycles) + ",\n";
  out += "  \"device_time_us\": " + fmt("%.3f", result.deviceUs) + ",\n";
  out += "  \"host_time_us\": " + fmt("%.3f", result.hostUs) + ",\n";
  out += "  \"transfer_time_us\": " + fmt("%.3f", result.transferUs) + ",\n";
  out += "  \"transfer_bytes\": " + std::to_string(result.transferBytes) + ",\n";
  out += "  \"peak_memory_bytes\": " + std::to_string(result.peakBytes) + ",\n";
  out += "  \"constant_bytes\": " + std::to_string(schedule.constantBytes()) + ",\n";
  out += "  \"host_flops\": " + std::to_string(result.hostFlops) + ",\n";
  out += "  \"device_flops\": " + std::to_string(result.deviceFlops) + ",\n";
  out += "  \"peak_flops_per_cycle\": " + fmt("%.0f", dev.facts.peakFlopsPerCycle) + ",\n";
  out += "  \"utilization\": " + fmt("%.6f", dev.utilization) + ",\n";
  out += "  \"units_used\": " + std::to_string(dev.unitsUsed) + ",\n";
  out += "  \"units_total\": " + std::to_string(dev.facts.unitsTotal) + ",\n";
  out += "  \"memory_per_unit_bytes\": " + std::to_string(dev.facts.memoryPerUnitBytes) + ",\n";
  out += "  \"memory_high_water_bytes\": " + std::to_string(dev.memoryHighWater) + ",\n";
  out += "  \"layers\": [";
  bool first = true;
  for (const DeviceSegmentRun &run : result.deviceRuns)
    for (const DeviceLayerRecord &l : run.record.layers) {
      out += first ? "\n    " : ",\n    ";
      first = false;
      out += "{\"node\": " + jsonQuote(l.node) + ", \"op_type\": " + jsonQuote(l.opType) +
             ", \"segment\": " + jsonQuote(schedule.segments()[run.segment].name) +
             ", \"cycles\": " + std::to_string(l.cycles) +
             ", \"start_cycle\": " + std::to_string(l.startCycle) +
             ", \"units\": " + std::to_string(l.units) +
             ", \"flops\": " + std::to_string(l.flops) +
             ", \"utilization\": " + fmt("%.6f", l.utilization) +
             ", \"compute_cycles\": " + std::to_string(l.computeCycles) +
             ", \"exchange_cycles\": " + std::to_string(l.exchangeCycles) +
             ", \"sync_cycles\": " + std::to_string(l.syncCycles) +
             ", \"host_cycles\": " + std::to_string(l.hostCycles) +
             ", \"exchange_bytes\": " + std::to_string(l.exchangeBytes) + "}";
    }
  out += first ? "],\n" : "\n  ],\n";
  out += "  \"instructions\": [";
  for (size_t i = 0; i < result.records.size(); ++i) {
    const InstructionRecord &r = result.records[i];
    const Instruction &in = instrs[r.index];
    out += i ? ",\n    " : "\n    ";
    out += "{\"index\": " + std::to_string(r.index) + ", \"kernel\": " + jsonQuote(in.kernel) +
           ", \"op\": " + jsonQuote(opKind(in)) + ", \"node\": " + jsonQuote(in.node) +
           ", \"op_type\": " + jsonQuote(in.opType) + ", \"segment\": " +
           jsonQuote(in.segment) + ", \"unit\": \"host\", \"start_us\": " +
           fmt("%.3f", r.startUs) + ", \"time_us\": " + fmt("%.3f", r.timeUs) +
           ", \"flops\": " + std::to_string(r.flops) + "}";
  }
  out += result.records.empty() ? "]\n" : "\n  ]\n";
  out += "}\n";
  return out;
}

} // namespace accel::runtime
