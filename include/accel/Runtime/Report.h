//===- Report.h - Run reports (table, JSON) and Chrome traces ---*- C++ -*-===//
#ifndef ACCEL_RUNTIME_REPORT_H
#define ACCEL_RUNTIME_REPORT_H

#include "accel/Runtime/Executor.h"

#include <string>

namespace accel::runtime {

// "conv", "binary.add", "unary.relu": the kernel plus its `kind` attribute if it has one.
std::string opKind(const Instruction &instr);

// Human-readable per-op-kind table followed by the per-layer list.
std::string formatReportTable(const LoadedSchedule &schedule, const RunResult &result);
// Machine-readable report (fields documented in docs/runtime.md).
std::string formatReportJson(const LoadedSchedule &schedule, const RunResult &result);
// Chrome trace-event JSON (chrome://tracing, Perfetto): one complete event per instruction.
std::string formatChromeTrace(const LoadedSchedule &schedule, const RunResult &result);

// JSON string literal (with quotes) for `s`.
std::string jsonQuote(const std::string &s);

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_REPORT_H
