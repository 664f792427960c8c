//===- Passes.td - tile (IPU) passes -----------------------*- tablegen -*-===//
#ifndef ACCEL_DIALECT_TILE_TRANSFORMS_PASSES_TD
#define ACCEL_DIALECT_TILE_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def IPUCreateDevice : Pass<"ipu-create-device", "mlir::ModuleOp"> {
  let summary = "Create the tile.ipu anchor op from a device descriptor";
  let description = [{
    Parses the device (`device=PRESET[:key=value,...]`, or only `key=value,...` to
    override the default preset `gc200`; `precision=fp32|fp16`) with the shared
    descriptor parser (lib/Device) and appends the module's `tile.ipu` op carrying the
    common fields as attributes and every descriptor field, the precision and the
    summary in `fields`. An unknown preset or key, or an impossible value (zero tiles,
    more tiles than the chip has, code larger than the tile memory) is a diagnostic
    listing the valid ones. A module that already has the same `tile.ipu` is left
    alone; one with a different device is a diagnostic.
  }];
  let options = [
    Option<"device", "device", "std::string", /*default=*/"\"\"",
           "Preset and overrides: PRESET[:key=value,...] or key=value,... "
           "(default gc200)">,
    Option<"precision", "precision", "std::string", /*default=*/"\"fp32\"",
           "Device arithmetic: fp32 or fp16">,
  ];
  let dependentDialects = ["::accel::tile::TileDialect"];
}

def IPUAllocateMemory : Pass<"ipu-allocate-memory", "mlir::ModuleOp"> {
  let summary = "Give every tile tensor a word offset, reusing memory between lifetimes";
  let description = [{
    For each mapped `tile.kernel`: every `tile.tensor` without an `offset` gets one (the
    same word offset on each of its tiles) such that tensors that share a tile and are
    live at the same time do not overlap (liveness over the kernel's top-level ops; see
    include/accel/Dialect/Tile/Analysis/TensorPlacement.h). Placement is greedy and
    deterministic: by first use, then size (largest first), then program order, each at
    the lowest offset that is free on every tile of the tensor. Tensors that already
    have an offset keep it.

    A tile's budget is its memory minus the code (`code_bytes_per_tile` of the ipu's
    fields, 32768 when absent) and 16 bytes of vertex state per vertex on the tile. A
    kernel that does not fit is a diagnostic naming the worst tiles with what they hold
    (weights, activations, exchange buffers, unused gaps, vertex state, code), the limit
    and the layer at which each tile's memory peaks. The kernel records
    `memory_words_per_tile` (the largest word extent of tensors on any tile: the schedule's
    data memory per tile) and `memory_high_water_bytes` (the largest need of a tile,
    code and vertex state included).
  }];
}

#endif // ACCEL_DIALECT_TILE_TRANSFORMS_PASSES_TD
