//===- WaveletOps.td - wavelet ops -------------------------*- tablegen -*-===//
//
// One op per struct (or opcode) of include/accel/Sim/WSE/Program.h:
//   fabric  -> Program (device descriptor)      kernel      -> Layer
//   region  -> Region                          buffer      -> a word range of memoryWords
//   route   -> RouteRule                       init        -> BufferInit
//   stream_in / stream_out -> Stream           task        -> Task
//   recv send fill mov binary fmac gemv unary reduce loop -> Instr (Opcode)
// See docs/dialect-wavelet.md.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_WAVELET_IR_WAVELETOPS_TD
#define ACCEL_DIALECT_WAVELET_IR_WAVELETOPS_TD

include "accel/Dialect/Wavelet/IR/WaveletAttrs.td"
include "accel/Dialect/Wavelet/IR/WaveletInterfaces.td"
include "accel/Dialect/Wavelet/IR/WaveletTypes.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"

/// A DSD memory operand: [offset, len, stride] in words of its buffer.
def Wavelet_DsdAttr : ConfinedAttr<DenseI64ArrayAttr, [DenseArrayCount<3>]>;

//===----------------------------------------------------------------------===//
// Structure
//===----------------------------------------------------------------------===//

def Wavelet_FabricOp : Wavelet_Op<"fabric", [
    IsolatedFromAbove, SymbolTable, SingleBlock, NoTerminator, NoRegionArguments]> {
  let summary = "The WSE fabric a device segment runs on: the anchor op of the target";
  let description = [{
    Carries the device descriptor (`preset` and every field in `fields`, stored in the
    schedule; the common ones also as attributes for the verifiers) and holds one
    `wavelet.kernel` per device layer.

    ```mlir
    wavelet.fabric preset("wse2") width(757) height(996) memory_bytes(49152) colors(24)
        clock_hz(8.500000e+08) fields {} {
      wavelet.kernel @fc1(...) -> (...) { ... }
    }
    ```
  }];
  let arguments = (ins StrAttr:$preset, I64Attr:$width, I64Attr:$height,
                       I64Attr:$memory_bytes, I64Attr:$colors, F64Attr:$clock_hz,
                       DictionaryAttr:$fields);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `preset` `(` $preset `)` `width` `(` $width `)` `height` `(` $height `)`
    `memory_bytes` `(` $memory_bytes `)` `colors` `(` $colors `)`
    `clock_hz` `(` $clock_hz `)` `fields` $fields attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The fabric `op` is nested in, or null.
    static FabricOp getEnclosing(::mlir::Operation *op) {
      return op->getParentOfType<FabricOp>();
    }
    /// Words of 32 bits of one PE's memory (code and data).
    int64_t getMemoryWords() { return getMemoryBytes() / 4; }
  }];
}

