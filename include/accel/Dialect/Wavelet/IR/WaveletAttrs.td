//===- WaveletAttrs.td - wavelet attributes ----------------*- tablegen -*-===//
//
// The enum attributes (bare keywords in op assembly), the PE set a rule or instruction
// applies to, and the window through which a PE sees a tensor. Same meaning as
// PeSet / WindowDim / Window in include/accel/Sim/WSE/Program.h.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_WAVELET_IR_WAVELETATTRS_TD
#define ACCEL_DIALECT_WAVELET_IR_WAVELETATTRS_TD

include "accel/Dialect/Wavelet/IR/WaveletEnums.td"
include "mlir/IR/AttrTypeBase.td"

class Wavelet_EnumAttr<EnumInfo enumInfo, string mnemonic>
    : EnumAttr<Wavelet_Dialect, enumInfo, mnemonic>;

def Wavelet_DirSetAttr : Wavelet_EnumAttr<Wavelet_Dir, "dirs"> {
  let cppClassName = "DirSetAttr";
}
def Wavelet_SideAttr : Wavelet_EnumAttr<Wavelet_Side, "side">;
def Wavelet_TaskKindAttr : Wavelet_EnumAttr<Wavelet_TaskKind, "task_kind">;
def Wavelet_UnaryFnAttr : Wavelet_EnumAttr<Wavelet_UnaryFn, "unary_fn">;
def Wavelet_BinaryKindAttr : Wavelet_EnumAttr<Wavelet_BinaryKind, "binary_kind">;
def Wavelet_ReduceKindAttr : Wavelet_EnumAttr<Wavelet_ReduceKind, "reduce_kind">;

class Wavelet_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Wavelet_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

/// "Everything" for the upper bounds and the modulus of a window dim: 2^30.
defvar Wavelet_Unbounded = "(1 << 30)";

def Wavelet_PeSetAttr : Wavelet_Attr<"PeSet", "pes"> {
  let summary = "A set of PEs of a region (region-local coordinates)";
  let description = [{
    The PEs (x, y) with x in [x0, x1), y in [y0, y1), x % x_mod == x_rem and
    y % y_mod == y_rem; x grows east, y grows south. Only fields that differ from the
    default are printed: `#wavelet.pes<>` is every PE, `#wavelet.pes<y0 = 1, y_mod = 2>`
    the odd rows.
  }];
  let parameters = (ins
    DefaultValuedParameter<"int32_t", "0">:$x0,
    DefaultValuedParameter<"int32_t", Wavelet_Unbounded>:$x1,
    DefaultValuedParameter<"int32_t", "0">:$y0,
    DefaultValuedParameter<"int32_t", Wavelet_Unbounded>:$y1,
    DefaultValuedParameter<"int32_t", "1">:$x_mod,
    DefaultValuedParameter<"int32_t", "0">:$x_rem,
    DefaultValuedParameter<"int32_t", "1">:$y_mod,
    DefaultValuedParameter<"int32_t", "0">:$y_rem);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins), [{ return $_get($_ctxt, 0, 1 << 30, 0, 1 << 30, 1, 0, 1, 0); }]>
  ];
  let extraClassDeclaration = [{
    /// Whether PE (x, y) (region-local) is in the set.
    bool contains(int64_t x, int64_t y) const {
      return x >= getX0() && x < getX1() && y >= getY0() && y < getY1() &&
             x % getXMod() == getXRem() && y % getYMod() == getYRem();
    }
    /// Whether the set is every PE (the default).
    bool isAll() const;
  }];
}

def Wavelet_WindowDimAttr : Wavelet_Attr<"WindowDim", "window_dim"> {
  let summary = "One dimension of a window";
  let description = [{
    Element e_j of this window dim is, along tensor dim `tensor_dim`,
    base + per_x * (px % x_mod) + per_x_div * (px / x_mod) + per_y * (py % y_mod)
    + per_y_div * (py / y_mod) + per_instance * instance + e_j * step, for e_j < size,
    where (px, py) is the region-local PE concerned. Only non-default fields print:
    `#wavelet.window_dim<tensor_dim = 1, size = 16, per_y = 16>`.
  }];
  let parameters = (ins
    "int32_t":$tensor_dim,
    "int64_t":$size,
    DefaultValuedParameter<"int64_t", "1">:$step,
    DefaultValuedParameter<"int64_t", "0">:$base,
    DefaultValuedParameter<"int64_t", "0">:$per_x,
    DefaultValuedParameter<"int64_t", "0">:$per_x_div,
    DefaultValuedParameter<"int64_t", "0">:$per_y,
    DefaultValuedParameter<"int64_t", "0">:$per_y_div,
    DefaultValuedParameter<"int64_t", "0">:$per_instance,
    DefaultValuedParameter<"int32_t", Wavelet_Unbounded>:$x_mod,
    DefaultValuedParameter<"int32_t", Wavelet_Unbounded>:$y_mod);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

/// An f32 attribute parameter (the window's padding value), printed so it round-trips.
def Wavelet_F32Parameter : APFloatParameter<"32-bit float"> {
  let parser = [{ ::accel::wavelet::parseF32Parameter($_parser) }];
  let printer = [{ $_printer << $_self }];
  let defaultValue = "::llvm::APFloat(0.0f)";
}

def Wavelet_WindowAttr : Wavelet_Attr<"Window", "window"> {
  let summary = "The view of a tensor seen from one PE (or one stream's PE)";
  let description = [{
    Element e = (e_0, ..., e_{n-1}) of the window (row-major over `dims`, outermost
    first) is the tensor element whose coordinate along tensor dim d is the sum of the
    window dims mapping to d (see `#wavelet.window_dim`); tensor dims no window dim maps
    to are 0. A coordinate outside the tensor makes the element padding: it reads as `pad`
    and is not written.

    ```mlir
    #wavelet.window<[<tensor_dim = 0, size = 4, per_y = 4>, <tensor_dim = 1, size = 8>], pad = -1.0>
    ```
  }];
  let parameters = (ins
    OptionalArrayRefParameter<"::accel::wavelet::WindowDimAttr">:$dims,
    Wavelet_F32Parameter:$pad);
  let assemblyFormat = "`<` custom<WindowDims>($dims) (`,` `pad` `=` $pad^)? `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of elements of the window (1 for a window without dims).
    int64_t getNumElements() const;
    /// The padding value as a float.
    float getPadValue() const { return getPad().convertToFloat(); }
  }];
}

#endif // ACCEL_DIALECT_WAVELET_IR_WAVELETATTRS_TD
