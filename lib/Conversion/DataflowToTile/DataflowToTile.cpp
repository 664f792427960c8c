//===- DataflowToTile.cpp - Map IPU kernels onto tiles --------------------===//
//
// The driver of the IPU mapping: for each unmapped tile.kernel it brings the kernel's
// host inputs onto the tiles, maps its dataflow ops one by one in program order (each
// family in its own file: MatmulMapping, ConvMapping, ElementwiseMapping,
// RowwiseMapping, MovementMapping), copies the values of `tile.outputs` back to the
// host, and erases the dataflow ops. The legality the partition pass asks
// (isMappableOnIPU) is the union of the families' own checks, so an op is outlined onto
// the IPU exactly when a mapping exists for it.
//
//===----------------------------------------------------------------------===//
#include "Mappings.h"

#include "accel/Conversion/DataflowToTile.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Dataflow/IR/Dataflow.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/BitVector.h"

namespace accel {
#define GEN_PASS_DEF_CONVERTDATAFLOWTOTILE
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel::tile::mapping;

std::optional<int64_t> accel::tile::mapping::layerBudgetWordsFor(Operation *op) {
  auto module = op->getParentOfType<ModuleOp>();
  if (!module)
    return std::nullopt;
  for (auto ipu : module.getOps<accel::tile::IpuOp>())
    return ipu.getMemoryWords() / 2; // as KernelMapper::layerBudgetWords
  return std::nullopt;
}

bool accel::tile::isMappableOnIPU(Operation *op) {
  // Every family maps statically shaped tensors with at least one element: an empty
  // tensor has no elements to lay out (so no tile could hold or return it).
  auto mappableType = [](Type t) {
    auto shaped = dyn_cast<RankedTensorType>(t);
    return shaped && shaped.hasStaticShape() && shaped.getNumElements() > 0;
  };
  if (!llvm::all_of(op->getOperandTypes(), mappableType) ||
      !llvm::all_of(op->getResultTypes(), mappableType))
    return false;
  return isElementwiseMappable(op) || isMatmulMappable(op) || isConvMappable(op) ||
         isRowwiseMappable(op) || isMovementMappable(op);
}

namespace {

LogicalResult mapOp(KernelMapper &km, Operation *op) {
  if (isMovementMappable(op))
    return mapMovementOp(km, op);
  if (isElementwiseMappable(op))
    return mapElementwiseOp(km, op);
  if (isMatmulMappable(op))
    return mapMatmulOp(km, op);
  if (isConvMappable(op))
    return mapConvOp(km, op);
  if (isRowwiseMappable(op))
    return mapRowwiseOp(km, op);
  return op->emitError("no IPU mapping for '")
         << op->getName() << "'; the partition pass keeps such ops on the host";
}

/// The machine numbers the planners use, from the tile.ipu's descriptor fields (the
/// simulator's defaults where the descriptor does not set one).
CostModel costModelFor(accel::tile::IpuOp ipu) {
  CostModel c;
  DictionaryAttr fields = ipu.getFields();
  auto number = [&](StringRef key, double fallback) {
    Attribute a = fields.get(key);
    if (auto f = dyn_cast_or_null<FloatAttr>(a))
      return f.getValueAsDouble();
    if (auto i = dyn_cast_or_null<IntegerAttr>(a))
      return static_cast<double>(i.getInt());
    return fallback;
  };
  bool fp16 = false;
  if (auto p = dyn_cast_or_null<StringAttr>(fields.get("precision")))
    fp16 = p.getValue() == "fp16";
  c.ampMacsPerCycle = fp16 ? number("amp_f16_macs_per_cycle", 64)
                           : number("amp_f32_macs_per_cycle", 16);
  c.elementBytes = fp16 ? 2 : 4;
  c.exchangeBytesPerCycle = number("exchange_bytes_per_cycle", 4);
  c.syncCycles = number("sync_cycles", 150);
  c.exchangeLatencyCycles = number("exchange_latency_cycles", 30);
  c.vertexOverheadCycles = number("vertex_overhead_cycles", 20);
  return c;
}

struct ConvertDataflowToTilePass
    : accel::impl::ConvertDataflowToTileBase<ConvertDataflowToTilePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Which kernel arguments are constants: the launch passes a dataflow.constant.
    llvm::StringMap<accel::tile::LaunchOp> launches;
    module.walk([&](accel::tile::LaunchOp launch) { launches[launch.getKernel()] = launch; });
    for (auto ipu : module.getOps<accel::tile::IpuOp>()) {
      CostModel costs = costModelFor(ipu);
      for (auto kernel : llvm::make_early_inc_range(ipu.getBody().front().getOps<accel::tile::KernelOp>())) {
        if (kernel.isMapped())
          continue;
        SmallVector<bool> isConstant(kernel.getNumArguments(), false);
        SmallVector<DenseElementsAttr> values(kernel.getNumArguments());
        if (auto launch = launches.lookup(kernel.getSymName()))
          for (auto [i, v] : llvm::enumerate(launch.getInputs()))
            if (auto c = v.getDefiningOp<accel::dataflow::ConstantOp>()) {
              isConstant[i] = true;
              values[i] = dyn_cast<DenseElementsAttr>(c.getValue());
            }
        if (failed(mapKernel(kernel, ipu, costs, isConstant, values)))
          return signalPassFailure();
        // Arguments only the compiler read (gather indices) leave the kernel's signature:
        // the device never receives them.
        llvm::BitVector unused(kernel.getNumArguments());
        for (BlockArgument arg : kernel.getBody().front().getArguments())
          if (arg.use_empty())
            unused.set(arg.getArgNumber());
        if (unused.any()) {
          if (failed(kernel.eraseArguments(unused)))
            return signalPassFailure();
          if (auto launch = launches.lookup(kernel.getSymName()))
            for (int i = static_cast<int>(unused.size()) - 1; i >= 0; --i)
              if (unused.test(i))
                launch.getInputsMutable().erase(i);
        }
      }
    }
  }

