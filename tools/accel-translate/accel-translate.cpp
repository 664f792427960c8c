//===- accel-translate.cpp - translations into and out of Accel IR --------===//
//
// mlir-translate with Accel's translations: `--import-onnx` turns an ONNX model
// (binary or text syntax) into `dataflow` IR; `--emit-schedule` writes a lowered module
// as a .accel schedule; `--schedule-to-json` prints a schedule readably.
//
//===----------------------------------------------------------------------===//

#include "accel/Import/ONNX/ONNXImporter.h"
#include "accel/Target/TargetRegistry.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  accel::registerONNXImportTranslation();
  accel::registerScheduleTranslations();
  return mlir::failed(
             mlir::mlirTranslateMain(argc, argv, "Accel translation driver\n"))
             ? 1
             : 0;
}
