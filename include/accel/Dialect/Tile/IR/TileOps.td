//===- TileOps.td - tile ops -------------------------------*- tablegen -*-===//
//
// One op per struct of include/accel/Sim/IPU/Program.h:
//   ipu     -> Program (device descriptor)     kernel        -> Layer (and its Steps)
//   tensor  -> a word range of every tile it lives on (memoryWordsPerTile)
//   init    -> TileInit                        compute_set   -> ComputeSet (Step Compute)
//   vertex  -> Vertex                          sync          -> Step Sync
//   exchange -> Exchange (Step Exchange)       transfer      -> Transfer
//   host_exchange -> HostExchange (Step)       host_copy     -> HostCopy
//   repeat  -> Step RepeatBegin ... RepeatEnd
// See docs/dialect-tile.md.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_TILE_IR_TILEOPS_TD
#define ACCEL_DIALECT_TILE_IR_TILEOPS_TD

include "accel/Dialect/Tile/IR/TileAttrs.td"
include "accel/Dialect/Tile/IR/TileTypes.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"

/// A word range of a tile tensor on one tile: [offset, len].
def Tile_SliceAttr : ConfinedAttr<DenseI64ArrayAttr, [DenseArrayCount<2>]>;

/// The ops that may hold program steps.
defvar Tile_StepParents = ["::accel::tile::KernelOp", "::accel::tile::RepeatOp"];

//===----------------------------------------------------------------------===//
// Structure
//===----------------------------------------------------------------------===//

def Tile_IpuOp : Tile_Op<"ipu", [
    IsolatedFromAbove, SymbolTable, SingleBlock, NoTerminator, NoRegionArguments]> {
  let summary = "The IPU a device segment runs on: the anchor op of the target";
  let description = [{
    Carries the device descriptor (`preset` and every field in `fields`, stored in the
    schedule; the common ones also as attributes for the verifiers) and holds one
    `tile.kernel` per device layer.

    ```mlir
    tile.ipu preset("gc200") tiles(1472) memory_bytes(638976) workers(6)
        clock_hz(1.330000e+09) fields {} {
      tile.kernel @fc1(...) -> (...) { ... }
    }
    ```
  }];
  let arguments = (ins StrAttr:$preset, I64Attr:$tiles, I64Attr:$memory_bytes,
                       I64Attr:$workers, F64Attr:$clock_hz, DictionaryAttr:$fields);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `preset` `(` $preset `)` `tiles` `(` $tiles `)` `memory_bytes` `(` $memory_bytes `)`
    `workers` `(` $workers `)` `clock_hz` `(` $clock_hz `)` `fields` $fields
    attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The ipu `op` is nested in, or null.
    static IpuOp getEnclosing(::mlir::Operation *op) {
      return op->getParentOfType<IpuOp>();
    }
    /// Words of 32 bits of one tile's memory.
    int64_t getMemoryWords() { return getMemoryBytes() / 4; }
  }];
}