def Wavelet_KernelOp : Wavelet_Op<"kernel", [
    FunctionOpInterface, IsolatedFromAbove, SingleBlock, NoTerminator,
    HasParent<"::accel::wavelet::FabricOp">]> {
  let summary = "One device layer: regions of PEs computing outputs from inputs";
  let description = [{
    Block arguments are the layer's input tensors (activations and constants); results
    are written by `wavelet.stream_out` ops naming a result index, so the body has no
    terminator. `flops` is the layer's FLOP count, for the report.

    ```mlir
    wavelet.kernel @fc1(%x: tensor<1x16xf32>, %w: tensor<16x8xf32>) -> tensor<1x8xf32>
        attributes {flops = 256 : i64} {
      wavelet.region @fc1 at(0, 0) size(4, 3) { ... }
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<StrAttr>:$sym_visibility,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs,
                       OptionalAttr<I64Attr>:$flops);
  let regions = (region SizedRegion<1>:$body);
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
  }];
}

def Wavelet_LaunchOp : Wavelet_Op<"launch", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Runs a kernel of the module's fabric from the host program";
  let description = [{
    ```mlir
    %y = wavelet.launch @fc1(%x, %w) : (tensor<1x16xf32>, tensor<16x8xf32>) -> tensor<1x8xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$kernel, Variadic<AnyRankedTensor>:$inputs);
  let results = (outs Variadic<AnyRankedTensor>:$outputs);
  let assemblyFormat = [{
    $kernel `(` $inputs `)` attr-dict `:` functional-type($inputs, $outputs)
  }];
}

def Wavelet_RegionOp : Wavelet_Op<"region", [
    SymbolTable, SingleBlock, NoTerminator, NoRegionArguments,
    HasParent<"::accel::wavelet::KernelOp">]> {
  let summary = "A rectangle of PEs running one SPMD program";
  let description = [{
    Instance i occupies the fabric PEs [x + i * width, x + (i + 1) * width) x
    [y, y + height). The body declares the buffers, routes, buffer initialisers, streams
    and tasks of every PE of every instance (region-local coordinates). `code_bytes` is the
    estimated code size per PE, `memory_words` the words of buffers each PE uses (set by
    the memory allocation pass).

    ```mlir
    wavelet.region @fc1 at(0, 0) size(4, 3) instances(2) code_bytes(1024) { ... }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, I64Attr:$x, I64Attr:$y,
                       I64Attr:$width, I64Attr:$height,
                       DefaultValuedAttr<I64Attr, "1">:$instances,
                       DefaultValuedAttr<I64Attr, "0">:$code_bytes,
                       OptionalAttr<I64Attr>:$memory_words);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `at` `(` $x `,` $y `)` `size` `(` $width `,` $height `)`
    (`instances` `(` $instances^ `)`)? (`code_bytes` `(` $code_bytes^ `)`)?
    (`memory_words` `(` $memory_words^ `)`)? attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// Whether (px, py) is a PE of the region (region-local).
    bool containsPe(int64_t px, int64_t py) {
      return px >= 0 && py >= 0 && px < (int64_t)getWidth() && py < (int64_t)getHeight();
    }
    /// Words of PE memory left for buffers: (memory_bytes - code_bytes) / 4.
    int64_t getDataWordLimit();
  }];
}

//===----------------------------------------------------------------------===//
// Region contents
//===----------------------------------------------------------------------===//

def Wavelet_BufferOp : Wavelet_Op<"buffer", [
    HasParent<"::accel::wavelet::RegionOp">,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "A buffer in the memory of every PE of the region";
  let description = [{
    `addr` is its word address, set by the memory allocation pass. The result prints as
    `%name`.

    ```mlir
    %psum = wavelet.buffer "psum" addr(64) : !wavelet.buffer<64>
    ```
  }];
  let arguments = (ins StrAttr:$name, OptionalAttr<I64Attr>:$addr);
  let results = (outs Wavelet_BufferType:$result);
  let assemblyFormat = "$name (`addr` `(` $addr^ `)`)? attr-dict `:` qualified(type($result))";
  let extraClassDeclaration = [{
    int64_t getSize() { return getType().getSize(); }
  }];
}

def Wavelet_RouteOp : Wavelet_Op<"route", [HasParent<"::accel::wavelet::RegionOp">]> {
  let summary = "Router configuration of one color at a set of PEs";
  let description = [{
    A wavelet on `color` arriving through a port in `rx` is forwarded to every port in
    `tx` (`ramp` in tx delivers it to the core; `ramp` in rx accepts what the core sends).
    Later rules override earlier ones for the same PE and color. `pes` defaults to every
    PE.

    ```mlir
    wavelet.route color(0) rx west tx east|ramp
    wavelet.route color(1) rx ramp tx south pes(#wavelet.pes<y_mod = 2>)
    ```
  }];
  let arguments = (ins I64Attr:$color, Wavelet_DirSetAttr:$rx, Wavelet_DirSetAttr:$tx,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    `color` `(` $color `)` `rx` `` $rx `tx` `` $tx (`pes` `(` qualified($pes)^ `)`)?
    attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Whether the rule applies at region-local PE (x, y).
    bool covers(int64_t x, int64_t y) { return !getPes() || getPesAttr().contains(x, y); }
  }];
}

def Wavelet_InitOp : Wavelet_Op<"init", [HasParent<"::accel::wavelet::RegionOp">]> {
  let summary = "Initial contents of a buffer from a constant kernel argument";
  let description = [{
    At every PE of `pes` (default: all), words offset, offset + 1, ... of the buffer hold
    the window's elements of `source` in order.

    ```mlir
    wavelet.init %w[0] from %arg1 window(#wavelet.window<[<tensor_dim = 0, size = 16>]>)
        : !wavelet.buffer<32>, tensor<16x8xf32>
    ```
  }];
  let arguments = (ins Wavelet_BufferType:$buffer, I64Attr:$offset,
                       AnyRankedTensor:$source, Wavelet_WindowAttr:$window,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    $buffer `[` $offset `]` `from` $source `window` `(` qualified($window) `)`
    (`pes` `(` qualified($pes)^ `)`)? attr-dict `:` qualified(type($buffer)) `,` type($source)
  }];
  let hasVerifier = 1;
}

def Wavelet_StreamInOp : Wavelet_Op<"stream_in", [HasParent<"::accel::wavelet::RegionOp">]> {
  let summary = "Input stream into a PE on the region's edge";
  let description = [{
    Sends the window's elements of `source`, `message` wavelets per message, into the
    router of PE (x, y) of `instance` on `color`, as if arriving through port `side`
    (which must point out of the region).

    ```mlir
    wavelet.stream_in %arg0 to(0, 1) instance(0) side west color(0) message(4)
        window(#wavelet.window<[<tensor_dim = 1, size = 4, per_y = 4>]>) : tensor<1x12xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$source, I64Attr:$x, I64Attr:$y,
                       I64Attr:$instance, Wavelet_SideAttr:$side, I64Attr:$color,
                       I64Attr:$message_len, Wavelet_WindowAttr:$window);
  let assemblyFormat = [{
    $source `to` `(` $x `,` $y `)` `instance` `(` $instance `)` `side` `` $side
    `color` `(` $color `)` `message` `(` $message_len `)` `window` `(` qualified($window) `)`
    attr-dict `:` type($source)
  }];
  let hasVerifier = 1;
}

def Wavelet_StreamOutOp : Wavelet_Op<"stream_out", [HasParent<"::accel::wavelet::RegionOp">]> {
  let summary = "Output stream from a PE on the region's edge into a kernel result";
  let description = [{
    Collects the wavelets the routes send out of the region through port `side` of PE
    (x, y) of `instance` on `color`, storing them in window order into kernel result
    `result` (padding elements are dropped).

    ```mlir
    wavelet.stream_out result(0) from(3, 2) instance(0) side south color(1) message(2)
        window(#wavelet.window<[<tensor_dim = 1, size = 2, per_x = 2>]>)
    ```
  }];
  let arguments = (ins I64Attr:$result_index, I64Attr:$x, I64Attr:$y,
                       I64Attr:$instance, Wavelet_SideAttr:$side, I64Attr:$color,
                       I64Attr:$message_len, Wavelet_WindowAttr:$window);
  let assemblyFormat = [{
    `result` `(` $result_index `)` `from` `(` $x `,` $y `)` `instance` `(` $instance `)`
    `side` `` $side `color` `(` $color `)` `message` `(` $message_len `)`
    `window` `(` qualified($window) `)` attr-dict
  }];
  let hasVerifier = 1;
}

def Wavelet_TaskOp : Wavelet_Op<"task", [
    Symbol, SingleBlock, NoTerminator, NoRegionArguments,
    HasParent<"::accel::wavelet::RegionOp">]> {
  let summary = "A task of the region's SPMD program";
  let description = [{
    `local` tasks start when the layer starts, in order; a `data` task runs its body each
    time a message arrives on `color` (the body's first `wavelet.recv` on that color
    takes it). Names are unique in the region.

    ```mlir
    wavelet.task @main local { ... }
    wavelet.task @on_psum data color(5) { ... }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, Wavelet_TaskKindAttr:$kind,
                       OptionalAttr<I64Attr>:$color);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `` $kind (`color` `(` $color^ `)`)? attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// DSD instructions (Program.h Instr)
//===----------------------------------------------------------------------===//

/// An instruction of a task body. Memory operands print as `%buf[offset:len]` (stride 1)
/// or `%buf[offset:len:stride]`; `pes` (default: all) guards which PEs execute it.
class Wavelet_DsdOp<string mnemonic, list<Trait> traits = []>
    : Wavelet_Op<mnemonic, !listconcat([
        ParentOneOf<["::accel::wavelet::TaskOp", "::accel::wavelet::LoopOp"]>,
        DeclareOpInterfaceMethods<Wavelet_MemAccessOpInterface, ["getMemAccesses"]>],
        traits)>;

def Wavelet_RecvOp : Wavelet_DsdOp<"recv"> {
  let summary = "Receives dst.len wavelets on a color into a buffer range";
  let description = [{
    ```mlir
    wavelet.recv color(0) %x[0:4] : !wavelet.buffer<4>
    ```
  }];
  let arguments = (ins I64Attr:$color, Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    `color` `(` $color `)` custom<Dsd>($dst, $dst_dsd) (`pes` `(` qualified($pes)^ `)`)? attr-dict
    `:` qualified(type($dst))
  }];
  let hasVerifier = 1;
}

def Wavelet_SendOp : Wavelet_DsdOp<"send"> {
  let summary = "Sends a buffer range on a color";
  let description = [{
    ```mlir
    wavelet.send color(1) %psum[0:2] : !wavelet.buffer<2>
    ```
  }];
  let arguments = (ins I64Attr:$color, Wavelet_BufferType:$a, Wavelet_DsdAttr:$a_dsd,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    `color` `(` $color `)` custom<Dsd>($a, $a_dsd) (`pes` `(` qualified($pes)^ `)`)? attr-dict
    `:` qualified(type($a))
  }];
  let hasVerifier = 1;
}

def Wavelet_FillOp : Wavelet_DsdOp<"fill"> {
  let summary = "dst[i] = value";
  let description = [{
    ```mlir
    wavelet.fill %psum[0:2] value(0.000000e+00) : !wavelet.buffer<2>
    ```
  }];
  let arguments = (ins Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd, F32Attr:$value,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    custom<Dsd>($dst, $dst_dsd) `value` `(` $value `)` (`pes` `(` qualified($pes)^ `)`)? attr-dict
    `:` qualified(type($dst))
  }];
}

def Wavelet_MovOp : Wavelet_DsdOp<"mov"> {
  let summary = "dst[i] = a[i]";
  let description = [{
    ```mlir
    wavelet.mov %y[0:2], %psum[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
    ```
  }];
  let arguments = (ins Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd,
                       Wavelet_BufferType:$a, Wavelet_DsdAttr:$a_dsd,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    custom<Dsd>($dst, $dst_dsd) `,` custom<Dsd>($a, $a_dsd) (`pes` `(` qualified($pes)^ `)`)?
    attr-dict `:` qualified(type($dst)) `,` qualified(type($a))
  }];
  let hasVerifier = 1;
}

def Wavelet_BinaryOp : Wavelet_DsdOp<"binary"> {
  let summary = "dst[i] = a[i] <kind> b[i] (b may be a stride-0 scalar)";
  let description = [{
    ```mlir
    wavelet.binary add %y[0:2], %y[0:2], %bias[0:2:0]
        : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<1>
    ```
  }];
  let arguments = (ins Wavelet_BinaryKindAttr:$kind,
                       Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd,
                       Wavelet_BufferType:$a, Wavelet_DsdAttr:$a_dsd,
                       Wavelet_BufferType:$b, Wavelet_DsdAttr:$b_dsd,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    `` $kind custom<Dsd>($dst, $dst_dsd) `,` custom<Dsd>($a, $a_dsd) `,`
    custom<Dsd>($b, $b_dsd) (`pes` `(` qualified($pes)^ `)`)? attr-dict
    `:` qualified(type($dst)) `,` qualified(type($a)) `,` qualified(type($b))
  }];
  let hasVerifier = 1;
}

def Wavelet_FmacOp : Wavelet_DsdOp<"fmac"> {
  let summary = "dst[i] = a[i] + b[i] * c[0] (CSL @fmacs)";
  let description = [{
    ```mlir
    wavelet.fmac %y[0:2], %y[0:2], %w[0:2], %x[3:1]
        : !wavelet.buffer<2>, !wavelet.buffer<2>, !wavelet.buffer<8>, !wavelet.buffer<4>
    ```
  }];
  let arguments = (ins Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd,
                       Wavelet_BufferType:$a, Wavelet_DsdAttr:$a_dsd,
                       Wavelet_BufferType:$b, Wavelet_DsdAttr:$b_dsd,
                       Wavelet_BufferType:$c, Wavelet_DsdAttr:$c_dsd,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    custom<Dsd>($dst, $dst_dsd) `,` custom<Dsd>($a, $a_dsd) `,` custom<Dsd>($b, $b_dsd)
    `,` custom<Dsd>($c, $c_dsd) (`pes` `(` qualified($pes)^ `)`)? attr-dict
    `:` qualified(type($dst)) `,` qualified(type($a)) `,` qualified(type($b)) `,` qualified(type($c))
  }];
  let hasVerifier = 1;
}

def Wavelet_GemvOp : Wavelet_DsdOp<"gemv"> {
  let summary = "dst[n] (+)= sum_k a[k] * w[w_offset + k * ld + n]";
  let description = [{
    K = a.len, N = dst.len; W is row-major with leading dimension `ld` at word `w_offset`
    of `w`. Without `accumulate` dst is overwritten. The emitter's Instr.b is
    (addr(w) + w_offset, K, ld).

    ```mlir
    wavelet.gemv %psum[0:2], %x[0:4], %w[0] ld(2) accumulate
        : !wavelet.buffer<2>, !wavelet.buffer<4>, !wavelet.buffer<8>
    ```
  }];
  let arguments = (ins Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd,
                       Wavelet_BufferType:$a, Wavelet_DsdAttr:$a_dsd,
                       Wavelet_BufferType:$w, I64Attr:$w_offset, I64Attr:$ld,
                       UnitAttr:$accumulate, OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    custom<Dsd>($dst, $dst_dsd) `,` custom<Dsd>($a, $a_dsd) `,` $w `[` $w_offset `]`
    `ld` `(` $ld `)` (`accumulate` $accumulate^)? (`pes` `(` qualified($pes)^ `)`)? attr-dict
    `:` qualified(type($dst)) `,` qualified(type($a)) `,` qualified(type($w))
  }];
}

def Wavelet_UnaryOp : Wavelet_DsdOp<"unary"> {
  let summary = "dst[i] = fn(a[i])";
  let description = [{
    ```mlir
    wavelet.unary relu %y[0:2], %y[0:2] : !wavelet.buffer<2>, !wavelet.buffer<2>
    ```
  }];
  let arguments = (ins Wavelet_UnaryFnAttr:$fn,
                       Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd,
                       Wavelet_BufferType:$a, Wavelet_DsdAttr:$a_dsd,
                       OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    `` $fn custom<Dsd>($dst, $dst_dsd) `,` custom<Dsd>($a, $a_dsd) (`pes` `(` qualified($pes)^ `)`)?
    attr-dict `:` qualified(type($dst)) `,` qualified(type($a))
  }];
  let hasVerifier = 1;
}

def Wavelet_ReduceOp : Wavelet_DsdOp<"reduce"> {
  let summary = "dst[s] = reduce_j a[s * segment + j] (segmented)";
  let description = [{
    ```mlir
    wavelet.reduce add %y[0:2], %t[0:18] segment(9) : !wavelet.buffer<2>, !wavelet.buffer<18>
    ```
  }];
  let arguments = (ins Wavelet_ReduceKindAttr:$kind,
                       Wavelet_BufferType:$dst, Wavelet_DsdAttr:$dst_dsd,
                       Wavelet_BufferType:$a, Wavelet_DsdAttr:$a_dsd,
                       I64Attr:$segment, OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let assemblyFormat = [{
    `` $kind custom<Dsd>($dst, $dst_dsd) `,` custom<Dsd>($a, $a_dsd)
    `segment` `(` $segment `)` (`pes` `(` qualified($pes)^ `)`)? attr-dict
    `:` qualified(type($dst)) `,` qualified(type($a))
  }];
  let hasVerifier = 1;
}

def Wavelet_LoopOp : Wavelet_Op<"loop", [
    SingleBlock, NoTerminator, NoRegionArguments,
    ParentOneOf<["::accel::wavelet::TaskOp", "::accel::wavelet::LoopOp"]>]> {
  let summary = "Runs its body `count` times";
  let description = [{
    ```mlir
    wavelet.loop 196 { ... }
    ```
  }];
  let arguments = (ins I64Attr:$count, OptionalAttr<Wavelet_PeSetAttr>:$pes);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $count (`pes` `(` qualified($pes)^ `)`)? attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
}

#endif // ACCEL_DIALECT_WAVELET_IR_WAVELETOPS_TD
