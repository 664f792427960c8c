//===- ToolCommandLine.h - cl::ParseCommandLineOptions, Accel style -*- C++ -*-===//
#ifndef ACCEL_TOOLS_TOOLCOMMANDLINE_H
#define ACCEL_TOOLS_TOOLCOMMANDLINE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

namespace accel {

/// llvm::cl::ParseCommandLineOptions for a tool whose own options are in `category`.
/// Errors are printed as `<tool>: error: ...` like every other Accel diagnostic; an unknown
/// option says `see <tool> --help` and suggests only an option of `category` whose name is
/// close to it (LLVM's own suggestion picks among hundreds of unrelated MLIR options).
bool parseToolCommandLine(int argc, char **argv, llvm::StringRef overview,
                          llvm::cl::OptionCategory &category);

} // namespace accel

#endif // ACCEL_TOOLS_TOOLCOMMANDLINE_H
