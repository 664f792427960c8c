//===- InitAll.h - register every Accel dialect and pass --------*- C++ -*-===//
//
// The one place tools get their dialects and passes from, so accel-opt,
// accel-translate and accel-compile accept the same IR and flags.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_INITALL_H
#define ACCEL_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace accel {

/// Adds every dialect Accel IR may contain to `registry`.
void registerAllDialects(mlir::DialectRegistry &registry);

/// Registers every Accel pass (and pass pipeline) with the global registry so
/// that they are available as command-line flags.
void registerAllPasses();

} // namespace accel

#endif // ACCEL_INITALL_H
