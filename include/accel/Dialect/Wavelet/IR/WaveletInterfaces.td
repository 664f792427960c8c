//===- WaveletInterfaces.td - wavelet op interfaces --------*- tablegen -*-===//

#ifndef ACCEL_DIALECT_WAVELET_IR_WAVELETINTERFACES_TD
#define ACCEL_DIALECT_WAVELET_IR_WAVELETINTERFACES_TD

include "mlir/IR/OpBase.td"

def Wavelet_MemAccessOpInterface : OpInterface<"MemAccessOpInterface"> {
  let cppNamespace = "::accel::wavelet";
  let description = [{
    A DSD instruction: the buffers and word ranges it reads and writes (for the range
    verifier, the memory allocation pass and the emitter) and the PEs that execute it.
    Its verifier checks that every range lies inside its buffer.
  }];
  let methods = [
    InterfaceMethod<"The memory operands, in operand order.",
      "::llvm::SmallVector<::accel::wavelet::MemAccess>", "getMemAccesses">,
    InterfaceMethod<"The PEs that execute the instruction (null: every PE).",
      "::accel::wavelet::PeSetAttr", "getGuard", (ins), [{}],
      [{ return $_op.getPesAttr(); }]>
  ];
  let verify = [{ return ::accel::wavelet::detail::verifyMemAccesses($_op); }];
}

def Wavelet_WSEMappableOpInterface : OpInterface<"WSEMappableOpInterface"> {
  let cppNamespace = "::accel::wavelet";
  let description = [{
    The WSE's per-op legality: whether `--lower-to-wse` can run the op on PEs (element
    types, attributes, constant weights, sizes a PE holds). Attached to dataflow ops as
    external models by the WSE mapping (lib/Conversion/DataflowToWavelet/
    MappableModels.cpp); the partition pass asks it, and an op without it stays on the
    host. Other device targets attach their own interface the same way.
  }];
  let methods = [
    InterfaceMethod<"Whether the WSE mapping can run this op.", "bool", "isMappableOnWSE">,
  ];
}

#endif // ACCEL_DIALECT_WAVELET_IR_WAVELETINTERFACES_TD
