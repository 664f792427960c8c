// RUN: accel-opt %s --split-input-file --verify-diagnostics

// One case per verifier rule of the tile dialect (docs/dialect-tile.md).

// A tile tensor has at least one word.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    // expected-error @+1 {{tile tensor must have at least 1 word, got 0}}
    %x = tile.tensor "x" tiles [0] : !tile.tensor<0>
  }
}

// -----

// A view dim has at least one element.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    // expected-error @+1 {{view dim #0 size must be at least 1, got 0}}
    tile.init %x[tile(0), 0:1] from %arg0 view(#tile.view<dims = [[0, 1]]>) : !tile.tensor<16>, tensor<4xf32>
  }
}

// -----

// A view's base and strides are at most 2^40 in magnitude.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    // expected-error @+1 {{view dim #0 stride 2199023255553 is out of range}}
    tile.init %x[tile(0), 0:1] from %arg0 view(#tile.view<dims = [[1, 2199023255553]]>) : !tile.tensor<16>, tensor<4xf32>
  }
}

// -----

// A view has at most 2^32 elements.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    // expected-error @+1 {{view has more than 2^32 elements}}
    tile.init %x[tile(0), 0:1] from %arg0 view(#tile.view<dims = [[65536, 1], [65536, 1], [2, 1]]>) : !tile.tensor<16>, tensor<4xf32>
  }
}

// -----

// ipu sizes are positive.
// expected-error @+1 {{tiles must be positive, got 0}}
tile.ipu preset("test") tiles(0) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
}

// -----

// A tile holds at least one word.
// expected-error @+1 {{memory_bytes must hold at least one 32-bit word, got 2}}
tile.ipu preset("test") tiles(2) memory_bytes(2) workers(6) clock_hz(1.0e9) fields {} {
}

// -----

// The clock is positive.
// expected-error @+1 {{clock_hz must be positive}}
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(0.0) fields {} {
}

// -----

// An ipu holds only kernels.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{is not allowed in a tile.ipu: it holds only tile.kernel ops}}
  func.func @f() {
    return
  }
}

// -----

// A kernel lives in an ipu.
// expected-error @+1 {{expects parent op 'tile.ipu'}}
tile.kernel @k() {
  tile.sync
}

// -----

// Kernel arguments are ranked tensors.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{argument #0 must be a ranked tensor, got 'f32'}}
  tile.kernel @k(%arg0: f32) {
  }
}

// -----

// A mapped kernel holds only tile ops.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    // expected-error @+1 {{is not allowed in a mapped tile.kernel}}
    %r = dataflow.unary relu %arg0 : tensor<4xf32> -> tensor<4xf32>
  }
}

// -----

// Declarations precede the program steps.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    tile.sync
    // expected-error @+1 {{must precede the kernel's program steps (first: tile.sync)}}
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
  }
}

// -----

// Step names are unique per kind.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
    }
    // expected-error @+1 {{name 'cs' is used by another compute set of kernel @k}}
    tile.compute_set "cs" {
    }
  }
}

// -----

// Every result is written by a host copy.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{result #0 is never written by a tile.host_copy to result(0)}}
  tile.kernel @k() -> tensor<4xf32> {
    tile.sync
  }
}

// -----

// Placed tensors sharing a tile do not overlap (tensors without uses are live for the
// whole kernel).
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0, 1] offset(0) : !tile.tensor<16>
    // expected-error @+1 {{words [8, 16) on tile 1 overlap tensor 'x' at [0, 16)}}
    %y = tile.tensor "y" tiles [1] offset(8) : !tile.tensor<8>
    tile.sync
  }
}

// -----

// Placed tensors sharing a tile do not overlap while both are live: a is live until
// "second", which writes b into the same words.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %a = tile.tensor "a" tiles [0] offset(0) : !tile.tensor<8>
    // expected-error @+1 {{words [4, 8) on tile 0 overlap tensor 'a' at [0, 8) while both are live ('a' over the kernel's top-level ops 2..4, this tensor over 4..4)}}
    %b = tile.tensor "b" tiles [0] offset(4) : !tile.tensor<4>
    tile.compute_set "first" {
      tile.vertex fill tile(0) out(%a[0:8]) value(0.0) : !tile.tensor<8>
    }
    tile.sync
    tile.compute_set "second" {
      tile.vertex copy tile(0) out(%b[0:4]) a(%a[0:4]) : !tile.tensor<4>, !tile.tensor<8>
    }
  }
}

// -----