  LogicalResult mapKernel(accel::tile::KernelOp kernel, accel::tile::IpuOp ipu,
                          const CostModel &costs, ArrayRef<bool> isConstant,
                          ArrayRef<DenseElementsAttr> values) {
    // Tiles per IPU (fields) and IPUs; the anchor's `tiles` counts all of them.
    auto field = [&](StringRef key, int64_t fallback) {
      if (auto f = dyn_cast_or_null<FloatAttr>(ipu.getFields().get(key)))
        return static_cast<int64_t>(f.getValueAsDouble());
      if (auto i = dyn_cast_or_null<IntegerAttr>(ipu.getFields().get(key)))
        return i.getInt();
      return fallback;
    };
    int64_t ipus = std::max<int64_t>(1, field("ipus", 1));
    int64_t perIpu = std::min<int64_t>(field("tiles", ipu.getTiles()), ipu.getTiles() / ipus);
    KernelMapper km(kernel, std::max<int64_t>(1, perIpu), ipu.getMemoryWords(), isConstant,
                    values);
    int64_t weightWords = 0;
    for (BlockArgument arg : kernel.getBody().front().getArguments())
      if (isConstant[arg.getArgNumber()])
        weightWords += numElements(arg);
    km.setPipeline(ipus, weightWords);
    km.setCosts(costs);
    km.setWorkers(ipu.getWorkers());
    Block &body = kernel.getBody().front();
    SmallVector<Operation *> ops;
    for (Operation &op : body)
      ops.push_back(&op);
    for (BlockArgument arg : body.getArguments())
      if (!isConstant[arg.getArgNumber()] && !arg.use_empty())
        km.hostInput(arg);
    for (Operation *op : ops) {
      if (auto outputs = dyn_cast<accel::tile::OutputsOp>(op)) {
        km.hostOutputs(outputs.getValues(), outputs.getLoc());
        continue;
      }
      if (op->getDialect() && op->getDialect()->getNamespace() == "tile")
        continue;
      if (failed(mapOp(km, op)))
        return failure();
    }
    for (Operation *op : llvm::reverse(ops))
      if (!isa<accel::tile::TensorOp, accel::tile::InitOp>(op)) {
        op->dropAllUses();
        op->erase();
      }
    km.finish();
    return success();
  }
};

} // namespace
