//===- TileTypes.td - tile types ---------------------------*- tablegen -*-===//

#ifndef ACCEL_DIALECT_TILE_IR_TILETYPES_TD
#define ACCEL_DIALECT_TILE_IR_TILETYPES_TD

include "accel/Dialect/Tile/IR/TileDialect.td"
include "mlir/IR/AttrTypeBase.td"

def Tile_TensorType : TypeDef<Tile_Dialect, "TileTensor"> {
  let mnemonic = "tensor";
  let summary = "A buffer of 32-bit words in the memory of each tile of a set of tiles";
  let description = [{
    `!tile.tensor<64>`: 64 words of 32 bits at the same word offset on every tile the
    `tile.tensor` that defines it lives on. Operands address it per tile by slices.
  }];
  let parameters = (ins "int64_t":$words);
  let assemblyFormat = "`<` $words `>`";
  let genVerifyDecl = 1;
}

#endif // ACCEL_DIALECT_TILE_IR_TILETYPES_TD
