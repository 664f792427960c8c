//===- IPUDevices.cpp - Graphcore IPU presets -----------------------------===//
//
// Sources for every number: docs/targets/ipu.md, "Machine model". Values marked "chosen"
// there have no public source.
//
//===----------------------------------------------------------------------===//
#include "IPUDevices.h"

namespace accel::device {

TargetDevices makeIPUDevices() {
  TargetDevices d;
  d.target = "ipu";
  d.defaultPreset = "gc200";
  d.specs = {
      {"tiles", 1, 1472, true, "tiles per IPU the program may use", "the tile count"},
      {"ipus", 1, 64, true, "IPUs (pipeline stages over IPU-Links)"},
      {"memory_bytes", 1024, 1 << 24, true, "SRAM per tile: code, vertex state, tensors, buffers"},
      {"workers", 1, 16, true, "worker contexts per tile (barrel-scheduled)"},
      {"clock_hz", 1e6, 1e10, false, "tile clock"},
      {"amp_f32_macs_per_cycle", 1, 1024, true, "AMP f32 multiply-accumulates per tile per cycle"},
      {"amp_f16_macs_per_cycle", 1, 1024, true, "AMP f16 multiply-accumulates per tile per cycle"},
      {"exchange_bytes_per_cycle", 0.01, 1024, false, "bytes a tile sends (and receives) per cycle"},
      {"exchange_latency_cycles", 0, 1e6, true, "fixed cost of one exchange"},
      {"sync_cycles", 0, 1e6, true, "one global (BSP) sync"},
      {"vertex_overhead_cycles", 0, 1e6, true, "cycles to start one vertex"},
      {"code_bytes_per_tile", 0, 1 << 24, true, "codelet code per tile (not vertex state)"},
      {"host_link_bytes_per_s", 1e6, 1e15, false, "host <-> IPU transfer rate"},
      {"ipu_link_bytes_per_s", 1e6, 1e15, false, "IPU <-> IPU rate (all links of one IPU)"},
  };
  d.below = {{"code_bytes_per_tile", "memory_bytes", "the code must leave room for data"}};
  // GC200 (Mk2): 1,472 tiles x 624 KiB, 6 workers, ~1.33 GHz, AMP 64 f16 / 16 f32 MACs per
  // tile per cycle, exchange ~4 B/cycle/tile, 10 IPU-Links at 320 GB/s (DESIGN.md 4).
  std::vector<Field> common = {
      {"tiles", 1472},
      {"ipus", 1},
      {"memory_bytes", 624 * 1024},
      {"workers", 6},
      {"amp_f32_macs_per_cycle", 16},
      {"amp_f16_macs_per_cycle", 64},
      {"exchange_bytes_per_cycle", 4},
      {"exchange_latency_cycles", 30},
      {"sync_cycles", 150},
      {"vertex_overhead_cycles", 20},
      {"code_bytes_per_tile", 32 * 1024},
      {"host_link_bytes_per_s", 32e9},
      {"ipu_link_bytes_per_s", 320e9},
  };
  std::vector<Field> gc200 = common, bow = common;
  gc200.push_back({"clock_hz", 1.33e9});
  bow.push_back({"clock_hz", 1.85e9});
  d.presets = {
      {"gc200", "Graphcore GC200 (Mk2), 1472 tiles at 1.33 GHz", gc200},
      {"bow", "Graphcore Bow IPU, 1472 tiles at 1.85 GHz", bow},
  };
  return d;
}

} // namespace accel::device
