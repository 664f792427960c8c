//===- CreateFabric.cpp - The wavelet.fabric anchor from a device descriptor ===//
#include "accel/Dialect/Wavelet/Transforms/Passes.h"

#include "accel/Device/Descriptor.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace accel::wavelet {
#define GEN_PASS_DEF_WSECREATEFABRIC
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"
} // namespace accel::wavelet

using namespace mlir;
using namespace accel::wavelet;

namespace {

struct WSECreateFabricPass : accel::wavelet::impl::WSECreateFabricBase<WSECreateFabricPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (!module.getOps<FabricOp>().empty())
      return;
    std::string spec = device;
    if (!grid.empty())
      spec += (spec.find(':') == std::string::npos ? (spec.empty() ? "wse2:" : ":") : ",") +
              std::string("grid=") + grid;
    accel::device::Descriptor d;
    std::string error;
    if (!accel::device::makeDescriptor("wse", spec, d, error)) {
      module.emitError("bad wse device '") << spec << "': " << error;
      return signalPassFailure();
    }
    accel::device::Precision p;
    if (!accel::device::parsePrecision(precision, p)) {
      module.emitError("bad precision '") << precision << "': expected fp32 or fp16";
      return signalPassFailure();
    }
    d.setPrecision(p);
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    SmallVector<NamedAttribute> fields;
    for (const accel::device::Field &f : d.fields())
      fields.push_back(b.getNamedAttr(f.name, b.getF64FloatAttr(f.value)));
    fields.push_back(b.getNamedAttr("precision", b.getStringAttr(accel::device::precisionName(p))));
    fields.push_back(b.getNamedAttr("summary", b.getStringAttr(d.summary())));
    auto fabric = FabricOp::create(b, module.getLoc(), d.preset(), d.getInt("width"),
                                   d.getInt("height"), d.getInt("memory_bytes"),
                                   d.getInt("colors"), llvm::APFloat(d.get("clock_hz")),
                                   b.getDictionaryAttr(fields));
    fabric.getBody().emplaceBlock();
  }
};

} // namespace