// A launch names a kernel of an ipu.
func.func @main(%x: tensor<4xf32>) {
  // expected-error @+1 {{@nope does not name a tile.kernel of a tile.ipu in scope}}
  tile.launch @nope(%x) : (tensor<4xf32>) -> ()
  return
}

// -----

// Launch types match the kernel.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
  }
}
func.func @main(%x: tensor<8xf32>) {
  // expected-error @+1 {{input #0 has type 'tensor<8xf32>' but kernel @k expects 'tensor<4xf32>'}}
  tile.launch @k(%x) : (tensor<8xf32>) -> ()
  return
}

// -----

// Launch arity matches the kernel.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
  }
}
func.func @main() {
  // expected-error @+1 {{has 0 inputs but kernel @k takes 1}}
  tile.launch @k() : () -> ()
  return
}

// -----

// A tensor lives on at least one tile.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    // expected-error @+1 {{must live on at least one tile}}
    %x = tile.tensor "x" tiles [] : !tile.tensor<16>
  }
}

// -----

// A tensor's tiles exist.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    // expected-error @+1 {{tile 2 is out of range: the ipu has 2 tiles}}
    %x = tile.tensor "x" tiles [0, 2] : !tile.tensor<16>
  }
}

// -----

// A tensor's tiles are strictly increasing.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    // expected-error @+1 {{tiles must be strictly increasing, got 1 then 1}}
    %x = tile.tensor "x" tiles [1, 1] : !tile.tensor<16>
  }
}

// -----

// A tensor's offset is non-negative.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    // expected-error @+1 {{offset must be non-negative, got -4}}
    %x = tile.tensor "x" tiles [0] offset(-4) : !tile.tensor<16>
  }
}

// -----

// A tensor fits in tile memory.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    // expected-error @+1 {{occupies words [250, 266) beyond the 256 words of tile memory}}
    %x = tile.tensor "x" tiles [0] offset(250) : !tile.tensor<16>
  }
}

// -----

// An init writes a tile the tensor lives on.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    // expected-error @+1 {{tensor 'x' does not live on tile 1}}
    tile.init %x[tile(1), 0:4] from %arg0 view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<16>, tensor<4xf32>
  }
}

// -----

// An init's slice lies inside the tensor.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    // expected-error @+1 {{slice [14, 18) is out of bounds: tensor 'x' has 16 words}}
    tile.init %x[tile(0), 14:4] from %arg0 view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<16>, tensor<4xf32>
  }
}

// -----

// An init's slice holds the view's elements.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    // expected-error @+1 {{slice length 8 does not match the view's 4 elements}}
    tile.init %x[tile(0), 0:8] from %arg0 view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<16>, tensor<4xf32>
  }
}

// -----

// A compute set holds only vertices.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    tile.compute_set "cs" {
      // expected-error @+1 {{is not allowed in a tile.compute_set: it holds only tile.vertex ops}}
      tile.sync
    }
  }
}

// -----

// A codelet takes only its own parameters.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{codelet add takes no count}}
      tile.vertex add tile(0) out(%x[0:4]) a(%x[4:4]) b(%x[8:4]) count(2) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A codelet gets every operand it needs.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{codelet matmul needs operand b}}
      tile.vertex matmul tile(0) out(%x[0:4]) a(%x[4:4]) m(2) k(2) n(2) : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A unary vertex names its function.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{codelet unary needs a unary function}}
      tile.vertex unary tile(0) out(%x[0:4]) a(%x[0:4]) : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A vertex's tile exists.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{tile 5 is out of range: the ipu has 2 tiles}}
      tile.vertex copy tile(5) out(%x[0:4]) a(%x[4:4]) : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A vertex's operands live on its tile.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    %y = tile.tensor "y" tiles [1] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{a tensor 'y' does not live on tile 0 (it lives on tiles [1])}}
      tile.vertex copy tile(0) out(%x[0:4]) a(%y[0:4]) : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A slice has at least one word.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{out slice length must be at least 1, got 0}}
      tile.vertex fill tile(0) out(%x[0:0]) value(1.0) : !tile.tensor<16>
    }
  }
}

// -----

