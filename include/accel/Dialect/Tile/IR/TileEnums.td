//===- TileEnums.td - tile enums ---------------------------*- tablegen -*-===//
//
// Case values match include/accel/Sim/IPU/Program.h, so the emitter converts them with a
// cast: Codelet is Program.h's Codelet, UnaryFn its UnaryFn.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_TILE_IR_TILEENUMS_TD
#define ACCEL_DIALECT_TILE_IR_TILEENUMS_TD

include "accel/Dialect/Tile/IR/TileDialect.td"
include "mlir/IR/EnumAttr.td"

class Tile_Enum<string name, string summary, list<I32EnumAttrCase> cases>
    : I32EnumAttr<name, summary, cases> {
  let cppNamespace = "::accel::tile";
  let genSpecializedAttr = 0;
}

/// The codelet a vertex runs (Program.h Codelet, same order: new cases go at the end).
def Tile_Codelet : Tile_Enum<"Codelet", "vertex codelet", [
  I32EnumAttrCase<"MatMul", 0, "matmul">,
  I32EnumAttrCase<"Add", 1, "add">,
  I32EnumAttrCase<"Sub", 2, "sub">,
  I32EnumAttrCase<"Mul", 3, "mul">,
  I32EnumAttrCase<"Div", 4, "div">,
  I32EnumAttrCase<"Max", 5, "max">,
  I32EnumAttrCase<"Min", 6, "min">,
  I32EnumAttrCase<"Unary", 7, "unary">,
  I32EnumAttrCase<"ReduceAdd", 8, "reduce_add">,
  I32EnumAttrCase<"ReduceMax", 9, "reduce_max">,
  I32EnumAttrCase<"Copy", 10, "copy">,
  I32EnumAttrCase<"Fill", 11, "fill">,
  I32EnumAttrCase<"ScaledAdd", 12, "scaled_add">,
  I32EnumAttrCase<"Conv", 13, "conv">,
  I32EnumAttrCase<"MaxPool", 14, "max_pool">,
  I32EnumAttrCase<"AvgPool", 15, "avg_pool">,
  I32EnumAttrCase<"Transpose", 16, "transpose">,
  I32EnumAttrCase<"Clamp", 17, "clamp">,
  I32EnumAttrCase<"Sum", 18, "sum">,
  I32EnumAttrCase<"ReduceScaledAdd", 19, "reduce_scaled_add">
]>;

/// include/accel/Sim/Common/UnaryFn.h, same order.
def Tile_UnaryFn : Tile_Enum<"UnaryFn", "elementwise unary function", [
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
  I32EnumAttrCase<"Ceil", 12, "ceil">,
  I32EnumAttrCase<"Gelu", 13, "gelu">,
  I32EnumAttrCase<"LeakyRelu", 14, "leaky_relu">,
  I32EnumAttrCase<"HardSigmoid", 15, "hard_sigmoid">,
  I32EnumAttrCase<"HardSwish", 16, "hard_swish">,
  I32EnumAttrCase<"Softplus", 17, "softplus">,
  I32EnumAttrCase<"Silu", 18, "silu">,
  I32EnumAttrCase<"Identity", 19, "identity">
]>;

#endif // ACCEL_DIALECT_TILE_IR_TILEENUMS_TD
