//===- DataflowOps.td - dataflow operations ----------------*- tablegen -*-===//
//
// One op per row of the table in docs/dialect.md. Operand and attribute names
// are the compiler/runtime contract: the schedule carries attributes by name.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWOPS_TD
#define ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWOPS_TD

include "accel/Dialect/Dataflow/IR/DataflowAttrs.td"
include "accel/Dialect/Dataflow/IR/DataflowInterfaces.td"
include "mlir/IR/BuiltinAttributeInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

// Compute types: what every op except `constant` and `cast` takes and produces.
def Dataflow_Tensor : StaticShapeTensorOf<[F32, I64, I32, I1]>;
// Storage types: every ONNX numeric element type. They appear only at the graph
// boundary (function arguments and results), in `constant` and on either side of
// `cast` (docs/dialect.md, "Storage types vs compute types"). Signless i8/i16 are
// ONNX INT8/INT16, `ui*` are ONNX UINT*.
def Dataflow_StorageTensor : StaticShapeTensorOf<[F32, F64, F16, BF16, I64, I32,
                                                   I16, I8, UI64, UI32, UI16, UI8,
                                                   I1]>;
def Dataflow_FloatTensor : StaticShapeTensorOf<[F32]>;
def Dataflow_NumericTensor : StaticShapeTensorOf<[F32, I64, I32]>;
def Dataflow_BoolTensor : StaticShapeTensorOf<[I1]>;
def Dataflow_IndexTensor : StaticShapeTensorOf<[I64, I32]>;
def Dataflow_I64Tensor : StaticShapeTensorOf<[I64]>;

def Dataflow_F32Zero : DefaultValuedAttr<F32Attr, "0.0f">;
def Dataflow_False : DefaultValuedAttr<BoolAttr, "false">;

//===----------------------------------------------------------------------===//
// Base classes
//===----------------------------------------------------------------------===//

class Dataflow_Op<string mnemonic, list<Trait> traits = []>
    : Op<Dataflow_Dialect, mnemonic, !listconcat([Pure], traits)> {
  let results = (outs Dataflow_Tensor:$output);
}

// An op whose result type follows from its operands and attributes. Its
// inferReturnTypes also checks the attributes it reads (lengths, ranges,
// divisibility), so the InferTypeOpInterface verifier reports invalid
// attributes; ops with further rules set hasVerifier.
class Dataflow_InferOp<string mnemonic, list<Trait> traits = []>
    : Dataflow_Op<mnemonic, !listconcat(traits, [InferTypeOpAdaptor])>;

// An op whose result type carries information (a shape or an element type)
// that is not in its attributes.
class Dataflow_TypedOp<string mnemonic, list<Trait> traits = []>
    : Dataflow_Op<mnemonic, traits> {
  let hasVerifier = 1;
}

// Enum attributes that select what an op computes (`kind`, `mode`) are written
// as a bare keyword right after the op name: `dataflow.unary relu %x ...`.
// Ops that do arithmetic count their FLOPs (lib/Dialect/Dataflow/IR/FlopCounts.cpp).
defvar CountsFlops = DeclareOpInterfaceMethods<Dataflow_FlopCountOpInterface>;

// Syntax shared by single-operand ops: `%y = dataflow.op %x {attrs} : t -> t'`.
defvar UnaryFormat = "$input attr-dict `:` type($input) `->` type($output)";
// Syntax shared by multi-operand ops: `... : (t0, t1) -> t`.
defvar FunctionalFormat = "attr-dict `:` functional-type(operands, results)";

//===----------------------------------------------------------------------===//
// Ops
//===----------------------------------------------------------------------===//

