//===- Status.h - Error reporting without exceptions ------------*- C++ -*-===//
//
// The runtime API reports errors as values so it can be called from code built with
// -fno-exceptions (the MLIR-based compiler reuses the tensor I/O).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_STATUS_H
#define ACCEL_RUNTIME_STATUS_H

#include <string>
#include <utility>

namespace accel::runtime {

class [[nodiscard]] Status {
public:
  Status() = default;
  static Status success() { return Status(); }
  static Status error(std::string message) {
    Status s;
    s.failed_ = true;
    s.message_ = std::move(message);
    return s;
  }
  bool ok() const { return !failed_; }
  explicit operator bool() const { return failed_; }
  const std::string &message() const { return message_; }
  // Prefixes the message with context, e.g. the file or instruction the error belongs to.
  Status withContext(const std::string &context) const {
    if (!failed_)
      return *this;
    return error(context + ": " + message_);
  }

private:
  bool failed_ = false;
  std::string message_;
};

} // namespace accel::runtime

#define ACCEL_RETURN_IF_ERROR(expr)                                                       \
  do {                                                                                    \
    ::accel::runtime::Status accelStatus_ = (expr);                                       \
    if (!accelStatus_.ok())                                                               \
      return accelStatus_;                                                                \
  } while (false)

#endif // ACCEL_RUNTIME_STATUS_H