// A slice lies inside its tensor.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{b slice [12, 20) is out of bounds: tensor 'x' has 16 words}}
      tile.vertex sub tile(0) out(%x[0:8]) a(%x[0:8]) b(%x[12:8]) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// MatMul dims are positive.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{matmul dims must be positive, got m 0, k 2, n 2}}
      tile.vertex matmul tile(0) out(%x[0:4]) a(%x[4:4]) b(%x[8:4]) m(0) k(2) n(2) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// MatMul slices hold m*k, k*n and m*n words.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{matmul 2x2x2 needs a 4, b 4, out 4 words; has a 4, b 8, out 4}}
      tile.vertex matmul tile(0) out(%x[0:4]) a(%x[4:4]) b(%x[8:8]) m(2) k(2) n(2) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// MatMul's output is disjoint from its inputs.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{out [0, 4) overlaps a [0, 4) of 'x' (matmul needs them disjoint)}}
      tile.vertex matmul tile(0) out(%x[0:4]) a(%x[0:4]) b(%x[8:4]) m(2) k(2) n(2) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// Elementwise a has out's length.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{length mismatch: out has 4 words but a has 2}}
      tile.vertex max tile(0) out(%x[0:4]) a(%x[4:2]) b(%x[8:4]) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// Elementwise b has out's length or 1.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{length mismatch: out has 4 words but b has 2 (b is out.len words or 1)}}
      tile.vertex min tile(0) out(%x[0:4]) a(%x[4:4]) b(%x[8:2]) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// Elementwise operands are in place or disjoint.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{out [0, 4) overlaps a [2, 6) of 'x' partly}}
      tile.vertex copy tile(0) out(%x[0:4]) a(%x[2:4]) : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A broadcast b is not overwritten.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{out [0, 4) overlaps b [3, 4) of 'x' (mul needs them disjoint when b is broadcast)}}
      tile.vertex mul tile(0) out(%x[0:4]) a(%x[0:4]) b(%x[3:1]) : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A reduction's count is at least 1.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{count must be at least 1, got 0}}
      tile.vertex reduce_add tile(0) out(%x[0:1]) a(%x[4:4]) count(0) : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A reduction reads out.len * count words.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.compute_set "cs" {
      // expected-error @+1 {{length mismatch: a has 6 words but out.len * count = 2 * 4 = 8}}
      tile.vertex reduce_max tile(0) out(%x[0:2]) a(%x[4:6]) count(4) : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// An exchange holds only transfers.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    tile.exchange "ex" {
      // expected-error @+1 {{is not allowed in a tile.exchange: it holds only tile.transfer ops}}
      tile.sync
    }
  }
}

// -----

// A transfer has a destination.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.exchange "ex" {
      // expected-error @+1 {{needs at least one destination}}
      tile.transfer %x[tile(0), 0:4] to [] : !tile.tensor<16>
    }
  }
}

// -----

// A transfer's source tile exists.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.exchange "ex" {
      // expected-error @+1 {{source tile 3 is out of range: the ipu has 2 tiles}}
      tile.transfer %x[tile(3), 0:4] to [%x[tile(0), 4]] : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A transfer's destination tensor lives on the destination tile.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.exchange "ex" {
      // expected-error @+1 {{destination #0 tensor 'x' does not live on tile 1}}
      tile.transfer %x[tile(0), 0:4] to [%x[tile(1), 4]] : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A transfer's destination lies inside its tensor.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.exchange "ex" {
      // expected-error @+1 {{destination #1 slice [14, 18) is out of bounds}}
      tile.transfer %x[tile(0), 0:4] to [%x[tile(0), 4], %x[tile(0), 14]] : !tile.tensor<16>, !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// An exchange's destinations do not overlap.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.exchange "ex" {
      tile.transfer %x[tile(0), 0:4] to [%x[tile(0), 4]] : !tile.tensor<16>, !tile.tensor<16>
      // expected-error @+1 {{writes words [6, 8) of tensor 'x' on tile 0, overlapping words [4, 8)}}
      tile.transfer %x[tile(0), 0:2] to [%x[tile(0), 6]] : !tile.tensor<16>, !tile.tensor<16>
    }
  }
}

// -----

// A host exchange holds only host copies.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    tile.host_exchange "in" {
      // expected-error @+1 {{is not allowed in a tile.host_exchange: it holds only tile.host_copy ops}}
      tile.sync
    }
  }
}

// -----

// A host copy's slice holds the view's elements.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<8xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.host_exchange "in" {
      // expected-error @+1 {{slice length 4 does not match the view's 8 elements}}
      tile.host_copy %arg0 view(#tile.view<dims = [[8, 1]]>) to %x[tile(0), 0:4] : tensor<8xf32>, !tile.tensor<16>
    }
  }
}

// -----

// A host copy writes a result of the kernel.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() -> tensor<4xf32> {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.host_exchange "out" {
      // expected-error @+1 {{result 1 is out of range: kernel @k has 1 result(s)}}
      tile.host_copy %x[tile(0), 0:4] to result(1) view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<16>
      tile.host_copy %x[tile(0), 0:4] to result(0) view(#tile.view<dims = [[4, 1]]>) : !tile.tensor<16>
    }
  }
}

