//===- TileAttrs.td - tile attributes ----------------------*- tablegen -*-===//
//
// The enum attributes (bare keywords in op assembly) and the view through which a host
// copy or tile init sees a tensor (Program.h View; the tensor is the op's SSA operand or
// result index).
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

#endif // ACCEL_DIALECT_TILE_IR_TILEATTRS_TD
