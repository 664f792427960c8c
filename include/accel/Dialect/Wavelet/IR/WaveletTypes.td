//===- WaveletTypes.td - wavelet types ---------------------*- tablegen -*-===//

#ifndef ACCEL_DIALECT_WAVELET_IR_WAVELETTYPES_TD
#define ACCEL_DIALECT_WAVELET_IR_WAVELETTYPES_TD

include "accel/Dialect/Wavelet/IR/WaveletDialect.td"
include "mlir/IR/AttrTypeBase.td"

def Wavelet_BufferType : TypeDef<Wavelet_Dialect, "Buffer"> {
  let mnemonic = "buffer";
  let summary = "A buffer of 32-bit words in the memory of each PE of a region";
  let description = [{
    `!wavelet.buffer<64>`: 64 words of 32 bits at the same address in every PE of the
    region that declares it (SPMD).
  }];
  let parameters = (ins "int64_t":$size);
  let assemblyFormat = "`<` $size `>`";
  let genVerifyDecl = 1;
}

#endif // ACCEL_DIALECT_WAVELET_IR_WAVELETTYPES_TD
