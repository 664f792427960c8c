// RUN: accel-translate %s --split-input-file --emit-schedule --verify-diagnostics

// What the tile segment emitter refuses: each error names the op and the pass that fixes it.

// A tensor without an offset has not been placed in tile memory.
module {
  tile.ipu preset("gc200") tiles(2) memory_bytes(4096) workers(6) clock_hz(1.33e9) fields {} {
    tile.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
      // expected-error @+1 {{tile tensor 'x' has no offset in tile memory; run ipu-allocate-memory}}
      %t = tile.tensor "x" tiles [0] : !tile.tensor<4>
      tile.host_exchange "in" {
        tile.host_copy %x view(#tile.view<dims = [[4, 1]]>) to %t[tile(0), 0:4] : tensor<4xf32>, !tile.tensor<4>
      }
      tile.host_exchange "out" {
        tile.host_copy %t[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<4>
      }
    }
  }
  host.program preset("cpu") {
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
      %y = tile.launch @k(%x) : (tensor<4xf32>) -> tensor<4xf32>
      return %y : tensor<4xf32>
    }
  }
}

// -----

// Only constants are loaded with the program (untimed); activations come by host exchange.
module {
  tile.ipu preset("gc200") tiles(2) memory_bytes(4096) workers(6) clock_hz(1.33e9) fields {} {
    tile.kernel @k(%x: tensor<4xf32>) -> tensor<4xf32> {
      %t = tile.tensor "x" tiles [0] offset(0) : !tile.tensor<4>
      // expected-error @+1 {{initialises tile memory from a tensor that is not a constant; only weights are resident with the program}}
      tile.init %t[tile(0), 0:4] from %x view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<4>, tensor<4xf32>
      tile.host_exchange "out" {
        tile.host_copy %t[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<4>
      }
    }
  }
  host.program preset("cpu") {
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
      %y = tile.launch @k(%x) : (tensor<4xf32>) -> tensor<4xf32>
      return %y : tensor<4xf32>
    }
  }
}

// -----

// All inits of a segment load before its first step: a later launch's constants must not
// sit in words an earlier launch of the segment uses (here the same kernel launched twice
// with different weights: the second weights would replace the first before they are used).
module {
  tile.ipu preset("gc200") tiles(2) memory_bytes(4096) workers(6) clock_hz(1.33e9) fields {} {
    tile.kernel @scale(%x: tensor<4xf32>, %s: tensor<4xf32>) -> tensor<4xf32> {
      %t = tile.tensor "x" tiles [0] offset(0) : !tile.tensor<4>
      %w = tile.tensor "s" tiles [0] offset(4) : !tile.tensor<4>
      // expected-error @+1 {{loads words [4, 8) of tile 0 that an earlier launch of the same device segment uses}}
      tile.init %w[tile(0), 0:4] from %s view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<4>, tensor<4xf32>
      tile.host_exchange "in" {
        tile.host_copy %x view(#tile.view<dims = [[4, 1]]>) to %t[tile(0), 0:4] : tensor<4xf32>, !tile.tensor<4>
      }
      tile.compute_set "mul" {
        tile.vertex mul tile(0) out(%t[0:4]) a(%t[0:4]) b(%w[0:4]) : !tile.tensor<4>, !tile.tensor<4>, !tile.tensor<4>
      }
      tile.host_exchange "out" {
        tile.host_copy %t[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<4>
      }
    }
  }
  host.program preset("cpu") {
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
      %s1 = dataflow.constant dense<2.0> : tensor<4xf32>
      %s2 = dataflow.constant dense<3.0> : tensor<4xf32>
      %y = tile.launch @scale(%x, %s1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      %z = tile.launch @scale(%y, %s2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
      return %z : tensor<4xf32>
    }
  }
}

// -----

// A launched kernel must be mapped to tiles.
module {
  tile.ipu preset("gc200") tiles(2) memory_bytes(4096) workers(6) clock_hz(1.33e9) fields {} {
    tile.kernel @relu(%x: tensor<4xf32>) -> tensor<4xf32> {
      %r = dataflow.unary relu %x : tensor<4xf32> -> tensor<4xf32>
      tile.outputs %r : tensor<4xf32>
    }
  }
  host.program preset("cpu") {
    func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
      // expected-error @+1 {{launches kernel @relu, which is not mapped to tiles (its body holds no tile ops)}}
      %y = tile.launch @relu(%x) : (tensor<4xf32>) -> tensor<4xf32>
      return %y : tensor<4xf32>
    }
  }
}
