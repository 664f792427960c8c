//===- WaveletEnums.td - wavelet enums ---------------------*- tablegen -*-===//
//
// Case values match include/accel/Sim/WSE/Program.h, so the emitter converts them with a
// cast: Dir bits are (1 << Program.h's Dir), Side is Program.h's Dir, UnaryFn its UnaryFn.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_WAVELET_IR_WAVELETENUMS_TD
#define ACCEL_DIALECT_WAVELET_IR_WAVELETENUMS_TD

include "accel/Dialect/Wavelet/IR/WaveletDialect.td"
include "mlir/IR/EnumAttr.td"

/// A set of router ports, printed `east|ramp`. `none` (the empty set) exists so that an
/// empty set can be written and rejected by a verifier rather than by the parser.
def Wavelet_Dir : I32BitEnumAttr<"Dir", "set of router ports", [
  I32BitEnumAttrCaseNone<"None", "none">,
  I32BitEnumAttrCaseBit<"North", 0, "north">,
  I32BitEnumAttrCaseBit<"South", 1, "south">,
  I32BitEnumAttrCaseBit<"East", 2, "east">,
  I32BitEnumAttrCaseBit<"West", 3, "west">,
  I32BitEnumAttrCaseBit<"Ramp", 4, "ramp">
]> {
  let cppNamespace = "::accel::wavelet";
  let genSpecializedAttr = 0;
  let separator = "|";
}

class Wavelet_Enum<string name, string summary, list<I32EnumAttrCase> cases>
    : I32EnumAttr<name, summary, cases> {
  let cppNamespace = "::accel::wavelet";
  let genSpecializedAttr = 0;
}

/// One side of a PE (a fabric port other than the ramp). Values are Program.h's Dir.
def Wavelet_Side : Wavelet_Enum<"Side", "side of a PE", [
  I32EnumAttrCase<"North", 0, "north">,
  I32EnumAttrCase<"South", 1, "south">,
  I32EnumAttrCase<"East", 2, "east">,
  I32EnumAttrCase<"West", 3, "west">
]>;

def Wavelet_TaskKind : Wavelet_Enum<"TaskKind", "kind of task", [
  I32EnumAttrCase<"Local", 0, "local">,
  I32EnumAttrCase<"Data", 1, "data">
]>;

def Wavelet_UnaryFn : Wavelet_Enum<"UnaryFn", "elementwise unary function", [
  I32EnumAttrCase<"Relu", 0, "relu">,
  I32EnumAttrCase<"Exp", 1, "exp">,
  I32EnumAttrCase<"Sigmoid", 2, "sigmoid">,
  I32EnumAttrCase<"Tanh", 3, "tanh">,
  I32EnumAttrCase<"Erf", 4, "erf">,
  I32EnumAttrCase<"Sqrt", 5, "sqrt">,
  I32EnumAttrCase<"Rsqrt", 6, "rsqrt">,
  I32EnumAttrCase<"Recip", 7, "recip">,
  I32EnumAttrCase<"Neg", 8, "neg">,
  I32EnumAttrCase<"Abs", 9, "abs">,
  I32EnumAttrCase<"Log", 10, "log">,
  I32EnumAttrCase<"Floor", 11, "floor">,
  I32EnumAttrCase<"Ceil", 12, "ceil">
]>;

/// Program.h opcodes Add..Min, in that order.
def Wavelet_BinaryKind : Wavelet_Enum<"BinaryKind", "elementwise binary function", [
  I32EnumAttrCase<"Add", 0, "add">,
  I32EnumAttrCase<"Sub", 1, "sub">,
  I32EnumAttrCase<"Mul", 2, "mul">,
  I32EnumAttrCase<"Div", 3, "div">,
  I32EnumAttrCase<"Max", 4, "max">,
  I32EnumAttrCase<"Min", 5, "min">
]>;

/// Program.h opcodes ReduceAdd, ReduceMax.
def Wavelet_ReduceKind : Wavelet_Enum<"ReduceKind", "segmented reduction", [
  I32EnumAttrCase<"Add", 0, "add">,
  I32EnumAttrCase<"Max", 1, "max">
]>;

#endif // ACCEL_DIALECT_WAVELET_IR_WAVELETENUMS_TD
