//===- InputShapes.cpp - parse --input-shape and --bind-input values -----===//

#include "accel/Import/ONNX/ONNXImporter.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

namespace accel {

llvm::Error
parseInputShapeFlag(llvm::StringRef flag,
                    llvm::StringMap<llvm::SmallVector<int64_t>> &shapes) {
  auto fail = [&](const llvm::Twine &why) {
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "invalid --input-shape '" + flag + "': " + why +
            " (expected NAME=D0,D1,... with positive integer dims)");
  };
  size_t eq = flag.rfind('=');
  if (eq == llvm::StringRef::npos)
    return fail("missing '='");
  llvm::StringRef name = flag.take_front(eq);
  llvm::StringRef dimsText = flag.drop_front(eq + 1);
  if (name.empty())
    return fail("empty input name");
  llvm::SmallVector<int64_t> dims;
  if (!dimsText.trim().empty()) {
    llvm::SmallVector<llvm::StringRef> parts;
    dimsText.split(parts, ',');
    for (llvm::StringRef part : parts) {
      int64_t d;
      if (part.trim().getAsInteger(10, d)) {
        if (part.contains('x')) {
          std::string fixed = dimsText.str();
          std::replace(fixed.begin(), fixed.end(), 'x', ',');
          return fail("'" + part + "' is not an integer; separate dimensions with ',', not "
                      "'x': " + name + "=" + fixed);
        }
        return fail("'" + part + "' is not an integer");
      }
      if (d <= 0)
        return fail("dimension " + llvm::Twine(d) + " is not positive");
      dims.push_back(d);
    }
  }
  if (shapes.count(name))
    return fail("input '" + name + "' is given more than once");
  shapes[name] = std::move(dims);
  return llvm::Error::success();
}

llvm::Error parseBindInputFlag(llvm::StringRef flag,
                               llvm::StringMap<std::string> &bound) {
  auto fail = [&](const llvm::Twine &why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "invalid --bind-input '" + flag + "': " +
                                       why + " (expected NAME=FILE.npy or "
                                             "NAME=FILE.pb)");
  };
  size_t eq = flag.rfind('=');
  if (eq == llvm::StringRef::npos)
    return fail("missing '='");
  llvm::StringRef name = flag.take_front(eq);
  llvm::StringRef file = flag.drop_front(eq + 1);
  if (name.empty())
    return fail("empty input name");
  if (file.empty())
    return fail("empty file name");
  if (bound.count(name))
    return fail("input '" + name + "' is given more than once");
  bound[name] = file.str();
  return llvm::Error::success();
}

} // namespace accel
