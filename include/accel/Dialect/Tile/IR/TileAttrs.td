//===- TileAttrs.td - tile attributes ----------------------*- tablegen -*-===//
//
// The enum attributes (bare keywords in op assembly), the view through which a host
// copy or tile init sees a tensor (Program.h View; the tensor is the op's SSA operand or
// result index), the window geometry of conv and pool vertices (Program.h Window) and
// the report layers of a kernel (Program.h Layer).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_TILE_IR_TILEATTRS_TD
#define ACCEL_DIALECT_TILE_IR_TILEATTRS_TD

include "accel/Dialect/Tile/IR/TileEnums.td"
include "mlir/IR/AttrTypeBase.td"

class Tile_EnumAttr<EnumInfo enumInfo, string mnemonic>
    : EnumAttr<Tile_Dialect, enumInfo, mnemonic>;

def Tile_CodeletAttr : Tile_EnumAttr<Tile_Codelet, "codelet">;
def Tile_UnaryFnAttr : Tile_EnumAttr<Tile_UnaryFn, "unary_fn">;

class Tile_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<Tile_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

/// An f32 attribute parameter (the view's padding value), printed so it round-trips.
def Tile_F32Parameter : APFloatParameter<"32-bit float"> {
  let parser = [{ ::accel::tile::parseF32Parameter($_parser) }];
  let printer = [{ $_printer << $_self }];
  let defaultValue = "::llvm::APFloat(0.0f)";
}

/// The (size, stride) dims of a view, outermost first: `[[4, 16], [16, 1]]`.
def Tile_ViewDimsParameter : OptionalArrayRefParameter<"::accel::tile::ViewDim"> {
  let parser = [{ ::accel::tile::parseViewDims($_parser) }];
  let printer = [{ ::accel::tile::printViewDims($_printer, $_self) }];
}

def Tile_ViewAttr : Tile_Attr<"View", "view"> {
  let summary = "Elements of a schedule tensor, as a strided view over its flat elements";
  let description = [{
    Element e = (e_0, ..., e_{n-1}) of the view (row-major over `dims`, outermost first)
    is flat (row-major) element base + sum_j e_j * stride_j of the tensor; one outside
    [0, numElements) is padding: it reads as `pad` and is not written. A view without
    dims is one element. Only non-default fields print (base 0, pad 0.0):

    ```mlir
    #tile.view<base = 16, dims = [[4, 32], [16, 1]], pad = -1.000000e+00>
    ```
  }];
  let parameters = (ins
    DefaultValuedParameter<"int64_t", "0">:$base,
    Tile_ViewDimsParameter:$dims,
    Tile_F32Parameter:$pad);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Number of elements of the view (1 for a view without dims).
    int64_t getNumElements() const;
    /// The padding value as a float.
    float getPadValue() const { return getPad().convertToFloat(); }
  }];
}

def Tile_WindowAttr : Tile_Attr<"Window", "window"> {
  let summary = "The window geometry of a conv or pool vertex";
  let description = [{
    Program.h `Window`: an input slab of `c` channels x `h` rows x `w` columns, `oh` x
    `ow` outputs per output channel, a `kh` x `kw` kernel with strides `sh`, `sw`,
    dilations `dh`, `dw`, the slab's top/left padding `ph`, `pw` (never negative: tap
    `ky` of output row `oy` reads input row `oy * sh + ky * dh - ph`; rows outside
    `[0, h)` are padding) and `cout` output channels (pools: equal to `c`). Strides and
    dilations default to 1 and padding to 0; defaults do not print:

    ```mlir
    #tile.window<c = 3, h = 9, w = 9, oh = 4, ow = 4, kh = 3, kw = 3, sh = 2, sw = 2, ph = 1, pw = 1, cout = 8>
    ```
  }];
  let parameters = (ins
    "int64_t":$c, "int64_t":$h, "int64_t":$w,
    "int64_t":$oh, "int64_t":$ow,
    "int64_t":$kh, "int64_t":$kw,
    DefaultValuedParameter<"int64_t", "1">:$sh,
    DefaultValuedParameter<"int64_t", "1">:$sw,
    DefaultValuedParameter<"int64_t", "1">:$dh,
    DefaultValuedParameter<"int64_t", "1">:$dw,
    DefaultValuedParameter<"int64_t", "0">:$ph,
    DefaultValuedParameter<"int64_t", "0">:$pw,
    "int64_t":$cout);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// Kernel taps per output element: kh * kw.
    int64_t getTaps() const { return getKh() * getKw(); }
  }];
}

def Tile_LayerAttr : Tile_Attr<"Layer", "layer"> {
  let summary = "One ONNX node a kernel runs, for the report (Program.h Layer)";
  let description = [{
    A kernel that maps several nodes lists them in its `layers` attribute; its steps
    name the layer their time is charged to with `layer(i)`. `loc` is the node's
    location (the report's node and op type come from it); without it the emitter uses
    the kernel's.

    ```mlir
    #tile.layer<"conv1", flops = 86704, loc = loc(fused["/conv1/Conv", "Conv"])>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"the layer's name">:$name,
    "int64_t":$flops,
    OptionalParameter<"::mlir::LocationAttr", "a source location">:$loc);
  let assemblyFormat = "`<` $name `,` `flops` `=` $flops (`,` `loc` `=` $loc^)? `>`";
  let genVerifyDecl = 1;
}

#endif // ACCEL_DIALECT_TILE_IR_TILEATTRS_TD
