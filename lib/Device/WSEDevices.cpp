//===- WSEDevices.cpp - Cerebras WSE presets ------------------------------===//
//
// Sources for every number: docs/targets/wse.md, "Machine model". Values marked
// "chosen" there have no public source.
//
//===----------------------------------------------------------------------===//
#include "WSEDevices.h"

#include <cstdlib>

namespace accel::device {

namespace {

/// `grid=WxH` sets the fabric rectangle the compiler may use.
bool expandWSEKey(const std::string &key, const std::string &value, std::vector<Field> &out,
                  std::string &error) {
  if (key != "grid")
    return false;
  size_t x = value.find('x');
  char *end = nullptr;
  long w = x == std::string::npos ? 0 : std::strtol(value.c_str(), &end, 10);
  bool ok = x != std::string::npos && end == value.c_str() + x;
  long h = ok ? std::strtol(value.c_str() + x + 1, &end, 10) : 0;
  ok = ok && end == value.c_str() + value.size() && x + 1 < value.size();
  if (!ok) {
    error = "bad grid '" + value + "': expected WIDTHxHEIGHT in PEs, e.g. grid=32x24";
    return false;
  }
  out.push_back({"width", static_cast<double>(w)});
  out.push_back({"height", static_cast<double>(h)});
  return true;
}

} // namespace

TargetDevices makeWSEDevices() {
  TargetDevices d;
  d.target = "wse";
  d.defaultPreset = "wse2";
  d.expandKey = expandWSEKey;
  d.specs = {
      {"width", 1, 762, true, "fabric columns of PEs the program may use", "the grid's width"},
      {"height", 1, 1172, true, "fabric rows of PEs the program may use", "the grid's height"},
      {"memory_bytes", 1024, 1 << 20, true, "SRAM per PE, code and data"},
      {"colors", 2, 32, true, "routable colors (virtual channels)"},
      {"reserved_colors", 0, 16, true, "colors kept for the host I/O runtime"},
      {"clock_hz", 1e6, 1e10, false, "core clock"},
      {"fmac_f32_per_cycle", 1, 64, true, "f32 FMACs per PE per cycle"},
      {"add_f32_per_cycle", 1, 64, true, "f32 adds per PE per cycle"},
      {"mul_f32_per_cycle", 1, 64, true, "f32 multiplies per PE per cycle"},
      {"fmac_f16_per_cycle", 1, 64, true, "f16 FMACs per PE per cycle"},
      {"add_f16_per_cycle", 1, 64, true, "f16 adds per PE per cycle"},
      {"dsd_overhead_cycles", 0, 1000, true, "cycles to issue one DSD instruction"},
      {"queue_wavelets", 1, 1 << 20, true, "input queue depth per color, in wavelets"},
      {"io_wavelets_per_cycle", 0.001, 1e6, false,
       "aggregate rate of the streams into and out of the fabric"},
      {"host_link_bytes_per_s", 1e6, 1e15, false, "host <-> device transfer rate"},
      {"code_bytes_per_pe", 0, 1 << 20, true, "code and runtime footprint per PE"},
  };
  // WSE-2: 757 x 996 fabric (SDK), 48 KB per PE, 24 colors, ~1.1 GHz (Hot Chips 34),
  // f32 FMAC 1/cycle, f16 FMAC 4/cycle (SIMD-4), f32 add 2/cycle; 12 x 100 GbE host I/O.
  std::vector<Field> common = {
      {"memory_bytes", 48 * 1024},  {"colors", 24},
      {"reserved_colors", 3},       {"clock_hz", 1.1e9},
      {"fmac_f32_per_cycle", 1},    {"add_f32_per_cycle", 2},
      {"mul_f32_per_cycle", 1},     {"fmac_f16_per_cycle", 4},
      {"add_f16_per_cycle", 4},     {"dsd_overhead_cycles", 3},
      {"queue_wavelets", 64},       {"io_wavelets_per_cycle", 34},
      {"host_link_bytes_per_s", 150e9}, {"code_bytes_per_pe", 6144},
  };
  std::vector<Field> wse2 = {{"width", 757}, {"height", 996}};
  wse2.insert(wse2.end(), common.begin(), common.end());
  std::vector<Field> wse3 = {{"width", 762}, {"height", 1172}};
  wse3.insert(wse3.end(), common.begin(), common.end());
  d.below = {{"reserved_colors", "colors", "at least one color must stay routable"},
             {"code_bytes_per_pe", "memory_bytes", "the code must leave room for data"}};
  d.presets = {
      {"wse2", "Cerebras WSE-2, 757x996 PEs", wse2},
      {"wse3", "Cerebras WSE-3, 762x1172 PEs", wse3},
  };
  return d;
}

} // namespace accel::device