def Dataflow_ConstantOp : Dataflow_InferOp<"constant", [ConstantLike]> {
  let summary = "constant tensor";
  let description = [{
    A constant tensor. Weights are `dense_resource<...>` blobs so that large
    tensors never round-trip through text; small constants may be `dense<...>`.

    ```mlir
    %w = dataflow.constant dense_resource<conv1_w> : tensor<8x3x3x3xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Dataflow_StorageTensor:$output);
  let assemblyFormat = "$value attr-dict";
  let hasFolder = 1;
}

def Dataflow_MatmulOp : Dataflow_InferOp<"matmul", [CountsFlops]> {
  let summary = "batched matrix multiplication (numpy matmul)";
  let description = [{
    numpy `matmul` after swapping the last two dims of an operand whose
    `transpose_*` flag is set. Batch dims broadcast; rank-1 operands are
    promoted as numpy does and the promoted dim is dropped from the result.
  }];
  let arguments = (ins Dataflow_NumericTensor:$lhs, Dataflow_NumericTensor:$rhs,
                       Dataflow_False:$transpose_lhs,
                       Dataflow_False:$transpose_rhs);
  let assemblyFormat = !strconcat("$lhs `,` $rhs ", FunctionalFormat);
  let hasCanonicalizer = 1;
}

def Dataflow_ConvOp : Dataflow_InferOp<"conv", [CountsFlops]> {
  let summary = "N-d convolution (ONNX Conv), NCHW / OIHW";
  let description = [{
    `pads` holds all begins then all ends. `weight` is
    `C_out x C_in/groups x k...`; `bias` (optional) is `C_out`.
  }];
  let arguments = (ins Dataflow_FloatTensor:$input, Dataflow_FloatTensor:$weight,
                       Optional<Dataflow_FloatTensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads,
                       DefaultValuedAttr<I64Attr, "1">:$groups);
  let assemblyFormat = !strconcat("$input `,` $weight (`,` $bias^)? ", FunctionalFormat);
}

def Dataflow_ConvTransposeOp : Dataflow_InferOp<"conv_transpose", [CountsFlops]> {
  let summary = "N-d transposed convolution (ONNX ConvTranspose)";
  let description = [{
    `weight` is `C_in x C_out/groups x k...`; output size per spatial dim is
    `stride * (in - 1) + output_padding + dilation * (k - 1) + 1 - pad_begin - pad_end`.
  }];
  let arguments = (ins Dataflow_FloatTensor:$input, Dataflow_FloatTensor:$weight,
                       Optional<Dataflow_FloatTensor>:$bias,
                       DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$dilations,
                       DenseI64ArrayAttr:$pads, DenseI64ArrayAttr:$output_padding,
                       DefaultValuedAttr<I64Attr, "1">:$groups);
  let assemblyFormat = !strconcat("$input `,` $weight (`,` $bias^)? ", FunctionalFormat);
}

def Dataflow_FusedOp : Dataflow_Op<"fused", [
    CountsFlops, IsolatedFromAbove, SingleBlock]> {
  let summary = "a conv or matmul with the elementwise epilogue fused into it";
  let description = [{
    Made by `dataflow-fuse-epilogues`. The body's block arguments are the
    operands; its first op is the anchor (`conv` or `matmul`) and every further
    op an elementwise `unary`, `clamp` or arithmetic `binary` whose first operand
    (either operand of `add`, `mul`, `max`, `min`) is the value before it, so the
    body is a chain ending in `yield`. The one exception is SiLU, written
    `unary sigmoid` of the chain value followed by `binary mul` of the chain value
    and that sigmoid. Other operands are block arguments that broadcast into the
    chain value's shape. A target runs the whole op as one kernel (the host:
    oneDNN post-ops) or the ops one by one; both compute the same.

    ```mlir
    %y = dataflow.fused %x, %w, %b, %r : (tensor<1x64x56x56xf32>, ...) -> tensor<1x64x56x56xf32> {
    ^bb0(%a: tensor<1x64x56x56xf32>, %wt: ..., %bias: ..., %res: ...):
      %c = dataflow.conv %a, %wt, %bias {...} : ...
      %s = dataflow.binary add %c, %res : ...
      %o = dataflow.unary relu %s : ...
      dataflow.yield %o : tensor<1x64x56x56xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Dataflow_Tensor>:$inputs);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, results) $body";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The conv or matmul the epilogue follows.
    ::mlir::Operation *getAnchor();
  }];
}

