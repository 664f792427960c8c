//===- Passes.td - wavelet (WSE) passes --------------------*- tablegen -*-===//
#ifndef ACCEL_DIALECT_WAVELET_TRANSFORMS_PASSES_TD
#define ACCEL_DIALECT_WAVELET_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def WSECreateFabric : Pass<"wse-create-fabric", "mlir::ModuleOp"> {
  let summary = "Create the wavelet.fabric anchor op from a device descriptor";
  let description = [{
    Parses the device (`device=PRESET[:key=value,...]`, `grid=WxH`, `precision=fp32|fp16`)
    with the shared descriptor parser (lib/Device) and creates the module's
    `wavelet.fabric` op carrying every descriptor field. An unknown preset or key, or an
    impossible value (a grid larger than the chip, zero memory) is a diagnostic listing
    the valid ones.
  }];
  let options = [
    Option<"device", "device", "std::string", /*default=*/"\"\"",
           "Preset and overrides: PRESET[:key=value,...] (default wse2)">,
    Option<"grid", "grid", "std::string", /*default=*/"\"\"",
           "Fabric rectangle the program may use: WIDTHxHEIGHT">,
    Option<"precision", "precision", "std::string", /*default=*/"\"fp32\"",
           "Device arithmetic: fp32 or fp16">,
  ];
  let dependentDialects = ["::accel::wavelet::WaveletDialect"];
}

def WSEPlace : Pass<"wse-place", "mlir::ModuleOp"> {
  let summary = "Place every kernel's PE regions on the fabric";
  let description = [{
    Gives each `wavelet.region` its fabric origin. Every layer stays resident (its
    weights are loaded with the program), so regions are packed onto the fabric without
    overlapping, in program order, bottom-left on a skyline (each region at the lowest
    free position where it fits, leftmost on a tie). A
    model whose regions do not fit the fabric is a diagnostic naming the first layer that
    does not fit, the PEs it needs and what is left.
  }];
}

def WSERoute : Pass<"wse-route", "mlir::ModuleOp"> {
  let summary = "Assign colors to each region's channels and create its routes";
  let description = [{
    Each region's logical channels (its `plan`'s `channels`) get physical colors within
    the fabric's budget (colors minus the ones reserved for host I/O); a region needing
    more is a diagnostic. The pass rewrites the colors of streams and creates the
    `wavelet.route` rules of the region's communication pattern: rows multicast east,
    partial sums chained south on two alternating colors, streams through a PE.
  }];
}

def WSEAllocateMemory : Pass<"wse-allocate-memory", "mlir::ModuleOp"> {
  let summary = "Assign PE memory addresses to every buffer";
  let description = [{
    Packs each region's buffers at word addresses after the estimated code footprint and
    records the region's `memory_words`. A region whose buffers exceed a PE's memory is a
    diagnostic naming the layer, the words it needs and the limit.
  }];
}

def WSEGenerateTasks : Pass<"wse-generate-tasks", "mlir::ModuleOp"> {
  let summary = "Generate each region's per-PE task code";
  let description = [{
    Builds the SPMD `wavelet.task` of every region from its `plan`: receive operands
    from the fabric, compute with DSD ops (gemv, binary, unary, ...) on PE memory, send
    results on. Instructions that only some PEs run carry a `pes` guard.
  }];
}

#endif // ACCEL_DIALECT_WAVELET_TRANSFORMS_PASSES_TD
