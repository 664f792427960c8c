//===- Descriptor.h - Device descriptors: presets plus overrides -*- C++ -*-===//
//
// A device descriptor names the modelled machine: a preset (the real chip, e.g. `wse2`)
// plus overridden fields (`grid=32x24`). It is parsed in one place (here), checked
// against each field's valid range, used by the compiler's passes and verifiers, stored
// in the schedule, and read back by the simulator, so a test's small grid and a report's
// real chip go through the same code. No MLIR: the runtime links this too.
//
// Every preset value cites its public source in docs/targets/<target>.md; the fields no
// public source gives are marked there, with how the value was chosen.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DEVICE_DESCRIPTOR_H
#define ACCEL_DEVICE_DESCRIPTOR_H

#include <cstdint>
#include <string>
#include <vector>

namespace accel::device {

/// One numeric field of a device (integers are stored exactly in a double).
struct Field {
  std::string name;
  double value = 0;
};

/// How a field may be set: its range, whether it is an integer, what it means.
struct FieldSpec {
  const char *name;
  double min, max;
  bool integer;
  const char *doc;
  /// Non-null: the field may not exceed the preset's value (a smaller part of the chip);
  /// the words errors use for it ("the grid's width").
  const char *boundByPreset = nullptr;
};

/// A rule between two fields: `field` must be below `limit`.
struct FieldBelow {
  const char *field, *limit, *why;
};

/// A preset: the fields of one real machine.
struct Preset {
  const char *name;
  const char *description;
  std::vector<Field> fields;
};

/// Everything a target needs to know about its presets.
struct TargetDevices {
  const char *target;
  const char *defaultPreset;
  std::vector<FieldSpec> specs;
  std::vector<Preset> presets;
  std::vector<FieldBelow> below;
  /// Composite keys (e.g. `grid=WxH`) expand into fields; may be empty.
  bool (*expandKey)(const std::string &key, const std::string &value,
                    std::vector<Field> &out, std::string &error) = nullptr;
};

/// Element precision the device computes in.
enum class Precision { FP32, FP16 };
const char *precisionName(Precision p);
bool parsePrecision(const std::string &text, Precision &out);

class Descriptor {
public:
  const std::string &target() const { return target_; }
  const std::string &preset() const { return preset_; }
  Precision precision() const { return precision_; }
  void setPrecision(Precision p) { precision_ = p; }
  const std::vector<Field> &fields() const { return fields_; }
  /// The field's value; `fallback` when the descriptor has no such field.
  double get(const std::string &name, double fallback = 0) const;
  int64_t getInt(const std::string &name, int64_t fallback = 0) const {
    return static_cast<int64_t>(get(name, static_cast<double>(fallback)));
  }
  bool has(const std::string &name) const;
  /// Sets a field after checking it against the target's spec; false with `error` set.
  bool set(const std::string &name, double value, std::string &error);
  /// Checks cross-field rules (e.g. the grid inside the chip); false with `error`.
  bool checkConsistency(std::string &error) const;

  /// "wse2" or "wse2 (grid=32x24)": what reports print.
  std::string summary() const;

  /// Builds a descriptor from stored fields (the schedule) without range checks beyond
  /// what `validateStored` does.
  static Descriptor fromStored(std::string target, std::string preset, Precision precision,
                               std::vector<Field> fields, std::string summary = "");

private:
  friend bool makeDescriptor(const std::string &, const std::string &,
                             const std::vector<std::pair<std::string, std::string>> &,
                             Descriptor &, std::string &);
  std::string target_, preset_;
  Precision precision_ = Precision::FP32;
  std::vector<Field> fields_;
  std::vector<std::string> overridden_;
  std::string storedSummary_; // as the compiler wrote it (schedules)
};

/// The device table of `target`, or nullptr when the target has no device descriptor.
const TargetDevices *lookupTargetDevices(const std::string &target);

/// Parses `PRESET[:key=value,...]` (accel-compile --device) for `target`. An empty spec
/// means the default preset. On failure, `error` lists the valid presets or keys.
bool makeDescriptor(const std::string &target, const std::string &spec, Descriptor &out,
                    std::string &error);

/// Same, from a preset name and `key=value` pairs (pipeline options).
bool makeDescriptor(const std::string &target, const std::string &preset,
                    const std::vector<std::pair<std::string, std::string>> &overrides,
                    Descriptor &out, std::string &error);

/// Checks a descriptor read back from a schedule: every field known to the target and in
/// range. False with `error` naming the field.
bool validateStored(const Descriptor &descriptor, std::string &error);

} // namespace accel::device

#endif // ACCEL_DEVICE_DESCRIPTOR_H
