//===- Descriptor.cpp - Parsing and checking device descriptors -----------===//
#include "accel/Device/Descriptor.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace accel::device {

const char *precisionName(Precision p) { return p == Precision::FP16 ? "fp16" : "fp32"; }

bool parsePrecision(const std::string &text, Precision &out) {
  if (text == "fp32" || text.empty()) {
    out = Precision::FP32;
    return true;
  }
  if (text == "fp16") {
    out = Precision::FP16;
    return true;
  }
  return false;
}

namespace {

const FieldSpec *findSpec(const TargetDevices &devices, const std::string &name) {
  for (const FieldSpec &spec : devices.specs)
    if (name == spec.name)
      return &spec;
  return nullptr;
}

std::string formatNumber(double v) {
  std::ostringstream os;
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    os << static_cast<int64_t>(v);
  else
    os << v;
  return os.str();
}

std::string validKeys(const TargetDevices &devices) {
  std::string keys;
  for (const FieldSpec &spec : devices.specs)
    keys += (keys.empty() ? "" : ", ") + std::string(spec.name);
  if (devices.expandKey)
    keys += ", grid";
  return keys;
}

std::string validPresets(const TargetDevices &devices) {
  std::string names;
  for (const Preset &preset : devices.presets)
    names += (names.empty() ? "" : ", ") + std::string(preset.name) + " (" +
             preset.description + ")";
  return names;
}

bool parseNumber(const std::string &text, double &out) {
  if (text.empty())
    return false;
  char *end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

} // namespace

double Descriptor::get(const std::string &name, double fallback) const {
  for (const Field &f : fields_)
    if (f.name == name)
      return f.value;
  return fallback;
}

bool Descriptor::has(const std::string &name) const {
  for (const Field &f : fields_)
    if (f.name == name)
      return true;
  return false;
}

bool Descriptor::set(const std::string &name, double value, std::string &error) {
  const TargetDevices *devices = lookupTargetDevices(target_);
  const FieldSpec *spec = devices ? findSpec(*devices, name) : nullptr;
  if (!spec) {
    error = "unknown device key '" + name + "' for target '" + target_ + "'" +
            (devices ? "; valid keys: " + validKeys(*devices) : std::string());
    return false;
  }
  if (spec->integer && value != std::floor(value)) {
    error = "device key '" + name + "' must be an integer, got " + formatNumber(value);
    return false;
  }
  if (value < spec->min || value > spec->max) {
    error = "device key '" + name + "' = " + formatNumber(value) + " is out of range [" +
            formatNumber(spec->min) + ", " + formatNumber(spec->max) + "] (" + spec->doc + ")";
    return false;
  }
  for (Field &f : fields_)
    if (f.name == name) {
      f.value = value;
      overridden_.push_back(name);
      return true;
    }
  fields_.push_back({name, value});
  overridden_.push_back(name);
  return true;
}

bool Descriptor::checkConsistency(std::string &error) const {
  const TargetDevices *devices = lookupTargetDevices(target_);
  if (!devices)
    return true;
  // Fields bounded by another field (each range alone is checked by set()).
  for (const FieldBelow &b : devices->below) {
    if (has(b.field) && has(b.limit) && get(b.field) >= get(b.limit)) {
      error = std::string("device key '") + b.field + "' = " + formatNumber(get(b.field)) +
              " must be less than '" + b.limit + "' = " + formatNumber(get(b.limit)) + " (" +
              b.why + ")";
      return false;
    }
  }
  // A part of the chip (a grid, a number of tiles) must fit inside the preset's chip.
  for (const Preset &preset : devices->presets) {
    if (preset_ != preset.name)
      continue;
    for (const FieldSpec &spec : devices->specs) {
      if (!spec.boundByPreset)
        continue;
      double chip = 0;
      for (const Field &f : preset.fields)
        if (f.name == spec.name)
          chip = f.value;
      if (chip > 0 && get(spec.name) > chip) {
        error = std::string(spec.boundByPreset) + " " + formatNumber(get(spec.name)) +
                " is larger than the " + preset_ + " chip's " + formatNumber(chip) +
                "; choose at most " + formatNumber(chip);
        return false;
      }
    }
  }
  return true;
}

std::string Descriptor::summary() const {
  if (!storedSummary_.empty())
    return storedSummary_;
  std::string s = preset_;
  if (overridden_.empty())
    return s;
  std::string list;
  for (const std::string &name : overridden_) {
    if (list.find(name + "=") != std::string::npos)
      continue;
    list += (list.empty() ? "" : ",") + name + "=" + formatNumber(get(name));
  }
  return s + ":" + list;
}

Descriptor Descriptor::fromStored(std::string target, std::string preset, Precision precision,
                                  std::vector<Field> fields, std::string summary) {
  Descriptor d;
  d.storedSummary_ = std::move(summary);
  d.target_ = std::move(target);
  d.preset_ = std::move(preset);
  d.precision_ = precision;
  d.fields_ = std::move(fields);
  return d;
}

bool makeDescriptor(const std::string &target, const std::string &preset,
                    const std::vector<std::pair<std::string, std::string>> &overrides,
                    Descriptor &out, std::string &error) {
  const TargetDevices *devices = lookupTargetDevices(target);
  if (!devices) {
    error = "target '" + target + "' has no device presets";
    return false;
  }
  std::string name = preset.empty() ? devices->defaultPreset : preset;
  const Preset *chosen = nullptr;
  for (const Preset &p : devices->presets)
    if (name == p.name)
      chosen = &p;
  if (!chosen) {
    error = "unknown " + target + " device preset '" + name +
            "'; valid presets: " + validPresets(*devices);
    return false;
  }
  Descriptor d;
  d.target_ = target;
  d.preset_ = chosen->name;
  d.fields_ = chosen->fields;
  for (const auto &[key, value] : overrides) {
    std::vector<Field> expanded;
    if (devices->expandKey && !findSpec(*devices, key)) {
      std::string expandError;
      if (!devices->expandKey(key, value, expanded, expandError)) {
        if (!expandError.empty()) {
          error = expandError;
          return false;
        }
      }
    }
    if (expanded.empty()) {
      double number = 0;
      if (!findSpec(*devices, key)) {
        error = "unknown device key '" + key + "' for target '" + target +
                "'; valid keys: " + validKeys(*devices);
        return false;
      }
      if (!parseNumber(value, number)) {
        error = "device key '" + key + "' needs a number, got '" + value + "'";
        return false;
      }
      expanded.push_back({key, number});
    }
    for (const Field &f : expanded)
      if (!d.set(f.name, f.value, error))
        return false;
  }
  if (!d.checkConsistency(error))
    return false;
  out = std::move(d);
  return true;
}

bool makeDescriptor(const std::string &target, const std::string &spec, Descriptor &out,
                    std::string &error) {
  std::string preset = spec;
  std::vector<std::pair<std::string, std::string>> overrides;
  size_t colon = spec.find(':');
  if (colon != std::string::npos) {
    preset = spec.substr(0, colon);
    std::string rest = spec.substr(colon + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      size_t comma = rest.find(',', start);
      std::string item =
          rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      size_t eq = item.find('=');
      if (item.empty() || eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
        error = "bad device override '" + item + "' in '" + spec +
                "': expected PRESET:key=value,key=value";
        return false;
      }
      overrides.emplace_back(item.substr(0, eq), item.substr(eq + 1));
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
  }
  return makeDescriptor(target, preset, overrides, out, error);
}

bool validateStored(const Descriptor &descriptor, std::string &error) {
  const TargetDevices *devices = lookupTargetDevices(descriptor.target());
  if (!devices) {
    error = "unknown device target '" + descriptor.target() + "'";
    return false;
  }
  for (const Field &f : descriptor.fields()) {
    const FieldSpec *spec = findSpec(*devices, f.name);
    if (!spec) {
      error = "device field '" + f.name + "' is not a " + descriptor.target() + " field";
      return false;
    }
    if (!(f.value >= spec->min && f.value <= spec->max) ||
        (spec->integer && f.value != std::floor(f.value))) {
      error = "device field '" + f.name + "' = " + formatNumber(f.value) +
              " is out of range [" + formatNumber(spec->min) + ", " +
              formatNumber(spec->max) + "]";
      return false;
    }
  }
  for (const FieldSpec &spec : devices->specs)
    if (!descriptor.has(spec.name)) {
      error = "device field '" + std::string(spec.name) + "' is missing";
      return false;
    }
  return descriptor.checkConsistency(error);
}

} // namespace accel::device
