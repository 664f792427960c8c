//===- TileDialect.td - the tile dialect (Graphcore IPU) ---*- tablegen -*-===//
//
// The device program of the IPU target: tensors mapped onto tiles, compute sets of
// vertices, syncs, exchanges between tiles, host exchanges and repeat loops. The ops map
// 1:1 onto include/accel/Sim/IPU/Program.h. See docs/dialect-tile.md.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_DIALECT_TILE_IR_TILEDIALECT_TD
#define ACCEL_DIALECT_TILE_IR_TILEDIALECT_TD

include "mlir/IR/OpBase.td"

def Tile_Dialect : Dialect {
  let name = "tile";
  let cppNamespace = "::accel::tile";
  let summary = "The Graphcore IPU BSP program: tile tensors, compute sets, exchanges";
  let description = [{
    A `tile.ipu` holds one `tile.kernel` per device layer. A kernel declares its tile
    tensors (`tile.tensor`: a per-tile buffer on a set of tiles) and their constant
    contents (`tile.init`), then runs a sequence of bulk-synchronous steps: compute sets
    of vertices (`tile.compute_set` / `tile.vertex`), global syncs (`tile.sync`), exchanges
    between tiles' memories (`tile.exchange` / `tile.transfer`), host exchanges
    (`tile.host_exchange` / `tile.host_copy`) and repeat loops (`tile.repeat`). The
    emitter translates every op 1:1 into the structs of include/accel/Sim/IPU/Program.h.
    See docs/dialect-tile.md.
  }];
  let useDefaultAttributePrinterParser = 1;
  let useDefaultTypePrinterParser = 1;
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let extraClassDeclaration = [{
    void registerAttributes();
    void registerTypes();
  }];
}

class Tile_Op<string mnemonic, list<Trait> traits = []>
    : Op<Tile_Dialect, mnemonic, traits>;

#endif // ACCEL_DIALECT_TILE_IR_TILEDIALECT_TD
