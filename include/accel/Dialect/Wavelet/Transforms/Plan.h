//===- Plan.h - What the WSE mapping decided, for the later passes -*- C++ -*-===//
//
// `convert-dataflow-to-wavelet` records on each `wavelet.region` a `plan` dictionary: the
// algorithm and its block sizes. `wse-route` reads the communication pattern from it,
// `wse-generate-tasks` the per-PE program. The keys live here, once.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_WAVELET_TRANSFORMS_PLAN_H
#define ACCEL_DIALECT_WAVELET_TRANSFORMS_PLAN_H

#include "accel/Dialect/Wavelet/IR/Wavelet.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <cstdint>
#include <string>

namespace accel::wavelet {

/// The machine facts the passes need, read from the module's `wavelet.fabric`.
struct FabricModel {
  int64_t width = 0, height = 0;
  int64_t memoryBytes = 0, colors = 0, reservedColors = 0, codeBytes = 0;
  double fmacPerCycle = 1, ioWaveletsPerCycle = 1;
  /// Words of PE memory left for buffers after the code footprint.
  int64_t dataWords() const { return (memoryBytes - codeBytes) / 4; }
  /// Colors a region may use (the I/O runtime keeps the others).
  int64_t routableColors() const { return colors - reservedColors; }
  static FabricModel of(FabricOp fabric);
};

namespace plan {
// Keys of the `plan` dictionary on a wavelet.region.
constexpr const char *kAttr = "plan";
constexpr const char *kKind = "kind";         // "gemm" | "elementwise" | "rowwise"
constexpr const char *kChannels = "channels"; // logical channels (colors before routing)
constexpr const char *kRows = "rows";         // loop iterations per PE
// gemm: weight-stationary GEMM, kb x nb weight block per PE, pk rows x pn columns.
constexpr const char *kKb = "kb";
constexpr const char *kNb = "nb";
constexpr const char *kPk = "pk";
constexpr const char *kPn = "pn";
constexpr const char *kBias = "bias";
constexpr const char *kStreamWeights = "stream_weights"; // weights arrive on channel 3
// elementwise: `op` applied to `inputs` streamed operands, `message` words at a time.
constexpr const char *kOp = "op";
constexpr const char *kInputs = "inputs";
constexpr const char *kMessage = "message";
constexpr const char *kAlpha = "alpha";
constexpr const char *kBeta = "beta";
// rowwise: rows of `message` words in, `out_message` words out, reduced in segments of
// `segment`; `alpha` is the scale (1/n of a mean), `beta` layer norm's epsilon, `log` a
// log-softmax, `params` how many parameter rows (layer norm scale, bias) every PE holds.
constexpr const char *kOutMessage = "out_message";
constexpr const char *kSegment = "segment";
constexpr const char *kLog = "log";
constexpr const char *kParams = "params";
// Colors chosen by wse-route: `colors` = [color of channel 0, color of channel 1, ...].
constexpr const char *kColors = "colors";

// gemm logical channels.
constexpr int64_t kGemmAct = 0, kGemmPsumEven = 1, kGemmPsumOdd = 2, kGemmChannels = 3,
                  kGemmWeights = 3;

/// Integer / float / string entry of a plan (0 / "" when absent).
int64_t getInt(RegionOp region, llvm::StringRef key);
double getFloat(RegionOp region, llvm::StringRef key);
std::string getString(RegionOp region, llvm::StringRef key);
/// Physical color of logical `channel` once routed (the channel itself before).
int64_t colorOf(RegionOp region, int64_t channel);
} // namespace plan

} // namespace accel::wavelet

#endif // ACCEL_DIALECT_WAVELET_TRANSFORMS_PLAN_H