// -----

// A host copy goes one way.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.host_exchange "in" {
      // expected-error @+1 {{needs exactly one of a source (to the device) and a result index (to the host)}}
      "tile.host_copy"(%arg0, %x) <{tile = 0 : i64, slice = array<i64: 0, 4>, result_index = 0 : i64, view = #tile.view<dims = [[4, 1]]>}> : (tensor<4xf32>, !tile.tensor<16>) -> ()
    }
  }
}

// -----

// Copies to the device do not overlap.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k(%arg0: tensor<4xf32>) {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    tile.host_exchange "in" {
      tile.host_copy %arg0 view(#tile.view<dims = [[4, 1]]>) to %x[tile(0), 0:4] : tensor<4xf32>, !tile.tensor<16>
      // expected-error @+1 {{writes words [2, 6) of tensor 'x' on tile 0, overlapping words [0, 4)}}
      tile.host_copy %arg0 view(#tile.view<dims = [[4, 1]]>) to %x[tile(0), 2:4] : tensor<4xf32>, !tile.tensor<16>
    }
  }
}

// -----

// A repeat runs at least once.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    // expected-error @+1 {{count must be in [1, 2^24], got 0}}
    tile.repeat 0 {
    }
  }
}

// -----

// Repeats nest at most 8 deep.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    tile.repeat 2 { tile.repeat 2 { tile.repeat 2 { tile.repeat 2 { tile.repeat 2 { tile.repeat 2 { tile.repeat 2 { tile.repeat 2 {
      // expected-error @+1 {{is nested 9 deep; repeats nest at most 8 deep}}
      tile.repeat 2 {
      }
    } } } } } } } }
  }
}

// -----

// A repeat holds only program steps.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    tile.repeat 2 {
      // expected-error @+1 {{is not allowed in a tile.repeat: it holds program steps}}
      %x = tile.tensor "x" tiles [0] : !tile.tensor<16>
    }
  }
}

// -----

