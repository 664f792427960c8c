//===- Attributes.h - Named instruction attributes --------------*- C++ -*-===//
//
// A copy of one instruction's Attr list, decoupled from FlatBuffers so kernels can be
// called (and tested) without a schedule. Enum-valued attributes (unary/binary/reduce
// kinds, pool kind, pad and resize modes) are strings; bools are ints 0/1.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_RUNTIME_ATTRIBUTES_H
#define ACCEL_RUNTIME_ATTRIBUTES_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace accel::runtime {

enum class AttrKind : uint8_t { Int = 0, Float = 1, Ints = 2, Floats = 3, String = 4 };

struct AttrValue {
  std::string name;
  AttrKind kind = AttrKind::Int;
  int64_t i = 0;
  double f = 0;
  std::vector<int64_t> ints;
  std::vector<double> floats;
  std::string s;
};

// Thrown by kernels (and the accessors below) for errors the executor reports as a
// Status naming the instruction; never escapes the runtime library.
class KernelError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Attributes {
public:
  Attributes() = default;
  explicit Attributes(std::vector<AttrValue> values) : values_(std::move(values)) {}

  Attributes &setInt(const std::string &name, int64_t v);
  Attributes &setFloat(const std::string &name, double v);
  Attributes &setInts(const std::string &name, std::vector<int64_t> v);
  Attributes &setFloats(const std::string &name, std::vector<double> v);
  Attributes &setString(const std::string &name, std::string v);

  bool has(const std::string &name) const { return find(name) != nullptr; }
  const AttrValue *find(const std::string &name) const;
  const std::vector<AttrValue> &values() const { return values_; }

  // With a default: absent -> default; present with the wrong kind -> KernelError.
  int64_t getInt(const std::string &name, int64_t dflt) const;
  double getFloat(const std::string &name, double dflt) const;
  std::vector<int64_t> getInts(const std::string &name,
                               std::vector<int64_t> dflt) const;
  std::vector<double> getFloats(const std::string &name, std::vector<double> dflt) const;
  std::string getString(const std::string &name, std::string dflt) const;

  // Required: absent -> KernelError("missing required attribute ...").
  int64_t getInt(const std::string &name) const;
  double getFloat(const std::string &name) const;
  std::vector<int64_t> getInts(const std::string &name) const;
  std::string getString(const std::string &name) const;

private:
  AttrValue &slot(const std::string &name);
  const AttrValue &require(const std::string &name, AttrKind kind) const;
  std::vector<AttrValue> values_;
};

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_ATTRIBUTES_H
