//===- DataflowAttrs.td - dataflow attributes --------------*- tablegen -*-===//
//
// Attribute wrappers for the dataflow enums, printed as `#dataflow<kind name>`
// in attribute dictionaries and as a bare keyword in op assembly.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWATTRS_TD
#define ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWATTRS_TD

include "accel/Dialect/Dataflow/IR/DataflowEnums.td"

class Dataflow_EnumAttr<EnumAttrInfo enumInfo, string mnemonic>
    : EnumAttr<Dataflow_Dialect, enumInfo, mnemonic>;

def Dataflow_UnaryKindAttr : Dataflow_EnumAttr<Dataflow_UnaryKind, "unary_kind">;
def Dataflow_BinaryKindAttr : Dataflow_EnumAttr<Dataflow_BinaryKind, "binary_kind">;
def Dataflow_ReduceKindAttr : Dataflow_EnumAttr<Dataflow_ReduceKind, "reduce_kind">;
def Dataflow_ArgReduceKindAttr
    : Dataflow_EnumAttr<Dataflow_ArgReduceKind, "arg_reduce_kind">;
def Dataflow_PoolKindAttr : Dataflow_EnumAttr<Dataflow_PoolKind, "pool_kind">;
def Dataflow_PadModeAttr : Dataflow_EnumAttr<Dataflow_PadMode, "pad_mode">;
def Dataflow_ResizeModeAttr : Dataflow_EnumAttr<Dataflow_ResizeMode, "resize_mode">;
def Dataflow_ResizeCoordinateModeAttr
    : Dataflow_EnumAttr<Dataflow_ResizeCoordinateMode, "resize_coordinate_mode">;
def Dataflow_ResizeNearestModeAttr
    : Dataflow_EnumAttr<Dataflow_ResizeNearestMode, "resize_nearest_mode">;
def Dataflow_ScatterReductionAttr
    : Dataflow_EnumAttr<Dataflow_ScatterReduction, "scatter_reduction">;
def Dataflow_RnnDirectionAttr
    : Dataflow_EnumAttr<Dataflow_RnnDirection, "rnn_direction">;
def Dataflow_RnnActivationAttr
    : Dataflow_EnumAttr<Dataflow_RnnActivation, "rnn_activation">;
def Dataflow_RnnActivationArrayAttr
    : TypedArrayAttrBase<Dataflow_RnnActivationAttr, "array of RNN activations">;

#endif // ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWATTRS_TD
