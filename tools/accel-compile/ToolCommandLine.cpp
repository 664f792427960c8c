//===- ToolCommandLine.cpp - cl::ParseCommandLineOptions, Accel style -----===//
#include "ToolCommandLine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace accel {
namespace {

/// The option of `category` closest to `arg` (`--name` or `--name=value`), or "".
std::string suggestOption(llvm::StringRef arg, llvm::cl::OptionCategory &category) {
  llvm::StringRef name = arg.ltrim('-').split('=').first;
  if (name.empty())
    return "";
  std::string best;
  unsigned bestDistance = ~0u;
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::cl::Option *opt = entry.second;
    if (opt->getOptionHiddenFlag() != llvm::cl::NotHidden ||
        !llvm::is_contained(opt->Categories, &category))
      continue;
    unsigned d = name.edit_distance(entry.first, /*AllowReplacements=*/true);
    if (d < bestDistance) {
      bestDistance = d;
      best = entry.first.str();
    }
  }
  // Close enough to be a typo: a third of the name, at least 2 edits.
  unsigned limit = std::max<unsigned>(2, unsigned(name.size()) / 3);
  return bestDistance <= limit ? best : "";
}

} // namespace

bool parseToolCommandLine(int argc, char **argv, llvm::StringRef overview,
                          llvm::cl::OptionCategory &category) {
  std::string captured;
  llvm::raw_string_ostream errs(captured);
  if (llvm::cl::ParseCommandLineOptions(argc, argv, overview, &errs))
    return true;
  errs.flush();
  std::string tool = llvm::sys::path::filename(argv[0]).str();
  llvm::SmallVector<llvm::StringRef> lines;
  llvm::StringRef(captured).split(lines, '\n', -1, /*KeepEmpty=*/false);
  bool printed = false;
  for (llvm::StringRef line : lines) {
    line.consume_front(tool + ": ");
    line = line.trim();
    if (line.empty() || line.starts_with("Did you mean"))
      continue;
    llvm::StringRef unknown = "Unknown command line argument '";
    if (line.consume_front(unknown)) {
      llvm::StringRef arg = line.take_until([](char c) { return c == '\''; });
      llvm::errs() << tool << ": error: unknown option '" << arg << "'";
      std::string suggestion = suggestOption(arg, category);
      if (!suggestion.empty())
        llvm::errs() << "; did you mean '--" << suggestion << "'?";
      llvm::errs() << " (see " << tool << " --help)\n";
    } else {
      llvm::errs() << tool << ": error: " << line << "\n";
    }
    printed = true;
  }
  if (!printed)
    llvm::errs() << tool << ": error: invalid command line (see " << tool << " --help)\n";
  return false;
}

} // namespace accel