// A conv needs its window.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{codelet conv needs window}}
      tile.vertex conv tile(0) out(%x[0:4]) a(%x[8:9]) b(%x[20:4]) : !tile.tensor<64>, !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Only matmul takes transpose_b.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{codelet add takes no transpose_b}}
      tile.vertex add tile(0) out(%x[0:4]) a(%x[0:4]) b(%x[8:4]) transpose_b : !tile.tensor<64>, !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Only avg_pool takes count_pad.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{codelet max_pool takes no count_pad}}
      tile.vertex max_pool tile(0) out(%x[0:4]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>) count_pad : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A unary function with a parameter needs it.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{unary leaky_relu needs value}}
      tile.vertex unary leaky_relu tile(0) out(%x[0:4]) a(%x[0:4]) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A unary function without parameters takes none.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{unary relu takes no value}}
      tile.vertex unary relu tile(0) out(%x[0:4]) a(%x[0:4]) value(1.0) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// hard_sigmoid takes alpha and beta.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{unary hard_sigmoid needs value2}}
      tile.vertex unary hard_sigmoid tile(0) out(%x[0:4]) a(%x[0:4]) value(0.2) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// clamp takes its lower and upper bound.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{codelet clamp needs value2}}
      tile.vertex clamp tile(0) out(%x[0:4]) a(%x[0:4]) value(0.0) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Window sizes are positive.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window kh must be in [1, 2^32), got 0}}
      tile.vertex max_pool tile(0) out(%x[0:4]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 0, kw = 2, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Window strides and dilations are in [1, 2^16].
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window sh must be in [1, 2^16], got 0}}
      tile.vertex max_pool tile(0) out(%x[0:4]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, sh = 0, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Window padding is never negative (a smaller slab crops instead).
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window padding must be in [0, 2^16], got ph -1, pw 0}}
      tile.vertex max_pool tile(0) out(%x[0:4]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, ph = -1, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A window has at most 2^20 taps.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window has 2048 x 1024 taps, at most 2^20}}
      tile.vertex max_pool tile(0) out(%x[0:4]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2048, kw = 1024, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A pool keeps its channels.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{a pool keeps its channels: window cout 2 must equal c 1}}
      tile.vertex avg_pool tile(0) out(%x[0:4]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 2>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// out has cout * oh * ow words.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window needs out of cout * oh * ow = 1 * 2 * 2 words, has 5}}
      tile.vertex max_pool tile(0) out(%x[0:5]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// a has c * h * w words.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window needs a of c * h * w = 1 * 3 * 3 words, has 8}}
      tile.vertex max_pool tile(0) out(%x[0:4]) a(%x[8:8]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A conv's b has cout * c * kh * kw words.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window needs b of cout * c * kh * kw = 1 * 1 * 2 * 2 words, has 5}}
      tile.vertex conv tile(0) out(%x[0:4]) a(%x[8:9]) b(%x[20:5]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Every pool window meets the slab (a max or mean over nothing is undefined).
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window of output row 2 has no row inside the slab of 3 rows}}
      tile.vertex max_pool tile(0) out(%x[0:3]) a(%x[8:9]) window(#tile.window<c = 1, h = 3, w = 3, oh = 3, ow = 1, kh = 1, kw = 1, sh = 2, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Dilation can step over a narrow slab.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{window of output column 0 has no column inside the slab of 1 columns}}
      tile.vertex avg_pool tile(0) out(%x[0:1]) a(%x[8:1]) window(#tile.window<c = 1, h = 1, w = 1, oh = 1, ow = 1, kh = 1, kw = 2, dw = 2, pw = 1, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A conv's out is disjoint from its inputs.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{out [0, 4) overlaps a [2, 11) of 'x' (conv needs them disjoint)}}
      tile.vertex conv tile(0) out(%x[0:4]) a(%x[2:9]) b(%x[20:4]) window(#tile.window<c = 1, h = 3, w = 3, oh = 2, ow = 2, kh = 2, kw = 2, cout = 1>) : !tile.tensor<64>, !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Transpose dims are positive.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{transpose dims must be positive, got count 0, m 2, n 3}}
      tile.vertex transpose tile(0) out(%x[0:6]) a(%x[8:6]) m(2) n(3) count(0) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// Transpose slices hold count * m * n words.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{transpose of count * m * n = 1 * 2 * 3 words needs a and out of that length; has a 5, out 6}}
      tile.vertex transpose tile(0) out(%x[0:6]) a(%x[8:5]) m(2) n(3) count(1) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A transpose's out is disjoint from a.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{out [0, 6) overlaps a [3, 9) of 'x' (transpose needs them disjoint)}}
      tile.vertex transpose tile(0) out(%x[0:6]) a(%x[3:6]) m(2) n(3) count(1) : !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A binary codelet's a has out's length or 1.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{length mismatch: out has 4 words but a has 2 (a is out.len words or 1)}}
      tile.vertex add tile(0) out(%x[0:4]) a(%x[4:2]) b(%x[8:4]) : !tile.tensor<64>, !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A broadcast a is not overwritten.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    %x = tile.tensor "x" tiles [0] : !tile.tensor<64>
    tile.compute_set "cs" {
      // expected-error @+1 {{out [0, 4) overlaps a [3, 4) of 'x' (sub needs them disjoint when a is broadcast)}}
      tile.vertex sub tile(0) out(%x[0:4]) a(%x[3:1]) b(%x[8:4]) : !tile.tensor<64>, !tile.tensor<64>, !tile.tensor<64>
    }
  }
}

// -----

// A layer has a name.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{layer name must not be empty}}
  tile.kernel @k() attributes {layers = [#tile.layer<"", flops = 1>]} {
  }
}

// -----

// A layer's FLOPs are not negative.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{layer flops must be non-negative, got -1}}
  tile.kernel @k() attributes {layers = [#tile.layer<"fc", flops = -1>]} {
  }
}

// -----

// A kernel's layers are not empty.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  // expected-error @+1 {{layers must not be empty (without it the kernel is one layer)}}
  tile.kernel @k() attributes {layers = []} {
    tile.sync
  }
}

// -----

// A step's layer is one of its kernel's layers.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() attributes {layers = [#tile.layer<"a", flops = 1>, #tile.layer<"b", flops = 1>]} {
    // expected-error @+1 {{layer 2 is out of range: kernel @k has 2 layer(s)}}
    tile.sync layer(2)
  }
}

// -----

// Without `layers` a kernel is one layer.
tile.ipu preset("test") tiles(2) memory_bytes(1024) workers(6) clock_hz(1.0e9) fields {} {
  tile.kernel @k() {
    tile.repeat 2 {
      // expected-error @+1 {{layer 1 is out of range: kernel @k has 1 layer(s) (no `layers` attribute: the kernel is one layer)}}
      tile.compute_set "cs" layer(1) {
      }
    }
  }
}
