//===- ImportONNXFuzzer.cpp - libFuzzer target: ONNX importer -------------===//
//
// Feeds arbitrary bytes to accel::importONNXBuffer. The importer must turn every
// malformed model into a diagnostic; a crash, hang, leak or sanitizer report is a bug.
// Built twice: as the binary-protobuf target and (ACCEL_FUZZ_TEXT) as the text-syntax
// target, which forces the text parser by naming the buffer `*.onnxtxt`.
//
//===----------------------------------------------------------------------===//

#include "accel/Import/ONNX/ONNXImporter.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <cstddef>
#include <cstdint>

#ifdef ACCEL_FUZZ_TEXT
static constexpr const char *kBufferName = "fuzz.onnxtxt";
#else
static constexpr const char *kBufferName = "fuzz.onnx";
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input: state left behind by one model (interned
  // attributes, resources) must not influence the next.
  mlir::DialectRegistry registry;
  accel::registerONNXImportDialects(registry);
  mlir::MLIRContext context(registry, mlir::MLIRContext::Threading::DISABLED);
  mlir::ScopedDiagnosticHandler swallow(
      &context, [](mlir::Diagnostic &) { return mlir::success(); });
  // Relative external-data paths resolve against a directory that holds nothing,
  // so the fuzzer cannot read the files next to it.
  accel::ONNXImportOptions options;
  options.modelPath = "/nonexistent-accel-fuzz-dir/model.onnx";
  llvm::StringRef buffer(reinterpret_cast<const char *>(data), size);
  (void)accel::importONNXBuffer(buffer, kBufferName, context, options);
  return 0;
}