def Dataflow_YieldOp : Op<Dataflow_Dialect, "yield", [
    Pure, Terminator, HasParent<"FusedOp">]> {
  let summary = "the result of a fused op's body";
  let arguments = (ins Dataflow_Tensor:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

def Dataflow_UnaryOp : Dataflow_InferOp<"unary", [CountsFlops]> {
  let summary = "elementwise unary function";
  let description = [{
    `alpha` and `beta` parameterise `leaky_relu`, `elu`, `selu` (beta = gamma),
    `hard_sigmoid`, `celu` and `thresholded_relu`. `isnan`/`isinf` return i1.

    ```mlir
    %y = dataflow.unary relu %x : tensor<4xf32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Dataflow_UnaryKindAttr:$kind, Dataflow_Tensor:$input,
                       Dataflow_F32Zero:$alpha, Dataflow_F32Zero:$beta);
  let assemblyFormat = !strconcat("custom<EnumKeyword>($kind) ", UnaryFormat);
  let hasFolder = 1;
  let hasVerifier = 1;
}

def Dataflow_BinaryOp : Dataflow_InferOp<"binary", [CountsFlops]> {
  let summary = "elementwise binary function with broadcasting";
  let description = [{
    ```mlir
    %z = dataflow.binary add %x, %y : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    ```
    Comparisons (`equal`, `less`, ...) and logic (`and`, `or`, `xor`) return i1.
  }];
  let arguments = (ins Dataflow_BinaryKindAttr:$kind, Dataflow_Tensor:$lhs,
                       Dataflow_Tensor:$rhs);
  let assemblyFormat = !strconcat("custom<EnumKeyword>($kind) $lhs `,` $rhs ", FunctionalFormat);
  let hasVerifier = 1;
}

def Dataflow_ClampOp : Dataflow_InferOp<"clamp", [CountsFlops]> {
  let summary = "min(max(x, min), max)";
  let arguments = (ins Dataflow_NumericTensor:$input, F32Attr:$min, F32Attr:$max);
  let assemblyFormat = UnaryFormat;
  let hasVerifier = 1;
}

def Dataflow_WhereOp : Dataflow_InferOp<"where", [CountsFlops]> {
  let summary = "cond ? lhs : rhs, broadcasting all three";
  let arguments = (ins Dataflow_BoolTensor:$cond, Dataflow_Tensor:$lhs,
                       Dataflow_Tensor:$rhs);
  let assemblyFormat = !strconcat("$cond `,` $lhs `,` $rhs ", FunctionalFormat);
}

def Dataflow_ReduceOp : Dataflow_InferOp<"reduce", [CountsFlops]> {
  let summary = "reduction over axes (empty axes = identity)";
  let arguments = (ins Dataflow_ReduceKindAttr:$kind, Dataflow_NumericTensor:$input,
                       DenseI64ArrayAttr:$axes, Dataflow_False:$keep_dims);
  let assemblyFormat = !strconcat("custom<EnumKeyword>($kind) ", UnaryFormat);
}

def Dataflow_ArgReduceOp : Dataflow_InferOp<"arg_reduce", [CountsFlops]> {
  let summary = "index (i64) of the extreme value along one axis";
  let arguments = (ins Dataflow_ArgReduceKindAttr:$kind,
                       Dataflow_NumericTensor:$input, I64Attr:$axis,
                       Dataflow_False:$keep_dims, Dataflow_False:$select_last_index);
  let results = (outs Dataflow_I64Tensor:$output);
  let assemblyFormat = !strconcat("custom<EnumKeyword>($kind) ", UnaryFormat);
}

def Dataflow_PoolOp : Dataflow_InferOp<"pool", [CountsFlops]> {
  let summary = "max or average pooling (ONNX MaxPool/AveragePool)";
  let arguments = (ins Dataflow_PoolKindAttr:$kind, Dataflow_FloatTensor:$input,
                       DenseI64ArrayAttr:$kernel_shape, DenseI64ArrayAttr:$strides,
                       DenseI64ArrayAttr:$pads, DenseI64ArrayAttr:$dilations,
                       Dataflow_False:$ceil_mode, Dataflow_False:$count_include_pad);
  let assemblyFormat = !strconcat("custom<EnumKeyword>($kind) ", UnaryFormat);
}

def Dataflow_SoftmaxOp : Dataflow_InferOp<"softmax", [CountsFlops]> {
  let summary = "softmax or log-softmax along one axis";
  let arguments = (ins Dataflow_FloatTensor:$input, I64Attr:$axis, Dataflow_False:$log);
  let assemblyFormat = UnaryFormat;
}

def Dataflow_LayerNormOp : Dataflow_InferOp<"layer_norm", [CountsFlops]> {
  let summary = "normalise over dims axis..rank-1, then * scale + bias";
  let arguments = (ins Dataflow_FloatTensor:$input, Dataflow_FloatTensor:$scale,
                       Optional<Dataflow_FloatTensor>:$bias, I64Attr:$axis,
                       DefaultValuedAttr<F32Attr, "1.0e-5f">:$epsilon);
  let assemblyFormat = !strconcat("$input `,` $scale (`,` $bias^)? ", FunctionalFormat);
}

def Dataflow_TransposeOp : Dataflow_InferOp<"transpose"> {
  let summary = "permute dims: output dim i is input dim perm[i]";
  let arguments = (ins Dataflow_Tensor:$input, DenseI64ArrayAttr:$perm);
  let assemblyFormat = UnaryFormat;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Dataflow_ReshapeOp : Dataflow_TypedOp<"reshape"> {
  let summary = "same elements, new static shape (the result type)";
  let arguments = (ins Dataflow_Tensor:$input);
  let assemblyFormat = UnaryFormat;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Dataflow_ExpandOp : Dataflow_TypedOp<"expand"> {
  let summary = "broadcast to the result shape";
  let arguments = (ins Dataflow_Tensor:$input);
  let assemblyFormat = UnaryFormat;
  let hasFolder = 1;
}

def Dataflow_SliceOp : Dataflow_TypedOp<"slice"> {
  let summary = "strided slice; the result shape is the result type";
  let description = [{
    `out[i0, ...] = in[starts[0] + i0 * steps[0], ...]`; `starts` and `steps`
    cover every dim and are normalised (starts in range, steps non-zero).
  }];
  let arguments = (ins Dataflow_Tensor:$input, DenseI64ArrayAttr:$starts,
                       DenseI64ArrayAttr:$steps);
  let assemblyFormat = UnaryFormat;
  let hasFolder = 1;
}

def Dataflow_ConcatOp : Dataflow_InferOp<"concat"> {
  let summary = "concatenate along one axis";
  let arguments = (ins Variadic<Dataflow_Tensor>:$inputs, I64Attr:$axis);
  let assemblyFormat = !strconcat("$inputs ", FunctionalFormat);
  let hasFolder = 1;
}

def Dataflow_GatherOp : Dataflow_InferOp<"gather"> {
  let summary = "ONNX Gather (negative indices count from the end)";
  let arguments = (ins Dataflow_Tensor:$input, Dataflow_IndexTensor:$indices,
                       I64Attr:$axis);
  let assemblyFormat = !strconcat("$input `,` $indices ", FunctionalFormat);
}

def Dataflow_GatherElementsOp : Dataflow_InferOp<"gather_elements"> {
  let summary = "ONNX GatherElements (negative indices count from the end)";
  let description = [{
    `out[i0,..,ia,..] = input[i0,..,indices[i0,..,ia,..],..]` with the index
    replacing dimension `axis`. `indices` has the input's rank; the result
    has the shape of `indices`, whose dims must not exceed the input's
    outside `axis`.
  }];
  let arguments = (ins Dataflow_Tensor:$input, Dataflow_IndexTensor:$indices,
                       I64Attr:$axis);
  let assemblyFormat = !strconcat("$input `,` $indices ", FunctionalFormat);
}

def Dataflow_ScatterElementsOp : Dataflow_InferOp<"scatter_elements"> {
  let summary = "ONNX ScatterElements (negative indices count from the end)";
  let description = [{
    A copy of `data` where, for every position `i` of `indices`,
    `out[i0,..,indices[i],..] = updates[i]` (the index replaces dimension
    `axis`); with `reduction` add/mul the update is combined with the value
    there instead, in the order of `indices`. `indices` and `updates` have the
    same shape and the data's rank, not exceeding it outside `axis`.
  }];
  let arguments = (ins Dataflow_Tensor:$data, Dataflow_IndexTensor:$indices,
                       Dataflow_Tensor:$updates, I64Attr:$axis,
                       DefaultValuedAttr<Dataflow_ScatterReductionAttr,
                         "::accel::dataflow::ScatterReduction::None">:$reduction);
  let assemblyFormat = !strconcat("$data `,` $indices `,` $updates ", FunctionalFormat);
}

def Dataflow_GatherNDOp : Dataflow_InferOp<"gather_nd"> {
  let summary = "ONNX GatherND (negative indices count from the end)";
  let description = [{
    The last dim of `indices` holds tuples of `m` indices into the data dims
    after the `batch_dims` leading dims (which data and indices share); each
    tuple selects a slice. Result shape: `indices.shape[:-1] ++
    data.shape[batch_dims + m:]`.
  }];
  let arguments = (ins Dataflow_Tensor:$input, Dataflow_IndexTensor:$indices,
                       DefaultValuedAttr<I64Attr, "0">:$batch_dims);
  let assemblyFormat = !strconcat("$input `,` $indices ", FunctionalFormat);
}

def Dataflow_ScatterNDOp : Dataflow_InferOp<"scatter_nd"> {
  let summary = "ONNX ScatterND (negative indices count from the end)";
  let description = [{
    A copy of `data` where the slice selected by each index tuple (the last
    dim of `indices`) is replaced by (or, with `reduction` add/mul, combined
    with) the matching slice of `updates`, in the order of `indices`.
    `updates` has shape `indices.shape[:-1] ++ data.shape[m:]`.
  }];
  let arguments = (ins Dataflow_Tensor:$data, Dataflow_IndexTensor:$indices,
                       Dataflow_Tensor:$updates,
                       DefaultValuedAttr<Dataflow_ScatterReductionAttr,
                         "::accel::dataflow::ScatterReduction::None">:$reduction);
  let assemblyFormat = !strconcat("$data `,` $indices `,` $updates ", FunctionalFormat);
}

def Dataflow_TopKOp : Dataflow_InferOp<"top_k"> {
  let summary = "ONNX TopK: the k largest (or smallest) elements along an axis";
  let description = [{
    `values` and `indices` (i64) hold, along `axis`, the `k` largest
    (`largest` true) or smallest elements in that order; equal values keep
    the lower index first.
  }];
  let arguments = (ins Dataflow_NumericTensor:$input, I64Attr:$k, I64Attr:$axis,
                       DefaultValuedAttr<BoolAttr, "true">:$largest);
  let results = (outs Dataflow_NumericTensor:$values, Dataflow_I64Tensor:$indices);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($values) `,` type($indices)";
}

def Dataflow_PadOp : Dataflow_InferOp<"pad"> {
  let summary = "ONNX Pad: pads holds all begins then all ends";
  let arguments = (ins Dataflow_PadModeAttr:$mode, Dataflow_Tensor:$input,
                       DenseI64ArrayAttr:$pads, Dataflow_F32Zero:$value);
  let assemblyFormat = !strconcat("custom<EnumKeyword>($mode) ", UnaryFormat);
}

def Dataflow_CastOp : Dataflow_TypedOp<"cast"> {
  let summary = "element type conversion (the result element type)";
  let description = [{
    Converts between any two storage types with ONNX Cast rules: float to
    float and integer to float round to nearest even, float to integer
    truncates toward zero (NaN to 0, out-of-range saturates), integer to
    integer wraps, anything to `i1` is `!= 0`.
  }];
  let arguments = (ins Dataflow_StorageTensor:$input);
  let results = (outs Dataflow_StorageTensor:$output);
  let assemblyFormat = UnaryFormat;
  let hasFolder = 1;
}

def Dataflow_ResizeOp : Dataflow_TypedOp<"resize", [CountsFlops]> {
  let summary = "ONNX Resize; the result shape is the result type";
  let arguments = (ins Dataflow_ResizeModeAttr:$mode, Dataflow_FloatTensor:$input,
                       DefaultValuedAttr<Dataflow_ResizeCoordinateModeAttr,
                         "::accel::dataflow::ResizeCoordinateMode::HalfPixel">:$coordinate_mode,
                       DefaultValuedAttr<Dataflow_ResizeNearestModeAttr,
                         "::accel::dataflow::ResizeNearestMode::RoundPreferFloor">:$nearest_mode,
                       DenseF32ArrayAttr:$scales,
                       DefaultValuedAttr<F32Attr, "-0.75f">:$cubic_coeff_a,
                       Dataflow_False:$exclude_outside);
  let results = (outs Dataflow_FloatTensor:$output);
  let assemblyFormat = !strconcat("custom<EnumKeyword>($mode) ", UnaryFormat);
}

//===----------------------------------------------------------------------===//
// Recurrent ops (ONNX RNN, GRU, LSTM)
//===----------------------------------------------------------------------===//

// The operands, attributes and results every recurrent op shares. With
// `layout` 0 the input is `seq x batch x input_size`, `output` is
// `seq x dirs x batch x hidden` and the final states are `dirs x batch x hidden`;
// with `layout` 1 the batch comes first: `batch x seq x input_size`,
// `batch x seq x dirs x hidden`, `batch x dirs x hidden`. `weight` is
// `dirs x gates*hidden x input_size`, `recurrence` `dirs x gates*hidden x hidden`,
// `bias` `dirs x 2*gates*hidden` (input biases, then recurrence biases), all in
// ONNX gate order. `activations` holds `fns_per_dir` functions per direction
// (forward first); `activation_alpha` / `activation_beta`, when present, hold
// one value per activation and are required when an activation takes
// parameters. `clip` bounds every activation's input to [-clip, clip]. Rows
// past a batch entry's `sequence_lens` are zero in `output`, and its final
// states are those of its last step (zero without steps).
class Dataflow_RecurrentOp<string mnemonic, list<Trait> traits = []>
    : Dataflow_InferOp<mnemonic, !listconcat([AttrSizedOperandSegments, CountsFlops],
                                             traits)> {
  dag commonArguments = (ins Dataflow_RnnDirectionAttr:$direction,
                             Dataflow_FloatTensor:$input,
                             Dataflow_FloatTensor:$weight,
                             Dataflow_FloatTensor:$recurrence,
                             Optional<Dataflow_FloatTensor>:$bias,
                             Optional<Dataflow_IndexTensor>:$sequence_lens,
                             Optional<Dataflow_FloatTensor>:$initial_h);
  dag commonAttributes = (ins Dataflow_RnnActivationArrayAttr:$activations,
                              OptionalAttr<DenseF32ArrayAttr>:$activation_alpha,
                              OptionalAttr<DenseF32ArrayAttr>:$activation_beta,
                              OptionalAttr<F32Attr>:$clip,
                              DefaultValuedAttr<I64Attr, "0">:$layout);
  string commonFormat = "custom<EnumKeyword>($direction) $input `,` $weight `,` $recurrence "
      "(`bias` `(` $bias^ `)`)? (`sequence_lens` `(` $sequence_lens^ `)`)? "
      "(`initial_h` `(` $initial_h^ `)`)? ";
  string activationsFormat = !strconcat(
      "`activations` custom<ActivationList>($activations) ", FunctionalFormat);
}

def Dataflow_RnnOp : Dataflow_RecurrentOp<"rnn"> {
  let summary = "simple recurrent layer (ONNX RNN)";
  let description = [{
    `H_t = f(clip(X_t W^T + H_{t-1} R^T + Wb + Rb))`; one activation per
    direction (ONNX default `tanh`). Results: `output` (all hidden states)
    and `output_h` (the last one).

    ```mlir
    %y, %yh = dataflow.rnn forward %x, %w, %r bias(%b) activations [tanh]
        : (tensor<4x2x3xf32>, tensor<1x5x3xf32>, tensor<1x5x5xf32>, tensor<1x10xf32>)
        -> (tensor<4x1x2x5xf32>, tensor<1x2x5xf32>)
    ```
  }];
  let arguments = !con(commonArguments, commonAttributes);
  let results = (outs Dataflow_FloatTensor:$output, Dataflow_FloatTensor:$output_h);
  let assemblyFormat = !strconcat(commonFormat, activationsFormat);
  let extraClassDeclaration = [{
    static constexpr int64_t kGates = 1, kActivationsPerDirection = 1;
  }];
}

def Dataflow_GruOp : Dataflow_RecurrentOp<"gru"> {
  let summary = "gated recurrent unit layer (ONNX GRU)";
  let description = [{
    Gates in ONNX order `z, r, h`; activations `f, g` per direction (ONNX
    default `sigmoid, tanh`):
    `z = f(X Wz^T + H Rz^T + Wbz + Rbz)`, `r = f(X Wr^T + H Rr^T + Wbr + Rbr)`,
    `h = g(X Wh^T + (r . H) Rh^T + Rbh + Wbh)`, or with `linear_before_reset`
    `h = g(X Wh^T + r . (H Rh^T + Rbh) + Wbh)`; `H' = (1 - z) . h + z . H`.
  }];
  let arguments = !con(commonArguments, commonAttributes,
                       (ins Dataflow_False:$linear_before_reset));
  let results = (outs Dataflow_FloatTensor:$output, Dataflow_FloatTensor:$output_h);
  let assemblyFormat = !strconcat(commonFormat, activationsFormat);
  let extraClassDeclaration = [{
    static constexpr int64_t kGates = 3, kActivationsPerDirection = 2;
  }];
}

def Dataflow_LstmOp : Dataflow_RecurrentOp<"lstm"> {
  let summary = "long short-term memory layer (ONNX LSTM)";
  let description = [{
    Gates in ONNX order `i, o, f, c`; activations `f, g, h` per direction
    (ONNX default `sigmoid, tanh, tanh`); `peepholes` is `dirs x 3*hidden`
    (`i, o, f`):
    `i = f(X Wi^T + H Ri^T + Pi . C + Wbi + Rbi)`,
    `f = f(X Wf^T + H Rf^T + Pf . C + Wbf + Rbf)` (`1 - i` with
    `input_forget`), `c = g(X Wc^T + H Rc^T + Wbc + Rbc)`, `C' = f . C + i . c`,
    `o = f(X Wo^T + H Ro^T + Po . C' + Wbo + Rbo)`, `H' = o . h(C')`.
    Results: `output`, `output_h`, `output_c` (the last cell state).
  }];
  let arguments = !con(commonArguments,
                       (ins Optional<Dataflow_FloatTensor>:$initial_c,
                            Optional<Dataflow_FloatTensor>:$peepholes),
                       commonAttributes, (ins Dataflow_False:$input_forget));
  let results = (outs Dataflow_FloatTensor:$output, Dataflow_FloatTensor:$output_h,
                      Dataflow_FloatTensor:$output_c);
  let assemblyFormat = !strconcat(commonFormat,
      "(`initial_c` `(` $initial_c^ `)`)? (`peepholes` `(` $peepholes^ `)`)? ",
      activationsFormat);
  let extraClassDeclaration = [{
    static constexpr int64_t kGates = 4, kActivationsPerDirection = 3;
  }];
}

#endif // ACCEL_DIALECT_DATAFLOW_IR_DATAFLOWOPS_TD
