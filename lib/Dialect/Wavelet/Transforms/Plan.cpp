//===- Plan.cpp - Reading the mapping's plan and the fabric model ---------===//
#include "accel/Dialect/Wavelet/Transforms/Plan.h"

using namespace mlir;

namespace accel::wavelet {

FabricModel FabricModel::of(FabricOp fabric) {
  FabricModel m;
  m.width = fabric.getWidth();
  m.height = fabric.getHeight();
  m.memoryBytes = fabric.getMemoryBytes();
  m.colors = fabric.getColors();
  DictionaryAttr fields = fabric.getFields();
  auto number = [&](StringRef key, double fallback) {
    Attribute a = fields.get(key);
    if (auto f = dyn_cast_or_null<FloatAttr>(a))
      return f.getValueAsDouble();
    if (auto i = dyn_cast_or_null<IntegerAttr>(a))
      return static_cast<double>(i.getInt());
    return fallback;
  };
  m.reservedColors = static_cast<int64_t>(number("reserved_colors", 0));
  m.codeBytes = static_cast<int64_t>(number("code_bytes_per_pe", 0));
  m.fmacPerCycle = number("fmac_f32_per_cycle", 1);
  m.ioWaveletsPerCycle = number("io_wavelets_per_cycle", 1);
  return m;
}

namespace plan {

static Attribute entry(RegionOp region, StringRef key) {
  auto dict = region->getAttrOfType<DictionaryAttr>(kAttr);
  return dict ? dict.get(key) : Attribute();
}

int64_t getInt(RegionOp region, StringRef key) {
  if (auto i = dyn_cast_or_null<IntegerAttr>(entry(region, key)))
    return i.getInt();
  if (auto b = dyn_cast_or_null<BoolAttr>(entry(region, key)))
    return b.getValue();
  return 0;
}

double getFloat(RegionOp region, StringRef key) {
  if (auto f = dyn_cast_or_null<FloatAttr>(entry(region, key)))
    return f.getValueAsDouble();
  return 0;
}

std::string getString(RegionOp region, StringRef key) {
  if (auto s = dyn_cast_or_null<StringAttr>(entry(region, key)))
    return s.str();
  return "";
}

int64_t colorOf(RegionOp region, int64_t channel) {
  auto colors = region->getAttrOfType<DenseI64ArrayAttr>(kColors);
  if (colors && channel < static_cast<int64_t>(colors.size()))
    return colors[channel];
  return channel;
}

} // namespace plan
} // namespace accel::wavelet