def Tile_KernelOp : Tile_Op<"kernel", [
    FunctionOpInterface, IsolatedFromAbove, SingleBlock, NoTerminator,
    HasParent<"::accel::tile::IpuOp">]> {
  let summary = "One device layer: a BSP program computing outputs from inputs";
  let description = [{
    Block arguments are the layer's input tensors (activations and constants); results
    are written by `tile.host_copy ... to result(i)` ops, so the body has no terminator.
    Before mapping the body holds the op the layer runs (a dataflow op); once mapped it
    holds the tile tensors and their inits, then the program steps. `flops` is the
    layer's FLOP count, for the report.

    A kernel is one report layer named after it, unless it lists the ONNX nodes it runs
    in `layers` (`#tile.layer` entries); then each step says which one its time is
    charged to with `layer(i)` (a step without one, outside any repeat that has one,
    counts only in the totals).

    ```mlir
    tile.kernel @fc1(%x: tensor<1x16xf32>, %w: tensor<16x8xf32>) -> tensor<1x8xf32>
        attributes {flops = 256 : i64} {
      %acts = tile.tensor "acts" tiles [0, 1] : !tile.tensor<16>
      ...
      tile.compute_set "cs0" { ... }
      tile.sync
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<StrAttr>:$sym_visibility,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs,
                       OptionalAttr<I64Attr>:$flops,
                       OptionalAttr<TypedArrayAttrBase<Tile_LayerAttr,
                                                       "array of #tile.layer">>:$layers);
  let regions = (region SizedRegion<1>:$body);
  let builders = [
    // Without `layers`: a kernel starts as one layer (the partition pass builds these).
    OpBuilder<(ins "::llvm::StringRef":$sym_name, "::mlir::FunctionType":$function_type,
                   "::mlir::StringAttr":$sym_visibility, "::mlir::ArrayAttr":$arg_attrs,
                   "::mlir::ArrayAttr":$res_attrs, "::mlir::IntegerAttr":$flops), [{
      build($_builder, $_state, sym_name, function_type, sym_visibility, arg_attrs,
            res_attrs, flops, ::mlir::ArrayAttr());
    }]>
  ];
  let hasCustomAssemblyFormat = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Region *getCallableRegion() { return &getBody(); }
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    /// Whether the kernel has been mapped (its body holds tile ops).
    bool isMapped();
    /// How many report layers the kernel has: its `layers`, or 1 (itself).
    int64_t getNumLayers() {
      return getLayersAttr() ? static_cast<int64_t>(getLayersAttr().size()) : 1;
    }
  }];
}

def Tile_LaunchOp : Tile_Op<"launch", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Runs a kernel of the module's ipu from the host program";
  let description = [{
    ```mlir
    %y = tile.launch @fc1(%x, %w) : (tensor<1x16xf32>, tensor<16x8xf32>) -> tensor<1x8xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$kernel, Variadic<AnyRankedTensor>:$inputs);
  let results = (outs Variadic<AnyRankedTensor>:$outputs);
  let assemblyFormat = [{
    $kernel `(` $inputs `)` attr-dict `:` functional-type($inputs, $outputs)
  }];
}

def Tile_OutputsOp : Tile_Op<"outputs", [HasParent<"::accel::tile::KernelOp">]> {
  let summary = "Before mapping: the values an unmapped kernel returns, in result order";
  let description = [{
    The last op of a kernel whose body still holds dataflow ops (the partition pass
    writes it when it outlines a run of device ops); the mapping pass replaces it by the
    host exchange that copies those values out to the kernel's results.

    ```mlir
    tile.outputs %1, %3 : tensor<1x64xf32>, tensor<1x10xf32>
    ```
  }];
  let arguments = (ins Variadic<AnyRankedTensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

def Tile_TensorOp : Tile_Op<"tensor", [
    HasParent<"::accel::tile::KernelOp">,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "A buffer of words at the same offset on each tile of a set of tiles";
  let description = [{
    `tiles` are the tiles it lives on (strictly increasing); `offset` its word offset on
    each of them, set by memory planning. The result prints as `%name`.

    ```mlir
    %acts = tile.tensor "acts" tiles [0, 1, 2, 3] offset(128) : !tile.tensor<4096>
    ```
  }];
  let arguments = (ins StrAttr:$name, DenseI64ArrayAttr:$tiles,
                       OptionalAttr<I64Attr>:$offset);
  let results = (outs Tile_TensorType:$result);
  let assemblyFormat = [{
    $name `tiles` $tiles (`offset` `(` $offset^ `)`)? attr-dict `:` qualified(type($result))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Words per tile.
    int64_t getWords() { return getType().getWords(); }
    /// Whether the tensor lives on `tile`.
    bool livesOn(int64_t tile);
  }];
}

def Tile_InitOp : Tile_Op<"init", [HasParent<"::accel::tile::KernelOp">]> {
  let summary = "Constant data loaded with the program into one tile's slice of a tensor";
  let description = [{
    Words [offset, offset + len) of `tensor` on `tile` hold the view's elements of
    `source` (a kernel argument) in order; len is the view's element count. Not timed.

    ```mlir
    tile.init %w[tile(1), 0:64] from %arg1 view(#tile.view<base = 64, dims = [[64, 1]]>)
        : !tile.tensor<64>, tensor<8x16xf32>
    ```
  }];
  let arguments = (ins Tile_TensorType:$tensor, I64Attr:$tile, Tile_SliceAttr:$slice,
                       AnyRankedTensor:$source, Tile_ViewAttr:$view);
  let assemblyFormat = [{
    $tensor `` custom<TileSlice>($tile, $slice) `from` $source
    `view` `(` qualified($view) `)` attr-dict `:` qualified(type($tensor)) `,` type($source)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Program steps
//===----------------------------------------------------------------------===//

def Tile_ComputeSetOp : Tile_Op<"compute_set", [
    SingleBlock, NoTerminator, NoRegionArguments, ParentOneOf<Tile_StepParents>]> {
  let summary = "A compute phase: every vertex runs its codelet on its tile's memory";
  let description = [{
    `layer(i)` (on every step op) charges the step's time to the kernel's layer `i`.

    ```mlir
    tile.compute_set "cs0" layer(0) {
      tile.vertex matmul tile(0) out(%c[0:4]) a(%a[0:8]) b(%b[0:8]) m(2) k(4) n(2)
          : !tile.tensor<4>, !tile.tensor<8>, !tile.tensor<8>
    }
    ```
  }];
  let arguments = (ins StrAttr:$name, OptionalAttr<I64Attr>:$layer);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$name (`layer` `(` $layer^ `)`)? attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def Tile_VertexOp : Tile_Op<"vertex", [
    HasParent<"::accel::tile::ComputeSetOp">, AttrSizedOperandSegments]> {
  let summary = "One codelet instance on one tile";
  let description = [{
    Operands are slices `%tensor[offset:len]` of tile tensors that live on `tile`. Which
    operands and parameters a codelet takes (anything else is rejected); `unary` is
    followed by its function as a bare keyword:

    | codelet | operands | parameters |
    |---|---|---|
    | `matmul` | out, a, b | m, k, n, `accumulate`, `transpose_b` |
    | `add sub mul div max min` | out, a, b (a or b may be 1 word: broadcast) | |
    | `unary <fn>` | out, a | `leaky_relu`: value; `hard_sigmoid`: value, value2 |
    | `reduce_add reduce_max` | out, a | count |
    | `copy` | out, a | |
    | `fill` | out | value |
    | `scaled_add` | out, a, b | value |
    | `conv` | out, a, b | window, `accumulate` |
    | `max_pool` | out, a | window |
    | `avg_pool` | out, a | window, `count_pad` |
    | `transpose` | out, a | m, n, count |
    | `clamp` | out, a | value (min), value2 (max) |

    ```mlir
    tile.vertex matmul tile(3) out(%c[0:64]) a(%a[0:32]) b(%b[0:128]) m(2) k(16) n(32)
        accumulate : !tile.tensor<64>, !tile.tensor<32>, !tile.tensor<128>
    tile.vertex unary relu tile(3) out(%c[0:64]) a(%c[0:64])
        : !tile.tensor<64>, !tile.tensor<64>
    tile.vertex fill tile(3) out(%c[0:64]) value(0.000000e+00) : !tile.tensor<64>
    tile.vertex conv tile(0) out(%o[0:32]) a(%x[0:243]) b(%k[0:216])
        window(#tile.window<c = 3, h = 9, w = 9, oh = 2, ow = 2, kh = 3, kw = 3, sh = 4, sw = 4, cout = 8>)
        : !tile.tensor<32>, !tile.tensor<243>, !tile.tensor<216>
    ```
  }];
  let arguments = (ins Tile_CodeletAttr:$codelet, OptionalAttr<Tile_UnaryFnAttr>:$fn,
                       I64Attr:$tile,
                       Tile_TensorType:$out, Tile_SliceAttr:$out_slice,
                       Optional<Tile_TensorType>:$a, OptionalAttr<Tile_SliceAttr>:$a_slice,
                       Optional<Tile_TensorType>:$b, OptionalAttr<Tile_SliceAttr>:$b_slice,
                       OptionalAttr<I64Attr>:$m, OptionalAttr<I64Attr>:$k,
                       OptionalAttr<I64Attr>:$n, OptionalAttr<I64Attr>:$count,
                       OptionalAttr<F32Attr>:$value, OptionalAttr<F32Attr>:$value2,
                       OptionalAttr<Tile_WindowAttr>:$window,
                       UnitAttr:$accumulate, UnitAttr:$transpose_b, UnitAttr:$count_pad);
  let assemblyFormat = [{
    `` $codelet `` custom<UnaryFn>($fn) `tile` `(` $tile `)` `out` `(` $out `` custom<Slice>($out_slice) `)`
    (`a` `(` $a^ `` custom<Slice>($a_slice) `)`)?
    (`b` `(` $b^ `` custom<Slice>($b_slice) `)`)?
    (`m` `(` $m^ `)`)? (`k` `(` $k^ `)`)? (`n` `(` $n^ `)`)?
    (`count` `(` $count^ `)`)? (`value` `(` $value^ `)`)? (`value2` `(` $value2^ `)`)?
    (`window` `(` qualified($window)^ `)`)?
    (`accumulate` $accumulate^)? (`transpose_b` $transpose_b^)? (`count_pad` $count_pad^)?
    attr-dict `:` qualified(type($out)) (`,` qualified(type($a))^)? (`,` qualified(type($b))^)?
  }];
  let hasVerifier = 1;
}

def Tile_SyncOp : Tile_Op<"sync", [ParentOneOf<Tile_StepParents>]> {
  let summary = "A global sync of every tile";
  let description = [{
    ```mlir
    tile.sync layer(2)
    ```
  }];
  let arguments = (ins OptionalAttr<I64Attr>:$layer);
  let assemblyFormat = "(`layer` `(` $layer^ `)`)? attr-dict";
  let hasVerifier = 1;
}

def Tile_ExchangeOp : Tile_Op<"exchange", [
    SingleBlock, NoTerminator, NoRegionArguments, ParentOneOf<Tile_StepParents>]> {
  let summary = "An exchange phase: copies between tiles' memories";
  let description = [{
    The only way data moves between tiles. No two destinations overlap.

    ```mlir
    tile.exchange "ex0" {
      tile.transfer %p[tile(1), 0:4] to [%q[tile(0), 0]] : !tile.tensor<4>, !tile.tensor<4>
    }
    ```
  }];
  let arguments = (ins StrAttr:$name, OptionalAttr<I64Attr>:$layer);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$name (`layer` `(` $layer^ `)`)? attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def Tile_TransferOp : Tile_Op<"transfer", [HasParent<"::accel::tile::ExchangeOp">]> {
  let summary = "Copies a slice of one tile to a word offset on each destination tile";
  let description = [{
    Copies `len` words of `src` on `src_tile` from its offset to every destination (a
    tensor living on the destination tile, at `offset`). Operand types: the source's,
    then each destination's.

    ```mlir
    tile.transfer %src[tile(0), 0:64] to [%dst[tile(1), 0], %dst[tile(2), 64]]
        : !tile.tensor<64>, !tile.tensor<128>, !tile.tensor<128>
    ```
  }];
  let arguments = (ins Tile_TensorType:$src, I64Attr:$src_tile, Tile_SliceAttr:$src_slice,
                       Variadic<Tile_TensorType>:$dsts, DenseI64ArrayAttr:$dst_tiles,
                       DenseI64ArrayAttr:$dst_offsets);
  let assemblyFormat = [{
    $src `` custom<TileSlice>($src_tile, $src_slice) `to`
    custom<Destinations>($dsts, $dst_tiles, $dst_offsets) attr-dict
    `:` qualified(type($src)) (`,` qualified(type($dsts))^)?
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Words copied to each destination.
    int64_t getLen() { return getSrcSlice()[1]; }
  }];
}

def Tile_HostExchangeOp : Tile_Op<"host_exchange", [
    SingleBlock, NoTerminator, NoRegionArguments, ParentOneOf<Tile_StepParents>]> {
  let summary = "A host exchange phase: tensor elements in and out over the host link";
  let description = [{
    No two copies to the device write overlapping words.

    ```mlir
    tile.host_exchange "in0" {
      tile.host_copy %arg0 view(#tile.view<dims = [[8, 1]]>) to %a[tile(0), 0:8]
          : tensor<1x16xf32>, !tile.tensor<8>
    }
    ```
  }];
  let arguments = (ins StrAttr:$name, OptionalAttr<I64Attr>:$layer);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$name (`layer` `(` $layer^ `)`)? attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def Tile_HostCopyOp : Tile_Op<"host_copy", [HasParent<"::accel::tile::HostExchangeOp">]> {
  let summary = "Copies a view of a kernel argument into, or a tile slice out to a result";
  let description = [{
    To the device (`source` set): the view's elements of kernel argument `source`, in
    order, to words [offset, offset + len) of `tensor` on `tile`. To the host
    (`result_index` set): those words, in view order, into kernel result `result_index`
    (padding elements are dropped). len is the view's element count.

    ```mlir
    tile.host_copy %arg0 view(#tile.view<dims = [[128, 1]]>) to %x[tile(5), 0:128]
        : tensor<128xf32>, !tile.tensor<128>
    tile.host_copy %x[tile(5), 0:128] to result(0) view(#tile.view<dims = [[128, 1]]>)
        : !tile.tensor<128>
    ```
  }];
  let arguments = (ins Optional<AnyRankedTensor>:$source, Tile_TensorType:$tensor,
                       I64Attr:$tile, Tile_SliceAttr:$slice,
                       OptionalAttr<I64Attr>:$result_index, Tile_ViewAttr:$view);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Whether the copy goes host -> tile (Program.h HostCopy::toDevice).
    bool isToDevice() { return static_cast<bool>(getSource()); }
  }];
}

def Tile_RepeatOp : Tile_Op<"repeat", [
    SingleBlock, NoTerminator, NoRegionArguments, ParentOneOf<Tile_StepParents>]> {
  let summary = "Runs its steps `count` times";
  let description = [{
    ```mlir
    tile.repeat 10 {
      tile.compute_set "cs1" { ... }
      tile.sync
    }
    ```
  }];
  let arguments = (ins I64Attr:$count, OptionalAttr<I64Attr>:$layer);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$count (`layer` `(` $layer^ `)`)? attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

#endif // ACCEL_DIALECT_TILE_IR_TILEOPS_TD
