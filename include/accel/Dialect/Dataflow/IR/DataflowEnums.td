//===- DataflowEnums.td - dataflow enum attributes ---------*- tablegen -*-===//
//
// The string of every case is the name written in the IR and in schedules; the
// runtime kernels dispatch on these strings, so they never change.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWENUMS_TD
#define ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWENUMS_TD

include "accel/Dialect/Dataflow/IR/DataflowDialect.td"
include "mlir/IR/EnumAttr.td"

class Dataflow_Enum<string name, string summary, list<I32EnumAttrCase> cases>
    : I32EnumAttr<name, summary, cases> {
  let cppNamespace = "::accel::dataflow";
  let genSpecializedAttr = 0;
}

def Dataflow_UnaryKind : Dataflow_Enum<"UnaryKind", "elementwise unary function", [
  I32EnumAttrCase<"Abs", 0, "abs">,
  I32EnumAttrCase<"Neg", 1, "neg">,
  I32EnumAttrCase<"Relu", 2, "relu">,
  I32EnumAttrCase<"Sigmoid", 3, "sigmoid">,
  I32EnumAttrCase<"Tanh", 4, "tanh">,
  I32EnumAttrCase<"Exp", 5, "exp">,
  I32EnumAttrCase<"Log", 6, "log">,
  I32EnumAttrCase<"Sqrt", 7, "sqrt">,
  I32EnumAttrCase<"Reciprocal", 8, "reciprocal">,
  I32EnumAttrCase<"Floor", 9, "floor">,
  I32EnumAttrCase<"Ceil", 10, "ceil">,
  I32EnumAttrCase<"Round", 11, "round">,
  I32EnumAttrCase<"Erf", 12, "erf">,
  I32EnumAttrCase<"Sin", 13, "sin">,
  I32EnumAttrCase<"Cos", 14, "cos">,
  I32EnumAttrCase<"Tan", 15, "tan">,
  I32EnumAttrCase<"Asin", 16, "asin">,
  I32EnumAttrCase<"Acos", 17, "acos">,
  I32EnumAttrCase<"Atan", 18, "atan">,
  I32EnumAttrCase<"Sinh", 19, "sinh">,
  I32EnumAttrCase<"Cosh", 20, "cosh">,
  I32EnumAttrCase<"Asinh", 21, "asinh">,
  I32EnumAttrCase<"Acosh", 22, "acosh">,
  I32EnumAttrCase<"Atanh", 23, "atanh">,
  I32EnumAttrCase<"Sign", 24, "sign">,
  I32EnumAttrCase<"Not", 25, "not">,
  I32EnumAttrCase<"Softplus", 26, "softplus">,
  I32EnumAttrCase<"Softsign", 27, "softsign">,
  I32EnumAttrCase<"LeakyRelu", 28, "leaky_relu">,
  I32EnumAttrCase<"Elu", 29, "elu">,
  I32EnumAttrCase<"Selu", 30, "selu">,
  I32EnumAttrCase<"HardSigmoid", 31, "hard_sigmoid">,
  I32EnumAttrCase<"HardSwish", 32, "hard_swish">,
  I32EnumAttrCase<"Gelu", 33, "gelu">,
  I32EnumAttrCase<"Celu", 34, "celu">,
  I32EnumAttrCase<"ThresholdedRelu", 35, "thresholded_relu">,
  I32EnumAttrCase<"Identity", 36, "identity">,
  I32EnumAttrCase<"IsNaN", 37, "isnan">,
  I32EnumAttrCase<"IsInf", 38, "isinf">
]>;

def Dataflow_BinaryKind : Dataflow_Enum<"BinaryKind", "elementwise binary function", [
  I32EnumAttrCase<"Add", 0, "add">,
  I32EnumAttrCase<"Sub", 1, "sub">,
  I32EnumAttrCase<"Mul", 2, "mul">,
  I32EnumAttrCase<"Div", 3, "div">,
  I32EnumAttrCase<"Pow", 4, "pow">,
  I32EnumAttrCase<"Max", 5, "max">,
  I32EnumAttrCase<"Min", 6, "min">,
  I32EnumAttrCase<"Mod", 7, "mod">,
  I32EnumAttrCase<"FMod", 8, "fmod">,
  I32EnumAttrCase<"Equal", 9, "equal">,
  I32EnumAttrCase<"Less", 10, "less">,
  I32EnumAttrCase<"LessEqual", 11, "less_equal">,
  I32EnumAttrCase<"Greater", 12, "greater">,
  I32EnumAttrCase<"GreaterEqual", 13, "greater_equal">,
  I32EnumAttrCase<"And", 14, "and">,
  I32EnumAttrCase<"Or", 15, "or">,
  I32EnumAttrCase<"Xor", 16, "xor">
]>;

