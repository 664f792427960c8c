//===- AllocateMemory.cpp - Word addresses for every PE buffer ------------===//
//
// A PE's 48 KB hold its code and its data. The code footprint is the descriptor's
// estimate (code_bytes_per_pe); buffers are packed after it in declaration order (every
// buffer lives for the whole layer: the region's program reuses them every iteration).
//
//===----------------------------------------------------------------------===//
#include "accel/Dialect/Wavelet/Transforms/Passes.h"
#include "accel/Dialect/Wavelet/Transforms/Plan.h"

#include "mlir/IR/BuiltinOps.h"

namespace accel::wavelet {
#define GEN_PASS_DEF_WSEALLOCATEMEMORY
#include "accel/Dialect/Wavelet/Transforms/Passes.h.inc"
} // namespace accel::wavelet

using namespace mlir;
using namespace accel::wavelet;

namespace {

struct WSEAllocateMemoryPass : accel::wavelet::impl::WSEAllocateMemoryBase<WSEAllocateMemoryPass> {
  void runOnOperation() override {
    for (FabricOp fabric : getOperation().getOps<FabricOp>()) {
      FabricModel model = FabricModel::of(fabric);
      WalkResult result = fabric.walk([&](RegionOp region) {
        int64_t words = 0;
        SmallVector<std::pair<StringRef, int64_t>> sizes;
        for (BufferOp buffer : region.getBody().front().getOps<BufferOp>()) {
          sizes.emplace_back(buffer.getName(), buffer.getSize());
          words += buffer.getSize();
        }
        int64_t need = words * 4 + model.codeBytes;
        if (need > model.memoryBytes) {
          InFlightDiagnostic diag = region.emitError("region '")
                                    << region.getSymName() << "' needs " << need
                                    << " bytes per PE (" << words * 4 << " of buffers + "
                                    << model.codeBytes << " of code) but a PE has "
                                    << model.memoryBytes << "; buffers:";
          for (auto [name, size] : sizes)
            diag << " " << name << " " << size * 4;
          return WalkResult::interrupt();
        }
        int64_t addr = 0;
        for (BufferOp buffer : region.getBody().front().getOps<BufferOp>()) {
          buffer.setAddr(addr);
          addr += buffer.getSize();
        }
        region.setCodeBytes(model.codeBytes);
        region.setMemoryWords(words);
        return WalkResult::advance();
      });
      if (result.wasInterrupted())
        return signalPassFailure();
    }
  }
};

} // namespace
