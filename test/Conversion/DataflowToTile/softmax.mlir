// RUN: rm -rf %t && split-file %s %t
// RUN: accel-opt %t/softmax.mlir --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=SM
// RUN: %python %S/Inputs/host_vs_ipu.py %t/softmax.mlir %t/sm --device tiles=16 | FileCheck %s --check-prefix=NUM
// RUN: accel-opt %t/log.mlir --ipu-create-device="device=gc200:tiles=16" --accel-partition=target=ipu --convert-dataflow-to-tile | FileCheck %s --check-prefix=LOG
// RUN: %python %S/Inputs/host_vs_ipu.py %t/log.mlir %t/log --device tiles=3 | FileCheck %s --check-prefix=LOGNUM

// NUM:      OK output_0
// NUM-NEXT: device layers: Softmax
// LOGNUM:      OK output_0
// LOGNUM-NEXT: device layers: LogSoftmax

// Softmax over the last dim: whole rows on tiles (row 0 on tile 1, row 1 on tile 2,
// gathered in the first step's exchange), then one dependent compute set per step, each
// followed by a sync: the row max (reduce_max), x - max (one vertex per row, the row's max
// broadcast), exp in place, the row sum (reduce_add), and the division by it.

// SM:          tile.kernel @sm(
// SM:            tile.exchange "/sm.max" layer(0) {
// SM-NEXT:         tile.transfer %{{.*}}[tile(0), 0:8] to [%[[ROWS:[_a-zA-Z0-9.]+]][tile(1), 0]]
// SM-NEXT:         tile.transfer %{{.*}}[tile(0), 8:8] to [%[[ROWS]][tile(2), 0]]
// SM-NEXT:       }
// SM-NEXT:       tile.compute_set "/sm.max" layer(0) {
// SM-NEXT:         tile.vertex reduce_max tile(1) out(%[[ST:[_a-zA-Z0-9.]+]][0:1]) a(%[[ROWS]][0:8]) count(8)
// SM-NEXT:         tile.vertex reduce_max tile(2) out(%[[ST]][0:1]) a(%[[ROWS]][0:8]) count(8)
// SM-NEXT:       }
// SM-NEXT:       tile.sync layer(0)
// SM-NEXT:       tile.compute_set "/sm.shift" layer(0) {
// SM-NEXT:         tile.vertex sub tile(1) out(%[[OUT:[_a-zA-Z0-9.]+]][0:8]) a(%[[ROWS]][0:8]) b(%[[ST]][0:1])
// SM-NEXT:         tile.vertex sub tile(2)
// SM-NEXT:       }
// SM-NEXT:       tile.sync layer(0)
// SM-NEXT:       tile.compute_set "/sm.exp" layer(0) {
// SM-NEXT:         tile.vertex unary exp tile(1) out(%[[OUT]][0:8]) a(%[[OUT]][0:8])
// SM-NEXT:         tile.vertex unary exp tile(2)
// SM-NEXT:       }
// SM-NEXT:       tile.sync layer(0)
// SM-NEXT:       tile.compute_set "/sm.sum" layer(0) {
// SM-NEXT:         tile.vertex reduce_add tile(1) out(%[[ST]][1:1]) a(%[[OUT]][0:8]) count(8)
// SM-NEXT:         tile.vertex reduce_add tile(2)
// SM-NEXT:       }
// SM-NEXT:       tile.sync layer(0)
// SM-NEXT:       tile.compute_set "/sm.normalise" layer(0) {
// SM-NEXT:         tile.vertex div tile(1) out(%[[OUT]][0:8]) a(%[[OUT]][0:8]) b(%[[ST]][1:1])
// SM-NEXT:         tile.vertex div tile(2)
// SM-NEXT:       }
// SM-NEXT:       tile.sync layer(0)
// SM-NEXT:       tile.host_exchange "outputs" {
// SM-NEXT:         tile.host_copy %[[OUT]][tile(1), 0:8] to result(0)
// SM-NEXT:         tile.host_copy %[[OUT]][tile(2), 0:8] to result(0)

//--- softmax.mlir
func.func @main(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %y = dataflow.softmax %x {axis = 1 : i64} : tensor<2x8xf32> -> tensor<2x8xf32> loc(fused<"Softmax">["/sm", "m.onnx":2:1])
  return %y : tensor<2x8xf32>
}

// Log-softmax: the shifted values are kept, exp goes to a temporary, the log of the row
// sum is one more step, and the result is shifted - log(sum).

// LOG:         tile.compute_set "/lsm.max" layer(0)
// LOG:         tile.compute_set "/lsm.shift" layer(0)
// LOG:         tile.compute_set "/lsm.exp" layer(0)
// LOG:         tile.compute_set "/lsm.sum" layer(0)
// LOG:         tile.compute_set "/lsm.log" layer(0) {
// LOG-NEXT:      tile.vertex unary log
// LOG:         tile.compute_set "/lsm.normalise" layer(0) {
// LOG-NEXT:      tile.vertex sub
// LOG:         tile.host_exchange "outputs"

//--- log.mlir
func.func @main(%x: tensor<3x2x5xf32>) -> tensor<3x2x5xf32> {
  %y = dataflow.softmax %x {axis = 2 : i64, log = true} : tensor<3x2x5xf32> -> tensor<3x2x5xf32> loc(fused<"LogSoftmax">["/lsm", "m.onnx":2:1])
  return %y : tensor<3x2x5xf32>
}