def Dataflow_ReduceKind : Dataflow_Enum<"ReduceKind", "reduction", [
  I32EnumAttrCase<"Sum", 0, "sum">,
  I32EnumAttrCase<"Mean", 1, "mean">,
  I32EnumAttrCase<"Max", 2, "max">,
  I32EnumAttrCase<"Min", 3, "min">,
  I32EnumAttrCase<"Prod", 4, "prod">,
  I32EnumAttrCase<"L1", 5, "l1">,
  I32EnumAttrCase<"L2", 6, "l2">,
  I32EnumAttrCase<"LogSumExp", 7, "log_sum_exp">,
  I32EnumAttrCase<"SumSquare", 8, "sum_square">
]>;

def Dataflow_ArgReduceKind : Dataflow_Enum<"ArgReduceKind", "arg reduction", [
  I32EnumAttrCase<"Max", 0, "max">,
  I32EnumAttrCase<"Min", 1, "min">
]>;

def Dataflow_PoolKind : Dataflow_Enum<"PoolKind", "pooling", [
  I32EnumAttrCase<"Max", 0, "max">,
  I32EnumAttrCase<"Avg", 1, "avg">
]>;

def Dataflow_PadMode : Dataflow_Enum<"PadMode", "padding mode", [
  I32EnumAttrCase<"Constant", 0, "constant">,
  I32EnumAttrCase<"Reflect", 1, "reflect">,
  I32EnumAttrCase<"Edge", 2, "edge">
]>;

def Dataflow_ResizeMode : Dataflow_Enum<"ResizeMode", "resize interpolation", [
  I32EnumAttrCase<"Nearest", 0, "nearest">,
  I32EnumAttrCase<"Linear", 1, "linear">,
  I32EnumAttrCase<"Cubic", 2, "cubic">
]>;

def Dataflow_ResizeCoordinateMode : Dataflow_Enum<"ResizeCoordinateMode",
    "resize coordinate transformation (ONNX names)", [
  I32EnumAttrCase<"HalfPixel", 0, "half_pixel">,
  I32EnumAttrCase<"HalfPixelSymmetric", 1, "half_pixel_symmetric">,
  I32EnumAttrCase<"PytorchHalfPixel", 2, "pytorch_half_pixel">,
  I32EnumAttrCase<"AlignCorners", 3, "align_corners">,
  I32EnumAttrCase<"Asymmetric", 4, "asymmetric">,
  I32EnumAttrCase<"TfHalfPixelForNN", 5, "tf_half_pixel_for_nn">
]>;

def Dataflow_ResizeNearestMode : Dataflow_Enum<"ResizeNearestMode",
    "resize nearest rounding (ONNX names)", [
  I32EnumAttrCase<"RoundPreferFloor", 0, "round_prefer_floor">,
  I32EnumAttrCase<"RoundPreferCeil", 1, "round_prefer_ceil">,
  I32EnumAttrCase<"Floor", 2, "floor">,
  I32EnumAttrCase<"Ceil", 3, "ceil">
]>;

def Dataflow_ScatterReduction : Dataflow_Enum<"ScatterReduction",
    "how scattered updates combine with the data (ONNX names)", [
  I32EnumAttrCase<"None", 0, "none">,
  I32EnumAttrCase<"Add", 1, "add">,
  I32EnumAttrCase<"Mul", 2, "mul">
]>;

def Dataflow_RnnDirection : Dataflow_Enum<"RnnDirection",
    "direction of a recurrent op (ONNX names)", [
  I32EnumAttrCase<"Forward", 0, "forward">,
  I32EnumAttrCase<"Reverse", 1, "reverse">,
  I32EnumAttrCase<"Bidirectional", 2, "bidirectional">
]>;

// Every activation ONNX allows in LSTM, GRU and RNN. `affine`, `scaled_tanh`,
// `leaky_relu`, `thresholded_relu`, `hard_sigmoid` and `elu` read their
// parameters from the op's `activation_alpha` / `activation_beta`.
def Dataflow_RnnActivation : Dataflow_Enum<"RnnActivation",
    "activation function of a recurrent op", [
  I32EnumAttrCase<"Relu", 0, "relu">,
  I32EnumAttrCase<"Tanh", 1, "tanh">,
  I32EnumAttrCase<"Sigmoid", 2, "sigmoid">,
  I32EnumAttrCase<"Affine", 3, "affine">,
  I32EnumAttrCase<"LeakyRelu", 4, "leaky_relu">,
  I32EnumAttrCase<"ThresholdedRelu", 5, "thresholded_relu">,
  I32EnumAttrCase<"ScaledTanh", 6, "scaled_tanh">,
  I32EnumAttrCase<"HardSigmoid", 7, "hard_sigmoid">,
  I32EnumAttrCase<"Elu", 8, "elu">,
  I32EnumAttrCase<"Softsign", 9, "softsign">,
  I32EnumAttrCase<"Softplus", 10, "softplus">
]>;

#endif // ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWENUMS_TD
