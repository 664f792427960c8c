//===- DataflowInterfaces.td - per-op facts of dataflow ops ---*- tablegen -*-===//
//
// Facts every target needs about an op, kept with the op (not in op-name switches).
// Target-specific facts (what a device can run) are interfaces of the target's dialect
// attached to dataflow ops as external models (e.g. wavelet's WSEMappableOpInterface).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWINTERFACES_TD
#define ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWINTERFACES_TD

include "mlir/IR/OpBase.td"

def Dataflow_FlopCountOpInterface : OpInterface<"FlopCountOpInterface"> {
  let cppNamespace = "::accel::dataflow";
  let description = [{
    The floating-point work of an op, counted from its types and attributes (a
    multiply-accumulate is 2). One definition for every report: the host's FLOP count,
    a device's FLOP share and utilization all use it. Ops without it (data movement,
    constants) do no arithmetic.
  }];
  let methods = [
    InterfaceMethod<"FLOPs of one execution of the op.", "uint64_t", "getFlopCount">,
  ];
}

#endif // ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWINTERFACES_TD
