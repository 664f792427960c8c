//===- Attributes.cpp - Named instruction attributes ----------------------===//
#include "accel/Runtime/Attributes.h"

namespace accel::runtime {

namespace {
const char *kindName(AttrKind k) {
  switch (k) {
  case AttrKind::Int: return "int";
  case AttrKind::Float: return "float";
  case AttrKind::Ints: return "int array";
  case AttrKind::Floats: return "float array";
  case AttrKind::String: return "string";
  }
  return "unknown";
}
} // namespace

AttrValue &Attributes::slot(const std::string &name) {
  for (AttrValue &v : values_)
    if (v.name == name)
      return v;
  values_.emplace_back();
  values_.back().name = name;
  return values_.back();
}

Attributes &Attributes::setInt(const std::string &name, int64_t v) {
  AttrValue &a = slot(name);
  a.kind = AttrKind::Int;
  a.i = v;
  return *this;
}
Attributes &Attributes::setFloat(const std::string &name, double v) {
  AttrValue &a = slot(name);
  a.kind = AttrKind::Float;
  a.f = v;
  return *this;
}
Attributes &Attributes::setInts(const std::string &name, std::vector<int64_t> v) {
  AttrValue &a = slot(name);
  a.kind = AttrKind::Ints;
  a.ints = std::move(v);
  return *this;
}
Attributes &Attributes::setFloats(const std::string &name, std::vector<double> v) {
  AttrValue &a = slot(name);
  a.kind = AttrKind::Floats;
  a.floats = std::move(v);
  return *this;
}
Attributes &Attributes::setString(const std::string &name, std::string v) {
  AttrValue &a = slot(name);
  a.kind = AttrKind::String;
  a.s = std::move(v);
  return *this;
}

const AttrValue *Attributes::find(const std::string &name) const {
  for (const AttrValue &v : values_)
    if (v.name == name)
      return &v;
  return nullptr;
}

const AttrValue &Attributes::require(const std::string &name, AttrKind kind) const {
  const AttrValue *v = find(name);
  if (!v)
    throw KernelError("missing required attribute '" + name + "'");
  // Ints and floats are interchangeable where the value is representable; arrays too.
  bool ok = v->kind == kind || (kind == AttrKind::Float && v->kind == AttrKind::Int) ||
            (kind == AttrKind::Floats && v->kind == AttrKind::Ints);
  if (!ok)
    throw KernelError("attribute '" + name + "' is a " + kindName(v->kind) +
                      ", expected a " + kindName(kind));
  return *v;
}

int64_t Attributes::getInt(const std::string &name, int64_t dflt) const {
  return has(name) ? getInt(name) : dflt;
}
double Attributes::getFloat(const std::string &name, double dflt) const {
  return has(name) ? getFloat(name) : dflt;
}
std::vector<int64_t> Attributes::getInts(const std::string &name,
                                         std::vector<int64_t> dflt) const {
  return has(name) ? getInts(name) : dflt;
}
std::vector<double> Attributes::getFloats(const std::string &name,
                                          std::vector<double> dflt) const {
  if (!has(name))
    return dflt;
  const AttrValue &v = require(name, AttrKind::Floats);
  if (v.kind == AttrKind::Ints)
    return std::vector<double>(v.ints.begin(), v.ints.end());
  return v.floats;
}
std::string Attributes::getString(const std::string &name, std::string dflt) const {
  return has(name) ? getString(name) : dflt;
}

int64_t Attributes::getInt(const std::string &name) const {
  return require(name, AttrKind::Int).i;
}
double Attributes::getFloat(const std::string &name) const {
  const AttrValue &v = require(name, AttrKind::Float);
  return v.kind == AttrKind::Int ? static_cast<double>(v.i) : v.f;
}
std::vector<int64_t> Attributes::getInts(const std::string &name) const {
  return require(name, AttrKind::Ints).ints;
}
std::string Attributes::getString(const std::string &name) const {
  return require(name, AttrKind::String).s;
}

} // namespace accel::runtime
