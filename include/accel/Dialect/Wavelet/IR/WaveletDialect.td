//===- WaveletDialect.td - the wavelet dialect (Cerebras WSE) -*- tablegen -*-===//
//
// The device program of the WSE target: regions of PEs, their routes, buffers, streams
// and tasks of DSD instructions. The ops map 1:1 onto include/accel/Sim/WSE/Program.h.
// See docs/dialect-wavelet.md.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_WAVELET_IR_WAVELETDIALECT_TD
#define ACCEL_DIALECT_WAVELET_IR_WAVELETDIALECT_TD

include "mlir/IR/OpBase.td"

def Wavelet_Dialect : Dialect {
  let name = "wavelet";
  let cppNamespace = "::accel::wavelet";
  let summary = "The Cerebras WSE fabric program: PE regions, routes, buffers, tasks";
  let description = [{
    A `wavelet.fabric` holds one `wavelet.kernel` per device layer. A kernel places one or
    more `wavelet.region`s (rectangles of PEs, SPMD) on the fabric; each region declares
    its per-PE buffers, the router configuration per color (`wavelet.route`), the streams
    through which data enters and leaves it (`wavelet.stream_in` / `wavelet.stream_out`)
    and its tasks of DSD instructions. The emitter translates every op 1:1 into the
    structs of include/accel/Sim/WSE/Program.h. See docs/dialect-wavelet.md.
  }];
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let extraClassDeclaration = [{
    void registerAttributes();
    void registerTypes();
  }];
}

class Wavelet_Op<string mnemonic, list<Trait> traits = []>
    : Op<Wavelet_Dialect, mnemonic, traits>;

#endif // ACCEL_DIALECT_WAVELET_IR_WAVELETDIALECT_TD
