//===- CreateDevice.cpp - The tile.ipu anchor from a device descriptor ----===//
//
// The descriptor library (lib/Device) owns the presets, the keys and every range rule;
// this pass only spells its answer as IR, or its error as a diagnostic, so accel-opt,
// accel-compile and the runtime agree on what a device string means.
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Tile/Transforms/Passes.h"

#include "accel/Device/Descriptor.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace accel::tile {
#define GEN_PASS_DEF_IPUCREATEDEVICE
#include "accel/Dialect/Tile/Transforms/Passes.h.inc"
} // namespace accel::tile

using namespace mlir;
using namespace accel::tile;

namespace {

/// `tiles=64,memory_bytes=65536` (overrides without a preset) means the default preset
/// with those overrides, as `grid=WxH` alone does for the WSE.
std::string withDefaultPreset(const std::string &spec) {
  if (spec.find(':') == std::string::npos && spec.find('=') != std::string::npos)
    return std::string(accel::device::lookupTargetDevices("ipu")->defaultPreset) + ":" + spec;
  return spec;
}

struct IPUCreateDevicePass : accel::tile::impl::IPUCreateDeviceBase<IPUCreateDevicePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::string spec = withDefaultPreset(device);
    accel::device::Descriptor d;
    std::string error;
    if (!accel::device::makeDescriptor("ipu", spec, d, error)) {
      module.emitError("bad ipu device '") << device << "': " << error;
      return signalPassFailure();
    }
    accel::device::Precision p;
    if (!accel::device::parsePrecision(precision, p)) {
      module.emitError("bad precision '") << precision << "': expected fp32 or fp16";
      return signalPassFailure();
    }
    d.setPrecision(p);

    // Every field as f64 (the descriptor's own representation), plus the precision and
    // the summary reports print, as the WSE's fabric stores them.
    Builder b(module.getContext());
    SmallVector<NamedAttribute> fields;
    for (const accel::device::Field &f : d.fields())
      fields.push_back(b.getNamedAttr(f.name, b.getF64FloatAttr(f.value)));
    fields.push_back(b.getNamedAttr("precision", b.getStringAttr(accel::device::precisionName(p))));
    fields.push_back(b.getNamedAttr("summary", b.getStringAttr(d.summary())));
    DictionaryAttr dict = b.getDictionaryAttr(fields);
    StringAttr preset = b.getStringAttr(d.preset());
    // The anchor's `tiles` counts every IPU's tiles (numbered IPU by IPU, as a Poplar
    // multi-IPU target does); `fields` keep the per-IPU count and `ipus`.
    IntegerAttr tiles = b.getI64IntegerAttr(d.getInt("tiles") * d.getInt("ipus", 1)),
                memory = b.getI64IntegerAttr(d.getInt("memory_bytes")),
                workers = b.getI64IntegerAttr(d.getInt("workers"));
    FloatAttr clock = b.getF64FloatAttr(d.get("clock_hz"));

    // Running twice with the same device changes nothing; a module already made for
    // another device is not silently re-targeted.
    auto existing = module.getOps<IpuOp>();
    if (!existing.empty()) {
      IpuOp ipu = *existing.begin();
      if (ipu.getPresetAttr() == preset && ipu.getTilesAttr() == tiles &&
          ipu.getMemoryBytesAttr() == memory && ipu.getWorkersAttr() == workers &&
          ipu.getClockHzAttr() == clock && ipu.getFields() == dict)
        return;
      auto summary = ipu.getFields().getAs<StringAttr>("summary");
      ipu.emitError("the module already has a tile.ipu for '")
          << (summary ? summary.getValue() : ipu.getPreset())
          << "' but ipu-create-device was asked for '" << d.summary() << "' ("
          << accel::device::precisionName(p)
          << "); run it on a module without a tile.ipu, or with the device and precision "
             "the module was made for";
      return signalPassFailure();
    }

    // At the end: the ipu holds kernels that partitioning outlines from the functions
    // before it.
    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    auto ipu = IpuOp::create(builder, module.getLoc(), preset, tiles, memory, workers, clock, dict);
    ipu.getBody().emplaceBlock();
  }
};

} // namespace
